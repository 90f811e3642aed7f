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
    fn suggests_the_closest_known_key() {
        let error = toml::from_str::<Sample>("titel = \"x\"").unwrap_err();
        let d = toml_diagnostic(&error, Path::new("a.md"), "titel = \"x\"", 0);
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    }
}
