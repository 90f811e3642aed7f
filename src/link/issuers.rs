//! Who issued a numbered document. In Vietnam the Party, the Government, the
//! National Assembly (and its Standing Committee) and the people's councils
//! each number their resolutions from 1, so "Resolution 59" is the Party's
//! only when nothing says otherwise. The issuer shows in a code ("-NQ/TW" is
//! the Party's Central Committee, "/NQ-CP" the Government, "/2023/QH15" the
//! National Assembly) or in the sentence: "the National Assembly's
//! Resolution 68", "the Government then issued Resolution 59",
//! "Resolution 36 of the 12th Party Central Committee".

use std::ops::Range;

use crate::text::sentences::sentence_around;

/// A body that issues resolutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Issuer {
    Party,
    Government,
    NationalAssembly,
    AssemblyStandingCommittee,
    PeoplesCouncil,
    /// A body the rules do not know, such as a foreign party or government:
    /// its "Resolution 18" is none of the site's.
    Other,
}

impl Issuer {
    /// The name a stub writes for it.
    pub fn name(self) -> &'static str {
        match self {
            Issuer::Party => "Party",
            Issuer::Government => "Government",
            Issuer::NationalAssembly => "National Assembly",
            Issuer::AssemblyStandingCommittee => "National Assembly Standing Committee",
            Issuer::PeoplesCouncil => "People's Council",
            Issuer::Other => "",
        }
    }
}

/// How texts name issuers, folded, longest first within each issuer so
/// that "national assembly standing committee" wins over "national assembly".
const NAMES: &[(&str, Issuer)] = &[
    (
        "national assembly standing committee",
        Issuer::AssemblyStandingCommittee,
    ),
    (
        "standing committee of the national assembly",
        Issuer::AssemblyStandingCommittee,
    ),
    ("national assembly", Issuer::NationalAssembly),
    // "the Assembly's Resolution 66": a foreign or general assembly is
    // told apart before these names are looked for.
    ("assembly", Issuer::NationalAssembly),
    ("legislature", Issuer::NationalAssembly),
    ("parliament", Issuer::NationalAssembly),
    ("government", Issuer::Government),
    ("cabinet", Issuer::Government),
    ("people's council", Issuer::PeoplesCouncil),
    ("politburo", Issuer::Party),
    ("party central committee", Issuer::Party),
    ("central committee", Issuer::Party),
    ("secretariat", Issuer::Party),
    ("communist party", Issuer::Party),
    ("party", Issuer::Party),
];

/// Verbs by which an issuer makes a resolution.
const ISSUING_VERBS: &[&str] = &[
    "issued",
    "adopted",
    "passed",
    "promulgated",
    "approved",
    "enacted",
    "signed",
    "issues",
    "adopts",
    "passes",
];

/// Words that may stand between an issuing verb and the resolution.
const DETERMINERS: &[&str] = &["the", "a", "its", "their", "new", "another"];

/// The issuer a free text names ("Politburo", "the Government"), if any.
pub fn issuer_named(text: &str) -> Option<Issuer> {
    let folded = crate::text::fold(text);
    NAMES
        .iter()
        .filter_map(|(name, issuer)| folded.find(name).map(|at| (at, *issuer)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, issuer)| issuer)
}

/// The issuer a code names, from its letters: "TW" the Party, "CP" the
/// Government, "UBTVQH" the Assembly's Standing Committee, "QH" the
/// Assembly, "HDND" a people's council.
pub fn issuer_of_code(code: &str) -> Option<Issuer> {
    let folded = crate::text::fold(code);
    // Each run of letters ("nq", "hdnd" in "NQ-HĐND"; "nqtw" in "36NQTW")
    // is looked at alone: "NQ-HĐQT" (a company board) holds "qh" only
    // across its dash.
    let segments: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|s| !s.is_empty())
        .collect();
    let has = |part: &str| segments.iter().any(|s| s.ends_with(part));
    if has("ubtvqh") {
        Some(Issuer::AssemblyStandingCommittee)
    } else if has("hdnd") {
        Some(Issuer::PeoplesCouncil)
    } else if has("qh") {
        Some(Issuer::NationalAssembly)
    } else if segments.last().is_some_and(|s| s.ends_with("cp")) {
        Some(Issuer::Government)
    } else if segments.last().is_some_and(|s| s.ends_with("tw")) {
        Some(Issuer::Party)
    } else {
        None
    }
}

