//! Copies a CSV file (TSV when named `.tsv`) into the first sheet of a new xlsx workbook (numbers as numbers, the rest as
//! text), to measure and check kano's spreadsheet reading on the same data as a CSV read:
//!
//! ```text
//! cargo run --release --example generate -- --respondents 100000 --features 10 \
//!     --output target/bench-data/100k.csv --counts target/bench-data/100k.counts.json
//! cargo run --release --example csv_to_xlsx -- target/bench-data/100k.csv target/bench-data/100k.xlsx
//! /usr/bin/time -v target/release/kano analyze target/bench-data/100k.xlsx
//! ```

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: csv_to_xlsx INPUT.csv OUTPUT.xlsx");
    };
    let tab = input.to_string_lossy().ends_with(".tsv");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if tab { b'\t' } else { b',' })
        .has_headers(false)
        .flexible(true)
        .from_path(&input)
        .with_context(|| format!("opening {}", input.to_string_lossy()))?;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, record) in reader.records().enumerate() {
        let record = record.context("reading the CSV")?;
        let row = u32::try_from(row).context("too many rows for xlsx")?;
        for (col, field) in record.iter().enumerate() {
            let col = u16::try_from(col).context("too many columns for xlsx")?;
            match field.parse::<f64>() {
                Ok(number) if !field.is_empty() => sheet.write_number(row, col, number)?,
                _ if field.is_empty() => sheet,
                _ => sheet.write_string(row, col, field)?,
            };
        }
    }
    workbook
        .save(&output)
        .with_context(|| format!("writing {}", output.to_string_lossy()))?;
    Ok(())
}
