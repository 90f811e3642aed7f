//! Quote attribution in running text. A quotation (in “double”, "straight",
//! ‘single’ or «angle» marks; one left open runs to the end of its
//! paragraph) is attributed to a person when a verb of speech or writing
//! joins them in one sentence: X said: "..."; "...", X said; As X wrote in
//! ...: "..."; X emphasised that "..."; according to X, ... "...". A pronoun
//! ("...," he said; She wrote: "...") stands for the person named last. A
//! quotation with no such cue continues the quotation before it, in the
//! same paragraph or, when it opens the paragraph, in the one before (the
//! press convention for a quotation over several paragraphs). Interview
//! answers are attributed by `interview`, which knows the questions.

use std::ops::Range;

use super::speech::{has_speech_verb, is_pronoun, words_of};
use crate::content::EntityId;

/// How far (in bytes) a speaker named before may stand from the quotation.
const FORWARD_REACH: usize = 220;
/// How far (in bytes) a speaker named after may stand from the quotation.
const BACKWARD_REACH: usize = 60;
/// Quotations shorter than this many words are terms, not quotes.
const MIN_WORDS: usize = 3;

/// A quotation: its marks and the words inside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to after the closing mark (or the text's end).
    pub marks: Range<usize>,
    /// The quoted words, trimmed.
    pub inner: Range<usize>,
    /// Whether a closing mark ends it.
    pub closed: bool,
}

/// A quotation attributed to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributed {
    pub speaker: EntityId,
    /// The quoted words, without the quotation marks.
    pub range: Range<usize>,
}

/// What attribution carries from one paragraph to the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carry {
    /// The person mentioned last so far, whom a pronoun stands for.
    pub last_person: Option<EntityId>,
    /// The speaker of the previous paragraph's last quotation, if it was
    /// attributed, and whether it was left open.
    pub last_quote: Option<(EntityId, bool)>,
}

/// What the words around a quotation say about who speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A person the site knows.
    Speaker(EntityId),
    /// Someone speaks, but not anyone the site knows ("said an analyst").
    Unknown,
    /// Nothing: the quotation may continue the one before.
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Double,
    Single,
    Angle,
}

/// The quotations of `text`, in order. Marks inside a quotation of another
/// kind are part of it; `’` followed by a letter is an apostrophe.
pub fn quotations(text: &str) -> Vec<Quotation> {
    let mut found = Vec::new();
    let mut open: Option<(usize, Mark)> = None;
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let after = index + c.len_utf8();
        match (c, open) {
            ('“' | '"', None) => open = Some((index, Mark::Double)),
            ('“', Some((_, Mark::Double))) => open = Some((index, Mark::Double)),
            ('”' | '"', Some((start, Mark::Double))) => {
                found.push(quotation(text, start, after, true));
                open = None;
            }
            ('‘', None) if !previous.is_some_and(char::is_alphanumeric) => {
                open = Some((index, Mark::Single))
            }
            ('’', Some((start, Mark::Single))) if !next.is_some_and(char::is_alphabetic) => {
                found.push(quotation(text, start, after, true));
                open = None;
            }
            ('«', None) => open = Some((index, Mark::Angle)),
            ('»', Some((start, Mark::Angle))) => {
                found.push(quotation(text, start, after, true));
                open = None;
            }
            _ => {}
        }
        previous = Some(c);
    }
    if let Some((start, _)) = open {
        found.push(quotation(text, start, text.len(), false));
    }
    found.retain(|q| !q.inner.is_empty());
    found
}

fn quotation(text: &str, start: usize, end: usize, closed: bool) -> Quotation {
    let opening = text[start..].chars().next().map_or(1, char::len_utf8);
    let closing = if closed {
        text[..end].chars().next_back().map_or(1, char::len_utf8)
    } else {
        0
    };
    Quotation {
        marks: start..end,
        inner: trim(text, start + opening..end - closing),
        closed,
    }
}

/// Attributes the quotations of one paragraph to the people `mentioned` in
/// it (ranges and entities, in text order), given what the paragraphs
/// before carry; updates `carry` for the next paragraph.
pub fn attribute(
    text: &str,
    mentioned: &[(Range<usize>, EntityId)],
    carry: &mut Carry,
) -> Vec<Attributed> {
    let mut found = Vec::new();
    let mut previous: Option<EntityId> = None;
    let mut last_quote = None;
    for quote in quotations(text) {
        if text[quote.inner.clone()].split_whitespace().count() < MIN_WORDS {
            continue;
        }
        let leads = text[..quote.marks.start].trim().is_empty();
        let named_last = mentioned
            .iter()
            .rev()
            .find(|(range, _)| range.end <= quote.marks.start)
            .map(|(_, id)| *id)
            .or(carry.last_person);
        let speaker = match cue(text, &quote, mentioned, named_last) {
            Cue::Speaker(speaker) => Some(speaker),
            Cue::Unknown => None,
            // `"...," he said. "..."` goes on; `X called it "..."` does not.
            Cue::Nothing if previous.is_some() && opens_a_sentence(text, quote.marks.start) => {
                previous
            }
            Cue::Nothing if leads => carry.last_quote.map(|(speaker, _)| speaker),
            Cue::Nothing => None,
        };
        previous = speaker;
        last_quote = speaker.map(|s| (s, !quote.closed));
        if let Some(speaker) = speaker {
            found.push(Attributed {
                speaker,
                range: quote.inner.clone(),
            });
        }
    }
    carry.last_quote = last_quote;
    if let Some((_, last)) = mentioned.last() {
        carry.last_person = Some(*last);
    }
    found
}

