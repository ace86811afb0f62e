//! The one integration-test binary: drives the real `kano` binary on tiny fixtures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod analyze;
mod check;
mod cli;
mod compare;
mod errors;
mod examples;
mod explain;
mod formats;
mod generated;
mod json;
mod pathological;
mod plan;
mod plot;
mod props;
mod questionnaire;
mod reading;
mod render;
mod report;
mod spec;
mod threads;
mod util;
mod waves;
mod xlsx;
