//! Integration tests: build fixture sites (tests/fixtures/) and the
//! repository's own site, through the library and the `dossier` binary.

mod bad_input;
mod browser;
mod build;
mod discovery;
mod errors;
mod extract;
mod harness;
mod import;
mod import_html;
mod publish;
mod reader;
mod safety;
mod serve;
mod validity;
