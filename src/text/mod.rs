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
    // Most text is ASCII already, and deunicode would only copy it.
    let ascii = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(text))
    };
    let mut folded = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        if c.is_whitespace() {
            pending_space = !folded.is_empty();
            continue;
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        folded.push(c.to_ascii_lowercase());
    }
    folded
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
    }
}
