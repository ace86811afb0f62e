//! Where a command's output goes: stdout, or a file written to a temporary sibling and renamed
//! into place on success, so no half-written file is ever left behind.
//!
//! `-o` onto something that is not a regular file (a device such as `/dev/null`, a FIFO,
//! anything under `/dev/` or `/proc/` such as `/dev/stdout`) writes through it directly: renaming
//! a file over it would replace the device node. `-o` onto a symbolic link replaces the file the
//! link points to (the temporary file beside it, renamed onto the resolved path) and keeps the
//! link. On SIGINT, SIGTERM or SIGHUP the temporary files still open are removed before exiting.

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::Context;
use clap::ValueEnum;
use tempfile::NamedTempFile;

/// The exit code after an interrupt (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: i32 = 130;

/// Temporary output files not yet renamed into place: removed by the signal handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs, once, the handler that removes pending temporary files on SIGINT, SIGTERM or
/// SIGHUP and exits. Without it an interrupted `-o` run left a hidden `.tmpXXXX` file beside
/// the target.
fn remove_temporaries_on_signals() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let installed = ctrlc::set_handler(|| {
            let pending = PENDING.lock().map(|p| p.clone()).unwrap_or_default();
            for path in &pending {
                let _ = fs::remove_file(path);
            }
            eprintln!("kano: interrupted; the output file was not written");
            std::process::exit(EXIT_INTERRUPTED);
        });
        if let Err(e) = installed {
            eprintln!("kano: warning: cannot catch interrupts ({e}); an interrupted run may leave a .tmp file beside the output");
        }
    });
}

fn register(path: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(path.to_path_buf());
    }
}

fn unregister(path: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.retain(|p| p != path);
    }
}

/// The error for binary output bound for a terminal; `Ok` when `to_terminal` is false.
pub fn refuse_binary(to_terminal: bool, format: &str) -> Result<(), crate::error::Error> {
    if to_terminal {
        return Err(crate::error::Error::usage(
            format!("{format} is a binary format and standard output is a terminal"),
            format!("write it to a file with --output results.{format}, or redirect: > results.{format}"),
        ));
    }
    Ok(())
}

/// The `--format` value names an output file's extension stands for, most specific first
/// (`.txt` is the text format under whichever name the subcommand gives it).
fn extension_formats(ext: &str) -> Option<&'static [&'static str]> {
    Some(match ext {
        "json" => &["json"],
        "csv" => &["csv"],
        "md" | "markdown" => &["markdown"],
        "xlsx" => &["xlsx"],
        "svg" => &["svg"],
        "html" | "htm" => &["html"],
        "xml" => &["junit"],
        "toml" => &["toml"],
        "txt" | "text" => &["text", "qualtrics"],
        _ => return None,
    })
}

/// Formats that never go into a `.txt` file, even when asked for by name.
const NOT_TEXT: [&str; 3] = ["xlsx", "svg", "html"];

/// The `--format` value name of `format`.
fn format_name<F: ValueEnum>(format: &F) -> String {
    format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// The output format of a run: `given` by `--format`, else the one `--output`'s extension names,
/// else `default`. Refuses a `--format` that contradicts the extension (`-f json -o x.csv`) and an
/// extension naming a format the subcommand cannot write (`kano inspect -o x.xlsx`), so a file is
/// never written in a format its name belies. Standard output, devices and names without a known
/// extension take `given` or `default` (an unknown extension is said on stderr unless `quiet`).
pub fn pick_format<F: ValueEnum + Copy>(
    given: Option<F>,
    path: Option<&Path>,
    default: F,
    quiet: bool,
) -> Result<F, crate::error::Error> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-" && !written_through(p)) else {
        return Ok(given.unwrap_or(default));
    };
    let shown = crate::error::printable(&path.display().to_string());
    let Some(ext) = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
    else {
        return Ok(given.unwrap_or(default));
    };
    let Some(names) = extension_formats(&ext) else {
        let format = given.unwrap_or(default);
        if given.is_none() && !quiet {
            eprintln!(
                "kano: note: --output {shown}: .{} names no format kano knows; writing {} \
                 (choose with --format)",
                crate::error::printable(&ext),
                format_name(&format)
            );
        }
        return Ok(format);
    };
    let supported: Vec<String> = F::value_variants().iter().map(format_name).collect();
    let names_this =
        |name: &str| names.contains(&name) || (ext == "txt" && !NOT_TEXT.contains(&name));
    match given {
        Some(format) if names_this(&format_name(&format)) => Ok(format),
        Some(format) => Err(crate::error::Error::usage(
            format!(
                "--format {} contradicts --output {shown}, whose extension .{ext} names another \
                 format",
                format_name(&format)
            ),
            format!(
                "drop --format to write what the extension names, or name the file \
                 .{}",
                extension_of(&format_name(&format))
            ),
        )),
        None => names
            .iter()
            .find_map(|name| F::from_str(name, true).ok())
            .ok_or_else(|| {
                crate::error::Error::usage(
                    format!("--output {shown}: this subcommand cannot write .{ext} files"),
                    format!(
                        "give --format, one of {}, and a file name to match",
                        supported.join(", ")
                    ),
                )
            }),
    }
}

