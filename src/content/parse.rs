//! Parses one content file (article or entity) from its text: front matter
//! into typed fields, entity references located by line, the slug checked.

use std::path::Path;

use super::front_matter::{self, Split};
use super::model::{ARTICLE_KEYS, Article, ArticleFront, Entity, EntityFront, KindId, Reference};
use crate::config::KindConfig;
use crate::error::{Diagnostic, did_you_mean, line_offset};
use crate::paths::old_address;
use crate::toml_error::all_toml_errors;
use crate::url_policy::{check_external, looks_like_url};

/// Parses an article; `kinds` says which extra keys are reference lists.
pub fn parse_article(
    path: &Path,
    text: &str,
    kinds: &[KindConfig],
) -> Result<Article, Vec<Diagnostic>> {
    let (split, front) = split_front::<ArticleFront>(path, text)?;
    let mut problems = Vec::new();
    let locate = Locator {
        path,
        text,
        split: &split,
    };
    let mut references = vec![Vec::new(); kinds.len()];
    for (key, value) in &front.other {
        match kinds.iter().position(|k| &k.folder == key) {
            Some(kind) => match locate.references(key, value) {
                Ok(list) => references[kind] = list,
                Err(d) => problems.push(d),
            },
            None => problems.push(locate.unknown_key(key, kinds)),
        }
    }
    let authors = front
        .authors
        .iter()
        .map(|a| locate.reference("authors", a))
        .collect();
    let redirects = locate.redirects(&front.redirect_from, &mut problems);
    if let Some(source) = &front.source {
        problems.extend(locate.external_url("source", source));
    }
    if front.title.trim().is_empty() {
        problems.push(locate.at_key(
            "title",
            "the title is empty",
            "write the article's headline",
        ));
    }
    let slug = choose_slug(path, front.slug.as_deref(), &locate).map_err(|d| vec![d])?;
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Article {
        slug,
        path: path.to_path_buf(),
        references,
        authors,
        redirects,
        body: split.body.to_string(),
        body_line: split.body_line,
        front,
    })
}

/// Parses an entity of kind `kind`.
pub fn parse_entity(path: &Path, text: &str, kind: KindId) -> Result<Entity, Vec<Diagnostic>> {
    let (split, front) = split_front::<EntityFront>(path, text)?;
    let locate = Locator {
        path,
        text,
        split: &split,
    };
    if front.title.trim().is_empty() {
        return Err(vec![locate.at_key(
            "title",
            "the title is empty",
            "write the entity's name",
        )]);
    }
    let slug = choose_slug(path, front.slug.as_deref(), &locate).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let redirects = locate.redirects(&front.redirect_from, &mut problems);
    for (key, value) in &front.extra {
        problems.extend(locate.extra_urls(key, value));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let warnings = front
        .aliases
        .iter()
        .filter_map(|alias| locate.unmatchable_alias(alias))
        .collect();
    Ok(Entity {
        kind,
        slug,
        redirects,
        warnings,
        path: path.to_path_buf(),
        body: split.body.to_string(),
        body_line: split.body_line,
        front,
    })
}

/// The front matter of `text` split off and parsed as `T`; every bad
/// value is reported, each at its line.
fn split_front<'t, T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &'t str,
) -> Result<(Split<'t>, T), Vec<Diagnostic>> {
    let split = front_matter::split(path, text).map_err(|d| vec![d])?;
    let front = toml::from_str(split.front_matter).map_err(|e| {
        all_toml_errors::<T>(
            &e,
            path,
            text,
            split.front_matter_offset,
            split.front_matter,
        )
    })?;
    Ok((split, front))
}

/// The longest slug, in bytes: a folder name of the output, with room to spare.
pub const MAX_SLUG_BYTES: usize = 200;

/// The slug from front matter, or else from the file name.
fn choose_slug(
    path: &Path,
    declared: Option<&str>,
    locate: &Locator,
) -> Result<String, Diagnostic> {
    let slug = slug_of(path, declared, locate)?;
    if slug.len() > MAX_SLUG_BYTES {
        let message = format!(
            "the slug is {} bytes long; the longest a page's folder can have is {MAX_SLUG_BYTES}",
            slug.len()
        );
        let hint = "set a shorter `slug` in the front matter";
        return Err(match declared {
            Some(_) => locate.at_key("slug", &message, hint),
            None => Diagnostic::error(message).in_file(path).with_hint(hint),
        });
    }
    Ok(slug)
}

