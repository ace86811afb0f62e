//! The one integration-test binary: drives the real `kano` binary on tiny fixtures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod analyze;
mod check;
mod cli;
mod compare;
mod conventions;
mod errors;
mod examples;
mod explain;
mod formats;
mod generated;
mod honest;
mod inference;
mod json;
mod pathological;
mod plan;
mod plot;
mod props;
mod questionnaire;
mod reading;
mod refined;
mod reliability;
mod render;
mod report;
mod schema;
mod segments;
mod spec;
mod spreadsheets;
mod threads;
mod util;
mod waves;
mod xlsx;
