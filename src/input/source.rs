//! Turning a path into a stream of UTF-8 CSV bytes: gzip, spreadsheets (.xlsx, .xls, .ods),
//! byte-order marks, UTF-16 and Windows-1252.

use std::fs::File;
use std::io::{self, BufRead, Read};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::header::Replay;
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
    // Sized up front: grown by doubling, the megabyte's buffer would take two.
    let mut head = Vec::with_capacity(SNIFF_BYTES as usize);
    (&mut raw)
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(io_error(display))?;
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    let inner_lower = lower.strip_suffix(".gz").unwrap_or(&lower).to_string();
    let implied_tab = inner_lower.ends_with(".tsv") || inner_lower.ends_with(".tab");
    // What the head says is worked out before the head is handed on, so the reader replays the
    // only copy of it.
    let (stream, head_kind) = if gzip {
        let mut stream: Box<dyn Read> = Box::new(GzMembers {
            decoder: Some(flate2::bufread::GzDecoder::new(Counting {
                inner: io::BufReader::new(Replay::new(head, raw)),
                consumed: 0,
            })),
        });
        let mut inner = Vec::new();
        (&mut stream)
            .take(SNIFF_BYTES)
            .read_to_end(&mut inner)
            .map_err(io_error(display))?;
        let kind = Head::of(&inner, encoding);
        (Box::new(Replay::new(inner, stream)) as Box<dyn Read>, kind)
    } else {
        let kind = Head::of(&head, encoding);
        (Box::new(Replay::new(head, raw)) as Box<dyn Read>, kind)
    };
    let Head {
        zip,
        ole,
        encoding: (chosen, label),
    } = head_kind;
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

/// A buffered reader that counts the bytes consumed, for positions in gzip messages.
struct Counting<R> {
    inner: R,
    consumed: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.consumed += amount as u64;
        self.inner.consume(amount);
    }
}

/// The members of a gzip file one after another (as `gzip -d` reads them). Bytes after a member
/// that do not start another are an error naming their position, where flate2's multi-member
/// reader says "unexpected end of file" or "invalid gzip header".
struct GzMembers<R: BufRead> {
    decoder: Option<flate2::bufread::GzDecoder<Counting<R>>>,
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(decoder) = self.decoder.as_mut() else {
                return Ok(0);
            };
            let n = match decoder.read(buf) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!(
                            "the gzip stream ends early, at byte {} of the file: it was cut \
                             short (an incomplete download or copy?); get the whole file again",
                            decoder.get_ref().consumed
                        ),
                    ))
                }
                Err(e) => return Err(e),
            };
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            let Some(decoder) = self.decoder.take() else {
                return Ok(0);
            };
            let mut input = decoder.into_inner();
            let next = input.fill_buf()?;
            if next.is_empty() {
                return Ok(0);
            }
            if next.starts_with(&[0x1f, 0x8b]) || next == [0x1f] {
                self.decoder = Some(flate2::bufread::GzDecoder::new(input));
                continue;
            }
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "trailing data after the gzip stream, at byte {} of the file (not another \
                     gzip member: the file was appended to or damaged); recompress the survey \
                     with gzip, or read it uncompressed",
                    input.consumed
                ),
            ));
        }
    }
}

/// What the first bytes of a (decompressed) survey file say: a zip (.xlsx, .ods) or OLE (.xls)
/// container, and the encoding with its name (the forced one, else the one sniffed).
struct Head {
    zip: bool,
    ole: bool,
    encoding: (&'static Encoding, String),
}

impl Head {
    fn of(head: &[u8], forced: Option<&'static Encoding>) -> Head {
        Head {
            zip: head.starts_with(b"PK\x03\x04"),
            ole: head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]),
            encoding: match forced {
                Some(forced) => (forced, forced.name().to_ascii_lowercase()),
                None => sniff_encoding(head),
            },
        }
    }
}

/// UTF-16 without a byte-order mark, guessed from the zero bytes of mostly-ASCII text: the high
/// byte of each two is zero (little-endian) or the low one is (big-endian). Valid UTF-8 and
/// Windows-1252 text holds no zero bytes.
fn sniff_utf16(head: &[u8]) -> Option<&'static Encoding> {
    let sample = &head[..head.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut low_zero, mut high_zero) = (0, 0);
    for pair in sample.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (0, 0) => {}
            (_, 0) => high_zero += 1,
            (0, _) => low_zero += 1,
            _ => {}
        }
    }
    if high_zero * 2 >= pairs && low_zero * 16 <= pairs {
        Some(UTF_16LE)
    } else if low_zero * 2 >= pairs && high_zero * 16 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The label that says an encoding was guessed, not read from a BOM or validity.
pub const GUESSED: &str = "no BOM, guessed from its zero bytes";

/// Picks the encoding from the first bytes: a BOM decides; UTF-16 without one shows in its zero
/// bytes; otherwise UTF-8 when they are valid UTF-8 (a sequence cut at the end of the sample is
/// fine), else Windows-1252.
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
    if let Some(utf16) = sniff_utf16(head) {
        let name = utf16.name().to_ascii_lowercase();
        return (utf16, format!("{name} ({GUESSED})"));
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
    fn utf16_without_a_bom_is_guessed_from_zero_bytes() {
        let le: Vec<u8> = "id,Caf\u{e9} chat (functional)\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "id,Sync (functional)\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(sniff_encoding(&le).0, UTF_16LE);
        assert!(sniff_encoding(&le).1.contains("guessed"));
        assert_eq!(sniff_encoding(&be).0, UTF_16BE);
        // A stray zero byte in UTF-8 text is not UTF-16.
        assert_eq!(sniff_encoding(b"id,a\0b,c\n1,2,3\n").0, UTF_8);
    }

    #[test]
    fn gzip_trailing_data_is_named_with_its_position() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(b"a,b\n1,2\n").ok();
        let mut bytes = encoder.finish().unwrap_or_default();
        let end = bytes.len();
        let mut twice = bytes.clone();
        twice.extend_from_slice(&bytes);
        bytes.extend_from_slice(b"garbage");
        let read = |bytes: Vec<u8>| {
            let mut members = GzMembers {
                decoder: Some(flate2::bufread::GzDecoder::new(Counting {
                    inner: io::BufReader::new(io::Cursor::new(bytes)),
                    consumed: 0,
                })),
            };
            let mut text = String::new();
            members.read_to_string(&mut text).map(|_| text)
        };
        let error = read(bytes).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            error.contains(&format!(
                "trailing data after the gzip stream, at byte {end}"
            )),
            "{error}"
        );
        // Two members are one file, as gzip -d reads them.
        assert_eq!(read(twice).ok().as_deref(), Some("a,b\n1,2\na,b\n1,2\n"));
    }

    #[test]
    fn encoding_names_parse() {
        assert_eq!(parse_encoding("latin1").ok(), Some(WINDOWS_1252));
        assert_eq!(parse_encoding("UTF-16LE").ok(), Some(UTF_16LE));
        assert!(parse_encoding("klingon").is_err());
    }
}
