//! Reads what a page declares about its article: JSON-LD (`NewsArticle`,
//! `Article` and their kin, with `@graph` and `@id` references), OpenGraph
//! and `article:` meta tags, `<meta name="author">`, `<time datetime>`,
//! `<link rel="canonical">`, `<html lang>`, and, for pages that declare
//! nothing, the `<title>`, the `<h1>` and a date line near it.

use dom_query::Document;
use serde_json::Value;

use crate::content::Date;
use crate::import::detect;

/// What the page says about its article, each field from the most
/// trustworthy place that has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub modified: Option<Date>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
}

/// JSON-LD types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
];

/// Title separators between a headline and the site's name.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// Reads the metadata of `doc`; `address` is where the page came from.
pub fn read(doc: &Document, address: Option<&str>) -> PageMeta {
    let graph = json_ld_nodes(doc);
    let article = graph.iter().find(|node| is_article(node));
    let resolve = |value: &Value| resolve_reference(value, &graph);
    let ld_text = |key: &str| {
        article
            .and_then(|a| a.get(key))
            .and_then(|v| text_of(&resolve(v)))
    };

    let canonical = link_href(doc, "canonical")
        .or_else(|| meta(doc, "og:url"))
        .or_else(|| address.map(str::to_string))
        // The build refuses a `source` the URL policy refuses.
        .filter(|url| crate::url_policy::check_external(url).is_ok());
    let outlet = article
        .and_then(|a| a.get("publisher"))
        .and_then(|p| name_of(&resolve(p)))
        .or_else(|| meta(doc, "og:site_name"))
        .or_else(|| meta(doc, "application-name"))
        .or_else(|| outlet_in_title(doc, canonical.as_deref()))
        .or_else(|| outlet_in_logo(doc, canonical.as_deref()))
        .or_else(|| canonical.as_deref().and_then(detect::outlet_of));
    let title = ld_text("headline")
        .or_else(|| ld_text("name"))
        .or_else(|| meta(doc, "og:title"))
        .or_else(|| meta(doc, "twitter:title"))
        .or_else(|| first_text(doc, "h1"))
        .or_else(|| heading_in_title(doc))
        .or_else(|| first_text(doc, "title"))
        .map(|t| without_site_name(&t, outlet.as_deref(), canonical.as_deref()));
    let date = ld_text("datePublished")
        .or_else(|| ld_text("dateCreated"))
        .or_else(|| meta(doc, "article:published_time"))
        .and_then(|d| local_date(doc, &d))
        .or_else(|| {
            [
                "pubdate",
                "publishdate",
                "date",
                "dc.date.issued",
                "dcterms.created",
            ]
            .iter()
            .find_map(|name| meta(doc, name).and_then(|d| iso_date(&d)))
        })
        .or_else(|| attr_of(doc, "[itemprop=datePublished]", "content").and_then(|d| iso_date(&d)))
        .or_else(|| attr_of(doc, "time[datetime]", "datetime").and_then(|d| iso_date(&d)))
        .or_else(|| title.as_deref().and_then(|t| date_near_headline(doc, t)))
        .or_else(|| canonical.as_deref().and_then(detect::date_in_url));
    let modified = ld_text("dateModified")
        .or_else(|| meta(doc, "article:modified_time"))
        .and_then(|d| iso_date(&d));
    let mut authors = article
        .and_then(|a| a.get("author"))
        .map(|a| names_of(&resolve(a), &graph))
        .unwrap_or_default();
    if authors.is_empty() {
        authors = meta(doc, "author")
            .map(|list| split_names(&list))
            .unwrap_or_default();
    }
    let language = attr_of(doc, "html", "lang")
        .or_else(|| ld_text("inLanguage"))
        .or_else(|| meta(doc, "og:locale"))
        .or_else(|| attr_of(doc, "meta[http-equiv=content-language i]", "content"))
        .and_then(|tag| primary_language(&tag));
    let description = ld_text("description")
        .or_else(|| meta(doc, "og:description"))
        .or_else(|| meta(doc, "description"));
    PageMeta {
        title: title.filter(|t| !t.is_empty()),
        date,
        modified,
        outlet: outlet.filter(|o| !o.is_empty()),
        authors,
        canonical,
        language,
        description,
    }
}

