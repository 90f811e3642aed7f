//! Checks of a site: of its built output (every internal link and anchor
//! resolves). Reuses the pipeline's stages; changes nothing.

pub mod links;

pub use links::{BrokenLink, check_links, scan_page};
