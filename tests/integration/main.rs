//! The one integration-test binary: drives the real `kano` binary on tiny fixtures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod analyze;
mod errors;
mod examples;
mod formats;
mod generated;
mod json;
mod pathological;
mod props;
mod util;
