//! The analysis argument group: the conventions of an analysis (a published convention, the
//! evaluation table, the category rule, tie order, mixed threshold, the sign of Worse),
//! validated into [`Settings`] on top of a spec's `[analysis]`.

use clap::{Args, ValueEnum};

use crate::category::Table;
use crate::convention::Convention;
use crate::error::Error;
use crate::spec::Spec;
use crate::stats::{Rule, Settings};

/// With `--refined`, refuses a survey without any self-stated importance: Yang's categories
/// split by it, and a result without them would look like the flag had been ignored.
pub fn require_importance(report: &crate::report::Report, file: &str) -> Result<(), Error> {
    if report.settings.refined && report.refined_importance.is_none() {
        return Err(Error::usage(
            format!(
                "--refined needs self-stated importance, but {} has none",
                crate::input::display_path(file)
            ),
            "add an importance column (F1_importance, or --importance-col / --pair \
             \"NAME=F,D,IMPORTANCE\"), or drop --refined",
        ));
    }
    Ok(())
}

/// The evaluation table, as given to `--table`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    /// Kano (1984) / Berger et al. (1993).
    Standard,
    /// Pouliot's (Berger et al. 1993, p. 33): must-be/must-be and live-with/live-with are Q.
    Modified,
}

/// The category rule, as given to `--rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleArg {
    /// The most frequent category.
    Mode,
    /// Berger et al.: if A+O+M > I+R+Q the most frequent of A, O, M, else of I, R, Q.
    Berger,
    /// Matzler & Hinterhuber / Sauerwein et al. / stp25kano: the most frequent category when it
    /// leads by more than --mixed-threshold points, else the first of the top two in M > O > A >
    /// I (the tie order).
    CloseCall,
}

/// The conventions of the analysis.
#[derive(Debug, Clone, Args)]
pub struct AnalysisArgs {
    /// A published tool's conventions in one go: berger-1993 (default), stp25kano, reppl,
    /// fuzoh-thesis; `kano analyze --convention list` shows what each sets. Flags given beside it
    /// win.
    #[arg(help_heading = "Analysis", long, value_name = "NAME")]
    pub convention: Option<String>,

    /// The evaluation table [default: standard].
    #[arg(help_heading = "Analysis", long, value_enum)]
    pub table: Option<TableArg>,

    /// How a feature's category is chosen from its counts [default: mode].
    #[arg(help_heading = "Analysis", long, value_enum)]
    pub rule: Option<RuleArg>,

    /// Tie-breaking order between equally frequent categories, six letters [default: MOAIRQ].
    #[arg(help_heading = "Analysis", long, value_name = "ORDER")]
    pub tie_order: Option<String>,

    /// Category strength (percentage points) below which a result is flagged mixed [default: 6].
    #[arg(help_heading = "Analysis", long, value_name = "POINTS")]
    pub mixed_threshold: Option<f64>,
}

/// The sign of Worse, in the subcommands that show Worse's value (a chart's axis is |Worse|
/// either way).
#[derive(Debug, Clone, Args)]
pub struct WorseArgs {
    /// Report Worse as a positive number (0..1) as some tools do.
    #[arg(help_heading = "Analysis", long)]
    pub worse_positive: bool,
}

impl WorseArgs {
    /// Applies `--worse-positive` over the convention's and the spec's choice.
    pub fn apply(&self, settings: &mut Settings) {
        settings.worse_positive |= self.worse_positive;
    }
}

impl AnalysisArgs {
    /// Validates the arguments into settings, on top of a spec's `[analysis]` (flags win).
    pub fn to_settings(&self, spec: Option<&Spec>) -> Result<Settings, Error> {
        let mut settings = Settings::default();
        if let Some(spec) = spec {
            spec.apply_analysis("the spec", &mut settings)?;
        }
        if let Some(name) = &self.convention {
            settings = self.convention_settings(name)?;
        }
        if let Some(order) = &self.tie_order {
            settings.tie_order = order.parse().map_err(|e: String| {
                Error::usage(format!("--tie-order: {e}"), "the default is MOAIRQ")
            })?;
        }
        if let Some(threshold) = self.mixed_threshold {
            settings.mixed_threshold = threshold;
        }
        if !(0.0..=100.0).contains(&settings.mixed_threshold) {
            return Err(Error::usage(
                format!(
                    "--mixed-threshold {} is outside 0-100",
                    settings.mixed_threshold
                ),
                "give percentage points, e.g. 6 or 5",
            ));
        }
        if let Some(table) = self.table {
            settings.table = match table {
                TableArg::Standard => Table::Standard,
                TableArg::Modified => Table::Modified,
            };
        }
        if let Some(rule) = self.rule {
            settings.rule = match rule {
                RuleArg::Mode => Rule::Mode,
                RuleArg::Berger => Rule::Berger,
                RuleArg::CloseCall => Rule::CloseCall,
            };
        }
        Ok(settings)
    }

    /// The settings of `--convention NAME`; the flags of this struct are applied after, and win.
    fn convention_settings(&self, name: &str) -> Result<Settings, Error> {
        let names: Vec<&str> = Convention::ALL.iter().map(|c| c.name()).collect();
        if name.trim().eq_ignore_ascii_case("list") {
            return Err(Error::usage(
                "--convention list only lists the conventions",
                "run `kano analyze --convention list`, then give one of them by name",
            ));
        }
        Convention::from_name(name)
            .map(Convention::settings)
            .ok_or_else(|| {
                Error::usage(
                    format!(
                        "--convention \"{}\" is not a known convention",
                        crate::error::printable(name)
                    ),
                    format!(
                        "use one of {} (`kano analyze --convention list` shows what each sets)",
                        names.join(", ")
                    ),
                )
            })
    }

    /// Whether `--convention list` was asked for.
    pub fn lists_conventions(&self) -> bool {
        self.convention
            .as_deref()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("list"))
    }
}
