//! Words to index terms, and the term dictionary: every term with its
//! postings (the documents it occurs in, with a weight), split into shards
//! by the term's first letters so that a query fetches only the shards of
//! its words, and the postings of frequent terms in files of their own.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use serde::Serialize;
use serde_json::Value;

use super::encode;

/// The stop words, listed once for the list the query side reads and for
/// the test the index runs on every word it reads.
macro_rules! stop_words {
    ($($word:literal),* $(,)?) => {
        /// Words too common to search for; the query side drops them too.
        pub const STOP_WORDS: &[&str] = &[$($word),*];

        /// A stop word by its bytes packed into an integer: one comparison
        /// per stop word instead of a string comparison.
        fn is_stop_word(word: &str) -> bool {
            const KEYS: &[u64] = &[$(packed($word)),*];
            word.len() <= 8 && KEYS.contains(&packed(word))
        }
    };
}

/// The bytes of a word of at most eight bytes, as one number; words
/// without a zero byte pack to distinct numbers.
const fn packed(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut key = 0u64;
    let mut at = 0;
    while at < bytes.len() && at < 8 {
        key = key << 8 | bytes[at] as u64;
        at += 1;
    }
    key
}

stop_words![
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "she", "than",
    "that", "the", "their", "they", "this", "to", "was", "were", "which", "who", "will", "with",
];

/// Terms are cut to this many bytes (a query word is cut the same way).
pub const LONGEST_TERM: usize = 32;

/// How much a word of a title (or an entity's name) weighs against one
/// occurrence in the text.
pub const TITLE_WEIGHT: u32 = 16;

/// Postings of at most this many documents stay in the dictionary shard.
pub const INLINE: usize = 8;

/// A term in more documents than this also gets a file of its best
/// postings, which a one-word query's first page needs alone.
pub const TOP: usize = 256;

/// A shard holding more than this many bytes of entries is split by the
/// next letter of its terms.
pub const SHARD_BYTES: usize = 12_000;

/// The folded terms of `text` (see [`crate::text::fold`]), in order: its
/// ASCII letter and digit runs, lowercase, cut to [`LONGEST_TERM`] bytes,
/// stop words left out.
pub fn terms(text: &str) -> impl Iterator<Item = String> {
    let mut found = Vec::new();
    for_each_term(text, |term| found.push(term.to_string()));
    found.into_iter()
}

/// The postings gathered so far: term → (document, weight), in no order.
#[derive(Default)]
pub struct Postings(FxHashMap<String, Vec<(u32, u8)>>);

impl Postings {
    /// Adds one document's terms: each weighs its count in the text plus
    /// [`TITLE_WEIGHT`] per count in the titles, at most 255.
    pub fn add_document<'a>(
        &mut self,
        doc: u32,
        titles: impl IntoIterator<Item = &'a str>,
        text: impl IntoIterator<Item = &'a str>,
    ) {
        for (piece, weight) in titles
            .into_iter()
            .map(|t| (t, TITLE_WEIGHT as u8))
            .chain(text.into_iter().map(|t| (t, 1)))
        {
            for_each_term(piece, |term| self.count(doc, term, weight));
        }
    }

    /// Counts one occurrence of `term` in `doc`, the document being added.
    fn count(&mut self, doc: u32, term: &str, weight: u8) {
        match self.0.get_mut(term) {
            Some(list) => match list.last_mut() {
                Some((last, total)) if *last == doc => *total = total.saturating_add(weight),
                _ => list.push((doc, weight)),
            },
            None => {
                self.0.insert(term.to_string(), vec![(doc, weight)]);
            }
        }
    }

    pub fn merge(mut self, other: Postings) -> Postings {
        let (mut big, small) = if self.0.len() >= other.0.len() {
            (std::mem::take(&mut self.0), other.0)
        } else {
            (other.0, std::mem::take(&mut self.0))
        };
        for (term, list) in small {
            big.entry(term).or_default().extend(list);
        }
        Postings(big)
    }

    /// Every term with its postings in document order, sorted by term.
    pub fn sorted(self) -> Vec<(String, Vec<(u32, u8)>)> {
        let mut terms: Vec<(String, Vec<(u32, u8)>)> = self.0.into_iter().collect();
        terms
            .par_iter_mut()
            .for_each(|(_, list)| list.sort_unstable());
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}

