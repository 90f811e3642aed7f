//! People in text, beyond their full names: the titles that precede names
//! in the press ("General Secretary", "Prof. Dr."), titled names that no
//! entity stands for (suggested new speakers), and the short references an
//! article uses once it has named someone: a title alone ("the General
//! Secretary", or an equivalent such as "the Party chief") or the last word
//! of the name ("Lam").

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use aho_corasick::AhoCorasick;

use super::names::{build, longest_first, whole_words};
use crate::content::{Corpus, EntityId};
use crate::text::fold;
use crate::text::folded::Folded;

/// A title found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleHit {
    /// The group of equivalent titles it belongs to.
    pub group: usize,
    pub range: Range<usize>,
}

/// A name written after a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitledName {
    pub group: usize,
    pub title: Range<usize>,
    pub name: Range<usize>,
    /// The person it names, when the site has them.
    pub entity: Option<EntityId>,
}

/// What the site knows about people.
pub struct People {
    titles: Option<AhoCorasick>,
    title_groups: Vec<usize>,
    /// Folded full names (titles and aliases) of people.
    by_name: BTreeMap<String, EntityId>,
    /// The title groups each person is known by (from aliases and roles).
    known_titles: BTreeMap<EntityId, BTreeSet<usize>>,
    /// The last word of each person's name, with its case.
    last_words: BTreeMap<EntityId, String>,
}

impl People {
    pub fn new(corpus: &Corpus) -> People {
        let mut titles = Vec::new();
        let mut title_groups = Vec::new();
        let mut groups: Vec<Vec<String>> = Vec::new();
        for kind in corpus.kinds.iter().filter(|k| k.people) {
            for group in &kind.titles {
                let index = groups.iter().position(|g| g == group).unwrap_or_else(|| {
                    groups.push(group.clone());
                    groups.len() - 1
                });
                for title in group {
                    titles.push(fold(title));
                    title_groups.push(index);
                }
            }
        }
        let mut people = People {
            titles: build(&titles),
            title_groups,
            by_name: BTreeMap::new(),
            known_titles: BTreeMap::new(),
            last_words: BTreeMap::new(),
        };
        for id in corpus.entity_ids() {
            let entity = corpus.entity(id);
            if !corpus.kind(entity.kind).people {
                continue;
            }
            let names = std::iter::once(&entity.front.title).chain(&entity.front.aliases);
            for name in names {
                people.by_name.entry(fold(name)).or_insert(id);
                let known: BTreeSet<usize> = people
                    .titles_in(name)
                    .into_iter()
                    .map(|t| t.group)
                    .collect();
                people.known_titles.entry(id).or_default().extend(known);
            }
            if let Some(role) = entity.front.extra.get("role").and_then(|r| r.as_str()) {
                let known: Vec<usize> = people
                    .titles_in(role)
                    .into_iter()
                    .map(|t| t.group)
                    .collect();
                people.known_titles.entry(id).or_default().extend(known);
            }
            if let Some(last) = entity.front.title.split_whitespace().last() {
                people.last_words.insert(id, Folded::new(last, true).text);
            }
        }
        people
    }

    /// The titles in `text`, whole words, longest first.
    pub fn titles_in(&self, text: &str) -> Vec<TitleHit> {
        self.titles_in_folded(&Folded::new(text, false))
    }

    /// The titles in a text already folded.
    pub fn titles_in_folded(&self, folded: &Folded) -> Vec<TitleHit> {
        let Some(automaton) = &self.titles else {
            return Vec::new();
        };
        let candidates = whole_words(automaton, folded)
            .map(|m| {
                (
                    folded.original_range(m.start()..m.end()),
                    self.title_groups[m.pattern().as_usize()],
                )
            })
            .collect();
        longest_first(candidates)
            .into_iter()
            .map(|(range, group)| TitleHit { group, range })
            .collect()
    }

