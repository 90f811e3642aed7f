//! `dossier new`: writes a new article or entity file with its front
//! matter filled in (slug from the title, today's date, the kind's folder
//! from `book.toml`), never over an existing file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::config::{Config, KindConfig};
use crate::content::{ARTICLES_FOLDER, DELIMITER, Date};
use crate::error::{Diagnostic, Error, IoContext, Result};

/// The word that asks for an article rather than an entity.
pub const ARTICLE: &str = "article";

/// What to write.
#[derive(Debug, Clone, Default)]
pub struct NewOptions {
    /// The site's root (where `book.toml` is).
    pub root: PathBuf,
    /// `article`, or the name of an entity kind.
    pub kind: String,
    pub title: String,
    /// `YYYY-MM-DD`; today (UTC) for articles when absent.
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub source: Option<String>,
}

/// Writes the file and returns its path.
pub fn new_file(options: &NewOptions) -> Result<PathBuf> {
    let config = Config::load(&options.root)?;
    let title = options.title.trim();
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return Err(usage(
            format!("`{title}` has no letters or digits to name a file after"),
            "give a title with words in it",
        ));
    }
    let date = match &options.date {
        Some(text) => Some(Date::parse_iso(text).ok_or_else(|| {
            usage(
                format!("--date `{text}` is not a date"),
                "write it as YYYY-MM-DD, e.g. 2025-05-29",
            )
        })?),
        None => None,
    };
    let (folder, text) = if options.kind == ARTICLE {
        let date = date.unwrap_or_else(today);
        (
            ARTICLES_FOLDER.to_string(),
            article(&config, options, title, date)?,
        )
    } else {
        let kind = find_kind(&config, &options.kind)?;
        if options.outlet.is_some() || options.source.is_some() {
            return Err(usage(
                "--outlet and --source belong to articles".to_string(),
                format!("drop them for a {}", kind.name),
            ));
        }
        (kind.folder.clone(), entity(title, date))
    };
    let slug = crate::import::slug_of(title);
    let path = config.content_dir().join(folder).join(format!("{slug}.md"));
    write_new(&path, &text)?;
    Ok(path)
}

fn usage(message: String, hint: impl Into<String>) -> Error {
    Error::invalid(Diagnostic::error(message).with_hint(hint))
}

fn find_kind<'a>(config: &'a Config, name: &str) -> Result<&'a KindConfig> {
    config
        .kinds
        .iter()
        .find(|k| k.name == name || k.folder == name)
        .ok_or_else(|| {
            let known: Vec<&str> = std::iter::once(ARTICLE)
                .chain(config.kinds.iter().map(|k| k.name.as_str()))
                .collect();
            usage(
                format!("this site has no kind `{name}`"),
                format!(
                    "the kinds are: {} (declared under [[kinds]] in book.toml)",
                    known.join(", ")
                ),
            )
        })
}

fn article(config: &Config, options: &NewOptions, title: &str, date: Date) -> Result<String> {
    let mut front = toml::Table::new();
    front.insert("title".into(), title.into());
    front.insert("date".into(), toml_date(date));
    if let Some(outlet) = &options.outlet {
        front.insert("outlet".into(), outlet.as_str().into());
    }
    if let Some(source) = &options.source {
        // The same policy the build applies to `source`, so `new` never
        // writes a file the next build refuses.
        if let Err(problem) = crate::url_policy::check_external(source) {
            return Err(usage(
                format!("--source `{source}` is not a web address: {problem}"),
                "give the article's address, starting with https://",
            ));
        }
        front.insert("source".into(), source.as_str().into());
    }
    front.insert("authors".into(), toml::Value::Array(Vec::new()));
    front.insert("kind".into(), "report".into());
    front.insert("summary".into(), "".into());
    for kind in &config.kinds {
        front.insert(kind.folder.clone(), toml::Value::Array(Vec::new()));
    }
    Ok(with_front_matter(
        &front,
        "Write the article here, in Markdown. Mentions of the site's \
         entities are found and linked when the site is built.\n",
    ))
}

fn entity(title: &str, date: Option<Date>) -> String {
    let mut front = toml::Table::new();
    front.insert("title".into(), title.into());
    front.insert("aliases".into(), toml::Value::Array(Vec::new()));
    if let Some(date) = date {
        front.insert("date".into(), toml_date(date));
    }
    with_front_matter(&front, "A short summary, written for this site.\n")
}

fn toml_date(date: Date) -> toml::Value {
    toml::Value::Datetime(
        date.to_string()
            .parse()
            .expect("an ISO date is a TOML date"),
    )
}

fn with_front_matter(front: &toml::Table, body: &str) -> String {
    let front = toml::to_string(front).expect("a table of strings serializes");
    format!("{DELIMITER}\n{front}{DELIMITER}\n{body}")
}

fn write_new(path: &Path, text: &str) -> Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(Error::invalid(
            Diagnostic::error(format!("{} already exists", path.display()))
                .with_hint("edit that file, or give the new one another title"),
        ));
    }
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).context("create directory", folder)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .context("create", path)?;
    file.write_all(text.as_bytes()).context("write", path)
}

/// Today's date in UTC.
pub fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of_day(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn date_of_day(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        u16::try_from(year).unwrap_or(1970),
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
    .expect("civil_from_days gives a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_days_into_dates() {
        assert_eq!(date_of_day(0).to_string(), "1970-01-01");
        assert_eq!(date_of_day(59).to_string(), "1970-03-01");
        assert_eq!(date_of_day(11_016).to_string(), "2000-02-29");
        assert_eq!(date_of_day(20_237).to_string(), "2025-05-29");
        assert_eq!(date_of_day(20_454).to_string(), "2026-01-01");
    }
}
