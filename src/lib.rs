//! dossier turns a folder of news articles into a static knowledge site: a
//! page per article and per entity (resolution, theme, speaker, ...), all
//! cross-linked.
//!
//! The pipeline runs one way, each stage a module handing a plain value on:
//!
//! ```text
//! book.toml ─► config ─► content ─► link ─► render ─► write
//!              Config     Corpus     Graph    Vec<Page>  files on disk
//! ```
//!
//! [`build()`] runs it all; each stage can be called on its own.

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod error;
pub mod import;
pub mod link;
pub mod paths;
pub mod publish;
pub mod render;
pub mod serve;
pub mod site_walk;
pub mod suggest;
pub mod text;
mod toml_error;
pub mod url_policy;
pub mod urls;
pub mod write;

pub use build::{BuildOptions, BuildReport, build};
pub use config::Config;
pub use error::{Diagnostic, Error, Result};
