//! Generates a synthetic corpus for benchmarks: N realistic articles (800 to
//! 1,200 words of Markdown with headings, lists, attributed quotes and
//! mentions of entities by their aliases), about 60 resolutions, 40 themes
//! and 300 speakers. The same seed gives the same corpus, byte for byte.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 1000 --seed 7 --out DIR [--hugo DIR]
//! ```
//!
//! `--out` writes a dossier site; `--hugo` writes the same content as a Hugo
//! site (taxonomies resolution, theme and speaker) with templates of
//! comparable size, so that both tools build the same corpus.

mod entities;
mod hugo;
mod rng;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use entities::World;
pub use rng::Rng;

struct Args {
    articles: usize,
    seed: u64,
    out: Option<PathBuf>,
    hugo: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        articles: 1000,
        seed: 1,
        out: None,
        hugo: None,
    };
    let mut input = std::env::args().skip(1);
    while let Some(flag) = input.next() {
        let mut value = || input.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--articles" => {
                args.articles = value()?.parse().map_err(|e| format!("--articles: {e}"))?
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => args.out = Some(PathBuf::from(value()?)),
            "--hugo" => args.hugo = Some(PathBuf::from(value()?)),
            "--help" | "-h" => {
                return Err(
                    "usage: gen_corpus --articles N --seed S [--out DIR] [--hugo DIR]".into(),
                );
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.out.is_none() && args.hugo.is_none() {
        return Err("give --out DIR (a dossier site) and/or --hugo DIR (a Hugo site)".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let world = World::generate(args.seed);
    let articles = text::articles(&world, args.articles, args.seed);
    let result = (|| -> std::io::Result<()> {
        if let Some(out) = &args.out {
            entities::write_dossier_site(out, &world, &articles)?;
        }
        if let Some(out) = &args.hugo {
            hugo::write_hugo_site(out, &world, &articles)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            let words: usize = articles
                .iter()
                .map(|a| a.body.split_whitespace().count())
                .sum();
            println!(
                "{} articles ({} words), {} resolutions, {} themes, {} speakers",
                articles.len(),
                words,
                world.resolutions.len(),
                world.themes.len(),
                world.speakers.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}
