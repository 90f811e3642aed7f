//! Numbered references: for kinds with a `number-pattern` (resolutions by
//! default), "Resolution No. 57-NQ/TW", "Resolutions 57 and 59" and
//! "Nghị quyết số 59" name the entities with those numbers. An entity's
//! number is its `[extra] number`, or else the first number in its slug; its
//! code is its `[extra] code`, or else the numbered word of its title or an
//! alias ("57-NQ/TW"). A number written with a code names only the entity
//! with that code, however it is spelt ("36/NQ-TW", "36NQTW", or "45-NQ"
//! for "45-NQ/TW"): "Resolution 59/NQ-CP" (a government resolution) is not
//! "Resolution 59-NQ/TW" (a Party one). A bare number whose sentence names
//! another issuer ("the Government then issued Resolution 59") is not the
//! Party's either (see [`super::issuers`]).

use std::collections::HashMap;
use std::ops::Range;

use regex::Regex;

use super::issuers::{Issuer, issuer_in_sentence, issuer_named, issuer_of_code};
use crate::config::{DEFAULT_NUMBER_ALTERNATIVES, DEFAULT_NUMBER_PATTERN};
use crate::content::{Corpus, EntityId, KindId, PlainValue};
use crate::text::fold;

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberHit {
    pub kind: KindId,
    /// The number without leading zeros ("57").
    pub number: String,
    /// The number as written, with its code ("57-NQ/TW").
    pub token: String,
    /// The entity with that number (and code), if the site has one.
    pub entity: Option<EntityId>,
    /// Who issued it, when its code or its sentence says.
    pub issuer: Option<Issuer>,
    /// The first number of a phrase takes the phrase ("Resolution 57"); the
    /// others just themselves ("59").
    pub range: Range<usize>,
}

/// An entity that has a number, with the letters and digits of the code
/// after its number ("nqtw" for "-NQ/TW"), when it has one, and its issuer,
/// when its `[extra] issuer` or its code says.
struct Numbered {
    entity: EntityId,
    code: Option<String>,
    issuer: Option<Issuer>,
}

struct Rule {
    kind: KindId,
    pattern: Pattern,
    by_number: HashMap<String, Vec<Numbered>>,
}

impl Rule {
    /// The entity a number written with `code` (maybe empty), in a sentence
    /// naming `stated` as its issuer, names: among those with the number,
    /// the ones whose code and issuer agree with what is written; of several,
    /// the one with exactly that code, or else, when nothing but the number
    /// is written, the Party's (a bare "Resolution 57" in the Vietnamese
    /// press is the Party's unless the sentence says otherwise).
    fn entity(&self, number: &str, code: &str, stated: Option<Issuer>) -> Option<EntityId> {
        let candidates = self.by_number.get(number)?;
        let written = code_key(code);
        let code_issuer = issuer_of_code(code);
        let issuer = code_issuer.or(stated);
        let fits = |c: &&Numbered| {
            let same_issuer = match (issuer, c.issuer) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            let same_code = match &c.code {
                _ if written.is_empty() => true,
                None => true,
                // "45-NQ" leaves the issuer out of "45-NQ/TW".
                Some(own) => {
                    *own == written || (code_issuer.is_none() && own.starts_with(&written))
                }
            };
            same_issuer && same_code
        };
        let fitting: Vec<&Numbered> = candidates.iter().filter(fits).collect();
        match fitting.as_slice() {
            [] => None,
            [one] => Some(one.entity),
            several => {
                let exact = several
                    .iter()
                    .filter(|c| !written.is_empty() && c.code.as_deref() == Some(written.as_str()))
                    .collect::<Vec<_>>();
                let party = several
                    .iter()
                    .filter(|c| {
                        issuer.is_none() && written.is_empty() && c.issuer == Some(Issuer::Party)
                    })
                    .collect::<Vec<_>>();
                match (exact.as_slice(), party.as_slice()) {
                    ([one], _) | ([], [one]) => Some(one.entity),
                    _ => None,
                }
            }
        }
    }
}

