//! The site-path normaliser (redirects, request paths) and the writer's
//! containment check: whatever a site path or an old address says, what
//! is accepted stays inside the output once made a file, percent-decoding
//! it once more hides no `..` or separator, and the writer's check accepts
//! it. Also the URL policy: a URL it lets into Markdown or front matter
//! has no script scheme as a browser reads it.
#![no_main]

use std::path::Path;

use dossier::paths::{old_address, site_path, stays_inside};
use dossier::url_policy::{allowed_in_markdown, check_external};
use dossier::urls::output_file;
use dossier_fuzz::{assert_inside, is_script_url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let accepted = [site_path(raw).ok(), old_address(raw, "articles").ok()];
    for path in accepted.into_iter().flatten() {
        let file = output_file(&path);
        assert_inside(&file, raw);
        assert!(
            stays_inside(&file),
            "the writer refuses {file:?}, from {raw:?}"
        );
        let decoded = percent_decode(&path);
        assert!(
            !decoded.split('/').any(|s| s == ".." || s == ".") && !decoded.contains(['\\', '\0']),
            "{path:?} decodes to {decoded:?}, from {raw:?}"
        );
    }
    if stays_inside(Path::new(raw)) {
        assert_inside(Path::new(raw), raw);
    }
    if allowed_in_markdown(raw) || check_external(raw).is_ok() {
        assert!(!is_script_url(raw), "a script URL let through: {raw:?}");
    }
});

/// `%XX` decoded once, as a server or browser would.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
