//! Takes a page's article text out of the page: first removes what is
//! never article text (scripts, navigation, share buttons, related-article
//! lists, comments, figures with their captions and credits), then lets the
//! readability extractor (dom_smoothie) find the article's main block, and
//! gives it back as Markdown (headings, lists, quotes, emphasis, links).

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};

/// Elements that are never article text.
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, object, embed, svg, canvas, \
     form, button, input, select, textarea, nav, aside, footer, header, figure, figcaption, \
     picture, img, video, audio, [hidden], [aria-hidden=true], [role=navigation], \
     [role=complementary], [role=contentinfo], [role=banner]";

/// Words in a class or id, whole (`ad`, `tags`) or inside a longer name
/// (`sharebar`, `box-related-inline`, `article__share`), that mark page
/// furniture: sharing, related lists, comments, bylines, labels, ads.
const FURNITURE_INSIDE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "newsletter",
    "breadcrumb",
    "advert",
    "promo",
    "readmore",
    "morestories",
    "morenews",
    "othernews",
    "mostread",
    "mostpopular",
    "youmay",
    "alsolike",
    "recommend",
    "subscribe",
    "signup",
    "byline",
    "skiplink",
    "screenreader",
    "visuallyhidden",
    "authorbox",
    "authorbio",
    "sponsor",
    "outbrain",
    "taboola",
];
const FURNITURE_WHOLE: &[&str] = &[
    "ad",
    "ads",
    "tag",
    "tags",
    "meta",
    "nav",
    "menu",
    "cate",
    "cat",
    "category",
    "kicker",
    "overline",
    "sidebar",
    "widget",
    "print",
    "email",
    "timestamp",
    "hidden",
    "toolbar",
    "author",
    "credit",
    "caption",
    "date",
    "time",
    "dateline",
];

/// A "heading" longer than this is a lead paragraph set in a heading tag.
const HEADING_MOST_WORDS: usize = 20;

/// An element that holds this share of the page's paragraph text is
/// content, whatever its class says (a `post tag-news` wrapper).
const CONTENT_SHARE: f64 = 0.3;

/// The article's main text as Markdown, or `None` when the page has no
/// article block.
pub fn main_text(
    doc: Document,
    address: Option<&str>,
    max_elements: usize,
) -> Result<String, String> {
    remove_furniture(&doc);
    let config = Config {
        text_mode: TextMode::Markdown,
        max_elements_to_parse: max_elements,
        ..Config::default()
    };
    // The extractor wants an absolute address for the page's links.
    let address = address.filter(|a| a.starts_with("http://") || a.starts_with("https://"));
    let mut readability = Readability::with_document(doc, address, Some(config))
        .or_else(|_| Readability::with_document(Document::from(""), None, None))
        .map_err(|e| e.to_string())?;
    let article = readability.parse().map_err(|error| match error {
        dom_smoothie::ReadabilityError::TooManyElements(_, _) => format!(
            "the page has more than {max_elements} elements, too many to be an article page"
        ),
        _ => "no article in the page: no block of text reads as one".to_string(),
    })?;
    Ok(tidy_blocks(&tidy(&article.text_content)))
}

/// Removes what is never article text, and elements whose class or id
/// marks them as page furniture (unless they hold much of the text).
fn remove_furniture(doc: &Document) {
    doc.select(NEVER_TEXT).remove();
    let total = paragraph_words(doc.root()).max(1) as f64;
    let marked: Vec<NodeRef> = doc
        .select("body *")
        .nodes()
        .iter()
        .filter(|node| !node.is("html, body, main, article") && is_furniture(node))
        .copied()
        .collect();
    for node in marked {
        if node.parent().is_some() && (paragraph_words(node) as f64) < total * CONTENT_SHARE {
            node.remove_from_parent();
        }
    }
}

fn is_furniture(node: &NodeRef) -> bool {
    let names = format!(
        "{} {}",
        node.attr("class").unwrap_or_default(),
        node.attr("id").unwrap_or_default()
    )
    .to_lowercase();
    names.split_whitespace().any(|name| {
        let joined: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        FURNITURE_INSIDE.iter().any(|word| joined.contains(word))
            || name
                .split(['-', '_'])
                .any(|part| FURNITURE_WHOLE.contains(&part))
    })
}

/// The words in the paragraphs under `node`.
fn paragraph_words(node: NodeRef) -> usize {
    node.descendants_it()
        .filter(|n| n.is("p"))
        .map(|p| p.text().split_whitespace().count())
        .sum()
}

/// Block-level tidying: a lead set in a heading tag becomes a paragraph, a
/// date line opening the text goes (the date is in the front matter), and
/// headings with nothing after them (the title of a list of links that
/// was taken away) go.
fn tidy_blocks(markdown: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for block in markdown
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        let heading_text = block.trim_start_matches('#');
        let is_heading = block.starts_with('#') && heading_text.starts_with(' ');
        if is_heading && heading_text.split_whitespace().count() > HEADING_MOST_WORDS {
            blocks.push(heading_text.trim().to_string());
        } else if blocks.is_empty() && is_date_line(block) {
            continue;
        } else {
            blocks.push(block.to_string());
        }
    }
    while blocks.last().is_some_and(|b| b.starts_with('#')) {
        blocks.pop();
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// "12/03/2026 14:05 GMT+7", "Thursday, March 12, 2026": a short line
/// that is a date and little else.
fn is_date_line(block: &str) -> bool {
    block.split_whitespace().count() <= 8
        && !block.ends_with('.')
        && crate::import::detect::date_in_text(block).is_some()
}

/// The extractor's Markdown with images dropped, blank runs collapsed and
/// the ends trimmed.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank = 0;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.trim_start().starts_with("![") && line.trim_end().ends_with(')') {
            continue;
        }
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}