/// The letters and digits of a code, folded: "-NQ/TW", "/NQ-TW" and "NQTW"
/// are all "nqtw".
fn code_key(code: &str) -> String {
    fold(code)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// A kind's number pattern, searched as its alternatives when it is the
/// default one (see [`DEFAULT_NUMBER_ALTERNATIVES`]).
struct Pattern(Vec<Regex>);

impl Pattern {
    fn new(source: &str) -> Option<Pattern> {
        let sources: &[&str] = if source == DEFAULT_NUMBER_PATTERN {
            &DEFAULT_NUMBER_ALTERNATIVES
        } else {
            &[source]
        };
        let regexes = sources.iter().map(|s| Regex::new(s).ok());
        regexes.collect::<Option<Vec<_>>>().map(Pattern)
    }

    /// What `find_iter` of the alternatives joined by `|` finds: from the
    /// end of the last match on, the match that starts first, the earlier
    /// alternative's of two that start together.
    fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        let [only] = self.0.as_slice() else {
            return self.leftmost_of_all(text);
        };
        only.find_iter(text).map(|m| m.range()).collect()
    }

    fn leftmost_of_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut next: Vec<Option<Range<usize>>> = vec![None; self.0.len()];
        let mut found = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            for (regex, next) in self.0.iter().zip(next.iter_mut()) {
                if next.as_ref().is_none_or(|m| m.start < at) {
                    *next = regex.find_at(text, at).map(|m| m.range());
                }
            }
            let Some(first) = next.iter().flatten().min_by_key(|m| m.start).cloned() else {
                break;
            };
            // An empty match moves on by one character, as `find_iter` does.
            at = if first.is_empty() {
                first.end + text[first.end..].chars().next().map_or(1, char::len_utf8)
            } else {
                first.end
            };
            found.push(first);
        }
        found
    }
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
            let Some(pattern) = Pattern::new(pattern) else {
                continue;
            };
            let mut by_number: HashMap<String, Vec<Numbered>> = HashMap::new();
            for id in corpus
                .entity_ids()
                .filter(|id| corpus.entity(*id).kind == kind)
            {
                if let Some(number) = entity_number(corpus, id) {
                    let code = entity_code(corpus, id, &number);
                    let issuer = entity_issuer(corpus, id, code.as_deref());
                    by_number.entry(number).or_default().push(Numbered {
                        entity: id,
                        code: code.as_deref().map(code_key),
                        issuer,
                    });
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
                // What the sentence says of the issuer matters only for a
                // number whose code does not say it: read it once, if then.
                let mut stated_in_sentence: Option<Option<Issuer>> = None;
                let mut covered = phrase.start;
                let numbers = numbers_in(text, phrase.clone()).into_iter();
                // Digits inside a code ("/2023/QH15") are part of the number before.
                let numbers = numbers.filter(|n| {
                    let free = n.start >= covered;
                    covered = covered.max(token_end(text, n.end, phrase.end));
                    free
                });
                for (position, number) in numbers.enumerate() {
                    let value = without_leading_zeros(&text[number.clone()]);
                    let end = token_end(text, number.end, phrase.end);
                    let start = if position == 0 {
                        phrase.start
                    } else {
                        number.start
                    };
                    let code = &text[number.end..end];
                    let code_issuer = issuer_of_code(code);
                    let stated = match code_issuer {
                        Some(_) => None,
                        None => *stated_in_sentence
                            .get_or_insert_with(|| issuer_in_sentence(text, phrase.clone())),
                    };
                    hits.push(NumberHit {
                        kind: rule.kind,
                        entity: rule.entity(&value, code, stated),
                        // A body the rules do not know names no issuer to write.
                        issuer: code_issuer.or(stated).filter(|i| *i != Issuer::Other),
                        token: text[number.start..end].to_string(),
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
    (!digits.is_empty()).then(|| without_leading_zeros(&digits))
}

/// Who issued an entity: its `[extra] issuer` ("Politburo"), else its code.
fn entity_issuer(corpus: &Corpus, id: EntityId, code: Option<&str>) -> Option<Issuer> {
    let declared = corpus.entity(id).front.extra.get("issuer");
    declared
        .map(|v| PlainValue::from(v).to_text())
        .and_then(|text| issuer_named(&text))
        .or_else(|| code.and_then(issuer_of_code))
}

/// The code after an entity's number, as written: from `[extra] code`, else
/// from the first word of its title or aliases that is the number with a code.
fn entity_code(corpus: &Corpus, id: EntityId, number: &str) -> Option<String> {
    let entity = corpus.entity(id);
    let declared = entity
        .front
        .extra
        .get("code")
        .map(|v| PlainValue::from(v).to_text());
    let names = std::iter::once(&entity.front.title).chain(&entity.front.aliases);
    declared.into_iter().chain(names.cloned()).find_map(|name| {
        let at = numbers_in(&name, 0..name.len())
            .into_iter()
            .find(|r| without_leading_zeros(&name[r.clone()]) == number)?;
        let end = token_end(&name, at.end, name.len());
        (end > at.end).then(|| name[at.end..end].to_string())
    })
}

fn without_leading_zeros(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
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

/// Extends a number over a code such as "-NQ/TW", "/2023/QH15" or an
/// attached "NQTW", within the phrase; a code starts with `-`, `/` or a
/// capital letter and holds letters and digits.
fn token_end(text: &str, mut end: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let starts_code = match bytes.get(end) {
        Some(b'-' | b'/') => true,
        Some(b) => b.is_ascii_uppercase() && end < limit,
        None => false,
    };
    if !starts_code {
        return end;
    }
    let mut index = end;
    while index < limit {
        let c = text[index..].chars().next().expect("inside the text");
        if c.is_alphanumeric() || matches!(c, '-' | '/') {
            index += c.len_utf8();
            if c.is_alphanumeric() {
                end = index;
            }
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(String, String)> {
        let rule = Rule {
            kind: KindId(0),
            pattern: Pattern::new(DEFAULT_NUMBER_PATTERN).unwrap(),
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

    /// Texts made of the pieces numbered references are written with,
    /// joined in every order a small generator gives.
    fn pieces_joined(count: usize) -> Vec<String> {
        const PIECES: &[&str] = &[
            "Resolution",
            "resolutions",
            "No.",
            "no",
            "Nos.",
            "số",
            "Nghị quyết",
            "nghi quyet",
            "57",
            "59-NQ/TW",
            "36/NQ-TW",
            "36NQTW",
            "45-NQ",
            "101/NQ-CP",
            "103/2023/QH15",
            "2030",
            "NQ",
            "and",
            "và",
            ",",
            "&",
            "the",
            "Politburo's",
            "Đổi",
            "x59",
            "59-nq",
            "/",
            "-",
        ];
        let mut state = 0x9e37_79b9_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as usize
        };
        (0..count)
            .map(|_| {
                let length = 2 + next() % 10;
                let mut text = String::new();
                for _ in 0..length {
                    text.push_str(PIECES[next() % PIECES.len()]);
                    text.push_str([" ", "", " ", ". ", ", "][next() % 5]);
                }
                text
            })
            .collect()
    }

    #[test]
    fn the_default_alternatives_searched_apart_find_what_the_whole_finds() {
        let whole = Regex::new(DEFAULT_NUMBER_PATTERN).unwrap();
        let apart = Pattern::new(DEFAULT_NUMBER_PATTERN).unwrap();
        assert_eq!(apart.0.len(), 2);
        let mut matched = 0;
        for text in pieces_joined(20_000) {
            let expected: Vec<Range<usize>> = whole.find_iter(&text).map(|m| m.range()).collect();
            matched += expected.len();
            assert_eq!(apart.find_iter(&text), expected, "{text:?}");
        }
        assert!(matched > 20_000, "the texts hold references: {matched}");
        let own = Pattern::new(r"(?i)decision \d+").unwrap();
        assert_eq!(own.find_iter("Decision 5 and decision 6"), [0..10, 15..25]);
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
        assert_eq!(
            find("Resolution 59 and 2030 targets"),
            pairs(&[("59", "Resolution 59")])
        );
    }

    #[test]
    fn takes_the_code_with_the_number() {
        assert_eq!(
            find("the government's Resolution 59/NQ-CP, issued"),
            pairs(&[("59", "Resolution 59/NQ-CP")])
        );
        assert_eq!(
            find("Resolution 98/2023/QH15 on Ho Chi Minh City"),
            pairs(&[("98", "Resolution 98/2023/QH15")])
        );
    }

    #[test]
    fn a_code_picks_the_entity_with_that_code() {
        let numbered = |entity: u32, code: Option<&str>| Numbered {
            entity: EntityId(entity),
            code: code.map(code_key),
            issuer: code.and_then(issuer_of_code),
        };
        let rule = Rule {
            kind: KindId(0),
            pattern: Pattern::new(DEFAULT_NUMBER_PATTERN).unwrap(),
            by_number: HashMap::from([
                ("59".to_string(), vec![numbered(1, Some("-NQ/TW"))]),
                (
                    "57".to_string(),
                    vec![numbered(2, Some("-NQ/TW")), numbered(3, Some("/NQ-CP"))],
                ),
                ("18".to_string(), vec![numbered(4, None)]),
            ]),
        };
        let entity = |number: &str, code: &str| rule.entity(number, code, None);
        assert_eq!(entity("59", ""), Some(EntityId(1)));
        assert_eq!(entity("59", "-NQ/TW"), Some(EntityId(1)));
        assert_eq!(entity("59", "/NQ-TW"), Some(EntityId(1)));
        assert_eq!(entity("59", "NQTW"), Some(EntityId(1)));
        assert_eq!(entity("59", "-NQ"), Some(EntityId(1)));
        assert_eq!(entity("59", "/NQ-CP"), None);
        assert_eq!(entity("59", "/2023/QH15"), None);
        assert_eq!(entity("57", "/NQ-CP"), Some(EntityId(3)));
        assert_eq!(
            entity("57", ""),
            Some(EntityId(2)),
            "a bare number is the Party's"
        );
        assert_eq!(entity("18", "-NQ/TW"), Some(EntityId(4)));
        assert_eq!(
            rule.entity("57", "", Some(Issuer::Government)),
            Some(EntityId(3))
        );
        assert_eq!(rule.entity("59", "", Some(Issuer::Government)), None);
        assert_eq!(rule.entity("59", "", Some(Issuer::NationalAssembly)), None);
    }

    #[test]
    fn finds_codes_in_every_spelling() {
        assert_eq!(
            find("known as 36NQTW, and Resolution 36/NQ-TW of 2018"),
            pairs(&[("36", "36NQTW"), ("36", "Resolution 36/NQ-TW")])
        );
        assert_eq!(
            find("under No 45-NQ/TW, cited as Resolution 45-NQ."),
            pairs(&[("45", "No 45-NQ/TW"), ("45", "Resolution 45-NQ")])
        );
        assert_eq!(find("the 2030 NQ targets and 45 NQs"), pairs(&[]));
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
