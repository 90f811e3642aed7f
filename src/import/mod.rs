//! `dossier import`: turns raw text copied from a news page into a Markdown
//! article with front matter, ready for an editor to review. Cleans the
//! page's furniture away (`clean`), detects the metadata (`detect`), gives
//! the text its structure (`structure`), finds the entities it discusses
//! with the same extractor the build uses, and writes the file (`write`).

mod clean;
mod dateline;
mod detect;
pub mod fetch;
pub mod html;
mod structure;
mod write;

use std::collections::BTreeSet;
use std::path::Path;

pub use clean::{Line, classify, is_leading_furniture};
pub use dateline::strip_dateline;
pub use detect::{byline_name, date_in_text, date_in_url, language_of, outlet_of, title_from_url};
pub use html::{PageSource, import_html};
pub use structure::{Body, sentence_end, structure};
pub use write::{ImportOptions, ImportReport, Outcome, run_import, slug_of, to_markdown};

use crate::content::{Corpus, Date, EntityId, KindId, parse_article};
use crate::link::{NameIndex, Scanner};

/// An article as the importer understood it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub title: String,
    pub date: Option<Date>,
    pub outlet: Option<String>,
    pub source: Option<String>,
    /// Entity slugs where the site knows the person, names otherwise.
    pub authors: Vec<String>,
    /// Bylines the site does not know: written as a comment, not as a
    /// reference the next build would reject.
    pub unknown_authors: Vec<String>,
    /// `interview` or `report`.
    pub kind: String,
    pub language: String,
    /// Per kind folder, the slugs of the entities the text discusses.
    pub references: Vec<(String, Vec<String>)>,
    /// The Markdown body.
    pub body: String,
    /// What could not be detected, for the editor.
    pub warnings: Vec<String>,
}

/// What the editor states about an article, over what the importer
/// detects (`--title`, `--date`, `--outlet`, `--source`, `--kind`,
/// `--language`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub outlet: Option<String>,
    pub source: Option<String>,
    pub kind: Option<String>,
    pub language: Option<String>,
}

