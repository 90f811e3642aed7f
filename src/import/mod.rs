//! `dossier import`: turns raw text copied from a news page, a saved web
//! page or a web address into a Markdown article with front matter, ready
//! for an editor to review. For text: cleans the page's furniture away
//! (`clean`), detects the metadata (`detect`), takes datelines off
//! (`dateline`) and gives the text its structure (`structure`). For pages:
//! fetches them (`fetch`), reads their metadata and main text (`html`) and
//! makes the article (`page`). Then it finds the entities the text discusses
//! with the same extractor the build uses, and writes the file (`write`).

mod clean;
mod dateline;
mod detect;
pub mod fetch;
pub mod html;
mod page;
mod structure;
mod write;

use std::collections::BTreeSet;
use std::path::Path;

pub use clean::{Line, classify, is_leading_furniture};
pub use dateline::strip_dateline;
pub use detect::{byline_name, date_in_text, date_in_url, language_of, outlet_of, title_from_url};
pub use html::{PageSource, import_html};
pub use page::import_page;
pub use structure::{Body, sentence_end, structure};
pub use write::{
    ImportOptions, ImportReport, Outcome, run_import, run_import_with, slug_of, to_markdown,
};

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
    /// The page's own summary, when its text opened with it (a standfirst).
    pub summary: Option<String>,
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
    // Text with no words gives no sentence; the build refuses an empty title.
    let title = if title.trim().is_empty() {
        warnings.push(
            "no words to take a title from: the title is \"Untitled\"; write one".to_string(),
        );
        "Untitled".to_string()
    } else {
        title
    };
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
        summary: None,
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

pub(crate) fn first_sentence(text: &str) -> String {
    let end = structure::sentence_end(text).map_or(text.len(), |i| i + 1);
    structure::without_final_period(&text[..end]).to_string()
}

/// Matches the byline to the site's people, and fills each kind's
/// references with what the build's extractor finds in the text.
pub(crate) fn link_to_site(imported: &mut Imported, corpus: &Corpus) {
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
