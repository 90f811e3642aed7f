//! The text encoding of postings: numbers as variable-length digits of an
//! URL-safe 64-letter alphabet, so that postings travel inside JSON strings
//! and plain-text files (no binary, no escaping) at about the size of a
//! binary varint: a posting of a frequent word, a small gap between
//! document numbers and a small weight, takes two letters.
//!
//! Each number is written low digits first, five bits per letter: the
//! first 32 letters of [`ALPHABET`] end a number, the last 32 carry on.
//! `static/search.js` decodes it.

/// Letters `0..32` end a number; letters `32..64` continue it.
pub const ALPHABET: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz";

/// Appends `value` to `out`.
pub fn push_number(out: &mut String, mut value: u32) {
    while value >= 32 {
        out.push(ALPHABET[32 + (value & 31) as usize] as char);
        value >>= 5;
    }
    out.push(ALPHABET[value as usize] as char);
}

/// Postings as gaps between ascending document numbers, each followed by
/// its weight.
pub fn postings(list: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(list.len() * 2);
    let mut previous = 0;
    for &(doc, weight) in list {
        push_number(&mut out, doc - previous);
        push_number(&mut out, u32::from(weight));
        previous = doc;
    }
    out
}

/// Ascending document numbers as gaps, without weights.
pub fn doc_numbers(docs: &[u32]) -> String {
    let mut out = String::with_capacity(docs.len() * 2);
    let mut previous = 0;
    for &doc in docs {
        push_number(&mut out, doc - previous);
        previous = doc;
    }
    out
}

/// Reads back what [`push_number`] wrote (the browser's job; kept here so
/// that the format is tested from both ends).
#[cfg(test)]
pub fn numbers(text: &str) -> Vec<u32> {
    let mut found = Vec::new();
    let (mut value, mut shift) = (0u32, 0);
    for letter in text.bytes() {
        let digit = ALPHABET
            .iter()
            .position(|&a| a == letter)
            .expect("a letter of the alphabet") as u32;
        if digit < 32 {
            found.push(value | digit << shift);
            (value, shift) = (0, 0);
        } else {
            value |= (digit - 32) << shift;
            shift += 5;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_in_as_few_letters_as_their_size_needs() {
        for value in [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX] {
            let mut out = String::new();
            push_number(&mut out, value);
            assert_eq!(numbers(&out), [value], "{value} as {out}");
            let bits = 32 - value.leading_zeros().min(31);
            assert_eq!(
                out.len() as u32,
                bits.div_ceil(5).max(1),
                "{value} as {out}"
            );
        }
    }

    #[test]
    fn postings_are_gaps_and_weights_in_json_safe_letters() {
        let text = postings(&[(3, 1), (4, 200), (1000, 2)]);
        assert_eq!(numbers(&text), [3, 1, 1, 200, 996, 2]);
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(numbers(&doc_numbers(&[0, 7, 9])), [0, 7, 2]);
    }

    #[test]
    fn the_alphabet_has_64_distinct_letters() {
        let mut letters = ALPHABET.to_vec();
        letters.sort();
        letters.dedup();
        assert_eq!(letters.len(), 64);
    }
}
