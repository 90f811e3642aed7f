//! The search index (`searchindex.js`): an [elasticlunr] index of every
//! article, entity and quote, built here and queried in the browser by
//! `search.js` with elasticlunr.js, the pair mdBook uses. Titles are a field
//! of their own, boosted at query time above the text.
//!
//! Both fields are indexed folded (lowercase, no diacritics), and the script
//! folds the query the same way, so "to lam" finds "Tô Lâm". The documents'
//! original text travels beside the index for result snippets; an article's
//! text is kept paragraph by paragraph so a result can link to the paragraph
//! that matched. It is a script rather than JSON so that the search page
//! also works opened straight from disk, where pages cannot fetch files.
//!
//! [elasticlunr]: https://docs.rs/elasticlunr-rs

use elasticlunr::{Index, IndexBuilder};
use rayon::prelude::*;
use serde::Serialize;

use crate::content::lint::MAX_INDEXED_WORD;
use crate::content::{ArticleId, EntityId};
use crate::link::Graph;
use crate::text::blocks::{block_id, block_texts};
use crate::text::fold;
use crate::urls;

/// One search result as the script shows it.
#[derive(Debug, Serialize, PartialEq)]
pub struct SearchDoc {
    /// The result's URL, relative to the site root.
    pub url: String,
    /// What it is: "Article", or the entity's kind ("Speaker"), or "Quote".
    pub kind: String,
    pub title: String,
    /// The text, by paragraph; `anchors[i]` is the id of paragraph `i`
    /// on the result's page, when it has one.
    pub text: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<String>,
}

#[derive(Serialize)]
struct SearchData<'a> {
    docs: &'a [SearchDoc],
    index: &'a Index,
}

/// A quote cut shorter than this is left out rather than indexed.
const SHORTEST_QUOTE: usize = 40;

/// The documents of the site's search, in a stable order: articles newest
/// first, then entities by kind, then quotes. Each article may bring
/// `budget / articles` bytes of text, its own and its quotes'.
pub fn search_docs(graph: &Graph, summaries: &[String], budget: usize) -> Vec<SearchDoc> {
    let share = budget / graph.by_date.len().max(1);
    let articles: Vec<(SearchDoc, Vec<SearchDoc>)> = graph
        .by_date
        .par_iter()
        .map(|id| article_docs(graph, *id, share))
        .collect();
    let mut docs = Vec::with_capacity(articles.len() * 2);
    let mut quotes = Vec::new();
    for (article, said) in articles {
        docs.push(article);
        quotes.extend(said);
    }
    for ids in &graph.by_kind {
        docs.extend(ids.iter().map(|id| entity_doc(graph, *id, summaries)));
    }
    docs.extend(quotes);
    docs
}

/// The script that defines `window.dossierSearch = { docs, index }`.
pub fn search_script(docs: &[SearchDoc]) -> String {
    let mut index = IndexBuilder::new()
        .save_docs(false)
        .add_fields(&["title", "text"])
        .build();
    for (number, doc) in docs.iter().enumerate() {
        let text = indexable(&fold(&doc.text.join("\n")));
        index.add_doc(&number.to_string(), [indexable(&fold(&doc.title)), text]);
    }
    let data = SearchData {
        docs,
        index: &index,
    };
    let json = serde_json::to_string(&data).expect("the search index serializes");
    // `</` cannot end the script early when the text holds "</script>".
    format!("window.dossierSearch = {};\n", json.replace("</", "<\\/"))
}

/// `text` without the words longer than [`MAX_INDEXED_WORD`]: the index
/// keeps a tree node per character of a word, and a tree that deep would
/// overflow the stack when it is dropped. `load` warns of each such word.
fn indexable(text: &str) -> String {
    if !text
        .split(char::is_whitespace)
        .any(|w| w.chars().count() > MAX_INDEXED_WORD)
    {
        return text.to_string();
    }
    text.split(char::is_whitespace)
        .filter(|w| w.chars().count() <= MAX_INDEXED_WORD)
        .collect::<Vec<_>>()
        .join(" ")
}

