//! Scans one article's text: cuts it into blocks (the paragraphs that get
//! anchors), finds the entities each block mentions — by name, by number,
//! by title or by a short reference to someone already named — the keywords
//! each block holds, and the quotes it attributes, interview answers
//! included. A pure function of the shared matchers and one article, so one
//! article can be scanned again alone.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Serialize;

use super::Discovery;
use super::discover::{
    Discovered, discover, name_after_a_common_word, named_as_a_body, role_of_title,
};
use super::interview::attribute_answers;
use super::issuers::Issuer;
use super::names::{KeywordMatcher, NameMatcher, longest_first};
use super::numbers::NumberMatcher;
use super::people::{People, TitleHit, TitledName, continues_a_name};
use super::quotes::{Carry, attribute};
use crate::content::{Article, Corpus, EntityId, KindId};
use crate::text::blocks::{PlainText, parse_events, plain_text, segments};
use crate::text::fold;
use crate::text::folded::Folded;

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Found {
    /// Its title or one of its aliases.
    Name,
    /// A numbered reference ("Resolution 57").
    Number,
    /// A title standing for someone named before ("the General Secretary").
    Title,
    /// The last word of a name named before ("Lam").
    ShortName,
}

/// An entity mentioned in a block; `range` is in the block's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity: EntityId,
    pub block: u32,
    pub range: Range<usize>,
    pub found: Found,
}

/// A quotation attributed to a person; `range` is in the block's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub speaker: EntityId,
    pub block: u32,
    pub range: Range<usize>,
    /// An interview answer rather than a quotation in running text.
    pub answer: bool,
}

/// A number that no entity of its kind has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownNumber {
    pub kind: KindId,
    /// Without leading zeros, for ordering.
    pub number: String,
    /// As written, with its code ("59/NQ-CP").
    pub token: String,
    /// Who issued it, when its code or its sentence says.
    pub issuer: Option<Issuer>,
    /// The reference as written ("the National Assembly's Resolution 68"
    /// gives "Resolution 68").
    pub written: String,
    /// The block it is in; `None` for the article's title.
    pub block: Option<u32>,
}

/// A person named in the text whom no person of the site is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPerson {
    pub name: String,
    /// The name with what shows it is a person ("President Prabowo
    /// Subianto", "Le Hong Hiep, a senior fellow").
    pub seen: String,
    /// The role the text gives them, if any.
    pub role: Option<String>,
    /// The block it is in; `None` for the article's title.
    pub block: Option<u32>,
}

/// Everything found in one article's text.
#[derive(Debug, Clone, Default)]
pub struct ArticleText {
    /// Each block's byte range in the article body; block `i` is `p-{i+1}`.
    pub blocks: Vec<Range<usize>>,
    /// The plain text of every block, one after the other: mention and
    /// quote ranges index it through [`ArticleText::block_text`], and
    /// passages, quotes and the search index read it without parsing the
    /// body again.
    pub plain: String,
    /// Where each block's plain text ends in `plain`.
    pub plain_ends: Vec<u32>,
    /// In text order.
    pub mentions: Vec<Mention>,
    /// Per block, the entities whose keywords it holds (with the first one's range).
    pub keywords: Vec<Mention>,
    pub quotes: Vec<Quote>,
    /// Entities whose keywords fill enough of the article to tag it.
    pub tagged: Vec<EntityId>,
    pub unknown_numbers: Vec<UnknownNumber>,
    pub unknown_people: Vec<UnknownPerson>,
    /// The entities the article's title names, in title order: entities
    /// of the article like those its body mentions.
    pub headline: Vec<EntityId>,
}

impl ArticleText {
    /// The plain text of block `block`, if the article has it.
    pub fn block_text(&self, block: usize) -> Option<&str> {
        let end = *self.plain_ends.get(block)? as usize;
        let start = block
            .checked_sub(1)
            .map_or(0, |previous| self.plain_ends[previous] as usize);
        self.plain.get(start..end)
    }

    /// The plain text of every block, in order.
    pub fn block_texts(&self) -> impl Iterator<Item = &str> {
        (0..self.plain_ends.len()).filter_map(|block| self.block_text(block))
    }
}

/// An entity seen in text, and how.
type Sighting = (EntityId, Found);
/// A mention in a block's plain text, before it is given its block.
type Located = (Range<usize>, Sighting);

/// The matchers built once for the whole corpus.
pub struct Scanner<'a> {
    corpus: &'a Corpus,
    discovery: Discovery,
    pub(super) names: NameMatcher,
    keywords: KeywordMatcher,
    numbers: NumberMatcher,
    people: People,
}

