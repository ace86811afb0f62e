//! `kano man`: the man pages in roff, generated from the clap definition: kano(1) and one page
//! per subcommand (kano-analyze(1), ...), each with EXAMPLES, EXIT STATUS and ENVIRONMENT.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{printable, Error};
use crate::output::Output;

/// Examples shown at the end of `kano man --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano man | man -l -
  kano man analyze | man -l -
  kano man --dir ~/.local/share/man/man1";

/// Arguments of `kano man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The subcommand whose page to print (e.g. analyze) [default: the page of kano itself].
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
    pub subcommand: Option<String>,

    /// Write every page into DIR instead (kano.1, kano-analyze.1, ...), each atomically.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The EXIT STATUS section.
const EXIT_STATUS: &str = "\
0  success (a closed pipe, as in `kano analyze big.csv | head`, also ends with 0)
1  the command ran and a check failed (kano check)
2  an error: bad input or bad usage";

/// The ENVIRONMENT section.
const ENVIRONMENT: &str = "\
NO_COLOR        when set and not empty, no colour (unless --color always)
CLICOLOR        0: no colour on a terminal (unless --color always)
CLICOLOR_FORCE  when set and not 0, colour even when not a terminal (--color never wins)";

/// `text` as roff lines shown as they are (no filling), escaped.
fn verbatim(text: &str) -> String {
    let mut roff = String::from(".nf\n");
    for line in text.lines() {
        let line = line.replace('\\', "\\e");
        let line = if line.starts_with(['.', '\'']) {
            format!("\\&{line}")
        } else {
            line
        };
        roff.push_str(&line);
        roff.push('\n');
    }
    roff.push_str(".fi\n");
    roff
}

/// Renders the page of `cmd` (already built, so that a subcommand is named kano-NAME).
fn render(cmd: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(out)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    if let Some(examples) = cmd.get_after_help() {
        let text = examples.to_string();
        let text = text.strip_prefix("Examples:\n").unwrap_or(&text);
        write!(out, ".SH EXAMPLES\n{}", verbatim(text))?;
    }
    write!(out, ".SH \"EXIT STATUS\"\n{}", verbatim(EXIT_STATUS))?;
    write!(out, ".SH ENVIRONMENT\n{}", verbatim(ENVIRONMENT))?;
    man.render_version_section(out)
}

/// The command line, built, with the pages it has: kano's, then each subcommand's.
fn pages() -> Vec<clap::Command> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let mut pages = vec![cli.clone()];
    pages.extend(cli.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    pages
}

/// Writes the man page(s) `args` ask for.
pub fn run(args: &Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let pages = pages();
    if let Some(dir) = &args.dir {
        for page in &pages {
            let name = page.get_display_name().unwrap_or(page.get_name());
            let path = dir.join(format!("{name}.1"));
            let mut output = Output::open(Some(&path))?;
            render(page, output.writer())?;
            output.finish()?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let page = match &args.subcommand {
        None => &pages[0],
        Some(wanted) => pages[1..]
            .iter()
            .find(|p| p.get_name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = pages[1..].iter().map(|p| p.get_name()).collect();
                Error::usage(
                    format!("kano has no subcommand \"{}\"", printable(wanted)),
                    format!("give one of {}", names.join(", ")),
                )
            })?,
    };
    render(page, out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
