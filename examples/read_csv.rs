//! Reference reader for `scripts/bench.sh`: reads every record of a CSV file with the csv crate
//! on one thread (one reused `ByteRecord`), touches every field by summing field lengths, and
//! prints the record and byte counts. The floor for any csv-crate-based reading.
//!
//! ```text
//! cargo run --release --example read_csv -- FILE
//! ```

use std::fs::File;

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).context("usage: read_csv FILE")?;
    let file = File::open(&path).with_context(|| format!("cannot open {path}"))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(file);
    let mut record = csv::ByteRecord::new();
    let (mut records, mut bytes) = (0u64, 0u64);
    while reader
        .read_byte_record(&mut record)
        .with_context(|| format!("cannot read {path}"))?
    {
        records += 1;
        for field in record.iter() {
            bytes += field.len() as u64;
        }
    }
    println!("{records} records, {bytes} field bytes");
    Ok(())
}
