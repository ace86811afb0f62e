//! `kano` reads Kano survey exports, classifies every feature with the Kano evaluation table, and
//! computes Better/Worse coefficients and the statistics around them (see the README and
//! KANO-METHOD.md for the method and its sources).
//!
//! The library is the whole tool; the `kano` binary is a thin shell over [`cli::main`].
//! Domain modules ([`answer`], [`category`], [`tally`], [`stats`], [`explain`](mod@explain)) are pure;
//! [`input`] does the reading and [`report`] the rendering (terminal table, JSON, CSV, Markdown,
//! xlsx, SVG, text charts, HTML); [`check`] evaluates `kano check`'s rules on a report;
//! [`mod@compare`] compares waves and [`chart`] lays charts out; [`plan`] sizes a survey before it
//! goes out.
//! [`generate`] writes synthetic surveys of any size with their exact expected counts, for
//! benchmarks and tests.

pub mod answer;
pub mod args;
pub mod category;
pub mod chart;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod convention;
pub mod error;
pub mod explain;
pub mod generate;
pub mod input;
pub mod output;
pub mod plan;
pub mod questionnaire;
pub mod report;
pub mod segments;
pub mod spec;
pub mod stats;
pub mod tally;
pub mod trend;

pub use answer::{Answer, AnswerDecoder};
pub use category::{Action, Category, Table, TieOrder};
pub use chart::{Chart, ChartLayout};
pub use check::{evaluate, CheckReport, CheckResult, CheckRules};
pub use compare::{compare, Comparison};
pub use convention::Convention;
pub use error::{Error, Warning};
pub use explain::{explain, explain_tally, find_feature, Explanation};
pub use input::{read_survey, ReadOptions, Survey};
pub use report::{build, Report, SortKey};
pub use stats::{compute, FeatureStats, Rule, Settings};
pub use tally::Tally;
