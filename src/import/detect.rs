//! Detects an article's metadata in raw text: the date (in the forms
//! Vietnamese and international outlets write it, in the text or in the
//! URL), the outlet (from the URL's domain or an agency tag), the language,
//! a byline, and a readable title from a URL when the text has none.

use crate::content::Date;

/// Outlets by domain (the part before the public suffix), and how their
/// URLs carry a date when they do. Unknown domains get a readable name
/// from the domain itself.
const OUTLETS: &[(&str, &str, UrlDate)] = &[
    ("tuoitre", "Tuoi Tre", UrlDate::Digits8),
    ("baochinhphu", "Bao Chinh Phu", UrlDate::YyMmDdAfter(3)),
    ("chinhphu", "Government News", UrlDate::None),
    ("congthuong", "Cong Thuong", UrlDate::None),
    ("baoquocte", "The World and Vietnam", UrlDate::None),
    ("vovworld", "VOV World", UrlDate::None),
    ("vov", "VOV", UrlDate::None),
    ("vnexpress", "VnExpress", UrlDate::None),
    ("nhandan", "Nhan Dan", UrlDate::None),
    ("vietnamnews", "Viet Nam News", UrlDate::None),
    ("vietnamplus", "VietnamPlus", UrlDate::Digits8),
    ("thanhnien", "Thanh Nien", UrlDate::Digits8),
    ("qdnd", "Quan Doi Nhan Dan", UrlDate::None),
    ("dantri", "Dan Tri", UrlDate::Digits8),
    ("vneconomy", "VnEconomy", UrlDate::None),
    ("sggp", "Sai Gon Giai Phong", UrlDate::None),
    ("hanoitimes", "The Hanoi Times", UrlDate::None),
    ("tapchicongsan", "Communist Review", UrlDate::None),
    ("vietnam", "Vietnam.vn", UrlDate::None),
    ("baomoi", "Bao Moi", UrlDate::None),
];

/// How a URL carries a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlDate {
    None,
    /// A run of digits starting with `yyyymmdd` (`...-20250403094203634.htm`).
    Digits8,
    /// `yymmdd` after this many digits of a numeric id (`...-1022504110854009.htm`).
    YyMmDdAfter(usize),
}

/// The outlet of a URL: a known name, or one made from the domain.
pub fn outlet_of(url: &str) -> Option<String> {
    let label = main_label(url)?;
    let known = OUTLETS.iter().find(|(domain, _, _)| *domain == label);
    Some(known.map_or_else(|| readable(&label), |(_, name, _)| name.to_string()))
}

/// The outlet an agency tag names ("(VOVWORLD) - ...", "HANOI (VNA) - ").
pub fn outlet_of_tag(lead: &str) -> Option<String> {
    let open = lead.find('(')?;
    let close = lead[open..].find(')')? + open;
    if open > 40 || !lead[close + 1..].trim_start().starts_with(['-', '–', '—']) {
        return None;
    }
    let tag = lead[open + 1..close].trim().to_lowercase();
    let known = OUTLETS.iter().find(|(domain, _, _)| *domain == tag);
    known
        .map(|(_, name, _)| name.to_string())
        .or_else(|| (tag.len() <= 12).then(|| tag.to_uppercase()))
}

/// The main label of a URL's host: "tuoitre" for https://tuoitre.vn/...,
/// "vietnamnews" for https://vietnamnews.vn/, "dantri" for dantri.com.vn.
pub(crate) fn main_label(url: &str) -> Option<String> {
    let host = url.split_once("://")?.1.split(['/', '?', '#']).next()?;
    let host = host.split(':').next()?.to_lowercase();
    let labels: Vec<&str> = host
        .split('.')
        .filter(|l| !l.is_empty() && *l != "www" && *l != "en" && *l != "m")
        .collect();
    let suffixes = ["vn", "com", "net", "org", "gov", "edu", "info", "io"];
    labels
        .iter()
        .rev()
        .find(|l| !suffixes.contains(l))
        .map(|l| l.to_string())
}

