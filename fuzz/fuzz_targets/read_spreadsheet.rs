//! Spreadsheets (.xlsx, .ods) through kano's reading: bytes starting with `PK` are a workbook
//! as they are; any others are one selector byte then sheet XML, split at the first 0xFF byte
//! (shared strings for xlsx, ignored for ods), packed into an otherwise valid workbook (stored,
//! so the fuzzer's changes reach the XML parsers instead of failing the zip's checksums).

#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

#[path = "common.rs"]
mod common;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

const MANIFEST: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";

/// A zip of `(name, bytes)` entries, stored.
fn package(entries: &[(&str, &[u8])]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        zip.start_file(*name, options).ok()?;
        zip.write_all(bytes).ok()?;
    }
    zip.finish().ok().map(Cursor::into_inner)
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        common::exercise_as(data, "xlsx");
        return;
    }
    let Some((&selector, xml)) = data.split_first() else {
        return;
    };
    let (sheet, strings) = match xml.iter().position(|&b| b == 0xFF) {
        Some(at) => (&xml[..at], &xml[at + 1..]),
        None => (xml, &[][..]),
    };
    if selector % 2 == 0 {
        let Some(bytes) = package(&[
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings),
        ]) else {
            return;
        };
        common::exercise_as(&bytes, "xlsx");
    } else {
        let Some(bytes) = package(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", MANIFEST.as_bytes()),
            ("content.xml", sheet),
        ]) else {
            return;
        };
        common::exercise_as(&bytes, "ods");
    }
});
