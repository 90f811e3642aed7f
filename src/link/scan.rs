//! Scans one article's text: cuts it into blocks (the paragraphs that get
//! anchors), finds the entities each block mentions — by name, by number,
//! by title or by a short reference to someone already named — the keywords
//! each block holds, and the quotes it attributes, interview answers
//! included. A pure function of the shared matchers and one article, so one
//! article can be scanned again alone.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Serialize;

use super::names::{KeywordMatcher, NameMatcher, longest_first};
use super::numbers::NumberMatcher;
use super::people::{People, TitleHit, next_capitalized_word};
use super::quotes::attribute;
use crate::content::{Article, Corpus, EntityId, KindId};
use crate::text::blocks::{PlainText, parse_events, plain_text, segments};
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
    pub number: String,
    pub block: u32,
}

/// A name after a title that no person of the site has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPerson {
    pub name: String,
    pub titled: String,
    pub block: u32,
}

/// Everything found in one article's text.
#[derive(Debug, Clone, Default)]
pub struct ArticleText {
    /// Each block's byte range in the article body; block `i` is `p-{i+1}`.
    pub blocks: Vec<Range<usize>>,
    /// In text order.
    pub mentions: Vec<Mention>,
    /// Per block, the entities whose keywords it holds (with the first one's range).
    pub keywords: Vec<Mention>,
    pub quotes: Vec<Quote>,
    /// Entities whose keywords fill enough of the article to tag it.
    pub tagged: Vec<EntityId>,
    pub unknown_numbers: Vec<UnknownNumber>,
    pub unknown_people: Vec<UnknownPerson>,
}

/// The matchers built once for the whole corpus.
pub struct Scanner<'a> {
    corpus: &'a Corpus,
    names: NameMatcher,
    keywords: KeywordMatcher,
    numbers: NumberMatcher,
    people: People,
}

