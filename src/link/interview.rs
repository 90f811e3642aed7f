//! Interviews: finds the questions (a whole bold or italic paragraph with a
//! question mark, "Q:", or a short label such as "Reporter:" before a
//! question) and attributes every paragraph after a question, up to the
//! closing thanks, to the interviewee as an answer, or to the person an
//! answer names before a colon ("Nguyen Thi Lan: ...", "Lan: ...").

use std::collections::HashSet;

use super::scan::{ArticleText, Found, Mention, Quote, Scanner};
use crate::content::{Article, EntityId};
use crate::text::blocks::PlainText;
use crate::text::folded::Folded;

/// Labels that mark a question or an answer at the start of a paragraph.
const QUESTION_MARKS: &[&str] = &["Q:", "Q.", "Q -", "Question:"];
const ANSWER_MARKS: &[&str] = &["A:", "A.", "A -", "Answer:"];
/// The most words a label before a question may have ("Reporter:").
const LABEL_WORDS: usize = 3;
/// How far into an answer a speaker's name may start ("Prof. Dr. X:").
const PREFIX_REACH: usize = 60;

/// In an interview, the blocks after each question are the answers of
/// the interviewee (or of the person an answer names before a colon).
/// An article is an interview when its `kind` says so or it asks at least
/// two questions.
pub fn attribute_answers(
    scanner: &Scanner,
    article: &Article,
    plains: &[PlainText],
    explicit: &[EntityId],
    authors: &[EntityId],
    text: &mut ArticleText,
) {
    let questions: Vec<bool> = (0..plains.len())
        .map(|index| {
            let source = &article.body[text.blocks[index].clone()];
            is_question(source, &plains[index].text)
                && answer_prefix(scanner, index as u32, &plains[index].text, text)
                    .is_none_or(|(speaker, _)| authors.contains(&speaker))
        })
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
    let default = interviewee(scanner, article, explicit, authors, text, first_question);
    let mut answering = false;
    let mut answers = Vec::new();
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
        let named = answer_prefix(scanner, index as u32, &plain.text, text);
        let speaker = named.map(|(speaker, _)| speaker).or(default);
        let marked = ANSWER_MARKS
            .iter()
            .find(|m| plain.text.starts_with(**m))
            .map(|m| m.len());
        let start = named.map(|(_, end)| end).or(marked).unwrap_or(0);
        if let Some(speaker) = speaker {
            let body = &plain.text[start..];
            let start = start + (body.len() - body.trim_start().len());
            if start < plain.text.len() {
                answers.push(Quote {
                    speaker,
                    block: index as u32,
                    range: start..plain.text.len(),
                    answer: true,
                });
            }
        }
    }
    // An answer holds whatever the speaker quotes of their own in it; one
    // pass over the quotes, however many answers (an article may be long).
    let answered: HashSet<(u32, EntityId)> = answers.iter().map(|a| (a.block, a.speaker)).collect();
    text.quotes
        .retain(|q| q.answer || !answered.contains(&(q.block, q.speaker)));
    text.quotes.extend(answers);
    text.quotes.sort_by_key(|q| (q.block, q.range.start));
}

/// Who answers an interview's questions: the person a headline opens
/// with ("Prof. X: ..."), else the one person the front matter names
/// besides the authors, else the first person the introduction names.
fn interviewee(
    scanner: &Scanner,
    article: &Article,
    explicit: &[EntityId],
    authors: &[EntityId],
    text: &ArticleText,
    first_question: u32,
) -> Option<EntityId> {
    let title = &article.front.title;
    if let Some((head, _)) = title.split_once(':') {
        let named = scanner.names.find(head, &Folded::new(head, false));
        if let Some(hit) = named.iter().find(|h| scanner.is_person(h.entity)) {
            return Some(hit.entity);
        }
    }
    let declared: Vec<EntityId> = explicit
        .iter()
        .copied()
        .filter(|e| scanner.is_person(*e) && !authors.contains(e))
        .collect();
    if let [one] = declared.as_slice() {
        return Some(*one);
    }
    text.mentions
        .iter()
        .filter(|m| m.block < first_question && m.found == Found::Name)
        .map(|m| m.entity)
        .find(|e| scanner.is_person(*e) && !authors.contains(e))
}