fn readable(label: &str) -> String {
    label
        .split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The date a URL carries, when its outlet's URLs carry one.
pub fn date_in_url(url: &str) -> Option<Date> {
    let label = main_label(url)?;
    let rule = OUTLETS
        .iter()
        .find(|(domain, _, _)| *domain == label)
        .map_or(UrlDate::Digits8, |(_, _, rule)| *rule);
    let path = url.split_once("://")?.1.split_once('/')?.1;
    let runs = path
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() >= 8);
    for run in runs {
        let date = match rule {
            UrlDate::None => None,
            UrlDate::Digits8 => ymd(&run[0..4], &run[4..6], &run[6..8]),
            UrlDate::YyMmDdAfter(skip) if run.len() >= skip + 6 => {
                let year = format!("20{}", &run[skip..skip + 2]);
                ymd(&year, &run[skip + 2..skip + 4], &run[skip + 4..skip + 6])
            }
            UrlDate::YyMmDdAfter(_) => None,
        };
        if let Some(date) = date.filter(|d| (2000..=2100).contains(&d.year)) {
            return Some(date);
        }
    }
    None
}

fn ymd(year: &str, month: &str, day: &str) -> Option<Date> {
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The first date in a line: 29/05/2025 (day first, as Vietnamese outlets
/// write it), 2025-05-29, "May 29, 2025", "29 May 2025".
pub fn date_in_text(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    for (start, _) in text.char_indices() {
        if !bytes[start].is_ascii_digit() || (start > 0 && bytes[start - 1].is_ascii_digit()) {
            continue;
        }
        let rest = &text[start..];
        if let Some(date) = numeric_date(rest) {
            return Some(date);
        }
    }
    worded_date(text)
}

/// dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd at the start of `text`.
fn numeric_date(text: &str) -> Option<Date> {
    let token: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
        .collect();
    let token = token.trim_end_matches(['/', '-', '.']);
    let parts: Vec<&str> = token.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [year, month, day] if year.len() == 4 => ymd(year, month, day),
        [day, month, year] if year.len() == 4 && day.len() <= 2 && month.len() <= 2 => {
            ymd(year, month, day)
        }
        _ => None,
    }
}

/// "May 29, 2025" or "29 May 2025" (month names in English).
fn worded_date(text: &str) -> Option<Date> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| without_ordinal(&w.trim_end_matches(['.', ';']).to_lowercase()))
        .collect();
    if let Some(date) = vietnamese_worded_date(&words) {
        return Some(date);
    }
    let month_of = |word: &str| {
        MONTHS
            .iter()
            .position(|m| word.len() >= 3 && word.starts_with(m) && m.starts_with(&word[..3]))
    };
    for (index, word) in words.iter().enumerate() {
        let Some(month) = month_of(word) else {
            continue;
        };
        let year = words
            .get(index + 2)
            .filter(|y| y.len() == 4)
            .or(words.get(index + 1).filter(|y| y.len() == 4));
        let day = words.get(index + 1).filter(|d| d.len() <= 2).or(index
            .checked_sub(1)
            .and_then(|i| words.get(i))
            .filter(|d| d.len() <= 2));
        if let (Some(day), Some(year)) = (day, year)
            && let Some(date) = ymd(year, &(month + 1).to_string(), day)
        {
            return Some(date);
        }
    }
    None
}

/// "12" for "12th", "1" for "1st".
fn without_ordinal(word: &str) -> String {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let ordinal = matches!(suffix, "st" | "nd" | "rd" | "th");
    if ordinal && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        digits.to_string()
    } else {
        word.to_string()
    }
}

/// "ngày 12 tháng 3 năm 2026", "12 tháng 3, 2026".
fn vietnamese_worded_date(words: &[String]) -> Option<Date> {
    let at = words.iter().position(|w| w == "tháng")?;
    let day = words.get(at.checked_sub(1)?)?;
    let month = words.get(at + 1)?;
    let year = words[at + 2..]
        .iter()
        .take(2)
        .find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))?;
    ymd(year, month, day)
}

/// "vi" when the text is mostly Vietnamese, else "en".
pub fn language_of(text: &str) -> &'static str {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let marked = text
        .chars()
        .filter(|c| super::clean::is_vietnamese_letter(*c))
        .count();
    if marked * 100 >= letters * 8 {
        "vi"
    } else {
        "en"
    }
}

