//! One module per subcommand, each with its `Args` and a `run`.

pub mod analyze;
pub mod check;
pub mod compare;
pub mod completions;
pub mod explain;
pub mod init;
pub mod inspect;
pub mod man;
pub mod plan;
pub mod plot;
pub mod questionnaire;
pub mod report;
