//! Splits a content file into its TOML front matter (between `+++` lines) and
//! its Markdown body, keeping the offsets needed to report errors at file
//! positions.

use std::path::Path;

use crate::error::Diagnostic;

/// The delimiter line around front matter.
pub const DELIMITER: &str = "+++";

/// A content file cut in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML text between the delimiters.
    pub front_matter: &'a str,
    /// Byte offset of `front_matter` in the file.
    pub front_matter_offset: usize,
    /// The Markdown after the closing delimiter.
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Cuts `text`, the content of `path`, at its `+++` lines.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != DELIMITER {
        return Err(Diagnostic::error("the file does not start with front matter")
            .at_line(path, text, 1)
            .with_hint("begin the file with a line `+++`, the TOML front matter (title = \"...\"), and another line `+++`"));
    }
    let front_matter_offset = (first_line_end + 1).min(text.len());
    let mut offset = front_matter_offset;
    for line in text[front_matter_offset..].split_inclusive('\n') {
        if line.trim_end() == DELIMITER {
            let body_offset = offset + line.len();
            return Ok(Split {
                front_matter: &text[front_matter_offset..offset],
                front_matter_offset,
                body: &text[body_offset..],
                body_line: text[..body_offset].matches('\n').count() + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error("the front matter is not closed")
        .at_line(path, text, 1)
        .with_hint("end the front matter with a line `+++`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_positions() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let split = split(Path::new("a.md"), text).unwrap();
        assert_eq!(split.front_matter, "title = \"A\"\n");
        assert_eq!(split.front_matter_offset, 4);
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn accepts_crlf_and_an_empty_body() {
        let text = "+++\r\ntitle = \"A\"\r\n+++\r\n";
        let split = split(Path::new("a.md"), text).unwrap();
        assert_eq!(split.front_matter, "title = \"A\"\r\n");
        assert_eq!(split.body, "");
    }

    #[test]
    fn errors_without_opening_delimiter() {
        let error = split(Path::new("a.md"), "title = 1\n").unwrap_err();
        assert!(error.message.contains("does not start with front matter"));
    }

    #[test]
    fn errors_on_unclosed_front_matter() {
        let error = split(Path::new("a.md"), "+++\ntitle = \"A\"\nBody\n").unwrap_err();
        assert!(error.message.contains("not closed"));
        assert_eq!(error.location.unwrap().line, 1);
    }
}