/// Imports a web page's bytes: its declared metadata and its main text.
/// `site` is the site's corpus, when there is one.
pub fn import_page(
    bytes: &[u8],
    source: &html::PageSource,
    site: Option<&Corpus>,
    overrides: &Overrides,
) -> Result<Imported, String> {
    let mut page = html::import_html(bytes, source)?;
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

/// Imports the raw `text`. `site` is the site's corpus, when there is one:
/// authors and entities are then matched to its entities.
pub fn import_text(text: &str, site: Option<&Corpus>) -> Imported {
    import_text_with(text, site, &Overrides::default())
}

/// Imports the raw `text`, with what the editor states over what the
/// text says.
pub fn import_text_with(text: &str, site: Option<&Corpus>, overrides: &Overrides) -> Imported {
    let text = text.replace("\r\n", "\n");
    let language = detect::language_of(&text);
    let lines = clean::classify(&text, language == "en");
    let found_source = lines.iter().find_map(|l| {
        if let Line::Source(url) = l {
            Some(url.clone())
        } else {
            None
        }
    });
    let mut own: Vec<String> = lines
        .iter()
        .filter_map(|l| {
            if let Line::Text(t) = l {
                Some(t.clone())
            } else {
                None
            }
        })
        .collect();
    // The last lines may credit the outlet and name the writer, in either order.
    let mut byline = None;
    while let Some(last) = own.last() {
        if detect::is_credit(last) {
            own.pop();
        } else if byline.is_none()
            && let Some(name) = detect::byline_name(last)
        {
            byline = Some(name);
            own.pop();
        } else {
            break;
        }
    }
    let leading = own
        .iter()
        .take_while(|line| clean::is_leading_furniture(line))
        .count();
    own.drain(..leading);
    // The agency a tag names is the outlet; then the tag and any dateline
    // go from the headline and the lead.
    let tag_outlet = own.iter().take(2).find_map(|l| detect::outlet_of_tag(l));
    for line in own.iter_mut().take(2) {
        *line = dateline::strip_dateline(line).to_string();
    }
    own.retain(|line| !line.trim().is_empty());
    let source = overrides.source.clone().or(found_source);
    let mut warnings = Vec::new();
    let mut body = structure::structure(&own);
    if let (Some(stated), Some(found)) = (&overrides.title, &body.title)
        && stated != found
    {
        // The line read as a headline is not the stated one: it is text.
        body.markdown = format!("{}\n\n{}", own[0], body.markdown);
    }
    let title = overrides.title.clone().or_else(|| body.title.clone()).or_else(|| {
        let made = source.as_deref().and_then(detect::title_from_url)?;
        warnings.push(format!("no headline in the text: the title \"{made}\" comes from the URL; write it in the article's language"));
        Some(made)
    });
    let title = title.unwrap_or_else(|| {
        let lead = own.first().map(|l| first_sentence(l)).unwrap_or_default();
        warnings.push(
            "no headline in the text or the URL: the title is the first sentence; write one"
                .to_string(),
        );
        lead
    });
    let date = overrides
        .date
        .or_else(|| metadata_date(&lines))
        .or_else(|| source.as_deref().and_then(detect::date_in_url));
    if date.is_none() {
        warnings
            .push("no date in the text or the URL: pass --date, or add `date` by hand".to_string());
    }
    if source.is_none() {
        warnings.push(
            "no source URL (\"Source: https://...\") in the text: pass --source URL".to_string(),
        );
    }
    let outlet = overrides
        .outlet
        .clone()
        .or_else(|| source.as_deref().and_then(detect::outlet_of))
        .or(tag_outlet);
    if outlet.is_none() {
        warnings.push(
            "no outlet: neither a source URL nor an agency tag names one; pass --outlet"
                .to_string(),
        );
    }
    let mut imported = Imported {
        title,
        date,
        outlet,
        source,
        authors: byline.into_iter().collect(),
        unknown_authors: Vec::new(),
        kind: overrides.kind.clone().unwrap_or_else(|| {
            if body.interview {
                "interview"
            } else {
                "report"
            }
            .to_string()
        }),
        language: overrides
            .language
            .clone()
            .unwrap_or_else(|| language.to_string()),
        references: Vec::new(),
        body: body.markdown,
        warnings,
    };
    if let Some(corpus) = site {
        link_to_site(&mut imported, corpus);
    }
    imported
}

/// The first date on a metadata line (the outlet and date line).
fn metadata_date(lines: &[Line]) -> Option<Date> {
    lines.iter().find_map(|line| match line {
        Line::Metadata(text) => detect::date_in_text(text),
        _ => None,
    })
}

fn first_sentence(text: &str) -> String {
    let end = structure::sentence_end(text).map_or(text.len(), |i| i + 1);
    structure::without_final_period(&text[..end]).to_string()
}

/// Matches the byline to the site's people, and fills each kind's
/// references with what the build's extractor finds in the text.
fn link_to_site(imported: &mut Imported, corpus: &Corpus) {
    let names = NameIndex::new(corpus);
    if let Some(kind) = corpus.kinds.iter().position(|k| k.byline) {
        let names_of_kind = &corpus.kinds[kind];
        let mut known = Vec::new();
        for author in std::mem::take(&mut imported.authors) {
            match names.resolve(KindId(kind as u16), &author) {
                Ok(id) => known.push(corpus.entity(id).slug.clone()),
                Err(_) => {
                    imported.warnings.push(format!(
                        "the author \"{author}\" is not one of the site's {}: kept as a comment in the front matter; add them to {}/ and to `authors` to credit them",
                        names_of_kind.plural.to_lowercase(),
                        names_of_kind.folder
                    ));
                    imported.unknown_authors.push(author);
                }
            }
        }
        imported.authors = known;
    }
    let text = format!(
        "+++\ntitle = {}\n+++\n{}",
        toml_string(&imported.title),
        imported.body
    );
    let Ok(article) = parse_article(Path::new("imported.md"), &text, &corpus.kinds) else {
        return;
    };
    let found = Scanner::new(corpus).scan(&article, &[], &[]);
    let mut seen: BTreeSet<EntityId> = BTreeSet::new();
    let ordered: Vec<EntityId> = found
        .mentions
        .iter()
        .map(|m| m.entity)
        .chain(found.tagged.iter().copied())
        .filter(|id| seen.insert(*id))
        .collect();
    imported.references = corpus
        .kinds
        .iter()
        .enumerate()
        .map(|(index, kind)| {
            let slugs = ordered
                .iter()
                .filter(|id| corpus.entity(**id).kind.index() == index)
                .map(|id| corpus.entity(*id).slug.clone())
                .collect();
            (kind.folder.clone(), slugs)
        })
        .collect();
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
