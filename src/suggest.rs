//! `dossier entities suggest`: the entities the articles name that the site
//! lacks — people the text shows to be people, numbered resolutions no
//! entity has — written as stub files for an editor to review. One stub per
//! person (title, other spellings as aliases, `[extra] role` when the text
//! gives one) and per resolution (`[extra]` number, code as written, issuer
//! when the code or the sentence names one), each with TOML comments saying
//! where it was seen. Existing files are never overwritten; the same
//! content gives the same stubs, byte for byte.

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{KindId, load_corpus};
use crate::error::{IoContext, Result};
use crate::link::{Discovery, Graph, Issuer, link_with};
use crate::text::fold;

/// What to suggest, and whether to write.
#[derive(Debug, Clone, Default)]
pub struct SuggestOptions {
    /// The site's root (where `book.toml` is).
    pub root: PathBuf,
    /// List the stubs without writing them.
    pub dry_run: bool,
}

/// One suggested entity and what became of its stub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stub {
    /// The stub's path, relative to the site's root.
    pub path: PathBuf,
    /// The kind's singular label ("Speaker").
    pub kind: String,
    pub title: String,
    /// A role or issuer, for the listing.
    pub detail: Option<String>,
    /// Where it was seen ("content/articles/a.md:12").
    pub places: Vec<String>,
    /// The stub file's text.
    pub text: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written,
    /// `--dry-run`: it would be written.
    WouldWrite,
    /// A file of that name exists: left alone.
    Exists,
}

/// Suggests the entities the site's articles name and it lacks, and writes
/// their stubs (unless `dry_run`).
pub fn suggest(options: &SuggestOptions) -> Result<Vec<Stub>> {
    let config = Config::load(&options.root)?;
    let graph = link_with(load_corpus(&config)?, Discovery::Full)?;
    let mut stubs = suggestions(&graph, &config);
    for stub in &mut stubs {
        let path = config.root.join(&stub.path);
        stub.outcome = if path.exists() {
            Outcome::Exists
        } else if options.dry_run {
            Outcome::WouldWrite
        } else {
            write_new(&path, &stub.text)?;
            Outcome::Written
        };
    }
    Ok(stubs)
}

/// Writes `text` into a new file; an existing one is an error, never replaced.
fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).context("create", folder)?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .context("create", path)?;
    file.write_all(text.as_bytes()).context("write", path)
}

/// A person seen in the articles.
#[derive(Default)]
struct SeenPerson {
    /// Every spelling, in the order first seen.
    names: Vec<String>,
    role: Option<String>,
    places: Vec<(String, String)>,
}

/// A numbered document seen in the articles.
struct SeenNumber {
    number: String,
    /// The number with its code, when one was written.
    code: Option<String>,
    issuer: Option<Issuer>,
    places: Vec<(String, String)>,
}

/// Every stub the graph suggests, in kind order, then by path.
pub fn suggestions(graph: &Graph, config: &Config) -> Vec<Stub> {
    let mut people: BTreeMap<String, SeenPerson> = BTreeMap::new();
    let mut numbers: BTreeMap<(KindId, u64, String, Option<Issuer>), SeenNumber> = BTreeMap::new();
    for id in graph.corpus.article_ids() {
        let article = graph.article(id);
        let text = &graph.articles[id.index()].text;
        let relative = article
            .path
            .strip_prefix(&config.root)
            .unwrap_or(&article.path)
            .display()
            .to_string();
        let place = |block: Option<u32>| match block {
            Some(block) => {
                let offset = text.blocks[block as usize].start;
                let line = article.body_line + article.body[..offset].matches('\n').count();
                format!("{relative}:{line}")
            }
            None => format!("{relative} (title)"),
        };
        for person in &text.unknown_people {
            let seen = people.entry(fold(&person.name)).or_default();
            if !seen.names.contains(&person.name) {
                seen.names.push(person.name.clone());
            }
            if seen.role.is_none() {
                seen.role = person.role.clone();
            }
            seen.places.push((place(person.block), person.seen.clone()));
        }
        for unknown in &text.unknown_numbers {
            let digits = unknown.token.bytes().take_while(u8::is_ascii_digit).count();
            let code = code_letters(&unknown.token[digits..]);
            let key = (
                unknown.kind,
                unknown.number.parse().unwrap_or(u64::MAX),
                code.clone(),
                unknown.issuer,
            );
            let seen = numbers.entry(key).or_insert_with(|| SeenNumber {
                number: unknown.number.clone(),
                code: (!code.is_empty()).then(|| unknown.token.clone()),
                issuer: unknown.issuer,
                places: Vec::new(),
            });
            seen.places
                .push((place(unknown.block), unknown.written.clone()));
        }
    }
    let mut stubs = Vec::new();
    if let Some(kind) = config.kinds.iter().find(|k| k.people) {
        stubs.extend(people.into_values().filter_map(|p| person_stub(kind, p)));
    }
    stubs.extend(
        numbers
            .into_iter()
            .map(|((kind, ..), n)| number_stub(&config.kinds[kind.index()], n)),
    );
    let folder_rank = |stub: &Stub| {
        config
            .kinds
            .iter()
            .position(|k| stub.path.starts_with(&k.folder))
    };
    stubs.sort_by(|a, b| {
        folder_rank(a)
            .cmp(&folder_rank(b))
            .then_with(|| a.path.cmp(&b.path))
    });
    stubs.dedup_by(|a, b| a.path == b.path);
    let content = &config.book.src;
    for stub in &mut stubs {
        stub.path = content.join(&stub.path);
    }
    stubs
}