    /// Names of two to five capitalized words right after a title.
    pub fn titled_names(&self, text: &str, titles: &[TitleHit]) -> Vec<TitledName> {
        let mut found = Vec::new();
        for title in titles {
            let Some(name) = capitalized_run(text, title.range.end) else {
                continue;
            };
            let words = text[name.clone()].split_whitespace().count();
            if !(2..=5).contains(&words) {
                continue;
            }
            let entity = self.by_name.get(&fold(&text[name.clone()])).copied();
            found.push(TitledName {
                group: title.group,
                title: title.range.clone(),
                name,
                entity,
            });
        }
        found
    }

    /// Whether a person of the site goes by `name` (title or alias).
    pub fn knows(&self, name: &str) -> bool {
        self.by_name.contains_key(&fold(name))
    }

    /// Whether a person is known by a title group from their aliases or role.
    pub fn has_known_title(&self, entity: EntityId, group: usize) -> bool {
        self.known_titles
            .get(&entity)
            .is_some_and(|groups| groups.contains(&group))
    }

    /// Short references in `text` to people already `named` in the article:
    /// "the <title>" when one named person has that title, and the last
    /// word of a name standing alone. `taken` are ranges already mentions.
    pub fn short_references(
        &self,
        text: &str,
        folded: &Folded,
        titles: &[TitleHit],
        named: &[EntityId],
        has_title: &dyn Fn(EntityId, usize) -> bool,
        taken: &[Range<usize>],
    ) -> Vec<(Range<usize>, EntityId)> {
        let free = |range: &Range<usize>| {
            !taken
                .iter()
                .any(|t| t.start < range.end && range.start < t.end)
        };
        let mut found = Vec::new();
        for title in titles {
            let followed_by_name = capitalized_run(text, title.range.end).is_some();
            if !preceded_by_the(text, title.range.start) || followed_by_name || !free(&title.range)
            {
                continue;
            }
            let holders: Vec<EntityId> = named
                .iter()
                .copied()
                .filter(|id| has_title(*id, title.group))
                .collect();
            if let [one] = holders.as_slice() {
                found.push((title.range.clone(), *one));
            }
        }
        for id in named {
            let Some(word) = self.last_words.get(id) else {
                continue;
            };
            let sharing = named
                .iter()
                .filter(|other| self.last_words.get(other) == Some(word))
                .count();
            if sharing > 1 {
                continue;
            }
            let lower = word.to_ascii_lowercase();
            for (at, _) in folded.text.match_indices(&lower) {
                let range = at..at + lower.len();
                if !folded.at_word_boundaries(range.clone()) {
                    continue;
                }
                let original = folded.original_range(range);
                let capitalized = text[original.clone()].starts_with(char::is_uppercase);
                if capitalized && free(&original) && stands_alone(text, &original, titles) {
                    found.push((original, *id));
                }
            }
        }
        found.sort_by_key(|(range, _)| range.start);
        found
    }
}

