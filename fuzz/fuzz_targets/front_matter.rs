//! A content file, as an article and as an entity: the front matter split,
//! TOML parsed, references located. Every error names the file and a line
//! inside it; an accepted article has a slug that is one safe path segment.
#![no_main]

use std::path::Path;

use dossier::content::{KindId, parse_article, parse_entity};
use dossier_fuzz::{assert_located, fixture};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (config, _) = fixture();
    let path = Path::new("content/articles/fuzzed.md");
    match parse_article(path, text, &config.kinds) {
        Ok(article) => {
            let slug = &article.slug;
            assert!(
                !slug.is_empty()
                    && !slug.contains(['/', '\\', '\0'])
                    && slug != "."
                    && slug != "..",
                "unsafe slug {slug:?} from {text:?}"
            );
            for reference in article.references.iter().flatten() {
                assert!(reference.line >= 1 && reference.line <= text.split('\n').count());
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "an error without a diagnostic");
            for problem in &problems {
                assert_located(problem, path, text);
            }
        }
    }
    let path = Path::new("content/themes/fuzzed.md");
    if let Err(problems) = parse_entity(path, text, KindId(1)) {
        for problem in &problems {
            assert_located(problem, path, text);
        }
    }
});