/// Every JSON-LD object on the page, `@graph` members and array items
/// flattened, in document order.
fn json_ld_nodes(doc: &Document) -> Vec<Value> {
    let mut nodes = Vec::new();
    for script in doc.select("script[type='application/ld+json' i]").iter() {
        let text = script.text();
        // Some pages leave a trailing comma or an HTML comment: skip what does
        // not parse, as browsers and search engines do.
        if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
            flatten(value, &mut nodes, 0);
        }
    }
    nodes
}

fn flatten(value: Value, nodes: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, nodes, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, nodes, depth + 1);
            }
            nodes.push(Value::Object(map));
        }
        _ => {}
    }
}

fn is_article(node: &Value) -> bool {
    let is_type = |t: &Value| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
    match node.get("@type") {
        Some(Value::Array(types)) => types.iter().any(is_type),
        Some(t) => is_type(t),
        None => false,
    }
}

/// An `{"@id": ...}` reference replaced by the node it names.
fn resolve_reference(value: &Value, graph: &[Value]) -> Value {
    let reference = value
        .as_object()
        .filter(|map| map.len() == 1)
        .and_then(|map| map.get("@id"))
        .and_then(Value::as_str);
    reference
        .and_then(|id| {
            graph
                .iter()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
        })
        .cloned()
        .unwrap_or_else(|| value.clone())
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(clean_text(text)).filter(|t| !t.is_empty()),
        Value::Array(items) => items.first().and_then(text_of),
        _ => None,
    }
}

/// The name of a person or organisation: a string or an object's `name`.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(name) => Some(clean_text(name)).filter(|n| !n.is_empty() && !is_url(n)),
        Value::Object(map) => map.get("name").and_then(text_of),
        Value::Array(items) => items.first().and_then(name_of),
        _ => None,
    }
}

fn names_of(value: &Value, graph: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = match value {
        Value::Array(items) => items
            .iter()
            .filter_map(|item| name_of(&resolve_reference(item, graph)))
            .collect(),
        other => name_of(other).into_iter().collect(),
    };
    names.dedup();
    names
}

fn is_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

/// "Ruth Abernathy, Linh Tran" or "A and B": the names of a meta author.
fn split_names(list: &str) -> Vec<String> {
    list.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(clean_text)
        .filter(|name| !name.is_empty() && !is_url(name))
        .collect()
}

/// Whitespace collapsed and HTML entities (which some pages leave inside
/// JSON-LD strings) decoded.
fn clean_text(text: &str) -> String {
    let decoded = html_escape::decode_html_entities(text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `<meta>` value by `property` (OpenGraph) or `name`.
fn meta(doc: &Document, key: &str) -> Option<String> {
    ["property", "name", "itemprop"]
        .iter()
        .find_map(|attribute| {
            doc.select("meta")
                .iter()
                .find(|m| {
                    m.attr(attribute)
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case(key))
                })
                .and_then(|m| m.attr("content"))
                .map(|v| clean_text(&v))
                .filter(|v| !v.is_empty())
        })
}

fn link_href(doc: &Document, rel: &str) -> Option<String> {
    doc.select("link[href]")
        .iter()
        .find(|l| {
            l.attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case(rel)))
        })
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_string())
}

fn attr_of(doc: &Document, selector: &str, attribute: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .find_map(|node| node.attr(attribute))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .map(|node| clean_text(&node.text()))
        .find(|text| !text.is_empty())
}

/// The date of an ISO 8601 timestamp as written (its own time zone's
/// day): "2026-03-12T14:05:00+07:00" is 2026-03-12.
fn iso_date(text: &str) -> Option<Date> {
    let text = text.trim();
    text.get(..10)
        .and_then(Date::parse_iso)
        .or_else(|| detect::date_in_text(text))
}

