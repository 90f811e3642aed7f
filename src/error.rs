//! Errors and diagnostics. Every problem a user can cause is reported with the
//! file, the line and column where they are known, the offending line, and a
//! hint saying what to do; I/O errors always name the path they concern.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("cannot {action} {}: {cause}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        cause: io::Error,
    },
    /// One or more problems in the configuration, the content or the templates,
    /// sorted by file so that all of them can be fixed in one pass.
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
}

impl Error {
    /// One diagnostic as an error.
    pub fn invalid(diagnostic: Diagnostic) -> Self {
        Error::Invalid(vec![diagnostic])
    }

    /// The diagnostics this error carries (empty for I/O errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(list) => list,
            Error::Io { .. } => &[],
        }
    }
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    let mut text = String::new();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        if index > 0 {
            text.push_str("\n\n");
        }
        text.push_str(&diagnostic.to_string());
    }
    if diagnostics.len() > 1 {
        text.push_str(&format!("\n\n{} problems found", diagnostics.len()));
    }
    text
}

/// Adds the action and the path to an I/O error.
pub trait IoContext<T> {
    /// `action` reads as a verb phrase: "read", "create directory", ...
    fn context(self, action: &'static str, path: &Path) -> Result<T>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn context(self, action: &'static str, path: &Path) -> Result<T> {
        self.map_err(|cause| Error::Io {
            action,
            path: path.to_path_buf(),
            cause,
        })
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// One problem, located in a file when possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// The text of the offending line, shown under the location.
    pub source_line: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with a message and no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            source_line: None,
            hint: None,
        }
    }

    /// A warning with a message and no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Locates the diagnostic in a file, without showing its text.
    pub fn in_file(mut self, path: &Path) -> Self {
        self.location = Some(Location {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
        });
        self
    }

    /// Locates the diagnostic at a known line and column of `path`.
    pub fn at_position(mut self, path: &Path, line: usize, column: usize) -> Self {
        self.location = Some(Location {
            path: path.to_path_buf(),
            line,
            column,
        });
        self
    }

    /// Locates the diagnostic at a byte offset of `text`, the content of `path`.
    pub fn at_offset(mut self, path: &Path, text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..line_start].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        self.location = Some(Location {
            path: path.to_path_buf(),
            line,
            column,
        });
        self.source_line = Some(
            text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        );
        self
    }

    /// Locates the diagnostic at a 1-based line of `text`, the content of `path`.
    pub fn at_line(self, path: &Path, text: &str, line: usize) -> Self {
        let offset = line_offset(text, line);
        let indent = text[offset..]
            .find(|c: char| !c.is_whitespace() || c == '\n')
            .unwrap_or(0);
        self.at_offset(path, text, offset + indent)
    }

    /// Adds a hint: what the user can do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The byte offset where 1-based `line` starts (the end of `text` past the last line).
pub fn line_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)?;
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(location) = &self.location {
            write!(f, "\n{pad}--> {}", location.path.display())?;
            if location.line > 0 {
                write!(f, ":{}:{}", location.line, location.column)?;
            }
            if let Some(source) = &self.source_line {
                let (source, column) = window(source, location.column);
                let caret_pad: String = source
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n{pad} |\n{} | {source}", location.line)?;
                write!(f, "\n{pad} | {caret_pad}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n{pad} = help: {hint}")?;
        }
        Ok(())
    }
}

/// The part of a long source line worth showing: at most `WIDTH`
/// characters around the 1-based `column`, with `…` where it was cut, and
/// the column within that part.
fn window(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 120;
    let length = line.chars().count();
    if length <= WIDTH {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(WIDTH / 2).min(length - WIDTH);
    let mut shown: String = line.chars().skip(start).take(WIDTH).collect();
    let mut column = column - start;
    if start > 0 {
        shown.insert(0, '…');
        column += 1;
    }
    if start + WIDTH < length {
        shown.push('…');
    }
    (shown, column)
}

/// How alike two names are, from 0 (nothing shared) to 1 (the same, ignoring
/// case and diacritics).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(&crate::text::fold(a), &crate::text::fold(b))
}

/// Suggests the candidates closest to `wanted`, best first, for "did you mean" hints.
pub fn closest_matches<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let scored = candidates
        .into_iter()
        .map(|c| (similarity(wanted, c), c))
        .collect();
    best_of(scored, limit)
}

/// The best-scored items, when close enough to be worth suggesting.
pub fn best_of<T: Ord>(mut scored: Vec<(f64, T)>, limit: usize) -> Vec<T> {
    scored.retain(|(score, _)| *score >= 0.7);
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    // Only the candidates nearly as close as the best one.
    let best = scored.first().map_or(0.0, |(score, _)| *score);
    scored
        .into_iter()
        .take_while(|(score, _)| *score >= best - 0.08)
        .take(limit)
        .map(|(_, c)| c)
        .collect()
}

/// "did you mean `a`, `b`?" or `None` when nothing is close.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let close = closest_matches(wanted, candidates, 3);
    if close.is_empty() {
        return None;
    }
    let listed: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
    Some(format!("did you mean {}?", listed.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_by_line_and_character_column() {
        let text = "first\nsecond = \"Lâm\" x\nthird";
        let offset = text.find('x').unwrap();
        let d = Diagnostic::error("bad").at_offset(Path::new("a.md"), text, offset);
        let location = d.location.unwrap();
        assert_eq!((location.line, location.column), (2, 16));
        assert_eq!(d.source_line.as_deref(), Some("second = \"Lâm\" x"));
    }

    #[test]
    fn renders_location_line_caret_and_hint() {
        let text = "a = 1\ntitel = \"x\"\n";
        let d = Diagnostic::error("unknown key `titel`")
            .at_line(Path::new("c/a.md"), text, 2)
            .with_hint("did you mean `title`?");
        let shown = d.to_string();
        assert!(
            shown.starts_with("error: unknown key `titel`\n --> c/a.md:2:1\n"),
            "{shown}"
        );
        assert!(shown.contains("2 | titel = \"x\"\n  | ^"), "{shown}");
        assert!(shown.ends_with("= help: did you mean `title`?"), "{shown}");
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["title", "date", "aliases"];
        assert_eq!(closest_matches("titel", names, 3), vec!["title"]);
        assert!(did_you_mean("zzzzzz", names).is_none());
    }

    #[test]
    fn line_offset_handles_first_and_past_last_lines() {
        let text = "a\nb\nc";
        assert_eq!(line_offset(text, 1), 0);
        assert_eq!(line_offset(text, 3), 4);
        assert_eq!(line_offset(text, 9), text.len());
    }

    #[test]
    fn shows_a_window_of_a_long_line_around_the_column() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error("e").at_offset(Path::new("f"), &line, 5000);
        let shown = d.to_string();
        assert!(shown.len() < 600, "{shown}");
        let source = shown.lines().find(|l| l.contains('X')).unwrap();
        let caret = shown.lines().last().unwrap();
        assert_eq!(
            source.chars().position(|c| c == 'X'),
            caret.chars().position(|c| c == '^')
        );
    }
}
