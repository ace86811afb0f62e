//! Reference reader for `scripts/bench.sh`: reads every record of a CSV file with simd-csv's
//! zero-copy reader (the SIMD parser behind the xan CLI) on one thread, touches every field by
//! summing the lengths of the unescaped fields, and prints the record and byte counts. kano's
//! single-threaded read is measured against this.
//!
//! ```text
//! cargo run --release --example read_simd_csv -- FILE
//! ```

use std::fs::File;

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .context("usage: read_simd_csv FILE")?;
    let file = File::open(&path).with_context(|| format!("cannot open {path}"))?;
    let mut reader = simd_csv::ZeroCopyReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(file);
    let (mut records, mut bytes) = (0u64, 0u64);
    while let Some(record) = reader
        .read_byte_record()
        .with_context(|| format!("cannot read {path}"))?
    {
        records += 1;
        for field in record.unescaped_iter() {
            bytes += field.len() as u64;
        }
    }
    println!("{records} records, {bytes} field bytes");
    Ok(())
}
