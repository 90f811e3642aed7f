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
    let mut found = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let b = bytes[index];
        if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, index) {
            let mut end = index + 1;
            // Closing quotes and brackets belong to the sentence they close.
            while end < bytes.len()
                && matches!(
                    text[end..].chars().next(),
                    Some('"' | '\'' | '”' | '’' | ')')
                )
            {
                end += text[end..].chars().next().map_or(1, char::len_utf8);
            }
            found.push(start..end);
            start = end;
            index = end;
            continue;
        }
        index += 1;
    }
    if start < text.len() {
        found.push(start..text.len());
    }
    found
        .into_iter()
        .map(|r| trim(text, r))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The sentence containing `range` (or spanning it, when it crosses sentences).
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
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
