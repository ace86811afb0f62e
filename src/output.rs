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
                let temp_path = file.path().to_path_buf();
                file.as_file()
                    .sync_all()
                    .with_context(|| format!("{}: writing failed", path.display()))?;
                let temp = file.into_temp_path();
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
                persisted.with_context(|| {
                    format!("{}: cannot move the output into place", path.display())
                })?;
            }
        }
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

    #[test]
    fn binary_output_is_refused_only_on_a_terminal() {
        assert!(refuse_binary(false, "xlsx").is_ok());
        let message = refuse_binary(true, "xlsx").map_err(|e| e.to_string());
        assert!(message.is_err_and(|m| m.contains("--output results.xlsx")));
    }
}
