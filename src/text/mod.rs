//! Text folding shared by every stage that matches names: references,
//! aliases and search all compare folded text, so "Tô Lâm", "TO LAM" and
//! "To\u{a0}Lam" are the same name. Also the Markdown block segmentation and
//! the sentence finding that link scanning and rendering share.

pub mod blocks;
pub mod folded;
pub mod sentences;

/// Lowercases, drops diacritics (Vietnamese included: "Đ" → "d"), turns
/// typographic quotes and dashes into ASCII and collapses whitespace.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text.as_bytes());
    }
    fold_ascii(deunicode::deunicode(text).as_bytes())
}

/// Lowercases ASCII text and collapses its whitespace, byte by byte: most
/// text is ASCII, and this is the build's hottest loop.
fn fold_ascii(ascii: &[u8]) -> String {
    let mut folded = Vec::with_capacity(ascii.len());
    let mut pending_space = false;
    for &b in ascii {
        // `char::is_whitespace` on ASCII: tab, line feed, vertical tab,
        // form feed, carriage return and space.
        if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            pending_space = !folded.is_empty();
            continue;
        }
        if pending_space {
            folded.push(b' ');
            pending_space = false;
        }
        folded.push(b.to_ascii_lowercase());
    }
    // Only ASCII bytes change, so valid UTF-8 stays valid.
    String::from_utf8(folded).expect("folding keeps UTF-8 valid")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_diacritics_and_spacing() {
        assert_eq!(fold("Tô Lâm"), "to lam");
        assert_eq!(fold("Nghị quyết  số 59"), "nghi quyet so 59");
        assert_eq!(fold("ĐẢNG"), "dang");
        assert_eq!(fold(" To\u{a0}Lam "), "to lam");
        assert_eq!(fold("“quoted” – text"), "\"quoted\" - text");
        assert_eq!(fold("\tA\x0bB\x0c\r\nC  "), "a b c");
    }
}
