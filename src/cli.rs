//! The command line: one `Args` struct per subcommand (clap derive).

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// dossier: a static knowledge-site generator. It turns a folder of news
/// articles into a cross-linked site with a page per article, resolution,
/// theme and speaker.
#[derive(Debug, Parser)]
#[command(name = "dossier", version = env!("DOSSIER_VERSION"), propagate_version = true)]
pub struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: with `build`, how long each stage took.
    #[arg(long, short, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output directory.
    Build(BuildArgs),
    /// Serve the site locally, rebuilding and reloading the browser on every change.
    Serve(ServeArgs),
    /// Build the site and check its content and output: links, anchors, reachability, feeds, lost URLs.
    Check(CheckArgs),
    /// Turn news articles (raw text, saved HTML pages, web addresses) into Markdown articles with front matter, for review.
    Import(ImportArgs),
    /// Create a new site: book.toml, example content, a GitHub Pages workflow.
    Init(InitArgs),
    /// Write a new article or entity file with its front matter filled in.
    New(NewArgs),
    /// Print a completion script for a shell.
    Completions(CompletionsArgs),
    /// Work on the site's entities.
    #[command(subcommand)]
    Entities(EntitiesCommand),
}

/// `dossier entities ...`
#[derive(Debug, Subcommand)]
pub enum EntitiesCommand {
    /// Write stub files for the people and numbered resolutions the articles name and the site lacks, for review.
    Suggest(SuggestArgs),
}

/// Options of `dossier entities suggest`.
#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// The site's root directory, where book.toml is.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Write nothing: list the stubs that would be written.
    #[arg(long)]
    pub dry_run: bool,
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
    /// The published site's absolute URL, overriding `url` under [site] (for feeds, sitemap and canonical links).
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
    /// Print how long each stage of the build took.
    #[arg(long)]
    pub timings: bool,
}

/// Options of `dossier serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site's root directory, where book.toml is.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, short, value_name = "N", default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on; only this machine by default.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// Options of `dossier check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The site's root directory, where book.toml is.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The output directory to build and check (default: `build-dir` under [build]).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The published site's absolute URL, overriding `url` under [site].
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
    /// Fail on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Options of `dossier import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Raw text files as copied from a news page, saved HTML pages (.html, .htm), or web addresses (https://...); `-` reads standard input.
    #[arg(value_name = "FILE|URL", required = true)]
    pub files: Vec<PathBuf>,
    /// The site's root directory, whose entities are matched and whose articles folder is the default output.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the articles (default: the site's content/articles).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace articles that already exist.
    #[arg(long)]
    pub force: bool,
    /// Write nothing: show what would be written.
    #[arg(long)]
    pub dry_run: bool,
    /// The headline, over the one detected (one input only).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The publication date, over the one detected.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<dossier::content::Date>,
    /// The outlet's name, over the one detected.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// The article's web address, recorded as its source (one input only).
    #[arg(long, value_name = "URL", value_parser = parse_web_address)]
    pub source: Option<String>,
    /// The kind of article: report, interview, commentary, speech ...
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// The article's language, as a language code (en, vi, ...).
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    pub language: Option<String>,
    /// Create a stub entity for each author the site does not know, instead of leaving them in a comment.
    #[arg(long)]
    pub stub_authors: bool,
    /// How long fetching a web address may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_seconds)]
    pub timeout: std::time::Duration,
}

fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 3600.0)
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| format!("\"{text}\" is not a number of seconds between 0 and 3600"))
}

fn parse_date(text: &str) -> Result<dossier::content::Date, String> {
    dossier::content::Date::parse_iso(text)
        .ok_or_else(|| format!("\"{text}\" is not a date: write it as YYYY-MM-DD"))
}

fn parse_web_address(text: &str) -> Result<String, String> {
    dossier::url_policy::check_external(text)
        .map(|()| text.to_string())
        .map_err(|problem| {
            format!("\"{text}\" is not a web address ({problem}): write it as https://...")
        })
}

fn parse_language(text: &str) -> Result<String, String> {
    let code = text.to_ascii_lowercase();
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    let valid = (2..=3).contains(&primary.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if valid {
        Ok(code)
    } else {
        Err(format!(
            "\"{text}\" is not a language code such as en or vi"
        ))
    }
}

/// Options of `dossier init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The new site's directory (created when missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The site's title (default: the directory's name).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Add the missing files to a non-empty directory (existing files are kept).
    #[arg(long)]
    pub force: bool,
    /// Copy the default theme's templates and static files into the site, to edit.
    #[arg(long)]
    pub theme: bool,
}

/// Options of `dossier new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// `article`, or an entity kind of the site (`resolution`, `theme`, `speaker` by default).
    #[arg(value_name = "KIND")]
    pub kind: String,
    /// The title (an entity's name); the file is named after it.
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// The date, YYYY-MM-DD (articles: today by default).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The outlet that published the article.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// The article's address where it was published.
    #[arg(long, value_name = "URL")]
    pub source: Option<String>,
    /// The site's root directory, where book.toml is.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// Options of `dossier completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
