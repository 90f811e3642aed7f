//! Separates an article's own lines from what the page around it added:
//! photo captions, comment counters, "No data" placeholders, site banners,
//! headlines in another language, lists of related links, and the
//! metadata lines (source URL, outlet and date) that go to the front
//! matter instead.

/// What one line of the raw text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Article text: a paragraph, a heading or a question.
    Text(String),
    Caption,
    Boilerplate,
    /// A line in another language than the article's (a headline of the
    /// original or of a related item).
    Foreign,
    /// "Source: URL".
    Source(String),
    /// A short line that carries a date or a web address (outlet, credit).
    Metadata(String),
}

/// Markers that end the article: what follows is the page's furniture.
pub(crate) const TAIL_MARKERS: &[&str] = &[
    "same category",
    "same author",
    "related news",
    "related articles",
    "related",
    "read more",
    "see also",
    "more news",
    "most read",
    "tin liên quan",
    "cùng chuyên mục",
    "cùng tác giả",
    "xem thêm",
    "tags",
    "keywords",
];

/// Whole lines that are never article text.
const BOILERPLATE: &[&str] = &[
    "no data",
    "no videos available",
    "share",
    "print",
    "back to top",
    "advertisement",
    "listen",
    "follow us",
    "subscribe",
    "copy link",
    "loading...",
];

/// Classifies every line of `text`; `english` says whether the article is
/// in English (so that lines in Vietnamese only are foreign).
pub fn classify(text: &str, english: bool) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut ended = false;
    for raw in text.lines() {
        let line = raw.trim().trim_matches('\u{feff}').to_string();
        if line.is_empty() {
            continue;
        }
        if ended {
            lines.push(Line::Boilerplate);
            continue;
        }
        let lower = line.to_lowercase();
        let kind = if let Some(url) = source_url(&line) {
            // What follows the source line is the page's, not the article's.
            ended = true;
            Line::Source(url)
        } else if TAIL_MARKERS.contains(&lower.trim_end_matches(':').trim()) {
            ended = true;
            Line::Boilerplate
        } else if is_boilerplate(&lower) {
            Line::Boilerplate
        } else if is_caption(&line, &lower) {
            Line::Caption
        } else if is_metadata(&line) {
            Line::Metadata(line.clone())
        } else if english && is_vietnamese(&line) {
            Line::Foreign
        } else {
            Line::Text(line.clone())
        };
        lines.push(kind);
    }
    lines
}

/// The URL of a "Source: URL" line (also "Nguồn: URL").
pub fn source_url(line: &str) -> Option<String> {
    let (label, rest) = line.split_once(':')?;
    if !matches!(
        label.trim().to_lowercase().as_str(),
        "source" | "nguồn" | "nguon" | "original"
    ) {
        return None;
    }
    let url = rest.trim();
    // What the build would refuse as a `source` is no source.
    crate::url_policy::check_external(url)
        .is_ok()
        .then(|| url.to_string())
}

/// Page furniture that may come before the headline: a skip link, a
/// section or menu word ("Tin tức", "Home"), a menu ("Home | News |
/// Business"), an image's file name. Never a headline, which has more words.
pub fn is_leading_furniture(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let skip_link = [
        "skip to",
        "jump to",
        "bỏ qua",
        "chuyển đến nội dung",
        "go to content",
    ]
    .iter()
    .any(|start| lower.starts_with(start));
    let words = lower.split_whitespace().count();
    let short = words <= 2 && !lower.ends_with(['.', '?', '!']);
    let image = words == 1
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"]
            .iter()
            .any(|ext| lower.ends_with(ext));
    let menu = lower
        .split(['|', '»', '›', '>', '/', '•', '·'])
        .filter(|part| !part.trim().is_empty())
        .all(|part| part.split_whitespace().count() <= 3)
        && lower.matches(['|', '»', '›', '>', '/', '•', '·']).count() >= 2;
    skip_link || short || image || menu
}

/// Comment counters, "No data" and other page furniture.
fn is_boilerplate(lower: &str) -> bool {
    let counter = [
        "comment",
        "comments",
        "bình luận",
        "likes",
        "views",
        "lượt xem",
    ]
    .iter()
    .any(|word| {
        lower
            .strip_prefix(word)
            .is_some_and(|rest| is_count(rest.trim()))
    });
    counter || BOILERPLATE.contains(&lower.trim_end_matches('.'))
}