fn slug_of(path: &Path, declared: Option<&str>, locate: &Locator) -> Result<String, Diagnostic> {
    if let Some(slug) = declared {
        if slug::slugify(slug) != slug {
            return Err(locate.at_key(
                "slug",
                &format!("`{slug}` is not a valid slug"),
                &format!(
                    "use lowercase letters, digits and hyphens, e.g. \"{}\"",
                    slug::slugify(slug)
                ),
            ));
        }
        return Ok(slug.to_string());
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let slug = slug::slugify(&stem);
    if slug.is_empty() {
        return Err(Diagnostic::error("cannot make a slug from this file name")
            .in_file(path)
            .with_hint(
                "rename the file with letters or digits, or set `slug` in its front matter",
            ));
    }
    Ok(slug)
}

/// Finds keys and values in the front matter to point diagnostics at them.
struct Locator<'a> {
    path: &'a Path,
    text: &'a str,
    split: &'a Split<'a>,
}

impl Locator<'_> {
    /// 1-based file line of the top-level `key = ...` (the first front-matter line if absent).
    fn key_line(&self, key: &str) -> usize {
        let first = self.text[..self.split.front_matter_offset]
            .matches('\n')
            .count()
            + 1;
        self.split
            .front_matter
            .lines()
            .position(|line| {
                let line = line.trim_start().trim_start_matches(['"', '\'']);
                line.strip_prefix(key).is_some_and(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with('=')
                })
            })
            .map_or(first, |index| first + index)
    }

    /// 1-based file line of `value` as written under `key`.
    fn value_line(&self, key: &str, value: &str) -> usize {
        let key_line = self.key_line(key);
        let start = line_offset(self.text, key_line);
        let end = self.split.front_matter_offset + self.split.front_matter.len();
        let region = &self.text[start..end.max(start)];
        [format!("\"{value}\""), format!("'{value}'")]
            .iter()
            .filter_map(|quoted| region.find(quoted.as_str()))
            .min()
            .map_or(key_line, |offset| {
                key_line + region[..offset].matches('\n').count()
            })
    }

    fn at_key(&self, key: &str, message: &str, hint: &str) -> Diagnostic {
        Diagnostic::error(message)
            .at_line(self.path, self.text, self.key_line(key))
            .with_hint(hint)
    }

    fn reference(&self, key: &str, value: &str) -> Reference {
        Reference {
            text: value.to_string(),
            line: self.value_line(key, value),
        }
    }

    fn references(&self, key: &str, value: &toml::Value) -> Result<Vec<Reference>, Diagnostic> {
        let items: Vec<&str> = match value {
            toml::Value::String(one) => vec![one.as_str()],
            toml::Value::Array(items) => items.iter().filter_map(toml::Value::as_str).collect(),
            _ => Vec::new(),
        };
        let all_strings = matches!(value, toml::Value::String(_))
            || value.as_array().is_some_and(|a| a.len() == items.len());
        if !all_strings {
            return Err(self.at_key(
                key,
                &format!(
                    "`{key}` must be a list of strings, found {}",
                    value.type_str()
                ),
                &format!("write {key} = [\"slug\", \"Title or alias\"]"),
            ));
        }
        Ok(items
            .into_iter()
            .map(|item| self.reference(key, item))
            .collect())
    }

    /// The entries of `redirect_from`, located; malformed ones are errors.
    fn redirects(&self, entries: &[String], problems: &mut Vec<Diagnostic>) -> Vec<Reference> {
        let mut located = Vec::with_capacity(entries.len());
        for entry in entries {
            let reference = self.reference("redirect_from", entry);
            if let Err(why) = old_address(entry, "folder") {
                problems.push(
                    Diagnostic::error(format!(
                        "`redirect_from` has `{entry}`, which cannot be an old address: {why}"
                    ))
                    .at_line(self.path, self.text, reference.line)
                    .with_hint("write an old slug (\"old-name\") or a site path (\"/old/path/\")"),
                );
            }
            located.push(reference);
        }
        located
    }

    /// An error when `url`, the value of `key`, is not an address a page may link to.
    fn external_url(&self, key: &str, url: &str) -> Option<Diagnostic> {
        let problem = check_external(url).err()?;
        Some(
            Diagnostic::error(format!(
                "`{key}` is `{url}`, which is not a web address: {problem}"
            ))
            .at_line(self.path, self.text, self.value_line(key, url))
            .with_hint("write the page's http:// or https:// address"),
        )
    }

    /// Errors for the values of an `[extra]` field that are meant as links
    /// (a scheme or `//`) but are not web addresses.
    fn extra_urls(&self, key: &str, value: &toml::Value) -> Vec<Diagnostic> {
        match value {
            toml::Value::String(text) if looks_like_url(text) => {
                let Err(problem) = check_external(text) else {
                    return Vec::new();
                };
                let line = self.quoted_line(text);
                vec![
                    Diagnostic::error(format!(
                        "`extra.{key}` is `{text}`, which is not a web address: {problem}"
                    ))
                    .at_line(self.path, self.text, line)
                    .with_hint("links in [extra] must be http:// or https:// addresses"),
                ]
            }
            toml::Value::Array(items) => {
                items.iter().flat_map(|v| self.extra_urls(key, v)).collect()
            }
            toml::Value::Table(table) => table
                .iter()
                .flat_map(|(k, v)| self.extra_urls(&format!("{key}.{k}"), v))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A warning for an alias the text can never match: empty, or starting
    /// or ending with something other than a letter or digit (names are
    /// matched as whole words).
    fn unmatchable_alias(&self, alias: &str) -> Option<Diagnostic> {
        let trimmed = alias.trim();
        let word_edges =
            trimmed.starts_with(char::is_alphanumeric) && trimmed.ends_with(char::is_alphanumeric);
        if word_edges {
            return None;
        }
        let why = if trimmed.is_empty() {
            "is empty".to_string()
        } else {
            "starts or ends with a character that is not a letter or digit".to_string()
        };
        Some(
            Diagnostic::warning(format!(
                "the alias `{alias}` {why}, so no text can match it"
            ))
            .at_line(self.path, self.text, self.value_line("aliases", alias))
            .with_hint("remove it, or write the name without the surrounding punctuation"),
        )
    }

    /// 1-based file line of the first quoted `value` in the front matter.
    fn quoted_line(&self, value: &str) -> usize {
        let start = self.split.front_matter_offset;
        let region = self.split.front_matter;
        let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
        [format!("\"{escaped}\""), format!("'{value}'")]
            .iter()
            .filter_map(|quoted| region.find(quoted.as_str()))
            .min()
            .map_or(0, |offset| {
                self.text[..start + offset].matches('\n').count() + 1
            })
    }

    fn unknown_key(&self, key: &str, kinds: &[KindConfig]) -> Diagnostic {
        let known: Vec<&str> = ARTICLE_KEYS
            .iter()
            .copied()
            .chain(kinds.iter().map(|k| k.folder.as_str()))
            .collect();
        let hint = did_you_mean(key, known.iter().copied())
            .unwrap_or_else(|| format!("the known keys are {}", known.join(", ")));
        self.at_key(
            key,
            &format!("unknown key `{key}` in the front matter"),
            &hint,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::default_kinds;

    fn article(text: &str) -> Result<Article, Vec<Diagnostic>> {
        parse_article(Path::new("content/articles/a-b.md"), text, &default_kinds())
    }

    #[test]
    fn reads_fields_references_and_body() {
        let a = article(
            "+++\ntitle = \"T\"\ndate = 2025-05-29\nauthors = [\"Thanh Binh\"]\nthemes = [\n  \"x\",\n  \"y\",\n]\n+++\nHello\n",
        )
        .unwrap();
        assert_eq!(a.slug, "a-b");
        assert_eq!(a.front.date.unwrap().to_string(), "2025-05-29");
        assert_eq!(a.authors[0].line, 4);
        let themes = &a.references[1];
        assert_eq!(
            themes
                .iter()
                .map(|r| (r.text.as_str(), r.line))
                .collect::<Vec<_>>(),
            [("x", 6), ("y", 7)]
        );
        assert_eq!(a.body, "Hello\n");
        assert_eq!(a.body_line, 10);
    }

    #[test]
    fn errors_on_unknown_key_with_line_and_suggestion() {
        let errors = article("+++\ntitle = \"T\"\nthemse = [\"x\"]\n+++\n").unwrap_err();
        let d = &errors[0];
        assert!(d.message.contains("unknown key `themse`"), "{d}");
        assert_eq!(d.location.as_ref().unwrap().line, 3);
        assert_eq!(d.hint.as_deref(), Some("did you mean `themes`?"));
    }

    #[test]
    fn errors_on_malformed_toml_with_line_and_column() {
        let errors = article("+++\ntitle = \"T\"\ndate = 2025-13-01\n+++\n").unwrap_err();
        let location = errors[0].location.clone().unwrap();
        assert_eq!((location.line, location.column), (3, 8));
    }

    #[test]
    fn errors_on_references_that_are_not_strings() {
        let errors = article("+++\ntitle = \"T\"\nspeakers = [1]\n+++\n").unwrap_err();
        assert!(
            errors[0].message.contains("list of strings"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn takes_a_declared_slug_and_rejects_a_bad_one() {
        assert_eq!(
            article("+++\ntitle = \"T\"\nslug = \"x-y\"\n+++\n")
                .unwrap()
                .slug,
            "x-y"
        );
        let errors = article("+++\ntitle = \"T\"\nslug = \"X Y\"\n+++\n").unwrap_err();
        assert!(errors[0].hint.as_deref().unwrap().contains("\"x-y\""));
    }

    #[test]
    fn errors_on_unknown_entity_key_with_suggestion() {
        let errors = parse_entity(
            Path::new("e.md"),
            "+++\ntitle = \"T\"\nalias = [\"x\"]\n+++\n",
            KindId(0),
        )
        .unwrap_err();
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `aliases`?"));
        assert_eq!(errors[0].location.as_ref().unwrap().line, 3);
    }
}
