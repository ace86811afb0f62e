//! `kano plan`: how many respondents to ask, before the survey goes out.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::error::Error;
use crate::output::Output;
use crate::plan;
use crate::report;

/// Examples shown at the end of `kano plan --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano plan --precision 0.1
  kano plan --precision 0.05 --expected 0.3 --loss 0.25
  kano plan --gap 0.15 --format json | jq .n_invite";

/// Output formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Sentences for the terminal.
    Text,
    /// One object: precision, expected, gap, loss, n_coefficients, n_fong, n_invite.
    Json,
}

/// Arguments of `kano plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The wanted half-width of the 95% Wilson intervals of Better and Worse, e.g. 0.1 for
    /// +/- 0.1.
    #[arg(long, value_name = "HALF_WIDTH", default_value_t = 0.1)]
    pub precision: f64,

    /// The Better or Worse share you expect (0-1); the worst case 0.5 when absent.
    #[arg(long, value_name = "P")]
    pub expected: Option<f64>,

    /// The gap between two categories' shares (0-1) that Fong's test should call significant.
    #[arg(long, value_name = "G", default_value_t = 0.1)]
    pub gap: f64,

    /// The share of answers (0-1) expected to be missing, reverse or questionable.
    #[arg(long, value_name = "L", default_value_t = 0.15)]
    pub loss: f64,

    /// Output format. [default: text, or the one --output's extension names: .json, .csv, .md, .xlsx, ...]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Do not print notes and warnings on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

fn check_share(flag: &str, value: f64, ok: bool, hint: &str) -> Result<(), Error> {
    if ok && value.is_finite() {
        return Ok(());
    }
    // `{:?}` writes 1e-308 as such, where `{}` writes 308 digits.
    Err(Error::usage(
        format!("--{flag} {value:?} is out of range"),
        hint.to_string(),
    ))
}

/// Validates the arguments into a plan.
pub fn to_plan(args: &Args) -> Result<plan::Plan, Error> {
    let p = args.precision;
    check_share(
        "precision",
        p,
        p > 0.0 && p <= 0.5,
        "give a half-width above 0 and at most 0.5, e.g. --precision 0.1 for +/- 0.1",
    )?;
    let expected = args.expected.unwrap_or(0.5);
    check_share(
        "expected",
        expected,
        (0.0..=1.0).contains(&expected),
        "give the share you expect for Better or |Worse|, between 0 and 1, e.g. 0.3",
    )?;
    let g = args.gap;
    check_share(
        "gap",
        g,
        g > 0.0 && g <= 1.0,
        "give a gap between two categories' shares above 0 and at most 1, e.g. --gap 0.1",
    )?;
    let l = args.loss;
    check_share(
        "loss",
        l,
        (0.0..1.0).contains(&l),
        "give the share of lost answers, at least 0 and below 1, e.g. --loss 0.15",
    )?;
    let plan = plan::plan(p, expected, g, l);
    let too_many = |flag: &str, value: f64, hint: &str| {
        Error::usage(
            format!(
                "--{flag} {value:?} would need more than {} respondents; kano plan stops there",
                plan::MAX_PLANNED
            ),
            hint.to_string(),
        )
    };
    if plan.n_coefficients > plan::MAX_PLANNED {
        return Err(too_many(
            "precision",
            p,
            "give a half-width of 0.001 or more, e.g. --precision 0.05",
        ));
    }
    if plan.n_fong > plan::MAX_PLANNED {
        return Err(too_many(
            "gap",
            g,
            "give a gap of 0.001 or more, e.g. --gap 0.1",
        ));
    }
    if plan.n_invite > plan::MAX_PLANNED {
        return Err(too_many(
            "loss",
            l,
            "give the share of lost answers you expect, e.g. --loss 0.15, or a larger \
             --precision or --gap",
        ));
    }
    Ok(plan)
}

/// Runs `kano plan`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = crate::output::pick_format(
        args.format,
        args.output.as_deref(),
        Format::Text,
        args.quiet,
    )?;
    let plan = to_plan(args)?;
    let mut output = Output::open(args.output.as_deref())?;
    match format {
        Format::Text => report::plan::render_text(&plan, output.writer())?,
        Format::Json => report::plan::render_json(&plan, output.writer())?,
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
