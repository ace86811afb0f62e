//! `kano questionnaire`: write the survey itself: for every feature the functional question,
//! its dysfunctional twin and optionally the importance question, ready to review, print or
//! import, worded so that the survey's export reads back with no flags.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::error::Error;
use crate::output::Output;
use crate::questionnaire::{self, FeatureDef, Lang, Options, Order, Scale, Wording};
use crate::report::questionnaire as render;
use crate::spec::Spec;

/// Examples shown at the end of `kano questionnaire --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano questionnaire examples/features.txt --format markdown
  kano questionnaire examples/features.txt --lang de --importance 1-9 --format html -o survey.html
  kano questionnaire examples/features.txt --format qualtrics --order blocks --spec-out kano.toml";

/// The language, as given to `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// German ("Das würde mich sehr freuen" ... "Das würde mich sehr stören").
    De,
    /// French ("Cela me plairait" ... "Cela me déplairait").
    Fr,
}

/// The English answer wording, as given to `--wording`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WordingArg {
    /// I like it / I expect it / I am neutral / I can live with it / I dislike it.
    Standard,
    /// I like it that way / It must be that way / I am neutral / I can live with it that way /
    /// I dislike it that way.
    ThatWay,
    /// This would be very helpful to me / This is a basic requirement for me / This would not
    /// affect me / This would be a minor inconvenience / This would be a major problem for me.
    Helpful,
}

/// The question order, as given to `--order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    /// Each feature's questions together (Qualtrics: one block per feature).
    Interleaved,
    /// All functional questions, then all dysfunctional ones (Qualtrics: matrix questions).
    Blocks,
    /// A random order, the same for the same --seed.
    Shuffled,
}

/// The importance scale, as given to `--importance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScaleArg {
    /// 1 (not at all important) to 9 (extremely important).
    #[value(name = "1-9")]
    Nine,
    /// 1 to 5.
    #[value(name = "1-5")]
    Five,
}

/// Output formats of `questionnaire`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Numbered questions with boxes to tick, to review and print.
    Markdown,
    /// One self-contained HTML page, to review and print.
    Html,
    /// One row per question: id,feature,kind,text,choices (choices joined with " | ").
    Csv,
    /// The same records as CSV, as an array of objects (choices as an array).
    Json,
    /// Qualtrics' Advanced Format TXT, to import as a survey.
    Qualtrics,
}

/// Arguments of `kano questionnaire`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A text file with one feature per line, optionally `name: description` (the description
    /// is what the question shows; the name is what results show); `-` reads standard input.
    #[arg(
        value_name = "FEATURES",
        required_unless_present = "spec",
        conflicts_with = "spec"
    )]
    pub features: Option<String>,

    /// Take the features from a survey spec's `[[feature]]` names instead of a FEATURES file.
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,

    /// The language of questions and answers.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,

    /// The English answer wording [default: standard]; German and French have one each.
    #[arg(long, value_enum)]
    pub wording: Option<WordingArg>,

    /// Also ask the self-stated importance of every feature, on this scale [default: not asked].
    #[arg(long, value_enum, value_name = "SCALE")]
    pub importance: Option<ScaleArg>,

    /// The order of the questions.
    #[arg(long, value_enum, default_value_t = OrderArg::Interleaved)]
    pub order: OrderArg,

    /// The seed of --order shuffled: the same seed gives the same order [default: 1].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Output format. [default: markdown, or the one --output's extension names: .json, .csv, .md, .xlsx, ...]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// CSV output.
    #[command(flatten)]
    pub raw: crate::args::RawArgs,

    /// Do not print notes and warnings on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Also write the spec (kano.toml) that reads the survey's export back: its columns, the
    /// answer wording and the importance questions.
    #[arg(long, value_name = "FILE")]
    pub spec_out: Option<PathBuf>,
}

