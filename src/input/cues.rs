//! The vocabulary of answer-scale inference: the cue words that say which Kano answer a
//! survey's own answer wording means, in English, German, French and Spanish, the words that
//! negate a cue, and the words that open a contrasting clause. `infer.rs` scores labels with
//! them; add a language or a wording here.

use crate::answer::Answer;

/// A cue: words (a trailing `*` matches any ending), what they mean as written, and what they
/// mean negated.
pub(super) struct Cue {
    /// The words, in order; a trailing `*` matches any ending.
    pub words: &'static [&'static str],
    /// The answer the words mean as written.
    pub plain: Option<Answer>,
    /// The answer they mean negated ("not like": dislike).
    pub negated: Option<Answer>,
    /// How much evidence one occurrence gives.
    pub weight: f64,
}

const fn cue(
    words: &'static [&'static str],
    plain: Option<Answer>,
    negated: Option<Answer>,
    weight: f64,
) -> Cue {
    Cue {
        words,
        plain,
        negated,
        weight,
    }
}

use Answer::{Dislike, Like, LiveWith, MustBe, Neutral};

/// The cue words, in English, German, French and Spanish, after folding (lower case, no accents,
/// apostrophes split, "n't" read as "not"). Longer phrases are tried first, so "en contente"
/// (French "make do": live-with) wins over "contente" (glad: like).
pub(super) const CUES: &[Cue] = &[
    // Live-with phrases first: they contain words that mean other things alone.
    cue(&["live", "with"], Some(LiveWith), Some(Dislike), 1.2),
    cue(&["live", "without"], None, Some(MustBe), 1.2),
    cue(&["put", "up", "with"], Some(LiveWith), Some(Dislike), 1.2),
    cue(&["minor", "inconvenience"], Some(LiveWith), None, 1.2),
    cue(&["major", "problem"], Some(Dislike), None, 1.2),
    cue(&["in", "kauf"], Some(LiveWith), None, 1.2),
    cue(&["en", "contente"], Some(LiveWith), None, 1.5),
    cue(&["en", "contenterais"], Some(LiveWith), None, 1.5),
    cue(&["en", "contenter"], Some(LiveWith), None, 1.5),
    cue(&["en", "accommode*"], Some(LiveWith), None, 1.5),
    cue(&["vivir", "con"], Some(LiveWith), None, 1.2),
    cue(&["faire", "avec"], Some(LiveWith), None, 1.2),
    cue(&["must", "have"], Some(MustBe), None, 1.2),
    cue(&["must", "be"], Some(MustBe), None, 1.2),
    cue(&["for", "granted"], Some(MustBe), None, 1.2),
    cue(&["basic", "requirement"], Some(MustBe), None, 1.2),
    cue(&["por", "hecho"], Some(MustBe), None, 1.2),
    cue(&["por", "sentado"], Some(MustBe), None, 1.2),
    cue(&["either", "way"], Some(Neutral), None, 1.0),
    cue(&["no", "opinion"], Some(Neutral), None, 1.0),
    cue(&["da", "igual"], Some(Neutral), None, 1.2),
    cue(&["no", "me", "importa"], Some(Neutral), None, 1.2),
    cue(&["nice", "to", "have"], Some(Like), None, 1.0),
    cue(&["in", "ordnung"], Some(LiveWith), None, 0.6),
    cue(&["nehme*", "hin"], Some(LiveWith), None, 1.2),
    cue(&["hinnehmen"], Some(LiveWith), None, 1.2),
    cue(&["gerade", "noch"], Some(LiveWith), None, 1.0),
    cue(&["hin"], Some(LiveWith), None, 0.6),
    // Like.
    cue(&["like"], Some(Like), Some(Dislike), 1.0),
    cue(&["love"], Some(Like), Some(Dislike), 1.0),
    cue(&["enjoy*"], Some(Like), Some(Dislike), 1.0),
    cue(&["happy"], Some(Like), Some(Dislike), 1.0),
    cue(&["pleased"], Some(Like), Some(Dislike), 1.0),
    cue(&["delight*"], Some(Like), Some(Dislike), 1.0),
    cue(&["glad"], Some(Like), Some(Dislike), 1.0),
    cue(&["great"], Some(Like), None, 0.8),
    cue(&["helpful"], Some(Like), None, 1.0),
    cue(&["satisfied"], Some(Like), Some(Dislike), 1.0),
    cue(&["excit*"], Some(Like), None, 1.0),
    cue(&["wonderful"], Some(Like), None, 1.0),
    cue(&["plait"], Some(Like), Some(Dislike), 1.0),
    cue(&["plairait"], Some(Like), Some(Dislike), 1.0),
    cue(&["plaisir"], Some(Like), None, 1.0),
    cue(&["aime*"], Some(Like), Some(Dislike), 1.0),
    cue(&["ravi*"], Some(Like), None, 1.0),
    cue(&["ador*"], Some(Like), Some(Dislike), 1.0),
    cue(&["content"], Some(Like), Some(Dislike), 0.8),
    cue(&["contente"], Some(Like), Some(Dislike), 0.8),
    cue(&["satisfait*"], Some(Like), Some(Dislike), 1.0),
    cue(&["freue*"], Some(Like), None, 1.0),
    cue(&["freuen"], Some(Like), None, 1.0),
    cue(&["freut"], Some(Like), None, 1.0),
    cue(&["gefall*"], Some(Like), Some(Dislike), 1.0),
    cue(&["gefiel*"], Some(Like), Some(Dislike), 1.0),
    cue(&["mag"], Some(Like), Some(Dislike), 1.0),
    cue(&["begeistert"], Some(Like), None, 1.0),
    cue(&["toll"], Some(Like), None, 1.0),
    cue(&["zufrieden"], Some(Like), Some(Dislike), 1.0),
    cue(&["gusta*"], Some(Like), Some(Dislike), 1.0),
    cue(&["encanta*"], Some(Like), Some(Dislike), 1.0),
    cue(&["feliz"], Some(Like), Some(Dislike), 1.0),
    cue(&["agrada*"], Some(Like), Some(Dislike), 1.0),
    cue(&["contento"], Some(Like), Some(Dislike), 0.8),
    cue(&["contenta"], Some(Like), Some(Dislike), 0.8),
    // Must-be.
    cue(&["expect*"], Some(MustBe), None, 1.0),
    cue(&["must"], Some(MustBe), None, 1.0),
    cue(&["necessity"], Some(MustBe), None, 1.0),
    cue(&["necessary"], Some(MustBe), Some(Like), 1.0),
    cue(&["essential"], Some(MustBe), Some(Like), 1.0),
    cue(&["required"], Some(MustBe), Some(Like), 1.0),
    cue(&["requirement"], Some(MustBe), None, 1.0),
    cue(&["basic"], Some(MustBe), None, 0.8),
    cue(&["normal*"], Some(MustBe), None, 1.0),
    cue(&["obvious*"], Some(MustBe), None, 1.0),
    cue(&["self", "evident"], Some(MustBe), None, 1.2),
    cue(&["standard"], Some(MustBe), None, 0.8),
    cue(&["should"], Some(MustBe), None, 0.7),
    cue(&["voraus"], Some(MustBe), None, 1.0),
    cue(&["voraussetz*"], Some(MustBe), None, 1.0),
    cue(&["selbstverstandlich"], Some(MustBe), None, 1.0),
    cue(&["erwarte*"], Some(MustBe), None, 1.0),
    cue(&["notwendig"], Some(MustBe), Some(Like), 1.0),
    cue(&["muss"], Some(MustBe), None, 1.0),
    cue(&["attends"], Some(MustBe), None, 1.0),
    cue(&["attendrais"], Some(MustBe), None, 1.0),
    cue(&["evident*"], Some(MustBe), None, 1.0),
    cue(&["indispensable*"], Some(MustBe), Some(Like), 1.0),
    cue(&["necessaire*"], Some(MustBe), Some(Like), 1.0),
    cue(&["doit"], Some(MustBe), None, 1.0),
    cue(&["espero"], Some(MustBe), None, 1.0),
    cue(&["necesario*"], Some(MustBe), Some(Like), 1.0),
    cue(&["imprescindible"], Some(MustBe), Some(Like), 1.0),
    cue(&["obligatorio"], Some(MustBe), None, 1.0),
    cue(&["basico"], Some(MustBe), None, 0.8),
    cue(&["debe*"], Some(MustBe), None, 1.0),
    // Neutral.
    cue(&["neutral"], Some(Neutral), None, 1.2),
    cue(&["neutre"], Some(Neutral), None, 1.2),
    cue(&["neutro"], Some(Neutral), None, 1.2),
    cue(&["indifferent*"], Some(Neutral), None, 1.2),
    cue(&["indiferente"], Some(Neutral), None, 1.2),
    cue(&["care"], None, Some(Neutral), 1.0),
    cue(&["matter*"], None, Some(Neutral), 1.0),
    cue(&["affect*"], None, Some(Neutral), 1.0),
    cue(&["mind"], None, Some(Neutral), 0.8),
    cue(&["egal"], Some(Neutral), None, 1.2),
    cue(&["gleichgultig"], Some(Neutral), None, 1.2),
    cue(&["importa"], None, Some(Neutral), 1.0),
    cue(&["igual"], Some(Neutral), None, 1.0),
    // Live-with.
    cue(&["tolerat*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["tolerable"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["tolere*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["tolerar*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["tolero"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["accept*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["acepta*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["acepto"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["akzeptier*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["bearable"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["okay"], Some(LiveWith), None, 0.6),
    cue(&["ok"], Some(LiveWith), None, 0.6),
    cue(&["accommod*"], Some(LiveWith), None, 1.0),
    cue(&["supporte*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["conform*"], Some(LiveWith), None, 1.0),
    cue(&["aguant*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["soport*"], Some(LiveWith), Some(Dislike), 1.0),
    cue(&["inconvenien*"], Some(LiveWith), None, 0.8),
    // Dislike.
    cue(&["dislike*"], Some(Dislike), Some(Neutral), 1.2),
    cue(&["hate"], Some(Dislike), None, 1.0),
    cue(&["bad"], Some(Dislike), Some(LiveWith), 0.8),
    cue(&["terrible"], Some(Dislike), None, 1.0),
    cue(&["awful"], Some(Dislike), None, 1.0),
    cue(&["horrible"], Some(Dislike), None, 1.0),
    cue(&["schlecht"], Some(Dislike), None, 0.8),
    cue(&["schrecklich"], Some(Dislike), None, 1.0),
    cue(&["unhappy"], Some(Dislike), None, 1.0),
    cue(&["annoy*"], Some(Dislike), Some(Neutral), 1.0),
    cue(&["bother*"], Some(Dislike), Some(Neutral), 1.0),
    cue(&["frustrat*"], Some(Dislike), None, 1.0),
    cue(&["unacceptable"], Some(Dislike), None, 1.0),
    cue(&["upset*"], Some(Dislike), None, 1.0),
    cue(&["disappoint*"], Some(Dislike), None, 1.0),
    cue(&["unsatisf*"], Some(Dislike), None, 1.0),
    cue(&["dissatisf*"], Some(Dislike), None, 1.0),
    cue(&["problem*"], Some(Dislike), None, 0.6),
    cue(&["stor*"], Some(Dislike), Some(Neutral), 1.0),
    cue(&["argert"], Some(Dislike), None, 1.0),
    cue(&["argern"], Some(Dislike), None, 1.0),
    cue(&["missfall*"], Some(Dislike), None, 1.0),
    cue(&["unzufrieden"], Some(Dislike), None, 1.0),
    cue(&["deplai*"], Some(Dislike), None, 1.2),
    cue(&["derange*"], Some(Dislike), Some(Neutral), 1.0),
    cue(&["agac*"], Some(Dislike), Some(Neutral), 1.0),
    cue(&["insatisfait*"], Some(Dislike), None, 1.0),
    cue(&["mecontent*"], Some(Dislike), None, 1.0),
    cue(&["inacceptable"], Some(Dislike), None, 1.0),
    cue(&["disgusta*"], Some(Dislike), None, 1.0),
    cue(&["molesta*"], Some(Dislike), Some(Neutral), 1.0),
    cue(&["desagrada*"], Some(Dislike), None, 1.0),
    cue(&["odio"], Some(Dislike), None, 1.0),
    cue(&["insatisf*"], Some(Dislike), None, 1.0),
    cue(&["inaceptable"], Some(Dislike), None, 1.0),
];

/// Words that negate a cue up to three words after them (French "ne ... pas" is caught by "ne").
pub(super) const NEGATORS: &[&str] = &[
    "not", "no", "never", "nicht", "kein", "keine", "nie", "ne", "pas", "jamais", "nunca", "ni",
];

/// Words that start a contrasting clause, which weighs more: "I dislike it, but I can live with
/// it" is live-with.
pub(super) const CONTRAST: &[&str] = &[
    "but", "however", "though", "aber", "doch", "mais", "pero", "sino",
];
