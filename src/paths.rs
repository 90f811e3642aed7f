//! Site paths: the one normaliser every path that comes from a site's files
//! or a request goes through before it names a page or a file of the
//! output, and the containment check the writer makes on every file.
//!
//! A site path is relative to the output's root, `/`-separated, made of
//! plain segments (`articles/old-slug/`, `old.html`); the empty path is the
//! home page. What could climb out of the output, name a drive or another
//! host, or hide a separator from a later decoding is refused here, so no
//! feature built on these paths can write outside the output directory.

use std::fmt;
use std::path::{Component, Path};

/// The longest file or folder name most file systems accept, in bytes.
pub const MAX_SEGMENT_BYTES: usize = 255;

/// Why a path is not a site path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathProblem {
    Empty,
    /// `//` or `\`: another host, or a separator some systems read.
    DoubleSlashOrBackslash,
    /// A `.` or `..` segment.
    DotSegment,
    /// NUL or another control character.
    ControlCharacter,
    /// A colon: `scheme:`, a drive letter, or a name Windows refuses.
    Scheme,
    /// `%2F`, `%5C`, `%2E` or `%00`: a separator, dot or NUL in disguise.
    EncodedSeparator,
    /// A segment longer than [`MAX_SEGMENT_BYTES`].
    SegmentTooLong,
}

impl fmt::Display for PathProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PathProblem::Empty => "it is empty",
            PathProblem::DoubleSlashOrBackslash => "it has `//` or `\\`",
            PathProblem::DotSegment => "it has a `.` or `..` segment",
            PathProblem::ControlCharacter => "it has a control character",
            PathProblem::Scheme => {
                "it has a colon (a scheme, a drive, or a name some systems refuse)"
            }
            PathProblem::EncodedSeparator => "it has a percent-encoded `/`, `\\`, `.` or NUL",
            PathProblem::SegmentTooLong => "a segment is longer than 255 bytes",
        })
    }
}

/// Normalises a site path written as `/a/b/` or `a/b/`: one leading slash
/// is dropped, and the rest must be plain segments. A trailing slash (a
/// folder) is kept.
pub fn site_path(raw: &str) -> Result<String, PathProblem> {
    let path = raw.strip_prefix('/').unwrap_or(raw);
    if path.is_empty() {
        return if raw.is_empty() {
            Err(PathProblem::Empty)
        } else {
            Ok(String::new())
        };
    }
    check_relative(path)?;
    Ok(path.to_string())
}

