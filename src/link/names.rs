//! The name index: one Aho-Corasick automaton over the folded titles and
//! aliases of every entity, and one over their keywords. Matching runs on
//! folded text (case, diacritics and typographic variants ignored), in one
//! pass for all entities, and keeps whole words only; kinds that want case
//! checked have it checked on the original text.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use crate::content::{Corpus, EntityId};
use crate::text::fold;
use crate::text::folded::Folded;

/// A name found in a text, in the original's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    pub entity: EntityId,
    pub range: Range<usize>,
}

struct Pattern {
    entity: EntityId,
    /// The name folded with its case, for kinds that match case.
    exact: Option<String>,
}

/// Every entity name, ready to be found in text.
pub struct NameMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

impl NameMatcher {
    /// Indexes the titles and aliases of every entity. A name two entities
    /// share is left out: it cannot say which one is meant.
    pub fn new(corpus: &Corpus) -> NameMatcher {
        let mut by_name: BTreeMap<String, Vec<(EntityId, String)>> = BTreeMap::new();
        for id in corpus.entity_ids() {
            let entity = corpus.entity(id);
            for name in std::iter::once(&entity.front.title).chain(&entity.front.aliases) {
                let folded = fold(name);
                if folded.chars().filter(|c| c.is_ascii_alphanumeric()).count() < 2 {
                    continue;
                }
                let owners = by_name.entry(folded).or_default();
                if !owners.iter().any(|(owner, _)| *owner == id) {
                    owners.push((id, name.clone()));
                }
            }
        }
        let mut names = Vec::new();
        let mut patterns = Vec::new();
        for (folded, owners) in by_name {
            let [(entity, original)] = owners.as_slice() else {
                continue;
            };
            let case_sensitive = corpus.kind(corpus.entity(*entity).kind).case_sensitive;
            patterns.push(Pattern {
                entity: *entity,
                exact: case_sensitive.then(|| Folded::new(original, true).text),
            });
            names.push(folded);
        }
        NameMatcher {
            automaton: build(&names),
            patterns,
        }
    }

    /// The names in `original` (whose folded form is `folded`): whole words,
    /// leftmost-longest, not overlapping.
    pub fn find(&self, original: &str, folded: &Folded) -> Vec<NameHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<(Range<usize>, EntityId)> = Vec::new();
        for found in whole_words(automaton, folded) {
            let range = found.start()..found.end();
            let pattern = &self.patterns[found.pattern().as_usize()];
            let original_range = folded.original_range(range.clone());
            if let Some(exact) = &pattern.exact
                && Folded::new(&original[original_range.clone()], true).text != *exact
            {
                continue;
            }
            candidates.push((original_range, pattern.entity));
        }
        longest_first(candidates)
            .into_iter()
            .map(|(range, entity)| NameHit { entity, range })
            .collect()
    }
}

/// Keeps the leftmost-longest of overlapping matches.
pub fn longest_first<T>(mut candidates: Vec<(Range<usize>, T)>) -> Vec<(Range<usize>, T)> {
    candidates.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut kept: Vec<(Range<usize>, T)> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if kept
            .last()
            .is_none_or(|last| candidate.0.start >= last.0.end)
        {
            kept.push(candidate);
        }
    }
    kept
}

/// A leftmost-longest automaton compiled to a DFA: matching is one fast
/// pass over the text whatever the number of names.
pub fn build(patterns: &[String]) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .expect("folded names make a valid automaton");
    Some(automaton)
}

/// The whole-word matches of `automaton` in `folded`, leftmost-longest and
/// not overlapping: a match inside a longer word is skipped and the search
/// resumes one byte further.
pub fn whole_words<'a>(
    automaton: &'a AhoCorasick,
    folded: &'a Folded,
) -> impl Iterator<Item = aho_corasick::Match> + 'a {
    let text = folded.text.as_str();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let found = automaton.find(Input::new(text).span(at..text.len()))?;
            if folded.at_word_boundaries(found.start()..found.end()) {
                at = found.end();
                return Some(found);
            }
            at = found.start() + 1;
        }
        None
    })
}