/// A date line shortly after (or before) the headline, on pages that
/// declare no date: "Thứ Hai, 09/02/2026 - 10:20".
fn date_near_headline(doc: &Document, title: &str) -> Option<Date> {
    let body = clean_text(&doc.select("body").text());
    let headline = first_text(doc, "h1").filter(|h| body.contains(h.as_str()));
    let headline = headline.unwrap_or_else(|| title.to_string());
    let at = body.find(&headline)?;
    let after: String = body[at + headline.len()..].chars().take(300).collect();
    let before: String = {
        let chars: Vec<char> = body[..at].chars().collect();
        chars[chars.len().saturating_sub(200)..].iter().collect()
    };
    detect::date_in_text(&after).or_else(|| detect::date_in_text(&before))
}

/// The date of a timestamp; when the timestamp is in UTC and the page
/// prints the same instant in a `<time>` as a date a day off (a morning
/// paper east of Greenwich), the printed date, which its readers saw.
fn local_date(doc: &Document, timestamp: &str) -> Option<Date> {
    let date = iso_date(timestamp)?;
    let utc = timestamp.ends_with('Z') || timestamp.ends_with("+00:00");
    if !utc {
        return Some(date);
    }
    let instant = timestamp.get(..16)?;
    let printed = doc
        .select("time[datetime]")
        .iter()
        .filter(|time| {
            time.attr("datetime")
                .is_some_and(|t| t.trim().get(..16) == Some(instant))
        })
        .filter_map(|time| detect::date_in_text(&time.text()))
        .find(|printed| (day_number(*printed) - day_number(date)).abs() == 1);
    Some(printed.unwrap_or(date))
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn day_number(date: Date) -> i64 {
    let (year, month, day) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let of_era = year - era * 400;
    let of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let of_cycle = of_era * 365 + of_era / 4 - of_era / 100 + of_year;
    era * 146_097 + of_cycle - 719_468
}

/// A second-level heading that the `<title>` repeats ("Press release: New
/// rules ..." over `<h2>New rules ...</h2>`), on pages with no `<h1>`.
fn heading_in_title(doc: &Document) -> Option<String> {
    let title = first_text(doc, "title")?;
    doc.select("h2, h3")
        .iter()
        .map(|h| clean_text(&h.text()))
        .find(|h| h.split_whitespace().count() >= 3 && title.contains(h.as_str()))
}

/// The outlet a logo's text names, when it is the page's domain written
/// out ("Ministry of Energy" on energy-ministry.gov).
fn outlet_in_logo(doc: &Document, canonical: Option<&str>) -> Option<String> {
    let label = detect::main_label(canonical?)?;
    doc.select("a img[alt], a[rel=home], a[href='/']")
        .iter()
        .filter_map(|node| {
            node.attr("alt")
                .map(|a| clean_text(&a))
                .or_else(|| Some(clean_text(&node.text())))
        })
        .find(|name| same_words(name, &label))
}

/// Whether a name and a domain label have the same words, in any order,
/// small words aside: "Ministry of Energy" and "energy-ministry".
fn same_words(name: &str, label: &str) -> bool {
    let small = ["the", "of", "and", "for"];
    let words = |text: &str, separators: &[char]| {
        let mut words: Vec<String> = deunicode::deunicode(text)
            .to_lowercase()
            .split(separators)
            .map(|w| {
                w.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty() && !small.contains(&w.as_str()))
            .collect();
        words.sort();
        words
    };
    let from_name = words(name, &[' ']);
    !from_name.is_empty() && from_name == words(label, &['-', '_'])
}

/// "en" for "en-US", "vi" for "vi_VN".
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (2..=3)
        .contains(&primary.len())
        .then_some(primary)
        .filter(|p| p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The outlet a `<title>` names beside the headline, when that part of
/// the title is the page's domain written out ("Valley Courier ::" on
/// valley-courier.com).
fn outlet_in_title(doc: &Document, canonical: Option<&str>) -> Option<String> {
    let title = first_text(doc, "title")?;
    let domain = compact(&detect::main_label(canonical?)?);
    title_parts(&title)
        .into_iter()
        .find(|part| compact(part) == domain)
        .map(str::to_string)
}

fn title_parts(title: &str) -> Vec<&str> {
    SEPARATORS
        .iter()
        .find_map(|sep| {
            title
                .split_once(sep)
                .map(|_| title.split(sep).map(str::trim).collect())
        })
        .unwrap_or_else(|| vec![title])
}

/// Letters and digits only, without diacritics, lower-case.
fn compact(text: &str) -> String {
    deunicode::deunicode(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// "Headline - The Mekong Ledger" without the site's name.
fn without_site_name(title: &str, outlet: Option<&str>, canonical: Option<&str>) -> String {
    let parts = title_parts(title);
    if parts.len() < 2 {
        return title.to_string();
    }
    let domain = canonical.and_then(detect::main_label).map(|d| compact(&d));
    let is_site = |part: &str| {
        let part = compact(part);
        !part.is_empty()
            && (outlet.is_some_and(|o| compact(o) == part) || domain.as_deref() == Some(&part))
    };
    let kept: Vec<&str> = parts.iter().copied().filter(|p| !is_site(p)).collect();
    if kept.len() == parts.len() || kept.is_empty() {
        return title.to_string();
    }
    let separator = SEPARATORS
        .iter()
        .find(|s| title.contains(**s))
        .copied()
        .unwrap_or(" - ");
    kept.join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> PageMeta {
        let html = format!("<html lang=\"en-GB\"><head>{head}</head><body>{body}</body></html>");
        read(&Document::from(html.as_str()), None)
    }

    /// Found by the `import_html` fuzz target: a canonical address with a
    /// space or an angle bracket became a `source` the build refuses.
    #[test]
    fn a_canonical_address_the_url_policy_refuses_is_no_source() {
        for href in [
            "https://example.org/a >/",
            "https://example.org/<meta name=",
            "javascript:x",
        ] {
            let head = format!("<link rel=\"canonical\" href=\"{href}\">");
            assert_eq!(page(&head, "<p>Text.</p>").canonical, None, "{href}");
        }
        let head = "<link rel=\"canonical\" href=\"https://example.org/a/\">";
        assert_eq!(
            page(head, "<p>Text.</p>").canonical.as_deref(),
            Some("https://example.org/a/")
        );
    }

    #[test]
    fn json_ld_comes_first_and_references_resolve() {
        let meta = page(
            r##"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"It&#x27;s a headline","datePublished":"2026-03-04T23:30:00-05:00","author":{"@id":"#p"},"publisher":{"@id":"#o"}},{"@id":"#o","@type":"Organization","name":"The Ledger"},{"@id":"#p","@type":"Person","name":"Linh Tran"}]}</script>
               <meta property="og:title" content="Other - The Ledger"><meta property="article:published_time" content="2026-03-05T04:30:00Z">"##,
            "<h1>Not this</h1>",
        );
        assert_eq!(meta.title.as_deref(), Some("It's a headline"));
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2026-03-04")
        );
        assert_eq!(meta.outlet.as_deref(), Some("The Ledger"));
        assert_eq!(meta.authors, ["Linh Tran"]);
        assert_eq!(meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn opengraph_then_the_page_itself() {
        let meta = page(
            r#"<title>A story | Site Name</title><meta property="og:site_name" content="Site Name"><meta name="author" content="A One, B Two">"#,
            "<h1>A story</h1><p>Monday, 09/02/2026 - 10:20</p>",
        );
        assert_eq!(meta.title.as_deref(), Some("A story"));
        assert_eq!(meta.outlet.as_deref(), Some("Site Name"));
        assert_eq!(meta.authors, ["A One", "B Two"]);
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2026-02-09")
        );
        let meta = page(
            r#"<title>Valley Courier :: Tolls delayed</title><link rel="canonical" href="https://www.valley-courier.com/a.html">"#,
            "<p>No headline element.</p>",
        );
        assert_eq!(meta.outlet.as_deref(), Some("Valley Courier"));
        assert_eq!(meta.title.as_deref(), Some("Tolls delayed"));
        assert_eq!(
            meta.canonical.as_deref(),
            Some("https://www.valley-courier.com/a.html")
        );
    }

    #[test]
    fn broken_json_ld_is_skipped() {
        let meta = page(
            r#"<script type="application/ld+json">{"@type":"NewsArticle",</script><meta property="og:title" content="Kept">"#,
            "",
        );
        assert_eq!(meta.title.as_deref(), Some("Kept"));
        assert_eq!(meta.date, None);
    }
}