/// The outputs of a run that writes several files from one read (`-o a.json -o b.xlsx`), each
/// with its format: one path goes through [`pick_format`] as ever; with several, each takes its
/// format from its extension, so `--format` is refused, as are a repeated path, `-` more than
/// once (it is standard output, written in `default`), and an extension that names no format
/// the subcommand writes (the error lists those it does).
pub fn pick_formats<F: ValueEnum + Copy>(
    given: Option<F>,
    paths: &[PathBuf],
    default: F,
    quiet: bool,
) -> Result<Vec<(Option<PathBuf>, F)>, crate::error::Error> {
    use crate::error::Error;
    match paths {
        [] => return Ok(vec![(None, pick_format(given, None, default, quiet)?)]),
        [path] => {
            return Ok(vec![(
                Some(path.clone()),
                pick_format(given, Some(path), default, quiet)?,
            )])
        }
        _ => {}
    }
    if let Some(format) = given {
        return Err(Error::usage(
            format!(
                "--format {} names one format, but {} --output files are given",
                format_name(&format),
                paths.len()
            ),
            "drop --format: with several --output files each takes its format from its extension",
        ));
    }
    let extensions: Vec<String> = F::value_variants()
        .iter()
        .map(|f| format!(".{}", extension_of(&format_name(f))))
        .collect();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut picked = Vec::new();
    for path in paths {
        let shown = crate::error::printable(&path.display().to_string());
        let same = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        if seen.contains(&same) {
            let what = if path.as_os_str() == "-" {
                "standard output (`-`) is given more than once".to_string()
            } else {
                format!("--output {shown} is given more than once")
            };
            return Err(Error::usage(
                what,
                "give each output once; several --output files must differ",
            ));
        }
        seen.push(same);
        if path.as_os_str() == "-" {
            picked.push((Some(path.clone()), default));
            continue;
        }
        let known = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .and_then(|ext| extension_formats(&ext).map(|names| (ext, names)))
            .and_then(|(ext, names)| {
                let names_this = |name: &str| {
                    names.contains(&name) || (ext == "txt" && !NOT_TEXT.contains(&name))
                };
                names
                    .iter()
                    .find_map(|name| F::from_str(name, true).ok())
                    .or_else(|| {
                        F::value_variants()
                            .iter()
                            .copied()
                            .find(|f| names_this(&format_name(f)))
                    })
            });
        let Some(format) = known else {
            return Err(Error::usage(
                format!(
                    "--output {shown}: with several --output files each must name its format by \
                     its extension, and this one names none this subcommand writes"
                ),
                format!(
                    "end the name in one of {} (or give `-` once for the {} on standard output)",
                    extensions.join(", "),
                    format_name(&default)
                ),
            ));
        };
        picked.push((Some(path.clone()), format));
    }
    Ok(picked)
}

/// Refuses an output file whose extension names another format than the one a subcommand with a
/// single format writes (`kano report -o x.json` writes HTML; `kano init -o x.json` TOML), named
/// by its `--format`-style name; a name without a known extension is accepted as is.
pub fn check_extension(
    flag: &str,
    path: Option<&Path>,
    writes: &str,
) -> Result<(), crate::error::Error> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-" && !written_through(p)) else {
        return Ok(());
    };
    let Some(ext) = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
    else {
        return Ok(());
    };
    let Some(names) = extension_formats(&ext) else {
        return Ok(());
    };
    if names.contains(&writes) || (ext == "txt" && !NOT_TEXT.contains(&writes)) {
        return Ok(());
    }
    Err(crate::error::Error::usage(
        format!(
            "{flag} {}: the extension .{ext} names another format, but this subcommand writes \
             {writes}",
            crate::error::printable(&path.display().to_string())
        ),
        format!("name the file .{}", extension_of(writes)),
    ))
}