/// The issuer the sentence around `phrase` gives it: a possessive or
/// adjective right before it ("the National Assembly's Resolution 68",
/// "Government Resolution 01"), an issuer with an issuing verb right before
/// it ("the Government then issued Resolution 59"), or "of" / "by" and an
/// issuer right after it ("Resolution 36 of the 12th Party Central
/// Committee", "Resolution 101, issued by the Government").
pub fn issuer_in_sentence(text: &str, phrase: Range<usize>) -> Option<Issuer> {
    let sentence = sentence_around(text, phrase.clone());
    if foreign_body_beside(
        &text[sentence.start..phrase.start],
        &text[phrase.end..sentence.end],
    ) {
        return Some(Issuer::Other);
    }
    let before = crate::text::fold(&text[sentence.start..phrase.start]);
    let after = crate::text::fold(&text[phrase.end..sentence.end]);
    issuer_before(&before).or_else(|| issuer_after(&after))
}

/// Words of the bodies that issue resolutions, in any country.
const BODY_WORDS: &[&str] = &[
    "party",
    "government",
    "politburo",
    "committee",
    "council",
    "assembly",
    "congress",
    "parliament",
    "senate",
    "cabinet",
    "presidium",
    "secretariat",
];

/// Bodies Vietnam does not have: whatever qualifies them is foreign.
const FOREIGN_BODY_WORDS: &[&str] = &["senate", "duma", "bundestag", "knesset"];

/// Capitalised words that qualify a body as Vietnam's own.
const OWN_QUALIFIERS: &[&str] = &[
    "vietnam",
    "vietnamese",
    "viet",
    "nam",
    "communist",
    "central",
    "national",
    "standing",
    "socialist",
    "republic",
    "people",
];

/// Whether the body written right before the number ("the Lao party's
/// Resolution 18", "China's State Council issued Resolution 5") or right
/// after it ("Resolution 12 of the Cambodian People's Party") is qualified
/// by a capitalised word that is not Vietnam's: another country's body.
fn foreign_body_beside(before: &str, after: &str) -> bool {
    let mut words: Vec<&str> = before.split_whitespace().collect();
    while words.last().is_some_and(|w| {
        let w = crate::text::fold(w);
        DETERMINERS.contains(&w.as_str()) || ISSUING_VERBS.contains(&w.as_str()) || w == "then"
    }) {
        words.pop();
    }
    let before_phrase: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| in_body_phrase(w))
        .copied()
        .collect();
    let after = after.trim_start_matches([',', ' ']);
    let after = ["issued by ", "adopted by ", "passed by ", "of ", "by "]
        .iter()
        .find_map(|lead| after.strip_prefix(lead))
        .unwrap_or("");
    let after_phrase: Vec<&str> = after
        .split_whitespace()
        .skip_while(|w| *w == "the")
        .take_while(|w| in_body_phrase(w))
        .collect();
    [before_phrase, after_phrase].iter().any(|phrase| {
        let plain = |w: &&str| {
            let w = crate::text::fold(w.trim_end_matches([',', ';', '.', ':']));
            w.strip_suffix("'s").map(str::to_string).unwrap_or(w)
        };
        let has_body = phrase
            .iter()
            .any(|w| BODY_WORDS.contains(&plain(w).as_str()));
        let foreign = phrase.iter().any(|w| {
            let word = plain(w);
            w.starts_with(char::is_uppercase)
                && !BODY_WORDS.contains(&word.as_str())
                && !OWN_QUALIFIERS.contains(&word.as_str())
        });
        let foreign_body = phrase
            .iter()
            .any(|w| FOREIGN_BODY_WORDS.contains(&plain(w).as_str()));
        (has_body && foreign) || foreign_body
    })
}

/// Whether a word may belong to the name of a body: capitalised, an
/// ordinal, or a body word ("the Lao party's").
fn in_body_phrase(word: &str) -> bool {
    let plain = crate::text::fold(word.trim_end_matches([',', ';', '.', ':']));
    let plain = plain.strip_suffix("'s").unwrap_or(&plain);
    if matches!(plain, "the" | "a" | "an" | "of" | "and") {
        return false;
    }
    word.starts_with(char::is_uppercase)
        || word.starts_with(|c: char| c.is_ascii_digit()) && plain.ends_with(['h', 't', 'd'])
        || BODY_WORDS.contains(&plain)
}

