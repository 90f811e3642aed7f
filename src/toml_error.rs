//! Turns TOML errors (from `book.toml` or front matter) into diagnostics that
//! name the key, point at the file position and suggest the closest key.

use std::path::Path;

use crate::error::{Diagnostic, did_you_mean};

/// A diagnostic for `error`, raised while parsing `toml` that starts at byte
/// `base` of `file_text`, the content of `path`.
pub fn toml_diagnostic(
    error: &toml::de::Error,
    path: &Path,
    file_text: &str,
    base: usize,
) -> Diagnostic {
    let key = key_path(error);
    let message = match &key {
        Some(key) if !error.message().contains(&format!("`{key}`")) => {
            format!("{} (key `{key}`)", error.message())
        }
        _ => error.message().to_string(),
    };
    let mut diagnostic = Diagnostic::error(message);
    diagnostic = match error.span() {
        Some(span) => diagnostic.at_offset(path, file_text, base + span.start),
        None => diagnostic.in_file(path),
    };
    if let Some(hint) = unknown_field_hint(error.message()) {
        diagnostic = diagnostic.with_hint(hint);
    } else if error.message().contains("expected a TOML date") || error.message().contains("date") {
        diagnostic = diagnostic.with_hint("write dates without quotes, as date = 2025-05-29");
    }
    diagnostic
}

/// Every error of `toml_text` (starting at byte `base` of `file_text`) as
/// `T`, not only the first: after each error on a line that holds one whole
/// `key = value`, that line is set aside and the text parsed again, so a
/// user fixes all of them in one go. A syntax error, or an error on a line
/// that cannot be set aside alone, ends the list.
pub fn all_toml_errors<T: serde::de::DeserializeOwned>(
    first: &toml::de::Error,
    path: &Path,
    file_text: &str,
    base: usize,
    toml_text: &str,
) -> Vec<Diagnostic> {
    const MOST: usize = 50;
    let mut problems = vec![toml_diagnostic(first, path, file_text, base)];
    let mut working = toml_text.to_string();
    let mut span = first.span();
    let mut set_aside: Vec<String> = Vec::new();
    while let Some(at) = span.take() {
        if problems.len() >= MOST {
            break;
        }
        let start = working[..at.start.min(working.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = working[start..]
            .find('\n')
            .map_or(working.len(), |i| start + i);
        let line = &working[start..end];
        let whole_pair = line.contains('=') && toml::from_str::<toml::Table>(line).is_ok();
        if !whole_pair {
            break;
        }
        let key = line
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        set_aside.push(format!("missing field `{key}`"));
        // Same length, so later offsets still point into the file.
        working.replace_range(start..end, &format!("#{}", " ".repeat(end - start - 1)));
        if let Err(error) = toml::from_str::<T>(&working) {
            // A key set aside is missing now only because it was set aside.
            if set_aside.iter().any(|m| error.message() == m) {
                break;
            }
            problems.push(toml_diagnostic(&error, path, file_text, base));
            span = error.span();
        }
    }
    problems
}

/// The dotted path of the key the error concerns, when toml knows it.
fn key_path(error: &toml::de::Error) -> Option<String> {
    // toml prints the key path only when it has no input to quote.
    let mut bare = error.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    let line = shown.lines().find(|l| l.starts_with("in `"))?;
    Some(
        line.trim_start_matches("in `")
            .trim_end_matches('`')
            .to_string(),
    )
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": a did-you-mean.
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (wanted, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    did_you_mean(wanted, candidates.iter().copied()).or_else(|| {
        let listed: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
        Some(format!("the known keys are {}", listed.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        date: Option<String>,
    }

    #[test]
    fn shifts_positions_by_the_base_offset() {
        let file = "+++\ntitle = 1\n+++\n";
        let toml_text = &file[4..14];
        let error = toml::from_str::<Sample>(toml_text).unwrap_err();
        let d = toml_diagnostic(&error, Path::new("a.md"), file, 4);
        assert_eq!(d.location.unwrap().line, 2);
        assert!(d.message.contains("title"), "{}", d.message);
    }

    #[test]
    fn reports_every_bad_value_not_only_the_first() {
        let text = "titel = \"x\"\ntitle = 3\ndate = [1]\n";
        let first = toml::from_str::<Sample>(text).unwrap_err();
        let all = all_toml_errors::<Sample>(&first, Path::new("a.toml"), text, 0, text);
        let lines: Vec<usize> = all
            .iter()
            .map(|d| d.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, [1, 2, 3], "{all:?}");
    }

    #[test]
    fn suggests_the_closest_known_key() {
        let error = toml::from_str::<Sample>("titel = \"x\"").unwrap_err();
        let d = toml_diagnostic(&error, Path::new("a.md"), "titel = \"x\"", 0);
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    }
}
