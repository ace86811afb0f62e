//! The one integration-test binary: drives the real `kano` binary on tiny fixtures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod analyze;
mod check;
mod cli;
mod errors;
mod examples;
mod explain;
mod formats;
mod json;
mod props;
mod reading;
mod util;
mod xlsx;
