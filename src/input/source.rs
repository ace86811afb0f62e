//! Turning a path into a stream of UTF-8 CSV bytes: gzip, spreadsheets (.xlsx, .xls, .ods),
//! byte-order marks, UTF-16 and Windows-1252.

use std::fs::File;
use std::io::{self, Cursor, Read};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

use crate::error::Error;

/// How many leading bytes decide between UTF-8 and Windows-1252.
const SNIFF_BYTES: u64 = 1 << 20;

/// How the bytes were read, for `inspect` and the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceInfo {
    /// `utf-8`, `utf-8 (BOM)`, `utf-16le`, `windows-1252`, or `xlsx`/`xls`/`ods` for spreadsheets.
    pub encoding: String,
    /// Whether the file was gzip-compressed.
    pub gzip: bool,
    /// The sheet read, for spreadsheets.
    pub sheet: Option<String>,
}

/// A readable source of UTF-8 CSV text.
pub struct Source {
    /// The bytes, already decoded to UTF-8.
    pub reader: Box<dyn Read>,
    /// What was done to get them.
    pub info: SourceInfo,
    /// A delimiter implied by the format (comma for spreadsheets, tab for `.tsv`).
    pub implied_delimiter: Option<u8>,
}

fn io_error(path: &str) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_string(),
        source,
    }
}

/// Parses an `--encoding` name (any WHATWG label: utf-8, utf-16le, windows-1252, latin1, ...).
pub fn parse_encoding(name: &str) -> Result<&'static Encoding, Error> {
    Encoding::for_label(name.trim().as_bytes()).ok_or_else(|| {
        Error::usage(
            format!(
                "--encoding \"{}\" is not an encoding I know",
                crate::error::printable(name)
            ),
            "use utf-8, utf-16le, utf-16be or windows-1252 (latin1)",
        )
    })
}

fn spreadsheet_kind(lower: &str) -> Option<&'static str> {
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
        .into_iter()
        .find(|ext| lower.ends_with(ext))
        .map(|ext| &ext[1..])
}

/// Opens `path` (`-` for stdin) as UTF-8 CSV text.
pub fn open(
    path: &str,
    display: &str,
    encoding: Option<&'static Encoding>,
    sheet: Option<&str>,
) -> Result<Source, Error> {
    let lower = path.to_ascii_lowercase();
    let mut raw: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin())
    } else {
        let file = File::open(path).map_err(io_error(display))?;
        if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            return Err(Error::Io {
                path: display.to_string(),
                source: io::Error::other("is a directory, not a survey file"),
            });
        }
        Box::new(file)
    };
    let mut head = Vec::new();
    (&mut raw)
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(io_error(display))?;
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    let inner_lower = lower.strip_suffix(".gz").unwrap_or(&lower).to_string();
    let implied_tab = inner_lower.ends_with(".tsv") || inner_lower.ends_with(".tab");
    let mut stream: Box<dyn Read> = Box::new(Cursor::new(head.clone()).chain(raw));
    if gzip {
        stream = Box::new(flate2::read::MultiGzDecoder::new(stream));
        head = Vec::new();
        (&mut stream)
            .take(SNIFF_BYTES)
            .read_to_end(&mut head)
            .map_err(io_error(display))?;
        stream = Box::new(Cursor::new(head.clone()).chain(stream));
    }
    let zip = head.starts_with(b"PK\x03\x04");
    let ole = head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if let Some(kind) = spreadsheet_kind(&inner_lower).or(if zip {
        Some("xlsx")
    } else if ole {
        Some("xls")
    } else {
        None
    }) {
        return super::spreadsheet::open(stream, display, kind, sheet, gzip);
    }
    if sheet.is_some() {
        return Err(Error::usage(
            format!(
                "--sheet was given but {} is not a spreadsheet",
                crate::error::printable(display)
            ),
            "--sheet applies to .xlsx, .xls and .ods files",
        ));
    }
    let (chosen, label) = match encoding {
        Some(forced) => (forced, forced.name().to_ascii_lowercase()),
        None => sniff_encoding(&head),
    };
    let reader: Box<dyn Read> = if chosen == UTF_8 {
        // UTF-8 passes through untouched (fast, and invalid bytes stay errors with a position);
        // the header reader drops a BOM.
        stream
    } else {
        Box::new(
            DecodeReaderBytesBuilder::new()
                .encoding(Some(chosen))
                .bom_sniffing(encoding.is_none())
                .strip_bom(true)
                .build(stream),
        )
    };
    Ok(Source {
        reader,
        info: SourceInfo {
            encoding: label,
            gzip,
            sheet: None,
        },
        implied_delimiter: implied_tab.then_some(b'\t'),
    })
}

/// Picks the encoding from the first bytes: a BOM decides; otherwise UTF-8 when they are valid
/// UTF-8 (a sequence cut at the end of the sample is fine), else Windows-1252.
fn sniff_encoding(head: &[u8]) -> (&'static Encoding, String) {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return (UTF_8, "utf-8 (BOM)".to_string());
    }
    if head.starts_with(b"\xFF\xFE") {
        return (UTF_16LE, "utf-16le (BOM)".to_string());
    }
    if head.starts_with(b"\xFE\xFF") {
        return (UTF_16BE, "utf-16be (BOM)".to_string());
    }
    match std::str::from_utf8(head) {
        Ok(_) => (UTF_8, "utf-8".to_string()),
        Err(e) if e.error_len().is_none() => (UTF_8, "utf-8".to_string()),
        Err(_) => (WINDOWS_1252, "windows-1252 (not valid UTF-8)".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_sniffed_from_boms_and_validity() {
        assert_eq!(sniff_encoding(b"\xEF\xBB\xBFa,b").0, UTF_8);
        assert_eq!(sniff_encoding(b"\xFF\xFEa\0").0, UTF_16LE);
        assert_eq!(sniff_encoding(b"\xFE\xFF\0a").0, UTF_16BE);
        assert_eq!(sniff_encoding("caf\u{e9}".as_bytes()).0, UTF_8);
        assert_eq!(sniff_encoding(b"caf\xe9,x").0, WINDOWS_1252);
        // A multi-byte sequence cut by the sample's end is still UTF-8.
        assert_eq!(sniff_encoding(b"caf\xc3").0, UTF_8);
    }

    #[test]
    fn encoding_names_parse() {
        assert_eq!(parse_encoding("latin1").ok(), Some(WINDOWS_1252));
        assert_eq!(parse_encoding("UTF-16LE").ok(), Some(UTF_16LE));
        assert!(parse_encoding("klingon").is_err());
    }
}