impl<'a> Scanner<'a> {
    pub fn new(corpus: &'a Corpus) -> Scanner<'a> {
        Scanner {
            corpus,
            names: NameMatcher::new(corpus),
            keywords: KeywordMatcher::new(corpus),
            numbers: NumberMatcher::new(corpus),
            people: People::new(corpus),
        }
    }

    fn is_person(&self, id: EntityId) -> bool {
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
        for (index, plain) in plains.iter().enumerate() {
            self.scan_block(index as u32, &plain.text, &mut state, &mut text);
        }
        self.attribute_answers(article, &plains, explicit, authors, &mut text);
        text.tagged = self.tagged(&text);
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
        let mut candidates: Vec<(Range<usize>, (EntityId, Found))> = self
            .names
            .find(text, &folded)
            .into_iter()
            // "Ho Chi Minh City" and "Ho Chi Minh National Academy" are not the man.
            .filter(|h| {
                !(self.is_person(h.entity) && next_capitalized_word(text, h.range.end).is_some())
            })
            .map(|h| (h.range, (h.entity, Found::Name)))
            .collect();
        for hit in self.numbers.find(text) {
            match hit.entity {
                Some(entity) => candidates.push((hit.range, (entity, Found::Number))),
                None => found.unknown_numbers.push(UnknownNumber {
                    kind: hit.kind,
                    number: hit.number,
                    block,
                }),
            }
        }
        let mut mentions = longest_first(candidates);
        let titles = self.people.titles_in_folded(&folded);
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
            .short_references(text, &folded, &titles, &named, &has_title, &taken)
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
        let people: Vec<(Range<usize>, EntityId)> = mentions
            .iter()
            .filter(|(_, (e, _))| self.is_person(*e))
            .map(|(r, (e, _))| (r.clone(), *e))
            .collect();
        for quote in attribute(text, &people) {
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

    /// Learns the titles people are given, and notes titled names the site lacks.
    fn read_titles(
        &self,
        block: u32,
        text: &str,
        titles: &[TitleHit],
        mentions: &[(Range<usize>, (EntityId, Found))],
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
        for titled in self.people.titled_names(text, titles) {
            let covered = mentions
                .iter()
                .any(|(r, _)| r.start < titled.name.end && titled.name.start < r.end);
            match titled.entity {
                Some(entity) => state.learn_title(entity, titled.group),
                None if !covered => found.unknown_people.push(UnknownPerson {
                    name: text[titled.name.clone()].to_string(),
                    titled: text[titled.title.start..titled.name.end].to_string(),
                    block,
                }),
                None => {}
            }
        }
    }

    /// In an interview, the blocks after each question are the answers of
    /// the interviewee (or of the person an answer names before a colon).
    fn attribute_answers(
        &self,
        article: &Article,
        plains: &[PlainText],
        explicit: &[EntityId],
        authors: &[EntityId],
        text: &mut ArticleText,
    ) {
        let questions: Vec<bool> = text
            .blocks
            .iter()
            .zip(plains)
            .map(|(source, plain)| is_question(&article.body[source.clone()], &plain.text))
            .collect();
        let declared = article
            .front
            .kind
            .as_deref()
            .is_some_and(|k| k.to_lowercase().contains("interview"));
        if !declared && questions.iter().filter(|q| **q).count() < 2 {
            return;
        }
        let first_question = questions.iter().position(|q| *q).unwrap_or(0) as u32;
        let default = self.interviewee(article, explicit, authors, text, first_question);
        let mut answering = false;
        for (index, plain) in plains.iter().enumerate() {
            if questions[index] {
                answering = true;
                continue;
            }
            if is_thanks(&plain.text) {
                answering = false;
            }
            if !answering {
                continue;
            }
            let named = self.answer_prefix(index as u32, &plain.text, text);
            let speaker = named.map(|(speaker, _)| speaker).or(default);
            let marked = ["A:", "A.", "Answer:"]
                .iter()
                .find(|m| plain.text.starts_with(**m))
                .map(|m| m.len());
            let start = named.map(|(_, end)| end).or(marked).unwrap_or(0);
            if let Some(speaker) = speaker {
                let body = &plain.text[start..];
                let start = start + (body.len() - body.trim_start().len());
                if start < plain.text.len() {
                    text.quotes.push(Quote {
                        speaker,
                        block: index as u32,
                        range: start..plain.text.len(),
                        answer: true,
                    });
                }
            }
        }
        text.quotes.sort_by_key(|q| (q.block, q.range.start));
    }

    /// Who answers an interview's questions: the person a headline opens
    /// with ("Prof. X: ..."), else the one person the front matter names
    /// besides the authors, else the first person the introduction names.
    fn interviewee(
        &self,
        article: &Article,
        explicit: &[EntityId],
        authors: &[EntityId],
        text: &ArticleText,
        first_question: u32,
    ) -> Option<EntityId> {
        let title = &article.front.title;
        if let Some((head, _)) = title.split_once(':') {
            let named = self.names.find(head, &Folded::new(head, false));
            if let Some(hit) = named.iter().find(|h| self.is_person(h.entity)) {
                return Some(hit.entity);
            }
        }
        let declared: Vec<EntityId> = explicit
            .iter()
            .copied()
            .filter(|e| self.is_person(*e) && !authors.contains(e))
            .collect();
        if let [one] = declared.as_slice() {
            return Some(*one);
        }
        text.mentions
            .iter()
            .filter(|m| m.block < first_question && m.found == Found::Name)
            .map(|m| m.entity)
            .find(|e| self.is_person(*e) && !authors.contains(e))
    }

    /// "Prof. Dr. X: ..." or "X: ..." at the start of an answer: the person
    /// and where the answer proper begins.
    fn answer_prefix(
        &self,
        block: u32,
        plain: &str,
        text: &ArticleText,
    ) -> Option<(EntityId, usize)> {
        let mention = text
            .mentions
            .iter()
            .find(|m| m.block == block && self.is_person(m.entity) && m.range.start < 60)?;
        let rest = &plain[mention.range.end..];
        let colon = rest.trim_start().strip_prefix(':')?;
        let before_words = plain[..mention.range.start].split_whitespace().count();
        (before_words <= 6).then(|| (mention.entity, plain.len() - colon.len()))
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
}

impl ReadingState {
    /// People declared in the front matter or named in the title count as
    /// named from the start.
    fn new(scanner: &Scanner, article: &Article, explicit: &[EntityId]) -> ReadingState {
        let mut state = ReadingState {
            named: BTreeMap::new(),
            learned: BTreeSet::new(),
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

/// A whole bold paragraph with a question mark, or "Q:" / "Question:".
fn is_question(source: &str, plain: &str) -> bool {
    let source = source.trim();
    let bold = (source.starts_with("**") && source.ends_with("**"))
        || (source.starts_with("__") && source.ends_with("__"));
    let marked = ["Q:", "Q.", "Question:", "QUESTION:"]
        .iter()
        .any(|m| plain.starts_with(m));
    (bold && plain.contains('?')) || marked
}

fn is_thanks(plain: &str) -> bool {
    let words: String = plain
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic() || *c == ' ')
        .collect();
    matches!(
        words.trim(),
        "thank you" | "thanks" | "thank you very much" | "thank you sir" | "thank you madam"
    )
}
