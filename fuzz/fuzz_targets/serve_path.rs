//! The path of a request to `dossier serve`: whatever it decodes to, an
//! accepted path stays inside the served site.
#![no_main]

use std::path::Path;

use dossier::serve::safe_relative;
use dossier_fuzz::assert_inside;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(request) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(relative) = safe_relative(request) {
        assert!(!relative.contains('\0'), "NUL in {relative:?}");
        assert_inside(Path::new(&relative), request);
        assert_inside(&dossier::urls::output_file(&relative), request);
    }
});