/// An article's document, and one per quote it holds, within `share` bytes
/// of text: its paragraphs take three quarters, its quotes the rest (and
/// whatever the paragraphs left).
fn article_docs(graph: &Graph, id: ArticleId, share: usize) -> (SearchDoc, Vec<SearchDoc>) {
    let article = graph.article(id);
    let url = urls::article(&article.slug);
    let paragraphs = block_texts(&article.body);
    let quote_share = share / 4;
    let mut left = share - quote_share;
    let mut text = Vec::new();
    let mut anchors = Vec::new();
    let summary = article
        .front
        .summary
        .iter()
        .map(|s| (s.as_str(), String::new()));
    let numbered = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), block_id(i)));
    for (paragraph, anchor) in summary.chain(numbered) {
        let kept = cut_at_word(paragraph, left);
        if kept.is_empty() {
            break;
        }
        left -= kept.len();
        text.push(kept.to_string());
        anchors.push(anchor);
    }
    left += quote_share;
    let mut quotes = Vec::new();
    for quote in &graph.articles[id.index()].text.quotes {
        let Some(said) = paragraphs
            .get(quote.block as usize)
            .and_then(|p| p.get(quote.range.clone()))
        else {
            continue;
        };
        let kept = cut_at_word(said, left);
        if kept.len() < SHORTEST_QUOTE.min(said.len()) {
            break;
        }
        left -= kept.len();
        quotes.push(SearchDoc {
            url: format!("{url}#{}", block_id(quote.block as usize)),
            kind: "Quote".to_string(),
            title: graph.entity(quote.speaker).front.title.clone(),
            text: vec![kept.to_string()],
            anchors: Vec::new(),
        });
    }
    let doc = SearchDoc {
        url,
        kind: "Article".to_string(),
        title: article.front.title.clone(),
        text,
        anchors,
    };
    (doc, quotes)
}

/// The longest start of `text` of at most `max` bytes that ends at a word.
fn cut_at_word(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if text[end..].starts_with(char::is_whitespace) {
        return text[..end].trim_end();
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) => text[..space].trim_end(),
        None => "",
    }
}

fn entity_doc(graph: &Graph, id: EntityId, summaries: &[String]) -> SearchDoc {
    let entity = graph.entity(id);
    let kind = graph.corpus.kind(entity.kind);
    let mut text = Vec::new();
    if !entity.front.aliases.is_empty() {
        text.push(entity.front.aliases.join(" · "));
    }
    text.push(summaries[id.index()].clone());
    SearchDoc {
        url: urls::entity(kind, &entity.slug),
        kind: kind.singular.clone(),
        title: entity.front.title.clone(),
        text,
        anchors: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_cannot_be_closed_by_the_text_it_carries() {
        let docs = [SearchDoc {
            url: "articles/a/".into(),
            kind: "Article".into(),
            title: "Tô Lâm </script><script>alert(1)".into(),
            text: vec!["Nghị quyết 59".into()],
            anchors: vec!["p-1".into()],
        }];
        let script = search_script(&docs);
        assert!(!script.contains("</script>"), "{script}");
        assert!(
            script.contains("Tô Lâm <\\/script>"),
            "originals are kept for display"
        );
        // The index is a trie of folded terms: "quyết" is stored as q-u-y-e-t.
        let json = script
            .trim_start_matches("window.dossierSearch = ")
            .trim_end()
            .trim_end_matches(';');
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        let root = &data["index"]["index"]["text"]["root"];
        assert!(
            root["q"]["u"]["y"]["e"]["t"]["docs"]["0"].is_object(),
            "{root}"
        );
    }

    #[test]
    fn cuts_text_at_a_word_within_the_budget() {
        assert_eq!(cut_at_word("Tô Lâm said", 100), "Tô Lâm said");
        assert_eq!(cut_at_word("Tô Lâm said", 8), "Tô Lâm");
        assert_eq!(cut_at_word("Tô Lâm said", 4), "Tô");
        assert_eq!(cut_at_word("Unbreakable", 4), "");
    }
}