/// "(0)", "0", "(12)".
fn is_count(text: &str) -> bool {
    let inner = text.trim_start_matches('(').trim_end_matches(')');
    !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

/// A photo caption, in the forms outlets use: "... - Photo: X",
/// "... (Photo: X) |", "__Photo: X", "Photo: X", "... (Source: VGP) |",
/// "... Illustrative photo", "Ảnh: X".
pub fn is_caption(line: &str, lower: &str) -> bool {
    let credited = [
        "photo:",
        "photo by",
        "photos:",
        "ảnh:",
        "image:",
        "picture:",
        "file photo",
        "(photo",
        "photo courtesy",
    ]
    .iter()
    .any(|marker| lower.contains(marker));
    let illustrative = lower.trim_end_matches('.').ends_with("illustrative photo")
        || lower.trim_end_matches('.').ends_with("illustration photo")
        || lower.trim_end_matches('.').ends_with("(illustration)");
    let piped = line.ends_with('|')
        && (lower.contains("(source:")
            || lower.contains("(photo")
            || lower.contains("(vna")
            || line.len() < 400);
    credited || illustrative || piped
}

/// A short line with a date or a web address and no sentence: the outlet
/// and date line, a banner, a credit such as "Tuoitre.vn".
fn is_metadata(line: &str) -> bool {
    let short = line.chars().count() <= 90 && !line.ends_with(['.', '?', '!', '"', '”']);
    let dated = super::detect::date_in_text(line).is_some();
    let domain = line
        .split(|c: char| c.is_whitespace() || c == '-')
        .any(is_domain);
    short && (dated || domain)
}

/// "tuoitre.vn", "Vietnam.vn", "www.example.com".
pub fn is_domain(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let Some((name, tld)) = word.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && matches!(
            tld.to_ascii_lowercase().as_str(),
            "vn" | "com" | "net" | "org" | "info" | "gov" | "edu" | "io" | "asia"
        )
}

/// Whether a line is written in Vietnamese: many of its words carry the
/// marks Vietnamese has and English does not.
pub fn is_vietnamese(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let marked = words
        .iter()
        .filter(|w| w.chars().any(is_vietnamese_letter))
        .count();
    words.len() >= 3 && marked * 3 >= words.len()
}

/// A letter with a Vietnamese diacritic (not shared with French or
/// Spanish): ă â đ ê ô ơ ư ĩ ũ and the Latin Extended Additional block.
pub fn is_vietnamese_letter(c: char) -> bool {
    "ăâđêôơưĩũĂÂĐÊÔƠƯĨŨ".contains(c) || (0x1EA0..=0x1EF9).contains(&(c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Line> {
        classify(text, true)
    }

    #[test]
    fn recognises_captions_in_the_forms_outlets_use() {
        for caption in [
            "General Secretary To Lam - Photo: NAM TRAN",
            "Delegates attend the conference. (Photo: VGP/Nhat Bac) |",
            "__Photo: Tuan Anh",
            "Photo: NVCC",
            "One of the goals of the resolution is integration in every field. Illustrative photo",
            "The minister wrote an article. (Source: VGP) |",
            "Ảnh: Thanh Bình",
        ] {
            assert!(is_caption(caption, &caption.to_lowercase()), "{caption}");
        }
        assert!(!is_caption(
            "The photo industry grew by 5%.",
            "the photo industry grew by 5%."
        ));
    }

    #[test]
    fn a_source_line_needs_an_address_the_url_policy_accepts() {
        assert_eq!(
            source_url("Source: https://example.vn/a.html").as_deref(),
            Some("https://example.vn/a.html")
        );
        for line in [
            "Source: https://example.vn/a\"b",
            "Source: https://example.vn/<b>",
            "Source: https://",
            "Source: javascript:alert(1)",
            "Source: https://example.vn/a b",
        ] {
            assert_eq!(source_url(line), None, "{line}");
        }
    }

    #[test]
    fn ends_the_article_at_the_source_line_or_a_related_list() {
        let lines = kinds("Text one.\nSource: https://example.vn/a.html\nComment (0)\nMore text\n");
        assert_eq!(
            lines,
            [
                Line::Text("Text one.".into()),
                Line::Source("https://example.vn/a.html".into()),
                Line::Boilerplate,
                Line::Boilerplate
            ]
        );
        let lines = kinds("Text one.\nSame category\nA headline\n");
        assert_eq!(lines[1..], [Line::Boilerplate, Line::Boilerplate]);
    }

    #[test]
    fn drops_counters_placeholders_banners_and_foreign_headlines() {
        let lines = kinds(
            "Vietnam.vn - Nền tảng quảng bá Việt Nam\nComment (12)\nNo data\nNghị quyết 59 xác lập tầm nhìn hội nhập toàn diện cho Việt Nam\nBáo Công thươngBáo Công thương29/05/2025\nReal text here.\n",
        );
        assert!(matches!(lines[0], Line::Metadata(_)), "{lines:?}");
        assert_eq!(
            lines[1..4],
            [Line::Boilerplate, Line::Boilerplate, Line::Foreign]
        );
        assert!(matches!(lines[4], Line::Metadata(_)));
        assert_eq!(lines[5], Line::Text("Real text here.".into()));
    }

    #[test]
    fn furniture_before_the_headline_is_never_one() {
        for line in [
            "Skip to content",
            "Tin tức",
            "Home",
            "Home | News | Business",
            "Trang chủ » Thời sự » Chính trị",
            "IMG_2024-05-01.jpg",
        ] {
            assert!(is_leading_furniture(line), "{line}");
        }
        for line in [
            "Resolution 59 sets a vision",
            "Mr. Lam signs Resolution No. 22",
            "Exports rise 5% in Q1/2026 as demand recovers",
        ] {
            assert!(!is_leading_furniture(line), "{line}");
        }
    }

    #[test]
    fn keeps_vietnamese_text_in_a_vietnamese_article() {
        assert_eq!(
            classify(
                "Nghị quyết 59 xác lập tầm nhìn hội nhập toàn diện.\n",
                false
            ),
            [Line::Text(
                "Nghị quyết 59 xác lập tầm nhìn hội nhập toàn diện.".into()
            )]
        );
    }
}
