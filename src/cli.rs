//! The command line: one `Args` struct per subcommand (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// dossier: a static knowledge-site generator. It turns a folder of news
/// articles into a cross-linked site with a page per article, resolution,
/// theme and speaker.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output directory.
    Build(BuildArgs),
}

/// Options of `dossier build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site's root directory, where book.toml is.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The output directory (default: `build-dir` under [build] in book.toml, itself `book` by default).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}
