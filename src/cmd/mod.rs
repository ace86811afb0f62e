//! One module per subcommand, each with its `Args` and a `run`.

pub mod analyze;
pub mod compare;
pub mod plot;
pub mod report;