/// Every entity keyword, ready to be found in text.
pub struct KeywordMatcher {
    automaton: Option<AhoCorasick>,
    owners: Vec<Vec<EntityId>>,
}

impl KeywordMatcher {
    pub fn new(corpus: &Corpus) -> KeywordMatcher {
        let mut by_keyword: BTreeMap<String, Vec<EntityId>> = BTreeMap::new();
        for id in corpus.entity_ids() {
            for keyword in &corpus.entity(id).front.keywords {
                let folded = fold(keyword);
                if !folded.is_empty() {
                    let owners = by_keyword.entry(folded).or_default();
                    if !owners.contains(&id) {
                        owners.push(id);
                    }
                }
            }
        }
        let (keywords, owners): (Vec<String>, Vec<Vec<EntityId>>) = by_keyword.into_iter().unzip();
        KeywordMatcher {
            automaton: build(&keywords),
            owners,
        }
    }

    /// The keywords in a folded text: each entity with the original range of
    /// its first keyword there.
    pub fn find(&self, folded: &Folded) -> Vec<NameHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut first: BTreeMap<EntityId, Range<usize>> = BTreeMap::new();
        for found in whole_words(automaton, folded) {
            let range = found.start()..found.end();
            for owner in &self.owners[found.pattern().as_usize()] {
                first
                    .entry(*owner)
                    .or_insert_with(|| folded.original_range(range.clone()));
            }
        }
        first
            .into_iter()
            .map(|(entity, range)| NameHit { entity, range })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::tests::corpus;

    const ENTITIES: &[(u16, &str, &str)] = &[
        (
            0,
            "59-nq-tw.md",
            "+++\ntitle = \"Resolution 59-NQ/TW\"\naliases = [\"Resolution 59\", \"the trio\"]\n+++\n",
        ),
        (
            0,
            "57-nq-tw.md",
            "+++\ntitle = \"Resolution 57-NQ/TW\"\naliases = [\"the trio\"]\n+++\n",
        ),
        (
            1,
            "economy.md",
            "+++\ntitle = \"Economic integration\"\nkeywords = [\"trade\", \"value chain\"]\n+++\n",
        ),
        (
            2,
            "to-lam.md",
            "+++\ntitle = \"To Lam\"\naliases = [\"Tô Lâm\"]\n+++\n",
        ),
    ];

    fn names_in(text: &str) -> Vec<(String, u32)> {
        let corpus = corpus(&[], ENTITIES);
        let matcher = NameMatcher::new(&corpus);
        matcher
            .find(text, &Folded::new(text, false))
            .into_iter()
            .map(|hit| (text[hit.range].to_string(), hit.entity.0))
            .collect()
    }

    #[test]
    fn finds_the_longest_name_ignoring_diacritics_and_case() {
        assert_eq!(
            names_in("RESOLUTION 59-NQ/TW and ECONOMIC INTEGRATION, by Tô\u{a0}Lâm."),
            [
                ("RESOLUTION 59-NQ/TW".to_string(), 0),
                ("ECONOMIC INTEGRATION".to_string(), 2),
                ("Tô\u{a0}Lâm".to_string(), 3)
            ]
        );
    }

    #[test]
    fn keeps_whole_words_and_the_case_of_case_sensitive_kinds() {
        assert!(names_in("Resolution 590 and Resolution 59x").is_empty());
        assert!(
            names_in("they went to lam dong").is_empty(),
            "people match case"
        );
        assert_eq!(names_in("then To Lam spoke").len(), 1);
    }

    #[test]
    fn leaves_out_a_name_two_entities_share() {
        assert!(names_in("the trio of resolutions").is_empty());
    }

    #[test]
    fn finds_each_entity_by_its_first_keyword() {
        let corpus = corpus(&[], ENTITIES);
        let keywords = KeywordMatcher::new(&corpus);
        let text = "Trade grows along the value chain; trade again.";
        let hits = keywords.find(&Folded::new(text, false));
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].range.clone()], "Trade");
    }
}