/// The weighted terms of one document, sorted by term, as
/// [`Postings::add_document`] counts them.
#[cfg(test)]
pub fn weighted_terms<'a>(
    titles: impl IntoIterator<Item = &'a str>,
    text: impl IntoIterator<Item = &'a str>,
) -> Vec<(String, u8)> {
    let mut postings = Postings::default();
    postings.add_document(0, titles, text);
    postings
        .sorted()
        .into_iter()
        .map(|(term, list)| (term, list[0].1))
        .collect()
}

/// Calls `found` with each term of `text`, folding one character at a time
/// rather than the whole text first. ASCII is read byte by byte; anything
/// else is transliterated as `fold` does it.
fn for_each_term(text: &str, mut found: impl FnMut(&str)) {
    let mut term = String::with_capacity(LONGEST_TERM);
    // The word's whole length: a word cut to `LONGEST_TERM` is no stop word.
    let mut length = 0;
    let mut read = |b: u8, term: &mut String, length: &mut usize| {
        if b.is_ascii_alphanumeric() {
            if term.len() < LONGEST_TERM {
                term.push(b.to_ascii_lowercase() as char);
            }
            *length += 1;
        } else if *length > 0 {
            if !(*length == term.len() && is_stop_word(term)) {
                found(term);
            }
            term.clear();
            *length = 0;
        }
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x7f {
            read(b, &mut term, &mut length);
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        at += c.len_utf8().max(1);
        for b in deunicode::deunicode_char(c).unwrap_or("[?]").bytes() {
            read(b, &mut term, &mut length);
        }
    }
    read(b' ', &mut term, &mut length);
}

/// One file of the index: its path under the index folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub path: String,
    pub text: String,
}

/// The dictionary's files, from every term's postings sorted by term
/// (each sorted by document): the shards (`t/<prefix>.json`), the postings
/// of terms in more than [`INLINE`] documents (`p/<term>.txt`) and, for
/// terms in more than [`TOP`], their best postings (`p/<term>.top.txt`).
/// Returns the files and the shards' prefixes, sorted.
pub fn dictionary_files(terms: &[(String, Vec<(u32, u8)>)]) -> (Vec<IndexFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut entries: Vec<(&str, Value)> = Vec::with_capacity(terms.len());
    for (term, list) in terms {
        let df = list.len();
        if df <= INLINE {
            entries.push((term, serde_json::json!([df, encode::postings(list)])));
            continue;
        }
        entries.push((term, serde_json::json!([df])));
        files.push(IndexFile {
            path: format!("p/_{term}.txt"),
            text: encode::postings(list),
        });
        if df > TOP {
            files.push(IndexFile {
                path: format!("p/_{term}.top.txt"),
                text: encode::postings(&best(list, TOP)),
            });
        }
    }
    let mut prefixes = Vec::new();
    for (prefix, shard) in shards(&entries) {
        let map: serde_json::Map<String, Value> = shard
            .iter()
            .map(|(term, value)| (term.to_string(), value.clone()))
            .collect();
        files.push(IndexFile {
            path: format!("t/_{prefix}.json"),
            text: serde_json::to_string(&map).expect("a shard serializes"),
        });
        prefixes.push(prefix);
    }
    prefixes.sort();
    (files, prefixes)
}

/// The `count` postings of highest weight (the earlier document first
/// among equals), in document order.
fn best(list: &[(u32, u8)], count: usize) -> Vec<(u32, u8)> {
    let mut sorted = list.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted.truncate(count);
    sorted.sort_unstable();
    sorted
}