/// Reads the features from FEATURES or from `--spec`.
fn load_features(args: &Args) -> Result<Vec<FeatureDef>, Error> {
    if let Some(path) = &args.spec {
        let spec = Spec::load(path)?;
        if spec.features.is_empty() {
            return Err(Error::usage(
                format!("--spec {}: no [[feature]] tables", path.display()),
                "list the features in the spec, or give a FEATURES file with one per line",
            ));
        }
        let features: Vec<FeatureDef> = spec
            .features
            .iter()
            .map(|f| FeatureDef {
                name: f.name.trim().to_string(),
                description: None,
            })
            .collect();
        for f in &features {
            questionnaire::check_feature(f, &format!("--spec {}", path.display()))?;
        }
        return Ok(features);
    }
    let path = args.features.as_deref().unwrap_or("-");
    let text = if path == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|source| Error::Io {
            path: "<stdin>".to_string(),
            source,
        })?
    } else {
        std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_string(),
            source,
        })?
    };
    questionnaire::parse_features(&text, path)
}

/// Validates the arguments into build options.
pub fn to_options(args: &Args) -> Result<Options, Error> {
    let lang = match args.lang {
        LangArg::En => Lang::En,
        LangArg::De => Lang::De,
        LangArg::Fr => Lang::Fr,
    };
    if args.seed.is_some() && args.order != OrderArg::Shuffled {
        return Err(Error::usage(
            "--seed chooses the order of --order shuffled, and the order is not shuffled",
            "add --order shuffled, or drop --seed",
        ));
    }
    if lang != Lang::En && args.wording.is_some() {
        return Err(Error::usage(
            "--wording chooses among the English answer sets",
            "drop --wording with --lang de or fr: each has its own standard wording",
        ));
    }
    Ok(Options {
        lang,
        wording: match args.wording.unwrap_or(WordingArg::Standard) {
            WordingArg::Standard => Wording::Standard,
            WordingArg::ThatWay => Wording::ThatWay,
            WordingArg::Helpful => Wording::Helpful,
        },
        order: match args.order {
            OrderArg::Interleaved => Order::Interleaved,
            OrderArg::Blocks => Order::Blocks,
            OrderArg::Shuffled => Order::Shuffled,
        },
        seed: args.seed.unwrap_or(1),
        importance: args.importance.map(|s| match s {
            ScaleArg::Nine => Scale::Nine,
            ScaleArg::Five => Scale::Five,
        }),
    })
}

/// Runs `kano questionnaire`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = crate::output::pick_format(
        args.format,
        args.output.as_deref(),
        Format::Markdown,
        args.quiet,
    )?;
    args.raw.check(format == Format::Csv)?;
    crate::output::check_extension("--spec-out", args.spec_out.as_deref(), "toml")?;
    let options = to_options(args)?;
    let features = load_features(args)?;
    let q = questionnaire::build(features, &options)?;
    let matrix = format == Format::Qualtrics && options.order == Order::Blocks;
    if matrix {
        questionnaire::check_matrix_names(&q)?;
    }
    if format == Format::Qualtrics && render::qualtrics::alters(&q) && !args.quiet {
        eprintln!(
            "kano: warning: some feature or question text holds `[[`, `]]` or control characters; \
             the Qualtrics file writes them as `[ [`, `] ]` and visible escapes so that they \
             cannot act as tags or reach the screen (rename the features to avoid it)"
        );
    }
    let mut output = Output::open(args.output.as_deref())?;
    let spec_out = args
        .spec_out
        .as_deref()
        .map(|p| Output::open(Some(p)))
        .transpose()?;
    let writer = output.writer();
    match format {
        Format::Markdown => render::markdown::render(&q, writer)?,
        Format::Html => render::html::render(&q, writer)?,
        Format::Csv => render::csv::render(&q, writer, args.raw.raw)?,
        Format::Json => render::json::render(&q, writer)?,
        Format::Qualtrics => render::qualtrics::render(&q, writer)?,
    }
    if let Some(mut spec) = spec_out {
        write!(
            spec.writer(),
            "{}",
            crate::spec::write_questionnaire_spec(&q, matrix, format == Format::Qualtrics)
        )?;
        spec.finish()?;
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