impl<'a> Scanner<'a> {
    pub fn new(corpus: &'a Corpus) -> Scanner<'a> {
        Scanner {
            corpus,
            discovery: Discovery::Titled,
            names: NameMatcher::new(corpus),
            keywords: KeywordMatcher::new(corpus),
            numbers: NumberMatcher::new(corpus),
            people: People::new(corpus),
        }
    }

    /// The scanner finding the people the site lacks as `discovery` says.
    pub fn discovering(self, discovery: Discovery) -> Scanner<'a> {
        Scanner { discovery, ..self }
    }

    pub(super) fn is_person(&self, id: EntityId) -> bool {
        self.corpus.kind(self.corpus.entity(id).kind).people
    }

    /// Scans `article`, whose explicit entities are `explicit` and whose
    /// byline names `authors`.
    pub fn scan(
        &self,
        article: &Article,
        explicit: &[EntityId],
        authors: &[EntityId],
    ) -> ArticleText {
        let events = parse_events(&article.body);
        let segments = segments(&events);
        let plains: Vec<PlainText> = segments.iter().map(|s| plain_text(&events, s)).collect();
        let mut state = ReadingState::new(self, article, explicit);
        let mut text = ArticleText {
            blocks: segments.iter().map(|s| s.source.clone()).collect(),
            ..Default::default()
        };
        self.scan_headline(&article.front.title, &mut text);
        for (index, plain) in plains.iter().enumerate() {
            self.scan_block(index as u32, &plain.text, &mut state, &mut text);
        }
        attribute_answers(self, article, &plains, explicit, authors, &mut text);
        // Names right after a title (the build's reading) need no second look.
        if self.discovery == Discovery::Full && !text.unknown_people.is_empty() {
            let texts: Vec<&str> = std::iter::once(article.front.title.as_str())
                .chain(plains.iter().map(|p| p.text.as_str()))
                .collect();
            read_people_across_the_article(&mut text.unknown_people, &texts);
        }
        name_short_forms_in_full(&mut text.unknown_people);
        text.tagged = self.tagged(&text);
        text.plain
            .reserve(plains.iter().map(|p| p.text.len()).sum());
        for plain in &plains {
            text.plain.push_str(&plain.text);
            text.plain_ends.push(text.plain.len() as u32);
        }
        text
    }

    fn scan_block(
        &self,
        block: u32,
        text: &str,
        state: &mut ReadingState,
        found: &mut ArticleText,
    ) {
        let folded = Folded::new(text, false);
        let mentions = self.find_mentions(block, text, &folded, state, found);
        let people: Vec<(Range<usize>, EntityId)> = mentions
            .iter()
            .filter(|(_, (e, _))| self.is_person(*e))
            .map(|(r, (e, _))| (r.clone(), *e))
            .collect();
        for quote in attribute(text, &people, &mut state.carry) {
            found.quotes.push(Quote {
                speaker: quote.speaker,
                block,
                range: quote.range,
                answer: false,
            });
        }
        found
            .mentions
            .extend(mentions.into_iter().map(|(range, (entity, how))| Mention {
                entity,
                block,
                range,
                found: how,
            }));
        found
            .keywords
            .extend(self.keywords.find(&folded).into_iter().map(|h| Mention {
                entity: h.entity,
                block,
                range: h.range,
                found: Found::Name,
            }));
    }

    /// What the article's title names: entities by name or number, numbers
    /// and people the site lacks.
    fn scan_headline(&self, title: &str, found: &mut ArticleText) {
        let folded = Folded::new(title, false);
        let mut candidates: Vec<(Range<usize>, Option<EntityId>)> = self
            .names
            .find(title, &folded)
            .into_iter()
            .filter(|h| !(self.is_person(h.entity) && continues_a_name(title, h.range.end)))
            .map(|h| (h.range, Some(h.entity)))
            .collect();
        for hit in self.numbers.find(title) {
            if hit.entity.is_none() {
                found.unknown_numbers.push(UnknownNumber {
                    kind: hit.kind,
                    number: hit.number,
                    token: hit.token,
                    issuer: hit.issuer,
                    written: title[hit.range.clone()].to_string(),
                    block: None,
                });
            }
            candidates.push((hit.range, hit.entity));
        }
        let named = longest_first(candidates);
        let taken: Vec<Range<usize>> = named.iter().map(|(r, _)| r.clone()).collect();
        found.headline = named.into_iter().filter_map(|(_, e)| e).collect();
        let titles = self.people.titles_in_folded(&folded);
        let titled = self.people.titled_names(title, &titles);
        self.note_unknown_people(None, title, &titles, &titled, &taken, found);
    }

