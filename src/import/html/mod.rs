//! HTML import: a saved or fetched web page becomes an [`Imported`]
//! article. The bytes are decoded (`decode`), the page's declared metadata
//! read (`meta`), and its main text taken out as Markdown (`extract`).

mod decode;
mod extract;
mod meta;

pub use decode::{Decoded, decode};
pub use meta::PageMeta;

use dom_query::Document;

/// Pages larger than this are refused: no article page comes near it.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;
/// Pages with more elements than this are refused before extraction,
/// which grows with their number.
pub const MAX_ELEMENTS: usize = 250_000;
/// An extracted text shorter than this is not an article.
const MIN_ARTICLE_WORDS: usize = 25;

/// Where a page came from, when known.
#[derive(Debug, Clone, Default)]
pub struct PageSource<'a> {
    /// The page's address (the URL fetched, or `--source`).
    pub url: Option<&'a str>,
    /// The HTTP `Content-Type`, for its charset.
    pub content_type: Option<&'a str>,
}

/// An article taken out of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlArticle {
    pub meta: PageMeta,
    /// The main text, as Markdown.
    pub markdown: String,
    /// The encoding the page was read in.
    pub encoding: &'static str,
    /// Notes for the editor (bytes the encoding did not allow, ...).
    pub notes: Vec<String>,
}

/// Takes the article out of a page's bytes. Never panics: a page that is
/// not an article page, too large or unreadable gives an error that says so.
pub fn import_html(bytes: &[u8], source: &PageSource) -> Result<HtmlArticle, String> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(format!(
            "the page is {} MiB, more than the {} MiB an article page can be",
            bytes.len() / (1024 * 1024),
            MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    let decoded = decode(bytes, source.content_type);
    let mut notes = Vec::new();
    if decoded.had_errors {
        notes.push(format!(
            "some bytes are not valid {}: they were replaced with �; check the page's encoding",
            decoded.encoding
        ));
    }
    let url = source.url;
    // The extractor and the HTML parser are third-party code run on
    // untrusted input: a panic in them becomes this page's error, not the
    // end of the whole import.
    let extracted = std::panic::catch_unwind(move || {
        let doc = Document::from(decoded.text.as_str());
        let meta = meta::read(&doc, url);
        let address = meta.canonical.clone();
        extract::main_text(doc, address.as_deref(), MAX_ELEMENTS).map(|text| (meta, text))
    })
    .map_err(|_| "the page could not be parsed".to_string())??;
    let (meta, mut markdown) = extracted;
    drop_trailing_byline(&mut markdown, &meta.authors);
    if word_count(&markdown) < MIN_ARTICLE_WORDS {
        return Err("no article in the page: the text it holds is too short to be one".to_string());
    }
    Ok(HtmlArticle {
        meta,
        markdown,
        encoding: decoded.encoding,
        notes,
    })
}

/// The words of a Markdown text: runs of non-space characters with a
/// letter or digit, link targets not counted.
pub fn word_count(markdown: &str) -> usize {
    let mut text = String::with_capacity(markdown.len());
    let mut rest = markdown;
    // "[text](target)": keep the text, skip the target.
    while let Some(at) = rest.find("](") {
        text.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        rest = after.find(')').map_or("", |close| &after[close + 1..]);
        text.push(' ');
    }
    text.push_str(rest);
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A last paragraph that is only the author's name (the signature
/// Vietnamese outlets put under the text) goes: the name is in `authors`.
fn drop_trailing_byline(markdown: &mut String, authors: &[String]) {
    let trimmed = markdown.trim_end();
    let Some((before, last)) = trimmed.rsplit_once("\n\n") else {
        return;
    };
    let name = last.trim().trim_matches(['*', '_']).trim();
    if authors.iter().any(|a| a == name) {
        *markdown = format!("{before}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cut pages, shuffled bytes and odd markup give an article or an
    /// error, and never reach the panic guard.
    #[test]
    fn broken_pages_give_errors_not_panics() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
        let page = std::fs::read(folder.join("mekong-ledger-wordpress.html")).unwrap();
        let mut inputs: Vec<Vec<u8>> = (0..page.len())
            .step_by(701)
            .map(|cut| page[..cut].to_vec())
            .collect();
        // A deterministic shuffle of bytes in the middle of the page.
        let mut state: u32 = 7;
        let mut scrambled = page.clone();
        for _ in 0..2_000 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let at = (state as usize >> 8) % scrambled.len();
            scrambled[at] = (state >> 24) as u8;
        }
        inputs.push(scrambled);
        for odd in [
            "",
            "<",
            "<html><head><script type=\"application/ld+json\">[[[[[[[[[[</script>",
            "<meta charset=\"x-unknown\"><p>text",
            "<h1></h1><time datetime=\"2026-99-99\"></time><p>one two</p>",
            "<title> | - :: </title><h1>\u{0}</h1>",
        ] {
            inputs.push(odd.as_bytes().to_vec());
        }
        inputs.push(vec![0xff; 4096]);
        for input in &inputs {
            if let Err(error) = import_html(input, &PageSource::default()) {
                assert_ne!(error, "the page could not be parsed", "{input:?}");
            }
        }
    }

    #[test]
    fn counts_words_not_markup() {
        assert_eq!(
            word_count("## A title\n\n- one [two](https://x.y/z) three\n\n> four"),
            6
        );
    }
}
