//! The URL policy: which URLs from a site's files may become a link or an
//! address in the output. Every `href` built from content goes through
//! here: Markdown links and images, front-matter URLs (`source`, `[extra]`
//! values shown as links) and `[site] url`.
//!
//! Browsers ignore tabs and newlines inside a URL and read its scheme case
//! by case, so the scheme is found the way they find it, not by a prefix
//! test that `java\tscript:` or `JavaScript:` would slip past.

use std::fmt;

/// Why a URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not `http://` or `https://` where only those are allowed.
    NotHttp,
    /// `http://` with nothing after it.
    NoHost,
    /// A space, quote, angle bracket, backslash or control character.
    BadCharacter,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlProblem::NotHttp => "it is not an http:// or https:// URL",
            UrlProblem::NoHost => "it has no host after the scheme",
            UrlProblem::BadCharacter => {
                "it has a space, quote, angle bracket, backslash or control character"
            }
        })
    }
}

/// The scheme of `url` in lowercase, as a browser reads it (ASCII tabs and
/// newlines removed, leading spaces and controls trimmed), or `None` for a
/// relative URL.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if !cleaned[end..].starts_with(':') || end == 0 {
        return None;
    }
    let name = &cleaned[..end];
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // Not a valid scheme name: a browser resolves it as a relative path.
    valid.then(|| name.to_ascii_lowercase())
}

/// Whether a link or image in Markdown may keep its URL: relative URLs,
/// and the schemes `http`, `https`, `mailto` and `tel`.
pub fn allowed_in_markdown(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel"),
    }
}

/// Checks an absolute address that the output will link to or print:
/// `http://` or `https://`, a host, and none of the characters that would
/// end an attribute or a line of `robots.txt`.
pub fn check_external(url: &str) -> Result<(), UrlProblem> {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        return Err(UrlProblem::BadCharacter);
    }
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .ok_or(UrlProblem::NotHttp)?;
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        return Err(UrlProblem::NoHost);
    }
    Ok(())
}

/// Whether a front-matter value is meant as a link: it starts with a
/// scheme name and a colon, or `//`.
pub fn looks_like_url(value: &str) -> bool {
    value.trim_start().starts_with("//")
        || scheme(value).is_some_and(|s| {
            matches!(
                s.as_str(),
                "http" | "https" | "javascript" | "vbscript" | "data" | "file" | "blob"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_scheme_as_a_browser_does() {
        assert_eq!(scheme("https://x.org").as_deref(), Some("https"));
        assert_eq!(scheme("JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme("java\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme(" \u{1}javascript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("/themes/x/"), None);
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("#p-1"), None);
        assert_eq!(scheme("1x:y"), None);
    }

    #[test]
    fn markdown_links_keep_web_mail_and_relative_urls_only() {
        for ok in [
            "https://x.org",
            "http://x",
            "mailto:a@b",
            "tel:+84",
            "../a/",
            "#p-2",
        ] {
            assert!(allowed_in_markdown(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            "java\nscript:x",
            "vbscript:x",
            "data:text/html,<script>",
            "file:///etc/passwd",
        ] {
            assert!(!allowed_in_markdown(bad), "{bad:?}");
        }
    }

    #[test]
    fn external_addresses_are_http_with_a_host_and_no_breaking_character() {
        assert_eq!(check_external("https://u.github.io/repo/"), Ok(()));
        assert_eq!(check_external("HTTP://x.org"), Ok(()));
        assert_eq!(
            check_external("javascript:alert(1)"),
            Err(UrlProblem::NotHttp)
        );
        assert_eq!(check_external("https://"), Err(UrlProblem::NoHost));
        assert_eq!(check_external("https:///x"), Err(UrlProblem::NoHost));
        for bad in [
            "https://x.org/\nDisallow: /",
            "https://x.org/\" onclick=\"x",
            "https://x.org/<script>",
            "https://x .org",
        ] {
            assert_eq!(
                check_external(bad),
                Err(UrlProblem::BadCharacter),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn tells_links_from_text() {
        assert!(looks_like_url("https://x.org"));
        assert!(looks_like_url("javascript:alert(1)"));
        assert!(looks_like_url("//evil.example"));
        assert!(!looks_like_url("Note: read this"));
        assert!(!looks_like_url("Ministry of Foreign Affairs"));
    }
}
