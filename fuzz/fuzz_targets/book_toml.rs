//! `book.toml`: every error names the file and a line inside it; an
//! accepted configuration keeps every folder inside the site's root and
//! every number pattern compiles.
#![no_main]

use std::path::{Component, Path};

use dossier::Config;
use dossier_fuzz::assert_located;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let root = Path::new("site");
    let path = Path::new("site/book.toml");
    match Config::parse(root, path, text) {
        Ok(config) => {
            for kind in &config.kinds {
                if let Some(pattern) = &kind.number_pattern {
                    assert!(
                        regex::Regex::new(pattern).is_ok(),
                        "accepted number pattern {pattern:?}"
                    );
                }
                for segment in [&kind.folder, &kind.url] {
                    let mut components = Path::new(segment).components();
                    assert!(
                        matches!(components.next(), Some(Component::Normal(_)))
                            && components.next().is_none(),
                        "kind folder or url {segment:?} is not one path segment"
                    );
                }
            }
        }
        Err(error) => {
            assert!(
                !error.diagnostics().is_empty(),
                "an error without a diagnostic"
            );
            for problem in error.diagnostics() {
                assert_located(problem, path, text);
            }
        }
    }
});
