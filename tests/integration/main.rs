//! Integration tests: build fixture sites (tests/fixtures/) and the
//! repository's own site, through the library and the `dossier` binary.

mod browser;
mod build;
mod errors;
mod extract;
mod harness;
mod import;
mod pagination;
mod publish;
mod reader;
mod serve;
mod validity;