fn issuer_before(before: &str) -> Option<Issuer> {
    let trimmed = before.trim_end();
    let trimmed = trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix('\''))
        .unwrap_or(trimmed)
        .trim_end();
    if let Some(issuer) = ends_with_issuer(trimmed) {
        return Some(issuer);
    }
    // "The Government promised in its Resolution 138": its owner is the
    // issuer named last before it.
    if let Some(owner) = trimmed
        .strip_suffix(" its")
        .or_else(|| trimmed.strip_suffix(" their"))
    {
        return last_issuer_in(owner);
    }
    let mut words: Vec<&str> = trimmed.split(' ').collect();
    // "approved a separate measure, Resolution 68": the resolution stands
    // in apposition to what the verb made.
    if let Some(object) = words.last_mut().and_then(|w| w.strip_suffix(',')) {
        *words.last_mut().expect("a last word") = object;
        let reach = words.len().saturating_sub(5);
        if let Some(verb) = words[reach..]
            .iter()
            .rposition(|w| ISSUING_VERBS.contains(w))
        {
            words.truncate(reach + verb + 1);
        }
    }
    while words.last().is_some_and(|w| DETERMINERS.contains(w)) {
        words.pop();
    }
    let verb = words.pop()?;
    if !ISSUING_VERBS.contains(&verb) {
        return None;
    }
    // The nearest issuer before the verb, within the same clause.
    let clause = words.join(" ");
    let clause = clause.rsplit([',', ';', ':']).next().unwrap_or("");
    NAMES
        .iter()
        .filter_map(|(name, issuer)| {
            clause
                .rfind(name)
                .filter(|at| whole_word(clause, *at, name.len()))
                .map(|at| (at + name.len(), *issuer))
        })
        .max_by_key(|(end, _)| *end)
        .map(|(_, issuer)| issuer)
}

fn last_issuer_in(text: &str) -> Option<Issuer> {
    NAMES
        .iter()
        .filter_map(|(name, issuer)| {
            text.rfind(name)
                .filter(|at| whole_word(text, *at, name.len()))
                .map(|at| (at + name.len(), *issuer))
        })
        .max_by_key(|(end, _)| *end)
        .map(|(_, issuer)| issuer)
}

fn ends_with_issuer(text: &str) -> Option<Issuer> {
    NAMES.iter().find_map(|(name, issuer)| {
        let at = text.len().checked_sub(name.len())?;
        (text.ends_with(name) && whole_word(text, at, name.len())).then_some(*issuer)
    })
}

fn issuer_after(after: &str) -> Option<Issuer> {
    let rest = after.trim_start_matches([',', ' ']);
    let rest = ["issued by ", "adopted by ", "passed by ", "of ", "by "]
        .iter()
        .find_map(|lead| rest.strip_prefix(lead))?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    // An ordinal may come first: "of the 12th Party Central Committee".
    let rest = match rest.split_once(' ') {
        Some((first, tail)) if first.starts_with(|c: char| c.is_ascii_digit()) => tail,
        _ => rest,
    };
    NAMES
        .iter()
        .find(|(name, _)| rest.starts_with(name) && whole_word(rest, 0, name.len()))
        .map(|(_, issuer)| *issuer)
}

