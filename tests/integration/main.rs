//! Integration tests: build fixture sites (tests/fixtures/) and the
//! repository's own site, through the library and the `dossier` binary.

mod bad_input;
mod browser;
mod build;
mod errors;
mod extract;
mod harness;
mod import;
mod publish;
mod reader;
mod serve;
mod validity;