    /// Notes the people `text` shows to be people whom the site lacks;
    /// `titled` are the names after its `titles`.
    fn note_unknown_people(
        &self,
        block: Option<u32>,
        text: &str,
        titles: &[TitleHit],
        titled: &[TitledName],
        taken: &[Range<usize>],
        found: &mut ArticleText,
    ) {
        if !self.corpus.kinds.iter().any(|k| k.people) {
            return;
        }
        let people = match self.discovery {
            Discovery::Full => discover(text, titles),
            Discovery::Titled => titled_people(text, titled),
        };
        for person in people {
            let covered = taken
                .iter()
                .any(|r| r.start < person.name.end && person.name.start < r.end);
            let name = &text[person.name.clone()];
            if covered || self.people.knows(name) {
                continue;
            }
            found.unknown_people.push(UnknownPerson {
                name: name.to_string(),
                seen: text[person.seen].to_string(),
                role: person.role,
                block,
            });
        }
    }

    /// The mentions of one block, in text order: names and numbers (the
    /// longest wins; a number no entity has hides the names inside it), then
    /// titles and short names of people named before.
    fn find_mentions(
        &self,
        block: u32,
        text: &str,
        folded: &Folded,
        state: &mut ReadingState,
        found: &mut ArticleText,
    ) -> Vec<Located> {
        // `None` marks a number no entity has: it still hides the names inside it.
        let mut candidates: Vec<(Range<usize>, Option<Sighting>)> = self
            .names
            .find(text, folded)
            .into_iter()
            // "Ho Chi Minh City" and "Ho Chi Minh National Academy" are not the man.
            .filter(|h| !(self.is_person(h.entity) && continues_a_name(text, h.range.end)))
            .map(|h| (h.range, Some((h.entity, Found::Name))))
            .collect();
        for hit in self.numbers.find(text) {
            if hit.entity.is_none() {
                found.unknown_numbers.push(UnknownNumber {
                    kind: hit.kind,
                    number: hit.number,
                    token: hit.token,
                    issuer: hit.issuer,
                    written: text[hit.range.clone()].to_string(),
                    block: Some(block),
                });
            }
            candidates.push((hit.range, hit.entity.map(|e| (e, Found::Number))));
        }
        let mut mentions: Vec<Located> = longest_first(candidates)
            .into_iter()
            .filter_map(|(range, mention)| Some((range, mention?)))
            .collect();
        let titles = self.people.titles_in_folded(folded);
        self.read_titles(block, text, &titles, &mentions, state, found);
        for (range, (entity, _)) in &mentions {
            if self.is_person(*entity) {
                state.name(*entity, (block, range.start));
            }
        }
        let taken: Vec<Range<usize>> = mentions.iter().map(|(r, _)| r.clone()).collect();
        let named: Vec<EntityId> = state.named.keys().copied().collect();
        let has_title = |id: EntityId, group: usize| state.has_title(&self.people, id, group);
        for (range, entity) in self
            .people
            .short_references(text, folded, &titles, &named, &has_title, &taken)
        {
            if state.named_before(entity, (block, range.start)) {
                let how = if titles.iter().any(|t| t.range == range) {
                    Found::Title
                } else {
                    Found::ShortName
                };
                mentions.push((range, (entity, how)));
            }
        }
        mentions.sort_by_key(|(range, _)| range.start);
        mentions
    }

    /// Learns the titles people are given, and notes titled names the site lacks.
    fn read_titles(
        &self,
        block: u32,
        text: &str,
        titles: &[TitleHit],
        mentions: &[Located],
        state: &mut ReadingState,
        found: &mut ArticleText,
    ) {
        for (range, (entity, _)) in mentions {
            for title in titles.iter().filter(|t| {
                t.range.end <= range.start && text[t.range.end..range.start].trim().is_empty()
            }) {
                state.learn_title(*entity, title.group);
            }
        }
        let titled = self.people.titled_names(text, titles);
        for name in &titled {
            if let Some(entity) = name.entity {
                state.learn_title(entity, name.group);
            }
        }
        let taken: Vec<Range<usize>> = mentions.iter().map(|(r, _)| r.clone()).collect();
        self.note_unknown_people(Some(block), text, titles, &titled, &taken, found);
    }

    fn tagged(&self, text: &ArticleText) -> Vec<EntityId> {
        let blocks = text.blocks.len().max(1) as f64;
        let mut passages: BTreeMap<EntityId, BTreeSet<u32>> = BTreeMap::new();
        for hit in &text.keywords {
            passages.entry(hit.entity).or_default().insert(hit.block);
        }
        let threshold = self.corpus.links.keyword_threshold;
        passages
            .into_iter()
            .filter(|(_, hits)| hits.len() as f64 / blocks >= threshold)
            .map(|(e, _)| e)
            .collect()
    }
}

