//! Renderers of a [`Questionnaire`](crate::questionnaire::Questionnaire): one file per format.
//! Markdown and HTML to review and print, CSV and JSON as records, Qualtrics' Advanced Format
//! TXT to import as a survey.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod qualtrics;