/// A readable title made from a URL's last path segment, in the URL's
/// language ("vuon-minh-trong-ky-nguyen-...-20250403094203634.htm" gives
/// "Vuon minh trong ky nguyen ..."), when the text has no headline.
pub fn title_from_url(url: &str) -> Option<String> {
    let path = url.split_once("://")?.1.split(['?', '#']).next()?;
    let segment = path.trim_end_matches('/').rsplit('/').next()?;
    let stem = segment.rsplit_once('.').map_or(segment, |(stem, _)| stem);
    let words: Vec<&str> = stem
        .split(['-', '_'])
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if words.len() < 3 {
        return None;
    }
    let sentence = words.join(" ");
    let mut chars = sentence.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
}

/// Words in outlets' names, not in people's.
const OUTLET_WORDS: &[&str] = &[
    "News",
    "Times",
    "Daily",
    "Press",
    "Agency",
    "Newspaper",
    "Online",
    "Magazine",
    "Post",
    "Review",
    "Journal",
    "Herald",
    "Radio",
    "TV",
    "Television",
    "Báo",
];

/// An outlet's credit line at the end of an article ("Viet Nam News",
/// "Tuoitre.vn", "VNA"): short, no sentence, an outlet word or a domain.
pub fn is_credit(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let short = (1..=6).contains(&words.len()) && !line.ends_with(['.', '!', '?', ':']);
    short
        && words
            .iter()
            .any(|w| OUTLET_WORDS.contains(w) || super::clean::is_domain(w))
}

/// The name in a byline line ("Dr. Nguyen Si Dung", "By Thanh Binh",
/// "Thanh Binh"): two to five capitalized words, titles dropped.
pub fn byline_name(line: &str) -> Option<String> {
    let line = line.trim().trim_end_matches('.');
    let line = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .unwrap_or(line);
    if line.chars().count() > 60
        || line.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | ':' | '"' | '(' | '|'))
    {
        return None;
    }
    if is_credit(line) {
        return None;
    }
    let titles = [
        "Dr.",
        "Prof.",
        "Assoc.",
        "Mr.",
        "Ms.",
        "Mrs.",
        "PhD",
        "MA",
        "MSc",
        "Professor",
        "Dr",
        "Prof",
    ];
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| !titles.contains(w))
        .collect();
    let name_like = (2..=5).contains(&words.len())
        && words.iter().all(|w| is_name_word(w))
        && !words.iter().any(|w| NOT_NAMES.contains(w));
    name_like.then(|| words.join(" "))
}

/// Words that start sentences or name offices, never people.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "Of",
    "In",
    "On",
    "At",
    "For",
    "To",
    "With",
    "From",
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    "We",
    "Minister",
    "Ministry",
    "President",
    "Government",
    "Committee",
    "Party",
    "Province",
    "Department",
    "National",
    "Assembly",
    "Secretary",
    "General",
    "Council",
    "Office",
    "Union",
    "Bank",
    "Company",
    "Group",
    "Reporter",
    "Reporters",
];

