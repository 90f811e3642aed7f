//! Folded text that remembers where each byte came from, so that a match
//! found in folded text ("to lam") can be mapped back to the original
//! ("Tô Lâm") for highlighting and linking.

use std::ops::Range;

/// Lowercase ASCII text with collapsed whitespace, and the origin of each byte.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the byte offset in the original of the character that
    /// produced folded byte `i`; one extra entry holds the original's length.
    /// Empty when every byte maps to itself (plain ASCII, single spaces).
    origin: Vec<u32>,
}

impl Folded {
    /// Folds `original` (see [`super::fold`]), lowercasing unless `keep_case`.
    pub fn new(original: &str, keep_case: bool) -> Folded {
        if is_plain(original) {
            let text = if keep_case {
                original.to_string()
            } else {
                original.to_ascii_lowercase()
            };
            return Folded {
                text,
                origin: Vec::new(),
            };
        }
        let mut folded = Folded {
            text: String::with_capacity(original.len()),
            origin: Vec::with_capacity(original.len() + 1),
        };
        let mut last_space = true;
        for (offset, c) in original.char_indices() {
            if c.is_whitespace() {
                if !last_space {
                    folded.push(' ', offset);
                    last_space = true;
                }
                continue;
            }
            last_space = false;
            if c.is_ascii() {
                folded.push(if keep_case { c } else { c.to_ascii_lowercase() }, offset);
                continue;
            }
            let ascii = deunicode::deunicode_char(c).unwrap_or("");
            for a in ascii.chars() {
                let a = if a.is_whitespace() { ' ' } else { a };
                folded.push(if keep_case { a } else { a.to_ascii_lowercase() }, offset);
            }
        }
        folded.origin.push(original.len() as u32);
        folded
    }

    fn push(&mut self, c: char, offset: usize) {
        let mut buffer = [0u8; 4];
        for _ in c.encode_utf8(&mut buffer).bytes() {
            self.origin.push(offset as u32);
        }
        self.text.push(c);
    }

    /// The range of the original that folded range `range` came from.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() {
            return range;
        }
        let start = self.origin[range.start] as usize;
        // The end is where the next folded character's source begins.
        let mut end = self.origin[range.end] as usize;
        if end <= start {
            end = self.origin[range.end..]
                .iter()
                .map(|&o| o as usize)
                .find(|&o| o > start)
                .unwrap_or(start);
        }
        start..end
    }

    /// Whether `range` starts and ends at word boundaries of the folded text.
    pub fn at_word_boundaries(&self, range: Range<usize>) -> bool {
        let bytes = self.text.as_bytes();
        let before = range.start.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(range.end).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
    }
}

/// ASCII text that folding changes only in case: no whitespace but single
/// spaces, none leading.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes
            .iter()
            .all(|b| b.is_ascii() && (*b == b' ' || !b.is_ascii_whitespace()))
        && !text.contains("  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_folded_matches_back_to_the_original() {
        let original = "Ông  Tô Lâm, Đảng";
        let folded = Folded::new(original, false);
        assert_eq!(folded.text, "ong to lam, dang");
        let at = folded.text.find("to lam").unwrap();
        assert_eq!(&original[folded.original_range(at..at + 6)], "Tô Lâm");
        let at = folded.text.find("dang").unwrap();
        assert_eq!(&original[folded.original_range(at..at + 4)], "Đảng");
    }

    #[test]
    fn keeps_case_when_asked_and_checks_word_boundaries() {
        let folded = Folded::new("Lam and Lamb", true);
        assert_eq!(folded.text, "Lam and Lamb");
        assert!(folded.at_word_boundaries(0..3));
        assert!(!folded.at_word_boundaries(8..11));
    }

    #[test]
    fn plain_ascii_maps_to_itself() {
        let folded = Folded::new("Resolution 59 and Lam", false);
        assert_eq!(folded.text, "resolution 59 and lam");
        assert_eq!(folded.original_range(18..21), 18..21);
        assert_eq!(
            Folded::new("a  b", false).text,
            "a b",
            "double spaces still collapse"
        );
    }

    #[test]
    fn folds_typographic_variants() {
        let folded = Folded::new("“No.\u{a0}59” – ok", false);
        assert_eq!(folded.text, "\"no. 59\" - ok");
    }
}