/// The site path of an old address in `redirect_from`: a bare slug is a
/// page in `folder` (`folder/slug/`); a value starting with `/` is any site
/// path, a folder unless its last segment has an extension.
pub fn old_address(entry: &str, folder: &str) -> Result<String, String> {
    let entry = entry.trim();
    let Some(path) = entry.strip_prefix('/') else {
        return if !entry.is_empty() && slug::slugify(entry) == entry {
            // A slug too long for a file name is refused here, at its
            // line, not later by the writer.
            let path = format!("{folder}/{entry}/");
            check_relative(&path).map_err(|problem| problem.to_string())?;
            Ok(path)
        } else {
            Err("it is neither a slug nor a site path starting with `/`".into())
        };
    };
    let path = site_path(&format!("/{path}")).map_err(|problem| problem.to_string())?;
    if path.is_empty() {
        return Err("it is the home page".into());
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let folder_like = !path.ends_with('/') && !last.contains('.');
    Ok(if folder_like {
        format!("{path}/")
    } else {
        path
    })
}

/// Checks a relative `/`-separated path, segment by segment.
pub fn check_relative(path: &str) -> Result<(), PathProblem> {
    if path.contains('\\') || path.starts_with('/') || path.contains("//") {
        return Err(PathProblem::DoubleSlashOrBackslash);
    }
    if path.chars().any(char::is_control) {
        return Err(PathProblem::ControlCharacter);
    }
    if encodes_a_separator(path) {
        return Err(PathProblem::EncodedSeparator);
    }
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    for segment in trimmed.split('/') {
        check_segment(segment)?;
    }
    // Anywhere, not only in the first segment: the writer refuses a colon
    // in any name, and the two must agree.
    if trimmed.contains(':') {
        return Err(PathProblem::Scheme);
    }
    Ok(())
}

fn check_segment(segment: &str) -> Result<(), PathProblem> {
    match segment {
        "" => Err(PathProblem::DoubleSlashOrBackslash),
        "." | ".." => Err(PathProblem::DotSegment),
        _ if segment.len() > MAX_SEGMENT_BYTES => Err(PathProblem::SegmentTooLong),
        _ => Ok(()),
    }
}

fn encodes_a_separator(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ["%2f", "%5c", "%2e", "%00"]
        .iter()
        .any(|code| lower.contains(code))
}

/// Whether `relative` (a path the writer was asked to write, relative to
/// the output directory) stays inside it: plain segments only, each a name
/// the file system accepts. The writer refuses every other path.
pub fn stays_inside(relative: &Path) -> bool {
    let mut any = false;
    for component in relative.components() {
        let Component::Normal(name) = component else {
            return false;
        };
        let Some(name) = name.to_str() else {
            return false;
        };
        if name.len() > MAX_SEGMENT_BYTES
            || name.contains(['\\', ':'])
            || name.chars().any(char::is_control)
        {
            return false;
        }
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_plain_site_paths() {
        assert_eq!(site_path("/news/2025/old/").unwrap(), "news/2025/old/");
        assert_eq!(site_path("old.html").unwrap(), "old.html");
        assert_eq!(site_path("/").unwrap(), "");
        assert_eq!(site_path("/tin-tức/ngày 1").unwrap(), "tin-tức/ngày 1");
        assert_eq!(site_path("/a%20b/").unwrap(), "a%20b/");
    }

    #[test]
    fn refuses_every_way_out() {
        for (bad, problem) in [
            ("", PathProblem::Empty),
            ("//tmp/x", PathProblem::DoubleSlashOrBackslash),
            ("/a//b", PathProblem::DoubleSlashOrBackslash),
            ("a\\..\\x", PathProblem::DoubleSlashOrBackslash),
            ("/../etc", PathProblem::DotSegment),
            ("/a/./b", PathProblem::DotSegment),
            ("/a/..", PathProblem::DotSegment),
            ("/a\0b", PathProblem::ControlCharacter),
            ("/a\nb", PathProblem::ControlCharacter),
            ("https://x.org/a", PathProblem::DoubleSlashOrBackslash),
            ("javascript:alert(1)", PathProblem::Scheme),
            ("C:/x", PathProblem::Scheme),
            ("/..%2fx", PathProblem::EncodedSeparator),
            ("/%2E%2E/x", PathProblem::EncodedSeparator),
            ("/a%5cb", PathProblem::EncodedSeparator),
            ("/a%00", PathProblem::EncodedSeparator),
        ] {
            assert_eq!(site_path(bad), Err(problem), "{bad:?}");
        }
        let long = format!("/{}/", "x".repeat(256));
        assert_eq!(site_path(&long), Err(PathProblem::SegmentTooLong));
    }

    #[test]
    fn reads_old_slugs_and_site_paths() {
        let old = |entry| old_address(entry, "articles");
        assert_eq!(old("old-name").unwrap(), "articles/old-name/");
        assert_eq!(old("/news/2025/old").unwrap(), "news/2025/old/");
        assert_eq!(old("/old.html").unwrap(), "old.html");
        assert_eq!(old("/themes/x/").unwrap(), "themes/x/");
        for bad in [
            "Old Name",
            "/../etc",
            "https://x.org/a",
            "",
            "/",
            "//tmp/x",
            "///tmp/x",
            "/a/%2e%2e/b",
            "/a\\b",
            "/c:/x",
        ] {
            assert!(old(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn what_the_normaliser_accepts_the_writer_accepts() {
        // Inputs the `site_path` fuzz target found: a colon after the first
        // segment passed the normaliser, and the writer then refused the file.
        for found in [
            "%/:",
            "1/].~3%:?/a&5`(a",
            "vvs..ja/s..jav:%c",
            "cp./cc.%pcc%p:.tcc",
        ] {
            assert_eq!(site_path(found), Err(PathProblem::Scheme), "{found:?}");
            assert!(old_address(&format!("/{found}"), "articles").is_err());
        }
        for fine in ["/a/b.html", "/tin-tức/", "a%20b/c"] {
            let path = site_path(fine).unwrap();
            assert!(stays_inside(&crate::urls::output_file(&path)), "{fine:?}");
        }
        // Found later: a bare slug longer than a file name may be, in an
        // old address, passed the normaliser and was refused by the writer.
        let long_slug = format!("sea{}s", "j".repeat(300));
        assert_eq!(
            old_address(&long_slug, "articles"),
            Err(PathProblem::SegmentTooLong.to_string())
        );
        let just_fits = "a".repeat(MAX_SEGMENT_BYTES);
        let path = old_address(&just_fits, "articles").unwrap();
        assert!(stays_inside(&crate::urls::output_file(&path)));
    }

    #[test]
    fn the_writer_accepts_only_plain_relative_paths() {
        assert!(stays_inside(Path::new("articles/a/index.html")));
        for bad in [
            "",
            "/tmp/x",
            "../x",
            "a/../../x",
            "./",
            "a\\b",
            "c:x",
            "a\0b",
        ] {
            assert!(!stays_inside(Path::new(bad)), "{bad:?}");
        }
        assert!(!stays_inside(Path::new(&"x".repeat(256))));
    }
}