fn whole_word(text: &str, at: usize, length: usize) -> bool {
    let bytes = text.as_bytes();
    let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
    let after = bytes
        .get(at + length)
        .is_none_or(|b| !b.is_ascii_alphanumeric());
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_sentence(text: &str, phrase: &str) -> Option<Issuer> {
        let at = text.find(phrase).unwrap();
        issuer_in_sentence(text, at..at + phrase.len())
    }

    #[test]
    fn codes_name_their_issuer() {
        assert_eq!(issuer_of_code("-NQ/TW"), Some(Issuer::Party));
        assert_eq!(issuer_of_code("/NQ-TW"), Some(Issuer::Party));
        assert_eq!(issuer_of_code("NQTW"), Some(Issuer::Party));
        assert_eq!(issuer_of_code("/NQ-CP"), Some(Issuer::Government));
        assert_eq!(issuer_of_code("/2023/QH15"), Some(Issuer::NationalAssembly));
        assert_eq!(
            issuer_of_code("/2025/UBTVQH15"),
            Some(Issuer::AssemblyStandingCommittee)
        );
        assert_eq!(issuer_of_code("-NQ"), None);
        assert_eq!(
            issuer_of_code("/2025/NQ-HĐND"),
            Some(Issuer::PeoplesCouncil)
        );
        assert_eq!(
            issuer_of_code("/2019/NQ-HDND"),
            Some(Issuer::PeoplesCouncil)
        );
        // A company board's code: its letters hold "qh" only across the dash.
        assert_eq!(issuer_of_code("/2025/NQ-HĐQT"), None);
        assert_eq!(issuer_of_code("/2025/NQ-HDQT"), None);
    }

    #[test]
    fn sentences_name_issuers_around_the_number() {
        let s = "Participants reviewed the National Assembly's Resolution 68 on the plan.";
        assert_eq!(
            in_sentence(s, "Resolution 68"),
            Some(Issuer::NationalAssembly)
        );
        let s = "The Government then issued Resolution 59 to carry it out.";
        assert_eq!(in_sentence(s, "Resolution 59"), Some(Issuer::Government));
        let s = "Vietnam's National Assembly passed Resolution 222 in June.";
        assert_eq!(
            in_sentence(s, "Resolution 222"),
            Some(Issuer::NationalAssembly)
        );
        let s = "It implements Resolution No 36-NQ/TW of the 12th Party Central Committee.";
        assert_eq!(
            in_sentence(s, "Resolution No 36-NQ/TW"),
            Some(Issuer::Party)
        );
        let s = "The National Assembly also approved a separate measure, Resolution 68, on metro lines.";
        assert_eq!(
            in_sentence(s, "Resolution 68"),
            Some(Issuer::NationalAssembly)
        );
        let s = "The Government promised in its Resolution 138 to issue them.";
        assert_eq!(in_sentence(s, "Resolution 138"), Some(Issuer::Government));
        let s = "The Government will carry out the Politburo's Resolution 57.";
        assert_eq!(in_sentence(s, "Resolution 57"), Some(Issuer::Party));
    }

    #[test]
    fn a_foreign_body_is_none_of_the_site_s_issuers() {
        let s = "The Lao side described its own plan, Resolution 18 of the Lao party's Politburo.";
        assert_eq!(in_sentence(s, "Resolution 18"), Some(Issuer::Other));
        let s = "China's State Council then issued Resolution 5 on exports.";
        assert_eq!(in_sentence(s, "Resolution 5"), Some(Issuer::Other));
        let s = "A senator said Resolution 36 of the Senate speaks for fishermen.";
        assert_eq!(in_sentence(s, "Resolution 36"), Some(Issuer::Other));
        let s = "Delegates read the Cambodian People's Party's Resolution 12.";
        assert_eq!(in_sentence(s, "Resolution 12"), Some(Issuer::Other));
        let s = "The Party's Resolution 57 of the 13th Party Central Committee.";
        assert_eq!(in_sentence(s, "Resolution 57"), Some(Issuer::Party));
        let s = "Vietnam's National Assembly passed Resolution 222 in June.";
        assert_eq!(
            in_sentence(s, "Resolution 222"),
            Some(Issuer::NationalAssembly)
        );
        let s = "In Hanoi, officials said Resolution 57 of the Politburo works.";
        assert_eq!(in_sentence(s, "Resolution 57"), Some(Issuer::Party));
    }

    #[test]
    fn an_issuer_elsewhere_in_the_sentence_is_not_the_resolution_s() {
        let s = "The Government has set up a committee to carry out Resolution 57.";
        assert_eq!(in_sentence(s, "Resolution 57"), None);
        let s = "The Government issued a plan; it follows Resolution 57.";
        assert_eq!(in_sentence(s, "Resolution 57"), None);
        let s = "The central government should extend Resolution 35 soon.";
        assert_eq!(in_sentence(s, "Resolution 35"), None);
    }
}
