//! Where a command's output goes: stdout, or a file written to a temporary sibling and renamed
//! into place on success, so no half-written file is ever left behind.

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tempfile::NamedTempFile;

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
        /// The final path.
        path: PathBuf,
    },
}

impl Output {
    /// Opens the destination before any long work starts: a bad path fails fast.
    pub fn open(path: Option<&Path>) -> anyhow::Result<Output> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout())));
        };
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if path.is_dir() {
            anyhow::bail!(
                "{}: is a directory; give a file name to --output",
                path.display()
            );
        }
        let file = NamedTempFile::new_in(&dir).with_context(|| {
            format!(
                "{}: cannot write here (directory {}); check that it exists and is writable",
                path.display(),
                dir.display()
            )
        })?;
        Ok(Output::File {
            file: BufWriter::new(file),
            path: path.to_path_buf(),
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
        }
    }

    /// Flushes, and for a file renames it into place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush().context("writing to standard output")?,
            Output::File { file, path } => {
                let file = file
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("{}: writing failed", path.display()))?;
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
                temp.persist(&path).with_context(|| {
                    format!("{}: cannot move the output into place", path.display())
                })?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_output_is_refused_only_on_a_terminal() {
        assert!(refuse_binary(false, "xlsx").is_ok());
        let message = refuse_binary(true, "xlsx").map_err(|e| e.to_string());
        assert!(message.is_err_and(|m| m.contains("--output results.xlsx")));
    }
}
