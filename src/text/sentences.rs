//! Finds the sentence around a place in a paragraph, for passages and
//! quote attribution. Abbreviations such as "Dr." and "No." do not end a
//! sentence.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "dr", "prof", "assoc", "no", "nos", "mr", "mrs", "ms", "st", "vs", "jr", "sr", "gen", "lt",
    "col", "e.g", "i.e", "etc", "u.s", "inc", "co", "corp",
];

/// The byte ranges of the sentences of `text`, in order, covering it.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    Sentences { text, start: 0 }.collect()
}

/// The sentences of a text from `start`, a sentence boundary: raw ranges
/// trimmed of whitespace, empty ones left out.
struct Sentences<'t> {
    text: &'t str,
    start: usize,
}

impl Iterator for Sentences<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while self.start < self.text.len() {
            let end = next_boundary(self.text, self.start).unwrap_or(self.text.len());
            let sentence = trim(self.text, self.start..end);
            self.start = end;
            if !sentence.is_empty() {
                return Some(sentence);
            }
        }
        None
    }
}

/// The first sentence boundary after `from`: past a terminal mark and the
/// closing quotes and brackets that belong to its sentence.
fn next_boundary(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    (from..bytes.len())
        .find(|&index| matches!(bytes[index], b'.' | b'!' | b'?') && ends_sentence(text, index))
        .map(|index| boundary_after(text, index))
}

/// Where the sentence that ends with the mark at `index` ends.
fn boundary_after(text: &str, index: usize) -> usize {
    let mut end = index + 1;
    while let Some(c @ ('"' | '\'' | '”' | '’' | ')')) = text[end..].chars().next() {
        end += c.len_utf8();
    }
    end
}

/// The last sentence boundary at or before `at`, or 0.
fn boundary_before(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    (0..at.min(bytes.len()))
        .rev()
        .filter(|&index| matches!(bytes[index], b'.' | b'!' | b'?') && ends_sentence(text, index))
        .map(|index| boundary_after(text, index))
        .find(|&end| end <= at)
        .unwrap_or(0)
}

/// The sentence containing `range` (or spanning it, when it crosses sentences).
/// Reads only from the sentence before it, not the whole text.
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let from = boundary_before(text, range.start);
    let reach = range.end.max(range.start + 1);
    let mut first = None;
    let mut last = None;
    for sentence in (Sentences { text, start: from }) {
        if first.is_none() && sentence.end > range.start {
            first = Some(sentence.start);
        }
        if sentence.start < reach {
            last = Some(sentence.end);
        } else if first.is_some() {
            break;
        }
    }
    // No sentence starts before the range's end here: one before `from` does.
    let last = last.unwrap_or(if from > 0 { range.end } else { text.len() });
    first.unwrap_or(0).min(range.start)..last.max(range.end)
}

fn ends_sentence(text: &str, index: usize) -> bool {
    let rest = &text[index + 1..];
    let next = rest.trim_start_matches(['"', '\'', '”', '’', ')']);
    let followed_by_space = next.is_empty() || next.starts_with(char::is_whitespace);
    if !followed_by_space {
        return false;
    }
    if text.as_bytes()[index] != b'.' {
        return true;
    }
    let word_start = text[..index]
        .rfind(|c: char| c.is_whitespace() || c == '(')
        .map_or(0, |i| i + 1);
    let word = text[word_start..index].to_ascii_lowercase();
    let initial = word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic());
    !(initial || ABBREVIATIONS.contains(&word.as_str()))
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_but_not_abbreviations() {
        assert_eq!(
            split("Prof. Dr. Mach Quang Thang spoke. Resolution No. 59 matters! Does it? Yes."),
            [
                "Prof. Dr. Mach Quang Thang spoke.",
                "Resolution No. 59 matters!",
                "Does it?",
                "Yes."
            ]
        );
    }

    #[test]
    fn keeps_closing_quotes_with_their_sentence() {
        assert_eq!(
            split("He said: “We must act.” Then he left."),
            ["He said: “We must act.”", "Then he left."]
        );
    }

    /// The definition `sentence_around` reads only part of the text for.
    fn around_by_splitting_all(text: &str, range: Range<usize>) -> Range<usize> {
        let all = sentences(text);
        let first = all
            .iter()
            .find(|s| s.end > range.start)
            .map_or(0, |s| s.start);
        let last = all
            .iter()
            .rev()
            .find(|s| s.start < range.end.max(range.start + 1))
            .map_or(text.len(), |s| s.end);
        first.min(range.start)..last.max(range.end)
    }

    #[test]
    fn the_sentence_around_agrees_with_splitting_the_whole_text() {
        let texts = [
            "One thing. The General Secretary said so. Three.",
            "He said: “We must act.” Then he left.  And   more?! Yes. ",
            "  Dr. Lan met Mr. Ho. (It rained.) \"Go.\" No. 5 passed. e.g. this",
            "",
            ". . .",
            "No end here",
            "Ends.\n\nNew para! ",
        ];
        for text in texts {
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &start in &cuts {
                for &end in cuts.iter().filter(|&&e| e >= start).take(12) {
                    assert_eq!(
                        sentence_around(text, start..end),
                        around_by_splitting_all(text, start..end),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn finds_the_sentence_around_a_mention() {
        let text = "One thing. The General Secretary said so. Three.";
        let at = text.find("General").unwrap();
        assert_eq!(
            &text[sentence_around(text, at..at + 7)],
            "The General Secretary said so."
        );
    }
}