/// A word of a name: capitalised letters (hyphens and apostrophes
/// inside), or an initial ("J."); a lone capital that is not an initial
/// is a word cut short.
fn is_name_word(word: &str) -> bool {
    let letters: Vec<char> = word.chars().collect();
    let initial = letters.len() == 2 && letters[0].is_uppercase() && letters[1] == '.';
    let whole = letters.len() >= 2
        && letters[0].is_uppercase()
        && letters
            .iter()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && letters.iter().skip(1).any(|c| c.is_lowercase());
    initial || whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_outlets_from_their_domains() {
        assert_eq!(
            outlet_of("https://tuoitre.vn/a-b-c.htm").as_deref(),
            Some("Tuoi Tre")
        );
        assert_eq!(
            outlet_of("https://en.vietnamplus.vn/x").as_deref(),
            Some("VietnamPlus")
        );
        assert_eq!(
            outlet_of("https://dantri.com.vn/x").as_deref(),
            Some("Dan Tri")
        );
        assert_eq!(
            outlet_of("https://www.the-diplomat.com/x").as_deref(),
            Some("The Diplomat")
        );
        assert_eq!(
            outlet_of_tag("(VOVWORLD) - Tuesday conference").as_deref(),
            Some("VOV World")
        );
        assert_eq!(
            outlet_of_tag("HÀ NỘI (VNA) — The Prime Minister").as_deref(),
            Some("VNA")
        );
        assert_eq!(outlet_of_tag("The economy (GDP) grew"), None);
    }

    #[test]
    fn reads_dates_in_the_forms_outlets_write_them() {
        let date = |text| date_in_text(text).map(|d| d.to_string());
        assert_eq!(
            date("Báo Công thương29/05/2025").as_deref(),
            Some("2025-05-29")
        );
        assert_eq!(
            date("Thứ năm, 29/5/2025 10:30").as_deref(),
            Some("2025-05-29")
        );
        assert_eq!(date("Published 2025-04-03").as_deref(), Some("2025-04-03"));
        assert_eq!(date("Updated: May 29, 2025").as_deref(), Some("2025-05-29"));
        assert_eq!(date("29 May 2025").as_deref(), Some("2025-05-29"));
        assert_eq!(date("Phase 2 of 3"), None);
        assert_eq!(date("31/02/2025"), None);
    }

    #[test]
    fn reads_dates_in_more_shapes() {
        let date = |text| date_in_text(text).map(|d| d.to_string());
        for (text, expected) in [
            ("Thursday, 12 March 2026", "2026-03-12"),
            ("12/3/2026 14:05 GMT+7", "2026-03-12"),
            ("March 12th, 2026", "2026-03-12"),
            ("Mar. 12, 2026, 9:41 a.m. ET", "2026-03-12"),
            ("Thứ năm, ngày 12 tháng 3 năm 2026", "2026-03-12"),
            ("12 tháng 3, 2026", "2026-03-12"),
            ("Updated 2026-03-12T07:05:00Z", "2026-03-12"),
        ] {
            assert_eq!(date(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn reads_dates_in_urls() {
        let date = |url| date_in_url(url).map(|d| d.to_string());
        assert_eq!(
            date("https://tuoitre.vn/vuon-minh-20250403094203634.htm#content-1").as_deref(),
            Some("2025-04-03")
        );
        assert_eq!(
            date("https://baochinhphu.vn/tu-bai-viet-1022504110854009.htm").as_deref(),
            Some("2025-04-11")
        );
        assert_eq!(
            date("https://example.org/2024/11/05/story/20241105.html").as_deref(),
            Some("2024-11-05")
        );
        assert_eq!(
            date("https://baoquocte.vn/gs-mach-quang-thang-310578.html"),
            None
        );
    }

    #[test]
    fn makes_titles_from_urls_and_reads_bylines() {
        assert_eq!(
            title_from_url("https://tuoitre.vn/vuon-minh-trong-ky-nguyen-20250403094203634.htm")
                .as_deref(),
            Some("Vuon minh trong ky nguyen")
        );
        assert_eq!(
            byline_name("Dr. Nguyen Si Dung").as_deref(),
            Some("Nguyen Si Dung")
        );
        assert_eq!(byline_name("Thanh Binh").as_deref(), Some("Thanh Binh"));
        assert_eq!(byline_name("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline_name("Thank you!"), None);
        assert_eq!(byline_name("Tuoitre.vn"), None);
        assert_eq!(byline_name("Viet Nam News"), None);
        assert_eq!(byline_name("The economy grew by 7 percent last year"), None);
        // Cut mid-word, sentence starts, offices and shouting are not names.
        assert_eq!(byline_name("Prime Minister Pham Minh C"), None);
        assert_eq!(byline_name("The Prime Minister"), None);
        assert_eq!(byline_name("In Hanoi Today"), None);
        assert_eq!(byline_name("HANOI TIMES"), None);
        assert_eq!(
            byline_name("Dr. Nguyễn Thị Lan").as_deref(),
            Some("Nguyễn Thị Lan")
        );
        assert_eq!(byline_name("J. Smith").as_deref(), Some("J. Smith"));
    }

    #[test]
    fn tells_vietnamese_from_english() {
        assert_eq!(
            language_of("Nghị quyết 59 xác lập tầm nhìn hội nhập toàn diện cho Việt Nam"),
            "vi"
        );
        assert_eq!(
            language_of("Resolution 59 establishes a vision; Tô Lâm spoke."),
            "en"
        );
    }
}