/// The usual extension of a format, by its `--format` name.
fn extension_of(name: &str) -> &str {
    match name {
        "markdown" => "md",
        "junit" => "xml",
        "text" | "qualtrics" | "github" => "txt",
        other => other,
    }
}

/// An open output destination.
pub enum Output {
    /// Standard output, buffered.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file that becomes `path` on [`Output::finish`].
    File {
        /// The temporary file.
        file: BufWriter<NamedTempFile>,
        /// The final path (a symbolic link's target, resolved).
        path: PathBuf,
    },
    /// A device, FIFO or other file that is not a regular file, written through directly.
    Direct {
        /// The open file.
        file: BufWriter<File>,
        /// The path given.
        path: PathBuf,
    },
}

/// Whether `path` is written through rather than replaced: it exists and is not a regular file
/// (after following links), or it lies under `/dev/` or `/proc/` (`/dev/stdout` redirected to a
/// file is the shell's file, not one to replace).
fn written_through(path: &Path) -> bool {
    let special = path.starts_with("/dev") || path.starts_with("/proc");
    special || fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

impl Output {
    /// Opens the destination before any long work starts: a bad path fails fast.
    pub fn open(path: Option<&Path>) -> anyhow::Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout())));
        };
        if path.is_dir() {
            anyhow::bail!(
                "{}: is a directory; give a file name to --output",
                path.display()
            );
        }
        if written_through(path) {
            let file = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(path)
                .with_context(|| format!("{}: cannot open it for writing", path.display()))?;
            return Ok(Output::Direct {
                file: BufWriter::new(file),
                path: path.to_path_buf(),
            });
        }
        // A symbolic link: replace its target, keep the link (a dangling link's target is
        // created).
        let target = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            resolve_link(path)?
        } else {
            path.to_path_buf()
        };
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        remove_temporaries_on_signals();
        let file = NamedTempFile::new_in(&dir).with_context(|| {
            format!(
                "{}: cannot write here (directory {}); check that it exists and is writable",
                path.display(),
                dir.display()
            )
        })?;
        register(file.path());
        Ok(Output::File {
            file: BufWriter::new(file),
            path: target,
        })
    }

    /// Whether output goes to standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self, Output::Stdout(_))
    }

    /// Refuses to write a binary `format` (xlsx) to a terminal, where it would only garble the
    /// screen; a pipe or a file is fine.
    pub fn refuse_binary_on_terminal(&self, format: &str) -> Result<(), crate::error::Error> {
        refuse_binary(self.is_stdout() && io::stdout().is_terminal(), format)
    }

    /// The writer.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { file, .. } => file,
            Output::Direct { file, .. } => file,
        }
    }

    /// Flushes, and for a file renames it into place.
    pub fn finish(self) -> anyhow::Result<()> {
        self.written()?.persist()
    }

    /// Finishes several outputs of one run: every one is flushed (each file to its temporary
    /// sibling, synced) before any is renamed into place, so a write that fails leaves none of
    /// them half-written.
    pub fn finish_all(outputs: Vec<Output>) -> anyhow::Result<()> {
        let written = outputs
            .into_iter()
            .map(Output::written)
            .collect::<anyhow::Result<Vec<_>>>()?;
        written.into_iter().try_for_each(Written::persist)
    }

    /// Flushes, and for a file syncs its temporary sibling, ready to rename.
    fn written(self) -> anyhow::Result<Written> {
        match self {
            Output::Stdout(mut w) => w.flush().context("writing to standard output")?,
            Output::Direct { mut file, path } => file
                .flush()
                .with_context(|| format!("{}: writing failed", path.display()))?,
            Output::File { file, path } => {
                let file = file
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("{}: writing failed", path.display()))?;
                file.as_file()
                    .sync_all()
                    .with_context(|| format!("{}: writing failed", path.display()))?;
                return Ok(Written::Temporary {
                    temp: file.into_temp_path(),
                    path,
                });
            }
        }
        Ok(Written::Done)
    }
}

/// An output written in full: done (standard output, a device), or a temporary file to rename.
enum Written {
    /// Nothing left to do.
    Done,
    /// A complete temporary file that becomes `path`.
    Temporary {
        /// The temporary file (removed when dropped unrenamed).
        temp: tempfile::TempPath,
        /// The final path.
        path: PathBuf,
    },
}