/// "Prof. Dr. X: ..." or "X: ..." at the start of a paragraph: the person
/// and where their words begin.
fn answer_prefix(
    scanner: &Scanner,
    block: u32,
    plain: &str,
    text: &ArticleText,
) -> Option<(EntityId, usize)> {
    let mention = mentions_of_block(text, block)
        .iter()
        .find(|m| scanner.is_person(m.entity) && m.range.start < PREFIX_REACH)?;
    let rest = &plain[mention.range.end..];
    let colon = rest.trim_start().strip_prefix(':')?;
    let before_words = plain[..mention.range.start].split_whitespace().count();
    (before_words <= 6).then(|| (mention.entity, plain.len() - colon.len()))
}

/// The mentions of one block: the scanner lists them in text order, so
/// they are found by bisection rather than by a walk over the article's.
fn mentions_of_block(text: &ArticleText, block: u32) -> &[Mention] {
    let start = text.mentions.partition_point(|m| m.block < block);
    let end = start + text.mentions[start..].partition_point(|m| m.block == block);
    &text.mentions[start..end]
}

/// A question of an interview: a whole bold or italic paragraph that asks
/// something, one marked "Q:", or a short label and a question
/// ("Reporter: How ...?").
pub fn is_question(source: &str, plain: &str) -> bool {
    let source = source.trim();
    let asks = plain.contains('?');
    let emphasised = ["**", "__", "*", "_"].iter().any(|mark| {
        source.len() > 2 * mark.len()
            && source.starts_with(mark)
            && source.ends_with(mark)
            && !source[mark.len()..].starts_with(char::is_whitespace)
    });
    let marked = QUESTION_MARKS.iter().any(|m| plain.starts_with(m));
    (emphasised && asks) || marked || labelled_question(plain)
}

/// "Reporter: What ...?": up to three capitalized words and a colon, then
/// a question.
fn labelled_question(plain: &str) -> bool {
    let Some((label, rest)) = plain.split_once(':') else {
        return false;
    };
    is_label(label)
        && rest
            .trim_end()
            .trim_end_matches(['"', '”', '*', '_'])
            .ends_with('?')
}

/// "Reporter", "PV", "Q": up to three capitalized words.
fn is_label(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    (1..=LABEL_WORDS).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// The closing thanks of an interview: a short paragraph that opens with
/// "Thank" ("Thank you!", "Thanks for your time."), after a label if any.
pub fn is_thanks(plain: &str) -> bool {
    let unlabelled = match plain.split_once(':') {
        Some((label, rest)) if is_label(label) => rest,
        _ => plain,
    };
    let words: Vec<String> = unlabelled
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let opens_with_thanks = words.first().is_some_and(|w| w.starts_with("thank"));
    // "Thanks to the reforms, ..." gives a reason, not thanks.
    opens_with_thanks && words.get(1).is_none_or(|w| w != "to") && words.len() <= 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_questions_in_bold_italics_or_marked() {
        assert!(is_question("**How do you see it?**", "How do you see it?"));
        assert!(is_question("*Is that realistic?*", "Is that realistic?"));
        assert!(is_question("_Is that realistic?_", "Is that realistic?"));
        assert!(is_question("Q: What changes?", "Q: What changes?"));
        assert!(is_question(
            "Reporter: What changes first?",
            "Reporter: What changes first?"
        ));
        assert!(!is_question("**Human resources**", "Human resources"));
        assert!(!is_question(
            "* Is this a list item?",
            "Is this a list item?"
        ));
        assert!(!is_question(
            "Does it matter? Yes, it does.",
            "Does it matter? Yes, it does."
        ));
        assert!(!is_question(
            "The question was: will it work in time for the vote?",
            "The question was: will it work in time for the vote?"
        ));
    }

    #[test]
    fn finds_the_closing_thanks() {
        assert!(is_thanks("Thank you!"));
        assert!(is_thanks("Thanks for your time."));
        assert!(is_thanks("Thank you very much, sir."));
        assert!(is_thanks("Reporter: Thank you very much."));
        assert!(!is_thanks("Thanks to the reforms, firms are faster."));
    }
}
