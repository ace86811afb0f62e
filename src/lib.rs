//! `kano` reads Kano survey exports, classifies every feature with the Kano evaluation table, and
//! computes Better/Worse coefficients and the statistics around them (see the README and
//! KANO-METHOD.md for the method and its sources).
//!
//! The library is the whole tool; the `kano` binary is a thin shell over [`cli::main`].
//! Domain modules ([`answer`], [`category`], [`tally`], [`stats`]) are pure; [`input`] does the
//! reading and [`report`] the rendering. [`generate`] writes synthetic surveys of any size with
//! their exact expected counts, for benchmarks and tests.

pub mod answer;
pub mod category;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod generate;
pub mod input;
pub mod output;
pub mod report;
pub mod stats;
pub mod tally;

pub use answer::{Answer, AnswerDecoder};
pub use category::{Action, Category, Table, TieOrder};
pub use error::{Error, Warning};
pub use input::{read_survey, ReadOptions, Survey};
pub use report::{build, Report, SortKey};
pub use stats::{compute, FeatureStats, Rule, Settings};
pub use tally::Tally;