impl Written {
    /// Renames a temporary file into place.
    fn persist(self) -> anyhow::Result<()> {
        let Written::Temporary { temp, path } = self else {
            return Ok(());
        };
        let temp_path = temp.to_path_buf();
        // Keep the usual permissions of a new file rather than the 0600 of a temp file.
        if let Ok(meta) = fs::metadata(&temp) {
            let mut perms = meta.permissions();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                perms.set_mode(0o644);
            }
            let _ = fs::set_permissions(&temp, perms);
        }
        let persisted = temp.persist(&path);
        unregister(&temp_path);
        persisted
            .with_context(|| format!("{}: cannot move the output into place", path.display()))?;
        Ok(())
    }
}

/// The file a symbolic link finally points to, following chains of links, relative targets
/// taken from the link's directory.
fn resolve_link(link: &Path) -> anyhow::Result<PathBuf> {
    let mut path = link.to_path_buf();
    for _ in 0..40 {
        if !fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(path);
        }
        let target = fs::read_link(&path)
            .with_context(|| format!("{}: cannot read the link", path.display()))?;
        path = match path.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    anyhow::bail!(
        "{}: too many levels of symbolic links; give the file's own path to --output",
        link.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_keeps_being_a_link_and_its_target_gets_the_output() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
        let target = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&target, "old").unwrap_or_default();
        std::os::unix::fs::symlink("real.json", &link).unwrap_or_default();
        let mut output = Output::open(Some(&link)).unwrap_or_else(|e| unreachable!("{e}"));
        output.writer().write_all(b"new").unwrap_or_default();
        assert!(output.finish().is_ok());
        assert!(fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        assert_eq!(fs::read_to_string(&target).unwrap_or_default(), "new");
        assert_eq!(
            fs::read_dir(dir.path()).map(Iterator::count).unwrap_or(0),
            2
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_written_through() {
        assert!(written_through(Path::new("/dev/null")));
        assert!(written_through(Path::new("/dev/stdout")));
        assert!(!written_through(Path::new("results.json")));
        let mut output =
            Output::open(Some(Path::new("/dev/null"))).unwrap_or_else(|e| unreachable!("{e}"));
        assert!(matches!(output, Output::Direct { .. }));
        output.writer().write_all(b"x").unwrap_or_default();
        assert!(output.finish().is_ok());
        assert!(fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()));
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
    enum Fmt {
        Text,
        Json,
        Csv,
        Xlsx,
    }

    #[test]
    fn the_extension_picks_the_format_unless_one_is_given() {
        let pick = |given, path: &str| pick_format(given, Some(Path::new(path)), Fmt::Text, true);
        assert_eq!(pick(None, "r.json").ok(), Some(Fmt::Json));
        assert_eq!(pick(None, "r.XLSX").ok(), Some(Fmt::Xlsx));
        assert_eq!(pick(None, "r.txt").ok(), Some(Fmt::Text));
        assert_eq!(pick(None, "results").ok(), Some(Fmt::Text));
        assert_eq!(pick(None, "r.dat").ok(), Some(Fmt::Text));
        assert_eq!(pick(Some(Fmt::Csv), "r.csv").ok(), Some(Fmt::Csv));
        assert_eq!(pick(Some(Fmt::Csv), "r.txt").ok(), Some(Fmt::Csv));
        assert_eq!(
            pick_format(None, None, Fmt::Text, true).ok(),
            Some(Fmt::Text)
        );
        assert_eq!(
            pick_format(Some(Fmt::Json), Some(Path::new("-")), Fmt::Text, true).ok(),
            Some(Fmt::Json)
        );
    }

    #[test]
    fn a_format_contradicting_the_extension_is_refused() {
        let pick = |given, path: &str| pick_format(given, Some(Path::new(path)), Fmt::Text, true);
        let message = pick(Some(Fmt::Json), "x.csv").map_err(|e| e.to_string());
        assert!(message.is_err_and(|m| m.contains("--format json contradicts")));
        assert!(pick(Some(Fmt::Xlsx), "x.txt").is_err());
        let message = pick(None, "x.svg").map_err(|e| e.to_string());
        assert!(message.is_err_and(|m| m.contains("cannot write .svg")));
    }

    #[test]
    fn binary_output_is_refused_only_on_a_terminal() {
        assert!(refuse_binary(false, "xlsx").is_ok());
        let message = refuse_binary(true, "xlsx").map_err(|e| e.to_string());
        assert!(message.is_err_and(|m| m.contains("--output results.xlsx")));
    }
}
