//! Knowledge extraction speed, in MB/s of article text (Markdown bodies):
//! scanning every article for the mentions of all entity kinds together
//! (names, numbers, titles, short names, keywords), quotes and interview
//! answers, on one thread and on all; and the whole link stage (scanning
//! plus references, relations, related articles and co-occurrence).
//!
//! The corpus is the one `examples/gen_corpus` writes (same generator, same
//! seed), loaded through the normal content stage.
//!
//! ```text
//! cargo bench --bench extract
//! DOSSIER_BENCH_ARTICLES=5000 cargo bench --bench extract
//! ```

#[allow(dead_code)]
#[path = "../examples/gen_corpus/entities.rs"]
mod entities;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/text.rs"]
mod text;

use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dossier::content::{Corpus, load_corpus};
use dossier::link::{Scanner, link};
use rayon::prelude::*;

pub use rng::Rng;

const SEED: u64 = 7;
const DEFAULT_ARTICLES: usize = 2000;

/// Generates the corpus into a temporary site and loads it.
fn generated_corpus() -> Corpus {
    let count = std::env::var("DOSSIER_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_ARTICLES);
    let world = entities::World::generate(SEED);
    let articles = text::articles(&world, count, SEED);
    let dir = tempfile::tempdir().expect("a temporary directory");
    entities::write_dossier_site(dir.path(), &world, &articles).expect("write the corpus");
    let config = dossier::Config::load(dir.path()).expect("the generated book.toml");
    load_corpus(&config).expect("the generated corpus loads")
}

fn extraction(c: &mut Criterion) {
    let corpus = generated_corpus();
    let bytes: usize = corpus.articles.iter().map(|a| a.body.len()).sum();
    println!(
        "corpus: {} articles, {:.1} MB of article text, {} entities",
        corpus.articles.len(),
        bytes as f64 / 1e6,
        corpus.entities.len()
    );
    let scanner = Scanner::new(&corpus);
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("scan, one thread", |b| {
        b.iter(|| {
            corpus
                .articles
                .iter()
                .map(|a| scanner.scan(a, &[], &[]).mentions.len())
                .sum::<usize>()
        })
    });
    group.bench_function("scan, all threads", |b| {
        b.iter(|| {
            corpus
                .articles
                .par_iter()
                .map(|a| scanner.scan(a, &[], &[]).mentions.len())
                .sum::<usize>()
        })
    });
    group.bench_function("link stage, all threads", |b| {
        b.iter_batched(
            || corpus.clone(),
            |corpus| link(corpus).expect("the generated corpus links"),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