/// Whether the word before `at` is "the" (in any case).
fn preceded_by_the(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let Some(start) = before.len().checked_sub(3) else {
        return false;
    };
    before.is_char_boundary(start)
        && before[start..].eq_ignore_ascii_case("the")
        && !before[..start].ends_with(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// The capitalized word right after `at` past one space, if any.
fn next_capitalized_word(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = &text[at..];
    let space = if rest.starts_with(' ') {
        1
    } else if rest.starts_with('\u{a0}') {
        2
    } else {
        return None;
    };
    let start = at + space;
    let length = text[start..]
        .find(|c: char| !is_word_char(c))
        .unwrap_or(text.len() - start);
    (length > 0 && text[start..].starts_with(char::is_uppercase)).then_some(start..start + length)
}

/// Days and months, which follow names without being part of them
/// ("Party chief To Lam Tuesday said").
const CALENDAR_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether a capitalized word other than a day or month comes right after
/// `at`, so that a name ending there is part of a longer one.
pub(super) fn continues_a_name(text: &str, at: usize) -> bool {
    next_capitalized_word(text, at).is_some_and(|word| !CALENDAR_WORDS.contains(&&text[word]))
}

/// The capitalized word that ends one space before `at`, if any.
fn previous_capitalized_word(text: &str, at: usize) -> Option<Range<usize>> {
    let before = text[..at].strip_suffix(' ')?;
    let start = before.rfind(|c: char| !is_word_char(c)).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    (start < before.len() && before[start..].starts_with(char::is_uppercase))
        .then_some(start..before.len())
}

/// Whether a capitalized word is not part of a longer name: the words
/// around it are not capitalized, except a title before it ("Mr. Hung").
fn stands_alone(text: &str, range: &Range<usize>, titles: &[TitleHit]) -> bool {
    let after_title = titles
        .iter()
        .any(|t| t.range.end <= range.start && text[t.range.end..range.start].trim().is_empty());
    let previous = previous_capitalized_word(text, range.start).is_some();
    (after_title || !previous) && !continues_a_name(text, range.end)
}

/// The run of capitalized words right after `at`, each one space apart;
/// it stops at a lowercase word or any punctuation ("To Lam's" gives "To Lam").
fn capitalized_run(text: &str, at: usize) -> Option<Range<usize>> {
    let mut run: Option<Range<usize>> = None;
    let mut position = at;
    while let Some(word) = next_capitalized_word(text, position)
        .filter(|word| !CALENDAR_WORDS.contains(&&text[word.clone()]))
    {
        position = word.end;
        run = Some(run.map_or(word.clone(), |r| r.start..word.end));
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, after: &str) -> Option<String> {
        let at = text.find(after).unwrap() + after.len();
        capitalized_run(text, at).map(|r| text[r].to_string())
    }

    #[test]
    fn reads_the_name_after_a_title() {
        assert_eq!(
            run("Prof. Dr. Mach Quang Thang, former lecturer", "Prof. Dr.").as_deref(),
            Some("Mach Quang Thang")
        );
        assert_eq!(
            run("General Secretary To Lam's article", "Secretary").as_deref(),
            Some("To Lam")
        );
        assert_eq!(
            run("President Ho Chi Minh clearly stated", "President").as_deref(),
            Some("Ho Chi Minh")
        );
        assert_eq!(
            run("General Secretary and President To Lam", "Secretary"),
            None
        );
        assert_eq!(run("the General Secretary emphasized", "Secretary"), None);
        assert_eq!(
            run("President Prabowo Subianto Monday said", "President").as_deref(),
            Some("Prabowo Subianto")
        );
    }

    #[test]
    fn default_titles_keep_compound_titles_whole() {
        let corpus = Corpus {
            kinds: crate::config::default_kinds(),
            ..Corpus::default()
        };
        let people = People::new(&corpus);
        let titled = |text: &str| -> Vec<(String, String)> {
            let titles = people.titles_in(text);
            people
                .titled_names(text, &titles)
                .into_iter()
                .map(|t| (text[t.title].to_string(), text[t.name].to_string()))
                .collect()
        };
        assert_eq!(
            titled("UN Secretary-General António Guterres spoke."),
            [("UN Secretary-General".into(), "António Guterres".into())]
        );
        let vice = people.titles_in("Vice President Vo Thi Anh Xuan");
        let president = people.titles_in("President Luong Cuong");
        assert_ne!(vice[0].group, president[0].group);
    }

    #[test]
    fn a_last_name_stands_alone_unless_inside_a_longer_name() {
        let text = "Mr. Hung said, and Lam agreed, but Ho Chi Minh City";
        let titles = [TitleHit {
            group: 0,
            range: 0..3,
        }];
        let at = |w: &str| text.find(w).unwrap()..text.find(w).unwrap() + w.len();
        assert!(stands_alone(text, &at("Hung"), &titles));
        assert!(stands_alone(text, &at("Lam"), &titles));
        assert!(!stands_alone(text, &at("Minh"), &titles));
    }
}