/// Who has been named so far in an article, and with which titles.
struct ReadingState {
    /// Each person named, with the place (block, offset) they were first named.
    named: BTreeMap<EntityId, (u32, usize)>,
    learned: BTreeSet<(EntityId, usize)>,
    /// What quote attribution carries from one block to the next.
    carry: Carry,
}

impl ReadingState {
    /// People declared in the front matter or named in the title count as
    /// named from the start.
    fn new(scanner: &Scanner, article: &Article, explicit: &[EntityId]) -> ReadingState {
        let mut state = ReadingState {
            named: BTreeMap::new(),
            learned: BTreeSet::new(),
            carry: Carry::default(),
        };
        for id in explicit.iter().copied().filter(|id| scanner.is_person(*id)) {
            state.name(id, (0, 0));
        }
        let title = &article.front.title;
        for hit in scanner.names.find(title, &Folded::new(title, false)) {
            if scanner.is_person(hit.entity) {
                state.name(hit.entity, (0, 0));
            }
        }
        state
    }

    fn name(&mut self, entity: EntityId, at: (u32, usize)) {
        self.named.entry(entity).or_insert(at);
    }

    fn named_before(&self, entity: EntityId, at: (u32, usize)) -> bool {
        self.named
            .get(&entity)
            .is_some_and(|first| *first < at || *first == (0, 0))
    }

    fn learn_title(&mut self, entity: EntityId, group: usize) {
        self.learned.insert((entity, group));
    }

    fn has_title(&self, people: &People, entity: EntityId, group: usize) -> bool {
        self.learned.contains(&(entity, group)) || people.has_known_title(entity, group)
    }
}

/// "Ambassador Van der Berg" after "Karin van der Berg": a name that ends
/// another name found in the same article is that person, named again.
/// Left alone when two longer names end the same way.
fn name_short_forms_in_full(people: &mut [UnknownPerson]) {
    let folded: Vec<String> = people.iter().map(|p| fold(&p.name)).collect();
    for index in 0..people.len() {
        let short = &folded[index];
        let longer: BTreeSet<&str> = folded
            .iter()
            .enumerate()
            .filter(|(_, full)| {
                full.len() > short.len()
                    && full.ends_with(short.as_str())
                    && full[..full.len() - short.len()].ends_with(' ')
            })
            .map(|(at, _)| people[at].name.as_str())
            .collect();
        if let [full] = longer.into_iter().collect::<Vec<_>>()[..] {
            let full = full.to_string();
            people[index].name = full;
        }
    }
}

/// What the whole article says of the people found in its parts (`texts`
/// are its headline and paragraphs): a name opening its sentences after a
/// common word is the shorter name the article uses, the word its role
/// ("Pivot Nhan Gia Bao" is Nhan Gia Bao, a pivot), and a name the article
/// shows elsewhere to be a team's, a firm's or a place's names no one,
/// unless a title, an honorific or a description came right before it
/// somewhere ("Ms X", "the designer X").
fn read_people_across_the_article(people: &mut Vec<UnknownPerson>, texts: &[&str]) {
    let mut shorter: BTreeMap<String, Option<usize>> = BTreeMap::new();
    for person in people.iter_mut() {
        let at = *shorter
            .entry(person.name.clone())
            .or_insert_with(|| name_after_a_common_word(&person.name, texts));
        if let Some(at) = at {
            let word = person.name[..at].trim_end().to_string();
            person.name.drain(..at);
            person.role.get_or_insert(word);
        }
    }
    let titled: BTreeSet<&str> = people
        .iter()
        .filter(|p| {
            // The seen text holds the word before the name; an apposition
            // ("the driver, X") is set off by a comma.
            p.seen
                .find(p.name.as_str())
                .is_some_and(|at| at > 0 && !p.seen[..at].trim_end().ends_with(','))
        })
        .map(|p| p.name.as_str())
        .collect();
    let bodies: BTreeSet<String> = people
        .iter()
        .map(|p| p.name.as_str())
        .filter(|name| !titled.contains(name))
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .filter(|name| named_as_a_body(name, texts))
        .map(str::to_string)
        .collect();
    if !bodies.is_empty() {
        people.retain(|p| !bodies.contains(&p.name));
    }
}

/// The names right after a title that no person of the site has.
fn titled_people(text: &str, titled: &[TitledName]) -> Vec<Discovered> {
    titled
        .iter()
        .filter(|name| name.entity.is_none())
        .map(|name| Discovered {
            seen: name.title.start..name.name.end,
            role: role_of_title(&text[name.title.clone()]),
            name: name.name.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