/// Who the words next to a quotation say is speaking.
fn cue(
    text: &str,
    quote: &Quotation,
    mentioned: &[(Range<usize>, EntityId)],
    named_last: Option<EntityId>,
) -> Cue {
    let (open, close) = (quote.marks.start, quote.marks.end);
    let before = mentioned.iter().rev().find(|(range, _)| {
        range.end <= open && open - range.end <= FORWARD_REACH && {
            let gap = &text[range.end..open];
            !ends_a_sentence(gap) && (has_speech_verb(gap) || follows_according_to(text, range))
        }
    });
    if let Some((_, speaker)) = before {
        return Cue::Speaker(*speaker);
    }
    let tail = &text[close..];
    let punctuated = quote.closed && {
        let quoted = text[..close]
            .trim_end_matches(['"', '”', '’', '»'])
            .trim_end();
        quoted.ends_with([',', '.', '!', '?']) || tail.starts_with(',')
    };
    let after = quote.closed.then(|| {
        mentioned.iter().find(|(range, _)| {
            range.start >= close && range.start - close <= BACKWARD_REACH && {
                let gap = &text[close..range.start];
                let introduced_by_as = words_of(gap).any(|w| w.eq_ignore_ascii_case("as"));
                !ends_a_sentence(gap)
                    && (has_speech_verb(gap)
                        || ((punctuated || introduced_by_as)
                            && has_speech_verb(&first_words(&text[range.end..], 2))))
            }
        })
    });
    if let Some(Some((_, speaker))) = after {
        return Cue::Speaker(*speaker);
    }
    let tail_words = first_words(tail, 3);
    if punctuated && pronoun_and_verb(&tail_words) || pronoun_before(text, open, mentioned) {
        return named_last.map_or(Cue::Unknown, Cue::Speaker);
    }
    let reach = floor(text, open.saturating_sub(FORWARD_REACH));
    let sentence_start = ["! ", ". ", "? "]
        .iter()
        .filter_map(|end| text[reach..open].rfind(end).map(|i| reach + i + 2))
        .max()
        .unwrap_or(reach);
    let spoken_before = has_speech_verb(&text[sentence_start..open]);
    if (punctuated && has_speech_verb(&tail_words)) || spoken_before {
        Cue::Unknown
    } else {
        Cue::Nothing
    }
}

/// Whether nothing but a sentence's end comes before `at` in its sentence.
fn opens_a_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':'])
}

/// "according to X": the words just before a mention.
fn follows_according_to(text: &str, mention: &Range<usize>) -> bool {
    const PHRASE: &str = "according to";
    let before = text[..mention.start].trim_end();
    before.len() >= PHRASE.len()
        && before.is_char_boundary(before.len() - PHRASE.len())
        && before[before.len() - PHRASE.len()..].eq_ignore_ascii_case(PHRASE)
}

/// `he said`, `said she`: a pronoun and a verb of speech among `words`.
fn pronoun_and_verb(words: &str) -> bool {
    words_of(words).any(is_pronoun) && has_speech_verb(words)
}

/// `He said: "...`: a pronoun earlier in the sentence, then a verb of
/// speech, and no one named in between.
fn pronoun_before(text: &str, open: usize, mentioned: &[(Range<usize>, EntityId)]) -> bool {
    let reach = floor(text, open.saturating_sub(FORWARD_REACH));
    let window = &text[reach..open];
    let mut at = None;
    for (index, word) in word_positions(window) {
        if is_pronoun(word) {
            at = Some(reach + index);
        }
    }
    let Some(at) = at else { return false };
    let gap = &text[at..open];
    !ends_a_sentence(gap)
        && has_speech_verb(gap)
        && !mentioned
            .iter()
            .any(|(range, _)| range.start >= at && range.end <= open)
}

/// The words of `text` (runs of letters) with their byte offsets.
fn word_positions(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut start = None;
    for (index, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_alphabetic()) {
            (None, true) => start = Some(index),
            (Some(begin), false) => {
                found.push((begin, &text[begin..index]));
                start = None;
            }
            _ => {}
        }
    }
    found
}

/// The first `count` words of `text`, skipping punctuation before them.
fn first_words(text: &str, count: usize) -> String {
    words_of(text).take(count).collect::<Vec<_>>().join(" ")
}

/// Whether `gap` holds the end of a sentence (so the two sides are apart).
fn ends_a_sentence(gap: &str) -> bool {
    let trimmed = gap.trim();
    trimmed.contains(". ")
        || trimmed.contains("! ")
        || trimmed.contains("? ")
        || trimmed.ends_with('.') && trimmed.len() > 1
}

fn floor(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests;
