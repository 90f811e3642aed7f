//! The content stage: reads the content directory into a [`Corpus`] of
//! articles and entities. Owns the data model, front-matter parsing and file
//! loading; references between them are resolved later, by `link`.

mod date;
mod front_matter;
pub mod lint;
mod load;
mod model;
mod parse;

use std::path::Path;

pub use date::Date;
pub use front_matter::{DELIMITER, Split, split};
pub use load::{ARTICLES_FOLDER, load_corpus};
pub use model::{
    ARTICLE_KEYS, Article, ArticleFront, ArticleId, Corpus, Entity, EntityFront, EntityId, KindId,
    PlainValue, Reference,
};
pub use parse::{parse_article, parse_entity};

use crate::error::{Diagnostic, Error, IoContext, Result};

/// Reads a text file, refusing binary and non-UTF-8 content with a clear
/// error; a leading byte-order mark is dropped.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).context("read", path)?;
    text_from_bytes(path, bytes)
}

/// Checks that `bytes`, read from `path`, are UTF-8 text.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        return Err(Error::invalid(
            Diagnostic::error(format!(
                "this looks like a binary file (a NUL byte at offset {offset}), not text"
            ))
            .in_file(path)
            .with_hint("content files are UTF-8 Markdown; move other files to static/"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text)),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            Err(Error::invalid(
                Diagnostic::error(format!(
                    "the file is not valid UTF-8 (line {line}, byte {offset})"
                ))
                .in_file(path)
                .with_hint("save the file with UTF-8 encoding"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_non_utf8_naming_line_and_byte() {
        let error = text_from_bytes(Path::new("a.md"), b"ok\n\xff".to_vec()).unwrap_err();
        let shown = error.to_string();
        assert!(
            shown.contains("not valid UTF-8 (line 2, byte 3)"),
            "{shown}"
        );
        assert!(shown.contains("a.md"), "{shown}");
    }

    #[test]
    fn rejects_binary_files() {
        let error = text_from_bytes(Path::new("a.png"), b"\x89PNG\0\0".to_vec()).unwrap_err();
        assert!(error.to_string().contains("binary"), "{error}");
    }

    #[test]
    fn drops_a_byte_order_mark() {
        let text = text_from_bytes(Path::new("a.md"), "\u{feff}+++".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "+++");
    }
}