/// The entries (sorted by term) grouped into shards by prefix: every term
/// is in the shard of the longest listed prefix it starts with. A group
/// over [`SHARD_BYTES`] is split by the next letter; the terms equal to
/// its prefix stay behind, in a shard of that prefix.
fn shards<'a, 'e>(entries: &'e [(&'a str, Value)]) -> Vec<(String, &'e [(&'a str, Value)])> {
    let mut found = Vec::new();
    split(entries, 0, &mut found);
    found
}

fn split<'a, 'e>(
    entries: &'e [(&'a str, Value)],
    depth: usize,
    found: &mut Vec<(String, &'e [(&'a str, Value)])>,
) {
    let size: usize = entries
        .iter()
        .map(|(t, v)| t.len() + v.to_string().len() + 4)
        .sum();
    let prefix = entries
        .first()
        .map_or("", |(t, _)| &t[..depth.min(t.len())]);
    if depth > 0 && (size <= SHARD_BYTES || entries.iter().all(|(t, _)| t.len() <= depth)) {
        found.push((prefix.to_string(), entries));
        return;
    }
    // Terms equal to the prefix sort first; the rest group by their next letter.
    let exact = entries.iter().take_while(|(t, _)| t.len() <= depth).count();
    if exact > 0 {
        found.push((prefix.to_string(), &entries[..exact]));
    }
    let mut groups: BTreeMap<u8, (usize, usize)> = BTreeMap::new();
    for (i, (term, _)) in entries.iter().enumerate().skip(exact) {
        let group = groups.entry(term.as_bytes()[depth]).or_insert((i, i));
        group.1 = i + 1;
    }
    for (_, (start, end)) in groups {
        split(&entries[start..end], depth + 1, found);
    }
}

/// What the search page needs to know before its first query.
#[derive(Debug, Serialize)]
pub struct Meta<'a> {
    pub version: u32,
    pub docs: u32,
    /// Documents `0..articles` are articles, each in `d/<n>.json`; the
    /// others are in groups of `group`, in `g/<(n - articles) / group>.json`.
    pub articles: u32,
    pub group: u32,
    /// Terms in more documents than this have a `.top.txt` file.
    pub top: usize,
    /// Postings of at most this many documents are inline in the shard.
    pub inline: usize,
    pub longest: usize,
    pub kinds: Vec<KindRange>,
    pub shards: Vec<String>,
    pub stop: &'a [&'a str],
}

