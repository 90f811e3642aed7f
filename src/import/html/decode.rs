//! Turns a page's bytes into text: the encoding a byte-order mark, the HTTP
//! `Content-Type` or the page's own `<meta charset>` declares (in that
//! order, as browsers decide it), decoded with the WHATWG decoders.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page browsers look for a `<meta charset>`.
const PRESCAN_BYTES: usize = 1024;

/// The page's text and the name of the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Whether bytes that the encoding does not allow were replaced.
    pub had_errors: bool,
}

/// Decodes `bytes`; `content_type` is the HTTP header, when fetched.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    let declared = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| content_type.and_then(charset_of_content_type))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]));
    let encoding = declared.unwrap_or_else(|| {
        // Undeclared: UTF-8 when the bytes are UTF-8, else the web's
        // historical default.
        if std::str::from_utf8(bytes).is_ok() {
            UTF_8
        } else {
            WINDOWS_1252
        }
    });
    // A page declaring UTF-16 in a <meta> is read as UTF-8, as browsers do.
    let encoding = encoding.output_encoding();
    let (text, used, had_errors) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        had_errors,
    }
}

/// The charset of a `Content-Type` value (`text/html; charset=...`).
fn charset_of_content_type(value: &str) -> Option<&'static Encoding> {
    value.split(';').skip(1).find_map(|param| {
        let (name, label) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes()))?
    })
}

/// The encoding a `<meta charset="...">` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` near the start of the page names.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    // The prescan reads ASCII only; any other byte stands for a letter.
    let lower: String = head
        .iter()
        .map(|b| {
            if b.is_ascii() {
                b.to_ascii_lowercase() as char
            } else {
                '\u{fffd}'
            }
        })
        .collect();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let end = tag.find('>').unwrap_or(tag.len());
        let attributes = &tag[..end];
        if let Some(at) = attributes.find("charset") {
            let value = attributes[at + "charset".len()..]
                .trim_start()
                .strip_prefix('=')
                .map(|v| v.trim_start().trim_start_matches(['"', '\'']))
                .unwrap_or("");
            let label: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
                return Some(encoding);
            }
        }
        rest = &tag[end.min(tag.len())..];
        if rest.len() == tag.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_encoding() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title>";
        let decoded = decode(page, None);
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.text.contains("Café"));
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\xe9";
        assert!(decode(page, None).text.ends_with('é'));
    }

    #[test]
    fn the_http_header_and_a_bom_come_first() {
        let page = b"<meta charset=\"utf-8\">Caf\xe9";
        let decoded = decode(page, Some("text/html; charset=ISO-8859-1"));
        assert!(decoded.text.ends_with("Café"), "{}", decoded.text);
        let page = b"\xef\xbb\xbf<meta charset=\"windows-1252\">Caf\xc3\xa9";
        assert!(decode(page, None).text.ends_with("Café"));
    }

    #[test]
    fn undeclared_pages_are_utf8_or_windows_1252() {
        assert_eq!(decode("Tô Lâm".as_bytes(), None).text, "Tô Lâm");
        let decoded = decode(b"Caf\xe9", None);
        assert_eq!(decoded.text, "Café");
        assert!(!decoded.had_errors);
        let broken = decode(b"<meta charset=utf-8>\xff", None);
        assert!(broken.had_errors);
    }
}
