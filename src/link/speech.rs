//! The words that mark reported speech, shared by quote attribution and
//! interviews: verbs of speech and writing, "according to", and the
//! pronouns that stand for the person named last.

/// Verbs (and their forms) that introduce someone's own words.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "stated",
    "states",
    "state",
    "stating",
    "stressed",
    "stresses",
    "stressing",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "emphasizing",
    "emphasising",
    "noted",
    "notes",
    "affirmed",
    "affirms",
    "added",
    "adds",
    "wrote",
    "writes",
    "write",
    "writing",
    "written",
    "told",
    "tells",
    "declared",
    "declares",
    "explained",
    "explains",
    "highlighted",
    "highlights",
    "underlined",
    "underscored",
    "remarked",
    "commented",
    "insisted",
    "urged",
    "urges",
    "asked",
    "asserted",
    "asserts",
    "expressed",
    "expressing",
    "recalled",
    "concluded",
    "argued",
    "argues",
    "pointed",
    "reiterated",
    "confirmed",
    "announced",
    "proclaimed",
    "warned",
    "warns",
    "acknowledged",
    "admitted",
    "replied",
    "answered",
    "vowed",
    "pledged",
    "promised",
    "suggested",
    "observed",
    "continued",
    "shared",
    "described",
    "quoted",
    "cited",
    "tweeted",
    "posted",
];

/// Third-person pronouns that stand for a person named before.
const PRONOUNS: &[&str] = &["he", "she"];

/// The words of `text`: runs of letters, punctuation and digits dropped.
pub fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
}

/// Whether `text` holds a verb of speech, or "according to".
pub fn has_speech_verb(text: &str) -> bool {
    let mut after_according = false;
    for word in words_of(text) {
        if SPEECH_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word))
            || (after_according && word.eq_ignore_ascii_case("to"))
        {
            return true;
        }
        after_according = word.eq_ignore_ascii_case("according");
    }
    false
}

/// Whether `word` is a pronoun that stands for a person.
pub fn is_pronoun(word: &str) -> bool {
    PRONOUNS.iter().any(|p| word.eq_ignore_ascii_case(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_verbs_of_speech_and_according_to() {
        assert!(has_speech_verb(", Lam told reporters"));
        assert!(has_speech_verb("According to"));
        assert!(!has_speech_verb("accordingly, to the city"));
        assert!(!has_speech_verb("the report on the economy"));
    }

    #[test]
    fn knows_pronouns_in_any_case() {
        assert!(is_pronoun("He") && is_pronoun("she"));
        assert!(!is_pronoun("they") && !is_pronoun("the"));
    }
}
