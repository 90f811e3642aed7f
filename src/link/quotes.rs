//! Quote attribution within a paragraph: a quotation ("..." or “...”) is
//! attributed to a person mentioned in the same sentence when a verb of
//! speech or writing joins them — X said: "..."; "...", X said; As X wrote
//! in ...: "..."; X emphasised that "..."; "..." as X wrote. Interview
//! answers are attributed by the scanner, which knows the question blocks.

use std::ops::Range;

use crate::content::EntityId;

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
];

/// How far (in bytes) a speaker may stand from the quotation.
const FORWARD_REACH: usize = 220;
const BACKWARD_REACH: usize = 60;
/// Quotations shorter than this many words are terms, not quotes.
const MIN_WORDS: usize = 3;

/// A quotation attributed to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributed {
    pub speaker: EntityId,
    /// The quoted words, without the quotation marks.
    pub range: Range<usize>,
}

/// The quotations of `text`: the ranges inside their quotation marks.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    for (index, c) in text.char_indices() {
        match (c, open) {
            ('“', None) | ('"', None) => open = Some(index + c.len_utf8()),
            ('”', Some(start)) | ('"', Some(start)) => {
                found.push(start..index);
                open = None;
            }
            ('“', Some(_)) => open = Some(index + c.len_utf8()),
            _ => {}
        }
    }
    found
}

/// Attributes the quotations of `text` to the people `mentioned` in it
/// (ranges and entities, in text order).
pub fn attribute(text: &str, mentioned: &[(Range<usize>, EntityId)]) -> Vec<Attributed> {
    let mut found = Vec::new();
    for quote in quotations(text) {
        if text[quote.clone()].split_whitespace().count() < MIN_WORDS {
            continue;
        }
        let opening = quote.start
            - text[..quote.start]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
        let closing = quote.end + text[quote.end..].chars().next().map_or(0, char::len_utf8);
        let before = mentioned.iter().rev().find(|(range, _)| {
            range.end <= opening && opening - range.end <= FORWARD_REACH && {
                let gap = &text[range.end..opening];
                !ends_a_sentence(gap) && has_speech_verb(gap)
            }
        });
        let after = || {
            mentioned.iter().find(|(range, _)| {
                range.start >= closing && range.start - closing <= BACKWARD_REACH && {
                    let gap = &text[closing..range.start];
                    let tail_end = (range.end + 30).min(text.len());
                    let tail = &text[range.end..floor(text, tail_end)];
                    // `"...," said X`, `"...," X told reporters` or `"..." as X
                    // wrote`; not `"Title" by X emphasized the shift`.
                    let quoted = text[..closing].trim_end_matches(['"', '”']).trim_end();
                    let punctuated =
                        quoted.ends_with([',', '.', '!', '?']) || text[closing..].starts_with(',');
                    let introduced_by_as =
                        gap.split_whitespace().any(|w| w.eq_ignore_ascii_case("as"));
                    !ends_a_sentence(gap)
                        && (has_speech_verb(gap)
                            || ((punctuated || introduced_by_as)
                                && has_speech_verb(first_words(tail, 2))))
                }
            })
        };
        if let Some((_, speaker)) = before.or_else(after) {
            found.push(Attributed {
                speaker: *speaker,
                range: trim_quote(text, quote),
            });
        }
    }
    found
}

fn floor(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn first_words(text: &str, count: usize) -> &str {
    let mut seen = 0;
    for (index, c) in text.char_indices() {
        if c.is_whitespace() && index > 0 && !text[..index].ends_with(char::is_whitespace) {
            seen += 1;
            if seen == count {
                return &text[..index];
            }
        }
    }
    text
}

fn has_speech_verb(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|word| {
        SPEECH_VERBS
            .iter()
            .any(|verb| verb.eq_ignore_ascii_case(word))
    })
}

/// Whether `gap` holds the end of a sentence (so the two sides are apart).
fn ends_a_sentence(gap: &str) -> bool {
    let trimmed = gap.trim();
    trimmed.contains(". ")
        || trimmed.contains("! ")
        || trimmed.contains("? ")
        || trimmed.ends_with('.') && trimmed.len() > 1
}

fn trim_quote(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAM: EntityId = EntityId(1);
    const HO: EntityId = EntityId(2);

    fn quoted(text: &str, people: &[(&str, EntityId)]) -> Vec<(EntityId, String)> {
        let mentioned: Vec<(Range<usize>, EntityId)> = people
            .iter()
            .map(|(name, id)| {
                let at = text.find(name).unwrap();
                (at..at + name.len(), *id)
            })
            .collect();
        attribute(text, &mentioned)
            .into_iter()
            .map(|a| (a.speaker, text[a.range].to_string()))
            .collect()
    }

    #[test]
    fn attributes_quotes_introduced_by_the_speaker() {
        let text = "Party General Secretary To Lam said: “We must have a new mindset.”";
        assert_eq!(
            quoted(text, &[("To Lam", LAM)]),
            [(LAM, "We must have a new mindset.".to_string())]
        );
        let text = "As To Lam wrote in the article Rising: \"Facing this moment, the country needs decisions\".";
        assert_eq!(quoted(text, &[("To Lam", LAM)]).len(), 1);
        let text = "To Lam emphasized that \"integration must serve the people first\".";
        assert_eq!(quoted(text, &[("To Lam", LAM)]).len(), 1);
    }

    #[test]
    fn attributes_quotes_followed_by_the_speaker() {
        let text = "“Say what you say and do it” as Uncle Ho wrote on the first page.";
        assert_eq!(
            quoted(text, &[("Uncle Ho", HO)]),
            [(HO, "Say what you say and do it".to_string())]
        );
        let text = "\"We will open up to all partners,\" said To Lam.";
        assert_eq!(quoted(text, &[("To Lam", LAM)]).len(), 1);
    }

    #[test]
    fn ignores_terms_in_quotes_and_quotes_without_a_speaker_verb() {
        assert!(
            quoted(
                "To Lam spoke of a \"rising generation\" of citizens.",
                &[("To Lam", LAM)]
            )
            .is_empty()
        );
        assert!(
            quoted(
                "To Lam visited. \"The economy grows fast this year,\" a report found.",
                &[("To Lam", LAM)]
            )
            .is_empty()
        );
    }

    #[test]
    fn pairs_straight_and_curly_quotation_marks() {
        let text = "a “one” b \"two\" c";
        let found: Vec<&str> = quotations(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["one", "two"]);
    }
}