fn code_letters(code: &str) -> String {
    fold(code)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn person_stub(kind: &crate::config::KindConfig, person: SeenPerson) -> Option<Stub> {
    let title = person.names.first()?.clone();
    let slug = slug::slugify(&title);
    if slug.is_empty() {
        return None;
    }
    let mut text = String::from("+++\n");
    text.push_str(&comments(&kind.singular, &person.places));
    text.push_str(&format!("title = {}\n", quoted(&title)));
    if person.names.len() > 1 {
        let aliases: Vec<String> = person.names[1..].iter().map(|n| quoted(n)).collect();
        text.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
    }
    if let Some(role) = &person.role {
        text.push_str(&format!("[extra]\nrole = {}\n", quoted(role)));
    }
    text.push_str("+++\n");
    Some(Stub {
        path: Path::new(&kind.folder).join(format!("{slug}.md")),
        kind: kind.singular.clone(),
        title,
        detail: person.role,
        places: person.places.into_iter().map(|(p, _)| p).collect(),
        text,
        outcome: Outcome::WouldWrite,
    })
}

fn number_stub(kind: &crate::config::KindConfig, seen: SeenNumber) -> Stub {
    let issuer = seen.issuer.map(Issuer::name);
    let (title, slug) = match (&seen.code, issuer) {
        (Some(code), _) => (format!("{} {code}", kind.singular), slug::slugify(code)),
        (None, Some(issuer)) => (
            format!("{} {} of the {issuer}", kind.singular, seen.number),
            slug::slugify(format!("{} {issuer}", seen.number)),
        ),
        (None, None) => (
            format!("{} {}", kind.singular, seen.number),
            seen.number.clone(),
        ),
    };
    let mut text = String::from("+++\n");
    text.push_str(&comments(&kind.singular, &seen.places));
    text.push_str(&format!("title = {}\n[extra]\n", quoted(&title)));
    text.push_str(&format!("number = {}\n", quoted(&seen.number)));
    if let Some(code) = &seen.code {
        text.push_str(&format!("code = {}\n", quoted(code)));
    }
    if let Some(issuer) = issuer {
        text.push_str(&format!("issuer = {}\n", quoted(issuer)));
    }
    text.push_str("+++\n");
    Stub {
        path: Path::new(&kind.folder).join(format!("{slug}.md")),
        kind: kind.singular.clone(),
        title,
        detail: issuer.map(str::to_string),
        places: seen.places.into_iter().map(|(p, _)| p).collect(),
        text,
        outcome: Outcome::WouldWrite,
    }
}

/// The stub's opening comments: what it is and where it was seen (five
/// places at most, then a count).
fn comments(kind: &str, places: &[(String, String)]) -> String {
    let mut text = format!(
        "# {kind} suggested from the text by `dossier entities suggest`: review it, then keep, edit or delete this file.\n"
    );
    for (place, seen) in places.iter().take(5) {
        text.push_str(&format!(
            "# seen in {}: {}\n",
            one_line(place),
            one_line(seen)
        ));
    }
    if places.len() > 5 {
        text.push_str(&format!("# and {} more places\n", places.len() - 5));
    }
    text
}

/// Text safe inside a TOML comment: one line, no control characters.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_and_comments_stay_valid_toml() {
        let text = format!(
            "{}title = {}\n",
            comments("Speaker", &[("a.md:1".into(), "Mr \"X\"\n+++ evil".into())]),
            quoted("Nguyễn \"Văn\" A\\")
        );
        let value: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(value["title"].as_str(), Some("Nguyễn \"Văn\" A\\"));
        assert_eq!(text.lines().count(), 3);
    }
}
