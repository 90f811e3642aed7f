//! Takes datelines and agency tags off the start of a headline or a lead
//! paragraph: "HANOI —", "Hanoi (VNA) –", "(VOVWORLD) -",
//! "CẦN THƠ (TBĐB) - ", and a place name in capitals glued to the next
//! word ("HÀ NỘIThe Prime Minister ..."), as pasted text often has it.

use std::sync::LazyLock;

use regex::Regex;

/// "(VOVWORLD) - ": an agency tag alone.
static TAG_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(\s*[\p{L}.]{2,14}\s*\)\s*[-–—]\s*").expect("valid pattern"));

/// A place (in capitals, or any case when an agency tag follows), an
/// optional date after a comma, an optional agency tag, then a dash.
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>\p{Lu}[\p{L}.'’]*(?:[ ]\p{Lu}[\p{L}.'’]*){0,3})(?:,[ ][\p{L}0-9 .]{1,20})?\s*(?P<tag>\(\s*[\p{L}.]{2,14}\s*\))?\s*[-–—]\s+",
    )
    .expect("valid pattern")
});

/// "HÀ NỘIThe ...": capitals glued to a capitalised word.
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>\p{Lu}[\p{Lu} .]*\p{Lu})(?P<next>\p{Lu}\p{Ll})").expect("valid pattern")
});

/// `text` without a leading dateline or agency tag.
pub fn strip_dateline(text: &str) -> &str {
    if let Some(found) = TAG_ONLY.find(text) {
        return &text[found.end()..];
    }
    if let Some(caps) = PLACE.captures(text) {
        let place = &caps["place"];
        let shouting = place.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !place.chars().any(char::is_lowercase);
        if shouting || caps.name("tag").is_some() {
            return &text[caps.get(0).map_or(0, |m| m.end())..];
        }
    }
    if let Some(caps) = GLUED.captures(text)
        && caps["place"].chars().filter(|c| c.is_alphabetic()).count() >= 4
    {
        return &text[caps["place"].len()..];
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_off_datelines_and_agency_tags() {
        for (text, kept) in [
            ("HANOI — The Prime Minister met", "The Prime Minister met"),
            (
                "Hanoi (VNA) – The Prime Minister met",
                "The Prime Minister met",
            ),
            (
                "(VOVWORLD) - Tuesday national conference",
                "Tuesday national conference",
            ),
            ("HÀ NỘI (VNA) — Thủ tướng", "Thủ tướng"),
            ("CẦN THƠ (TBĐB) - Theo số liệu", "Theo số liệu"),
            ("HÀ NỘIThe Prime Minister met", "The Prime Minister met"),
            (
                "BEN TRE — Nguyen Van Hau has grown",
                "Nguyen Van Hau has grown",
            ),
            (
                "HANOI, March 3 (Reuters) - Vietnam's exports",
                "Vietnam's exports",
            ),
        ] {
            assert_eq!(strip_dateline(text), kept, "{text}");
        }
    }

    #[test]
    fn leaves_sentences_alone() {
        for text in [
            "Vietnam – the country of rivers – exports rice.",
            "Prime Minister Pham Minh Chinh - who chaired the meeting - said",
            "ASEAN ministers met in Jakarta.",
            "The economy (GDP) - a measure - grew.",
            "VNA reported that the talks went well.",
            "US tariffs - a blow to exporters - take effect.",
        ] {
            assert_eq!(strip_dateline(text), text);
        }
    }
}
