//! Makes an [`Imported`] article of a web page: the metadata the page
//! declares and its main text (from `html`), what the editor states over
//! them, the lead's dateline taken off, and the kind of piece.

use super::html::{self, PageSource};
use super::{Corpus, Imported, Overrides, dateline, detect, first_sentence, link_to_site};

/// Imports a web page's bytes: its declared metadata and its main text.
/// `site` is the site's corpus, when there is one.
pub fn import_page(
    bytes: &[u8],
    source: &PageSource,
    site: Option<&Corpus>,
    overrides: &Overrides,
) -> Result<Imported, String> {
    let mut page = html::import_html(bytes, source)?;
    let summary = take_standfirst(&mut page.markdown, page.meta.description.as_deref());
    let tag_outlet = strip_lead_dateline(&mut page.markdown);
    if let Some(title) = overrides.title.as_ref().or(page.meta.title.as_ref()) {
        drop_leading_headline(&mut page.markdown, title);
    }
    let mut meta = page.meta;
    meta.outlet = meta.outlet.or(tag_outlet);
    let mut warnings = page.notes;
    let stated = overrides.clone();
    meta.title = stated.title.or(meta.title);
    meta.date = stated.date.or(meta.date);
    meta.outlet = stated
        .outlet
        .or(meta.outlet)
        .or_else(|| stated.source.as_deref().and_then(detect::outlet_of));
    meta.canonical = stated.source.or(meta.canonical);
    meta.language = stated.language.or(meta.language);
    let title = meta.title.clone().unwrap_or_else(|| {
        warnings.push(
            "the page declares no headline: the title is the text's first sentence; write one"
                .to_string(),
        );
        first_sentence(page.markdown.lines().next().unwrap_or_default())
    });
    if meta.date.is_none() {
        warnings.push("the page declares no date: pass --date, or add `date` by hand".to_string());
    }
    if meta.outlet.is_none() {
        warnings.push("the page names no outlet: pass --outlet".to_string());
    }
    let source = meta.canonical.clone();
    if source.is_none() {
        warnings.push("the page gives no address of its own: pass --source URL".to_string());
    }
    let language = meta
        .language
        .clone()
        .unwrap_or_else(|| detect::language_of(&page.markdown).to_string());
    let mut imported = Imported {
        title,
        date: meta.date,
        outlet: meta.outlet,
        source,
        authors: meta.authors,
        unknown_authors: Vec::new(),
        summary,
        kind: stated
            .kind
            .unwrap_or_else(|| page_kind(&page.markdown).to_string()),
        language,
        references: Vec::new(),
        body: page.markdown,
        warnings,
    };
    if let Some(corpus) = site {
        link_to_site(&mut imported, corpus);
    }
    Ok(imported)
}

/// The opening paragraph, when it is the page's description (the
/// standfirst): it is the page's summary, not the article's text.
fn take_standfirst(markdown: &mut String, description: Option<&str>) -> Option<String> {
    let description = normalized(description?);
    let (first, rest) = markdown.split_once("\n\n")?;
    let lead = normalized(first);
    let (short, long) = if lead.len() <= description.len() {
        (&lead, &description)
    } else {
        (&description, &lead)
    };
    let same =
        !short.is_empty() && long.starts_with(short.as_str()) && short.len() * 10 >= long.len() * 8;
    if !same || first.starts_with(['#', '>', '-', '*']) {
        return None;
    }
    let summary = first.split_whitespace().collect::<Vec<_>>().join(" ");
    *markdown = rest.to_string();
    Some(summary)
}

fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

/// `interview` when at least two paragraphs are questions set apart (in
/// bold, or marked "Q:"), as interviews on the web set them; else `report`.
fn page_kind(markdown: &str) -> &'static str {
    let questions = markdown
        .split("\n\n")
        .filter(|block| {
            let block = block.trim();
            let bold = ["**", "__"].iter().any(|mark| {
                block
                    .strip_prefix(mark)
                    .and_then(|b| b.strip_suffix(mark))
                    .is_some_and(|inner| inner.trim_end().ends_with('?'))
            });
            let marked = ["Q:", "Q.", "Hỏi:", "**Q:", "**Hỏi:"]
                .iter()
                .any(|m| block.starts_with(m));
            bold || marked
        })
        .count();
    if questions >= 2 {
        "interview"
    } else {
        "report"
    }
}

/// The headline repeated as the body's first heading goes: it is the
/// title already.
fn drop_leading_headline(markdown: &mut String, title: &str) {
    let Some((first, rest)) = markdown.split_once("\n\n") else {
        return;
    };
    let heading = first.trim_start_matches('#');
    if first.starts_with('#') && heading.trim() == title.trim() {
        *markdown = rest.to_string();
    }
}

/// Takes the dateline or agency tag off the first paragraph of a Markdown
/// body; gives the outlet the tag names, if any.
fn strip_lead_dateline(markdown: &mut String) -> Option<String> {
    // The lead, or the standfirst and the lead.
    let leads: Vec<(usize, usize, Option<String>)> = markdown
        .split("\n\n")
        .filter(|block| !block.starts_with(['#', '>', '-', '*', '|']))
        .take(2)
        .map(|lead| {
            let at = lead.as_ptr() as usize - markdown.as_ptr() as usize;
            let cut = lead.len() - dateline::strip_dateline(lead).len();
            (at, cut, detect::outlet_of_tag(lead))
        })
        .collect();
    let mut outlet = None;
    for (at, cut, tag) in leads.into_iter().rev() {
        markdown.replace_range(at..at + cut, "");
        outlet = tag.or(outlet);
    }
    outlet
}
