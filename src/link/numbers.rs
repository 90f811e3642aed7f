//! Numbered references: for kinds with a `number-pattern` (resolutions by
//! default), "Resolution No. 57-NQ/TW", "Resolutions 57 and 59" and
//! "Nghị quyết số 59" name the entities with those numbers. An entity's
//! number is its `[extra] number`, or else the first number in its slug.

use std::collections::HashMap;
use std::ops::Range;

use regex::Regex;

use crate::content::{Corpus, EntityId, KindId, PlainValue};

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberHit {
    pub kind: KindId,
    pub number: String,
    /// The entity with that number, if the site has one.
    pub entity: Option<EntityId>,
    /// The first number of a phrase takes the phrase ("Resolution 57"); the
    /// others just themselves ("59").
    pub range: Range<usize>,
}

struct Rule {
    kind: KindId,
    pattern: Regex,
    by_number: HashMap<String, EntityId>,
}

/// The number patterns of the site's kinds.
pub struct NumberMatcher {
    rules: Vec<Rule>,
}

impl NumberMatcher {
    pub fn new(corpus: &Corpus) -> NumberMatcher {
        let mut rules = Vec::new();
        for (index, kind) in corpus.kinds.iter().enumerate() {
            let Some(pattern) = &kind.number_pattern else {
                continue;
            };
            let kind = KindId(index as u16);
            // Validated with the configuration.
            let Ok(pattern) = Regex::new(pattern) else {
                continue;
            };
            let mut by_number = HashMap::new();
            for id in corpus
                .entity_ids()
                .filter(|id| corpus.entity(*id).kind == kind)
            {
                if let Some(number) = entity_number(corpus, id) {
                    by_number.entry(number).or_insert(id);
                }
            }
            rules.push(Rule {
                kind,
                pattern,
                by_number,
            });
        }
        NumberMatcher { rules }
    }

    /// Every numbered reference in `text`.
    pub fn find(&self, text: &str) -> Vec<NumberHit> {
        let mut hits = Vec::new();
        for rule in &self.rules {
            for phrase in rule.pattern.find_iter(text) {
                for (position, number) in numbers_in(text, phrase.range()).into_iter().enumerate() {
                    let value = text[number.clone()].trim_start_matches('0').to_string();
                    let value = if value.is_empty() {
                        "0".to_string()
                    } else {
                        value
                    };
                    let end = token_end(text, number.end, phrase.end());
                    let start = if position == 0 {
                        phrase.start()
                    } else {
                        number.start
                    };
                    hits.push(NumberHit {
                        kind: rule.kind,
                        entity: rule.by_number.get(&value).copied(),
                        number: value,
                        range: start..end,
                    });
                }
            }
        }
        hits
    }
}

/// The number an entity goes by, without leading zeros.
pub fn entity_number(corpus: &Corpus, id: EntityId) -> Option<String> {
    let entity = corpus.entity(id);
    let declared = entity
        .front
        .extra
        .get("number")
        .map(|v| PlainValue::from(v).to_text());
    let text = declared.unwrap_or_else(|| entity.slug.clone());
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty())
        .then(|| digits.trim_start_matches('0').to_string())
        .map(|d| if d.is_empty() { "0".into() } else { d })
}

/// The runs of digits inside `range` that stand alone (not inside a word).
fn numbers_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut index = range.start;
    while index < range.end {
        if bytes[index].is_ascii_digit()
            && (index == 0 || !bytes[index - 1].is_ascii_alphanumeric())
        {
            let start = index;
            while index < range.end && bytes[index].is_ascii_digit() {
                index += 1;
            }
            found.push(start..index);
        } else {
            index += 1;
        }
    }
    found
}

/// Extends a number over a code suffix such as "-NQ/TW", within the phrase.
fn token_end(text: &str, mut end: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    while end < limit && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'-' | b'/')) {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DEFAULT_NUMBER_PATTERN;

    fn find(text: &str) -> Vec<(String, String)> {
        let rule = Rule {
            kind: KindId(0),
            pattern: Regex::new(DEFAULT_NUMBER_PATTERN).unwrap(),
            by_number: HashMap::new(),
        };
        let matcher = NumberMatcher { rules: vec![rule] };
        matcher
            .find(text)
            .into_iter()
            .map(|h| (h.number, text[h.range].to_string()))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn finds_the_forms_the_press_uses() {
        assert_eq!(
            find("the Politburo's Resolution 57 on science"),
            pairs(&[("57", "Resolution 57")])
        );
        assert_eq!(
            find("Resolution No. 22-NQ/TW on integration"),
            pairs(&[("22", "Resolution No. 22-NQ/TW")])
        );
        assert_eq!(
            find("resolution number 59"),
            pairs(&[("59", "resolution number 59")])
        );
        assert_eq!(
            find("Nghị quyết số 59-NQ/TW"),
            pairs(&[("59", "Nghị quyết số 59-NQ/TW")])
        );
    }

    #[test]
    fn finds_every_number_of_a_list() {
        assert_eq!(
            find("Resolutions 18, 57 and 59 form a trio"),
            pairs(&[("18", "Resolutions 18"), ("57", "57"), ("59", "59")])
        );
    }

    #[test]
    fn leaves_dates_after_the_reference_alone() {
        assert_eq!(
            find("Resolution 59-NQ/TW dated January 24, 2025"),
            pairs(&[("59", "Resolution 59-NQ/TW")])
        );
        assert!(find("the resolution was adopted in 2025").is_empty());
    }
}