/// The documents of one kind: numbers `from..to`.
#[derive(Debug, Serialize)]
pub struct KindRange {
    pub key: String,
    pub name: String,
    pub from: u32,
    pub to: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    /// The terms of text already folded: what `for_each_term` reads
    /// without folding the whole text first.
    fn terms_of_folded(folded: &str) -> impl Iterator<Item = &str> {
        folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !is_stop_word(w))
            .map(|w| &w[..w.len().min(LONGEST_TERM)])
    }

    /// What `weighted_terms` counts, from the folded text of every piece.
    fn weighted_by_folding(titles: &[&str], text: &[&str]) -> Vec<(String, u8)> {
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for (piece, weight) in titles
            .iter()
            .map(|t| (t, TITLE_WEIGHT))
            .chain(text.iter().map(|t| (t, 1)))
        {
            for term in terms_of_folded(&fold(piece)) {
                *counts.entry(term.to_string()).or_default() += weight;
            }
        }
        counts
            .into_iter()
            .map(|(term, count)| (term, count.min(255) as u8))
            .collect()
    }

    #[test]
    fn ascii_read_in_place_counts_as_folded_text_does() {
        let long = format!("{}X tail", "Ab".repeat(40));
        let titles = ["The Title: Resolution 59-NQ/TW", "Tô Lâm"];
        let text = [
            "北京 Æsir \u{7f}x ß Resolution No. 59 AND the Party's plan; e-commerce, 2025.",
            long.as_str(),
            "Nghị quyết 57 — “đổi mới” THE a An",
            "",
            "  --  ",
        ];
        assert_eq!(
            weighted_terms(titles, text),
            weighted_by_folding(&titles, &text)
        );
        for piece in titles.iter().chain(&text) {
            let folded = fold(piece);
            let expected: Vec<&str> = terms_of_folded(&folded).collect();
            assert_eq!(terms(piece).collect::<Vec<_>>(), expected, "{piece:?}");
        }
    }

    #[test]
    fn stop_words_are_the_listed_words_alone() {
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        for word in ["", "lam", "than2", "there", "ab", "thee", "th"] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn terms_are_folded_words_without_stop_words() {
        let found: Vec<String> = terms("Tô Lâm and the Nghị quyết 59-NQ/TW").collect();
        assert_eq!(found, ["lam", "nghi", "quyet", "59", "nq", "tw"]);
        let long = "x".repeat(40);
        assert_eq!(terms(&long).next().unwrap().len(), LONGEST_TERM);
    }

    #[test]
    fn title_words_weigh_more_and_weights_stop_at_255() {
        let text = vec!["Đổi mới đổi mới"; 200].join(" ");
        let weighted = weighted_terms(["Đổi mới"], [text.as_str()]);
        assert_eq!(
            weighted,
            [("doi".to_string(), 255), ("moi".to_string(), 255)]
        );
        let weighted = weighted_terms(["Hà Nội"], ["Ha Noi, ha noi and Hue"]);
        assert_eq!(
            weighted,
            [
                ("ha".to_string(), 18),
                ("hue".to_string(), 1),
                ("noi".to_string(), 18)
            ]
        );
    }

    fn dictionary(terms: &[(&str, usize)]) -> Vec<(String, Vec<(u32, u8)>)> {
        terms
            .iter()
            .map(|(t, df)| {
                (
                    t.to_string(),
                    (0..*df as u32).map(|d| (d, (d % 7) as u8 + 1)).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn rare_terms_stay_inline_and_frequent_ones_get_files_and_a_best_list() {
        let (files, prefixes) =
            dictionary_files(&dictionary(&[("lam", 2), ("lamb", 20), ("the", 300)]));
        assert_eq!(prefixes, ["l", "t"]);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "p/_lamb.txt",
                "p/_the.txt",
                "p/_the.top.txt",
                "t/_l.json",
                "t/_t.json"
            ]
        );
        let shard: Value = serde_json::from_str(&files[3].text).unwrap();
        assert_eq!(shard["lam"][0], 2);
        assert_eq!(
            encode::numbers(shard["lam"][1].as_str().unwrap()),
            [0, 1, 1, 2]
        );
        assert_eq!(shard["lamb"], serde_json::json!([20]));
        let top = encode::numbers(&files[2].text);
        assert_eq!(top.len(), 2 * TOP, "postings of the best {TOP} documents");
        assert!(
            top.iter().skip(1).step_by(2).all(|&w| w >= 2),
            "the lightest are left out"
        );
    }

    #[test]
    fn big_shards_split_by_the_next_letter_and_every_term_finds_its_shard() {
        let words: Vec<String> = (0..3000)
            .map(|i| format!("t{}{i}", (b'a' + (i % 26) as u8) as char))
            .collect();
        let mut names: Vec<(&str, usize)> = words.iter().map(|w| (w.as_str(), 1)).collect();
        names.push(("t", 1));
        names.push(("zed", 1));
        names.sort();
        let (files, prefixes) = dictionary_files(&dictionary(&names));
        assert!(
            prefixes.contains(&"t".to_string()) && prefixes.contains(&"ta".to_string()),
            "{prefixes:?}"
        );
        assert!(prefixes.contains(&"z".to_string()));
        for (term, _) in &names {
            // The client's rule: the longest prefix of the term among the shards.
            let shard = prefixes
                .iter()
                .filter(|p| term.starts_with(p.as_str()))
                .max_by_key(|p| p.len())
                .unwrap();
            let file = files
                .iter()
                .find(|f| f.path == format!("t/_{shard}.json"))
                .unwrap();
            let map: Value = serde_json::from_str(&file.text).unwrap();
            assert!(map.get(*term).is_some(), "{term} in t/{shard}.json");
        }
        assert!(files.iter().all(|f| f.text.len() < 2 * SHARD_BYTES));
    }
}
