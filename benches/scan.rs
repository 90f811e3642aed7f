//! Mention scanning throughput: links a generated corpus (every article
//! scanned for all entity kinds together: names, numbers, titles, short
//! references, keywords and quotes) and reports MB/s of article text.
//!
//! ```text
//! cargo bench --bench scan
//! ```

#[path = "../examples/gen_corpus/entities.rs"]
mod entities;
#[path = "../examples/gen_corpus/rng.rs"]
mod rng;
#[path = "../examples/gen_corpus/text.rs"]
mod text;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::content::load_corpus;
use dossier::link::link;
pub use rng::Rng;

fn scanning(c: &mut Criterion) {
    let world = entities::World::generate(7);
    let articles = text::articles(&world, 1000, 7);
    let site = tempfile::tempdir().unwrap();
    entities::write_dossier_site(site.path(), &world, &articles).unwrap();
    let config = dossier::Config::load(site.path()).unwrap();
    let corpus = load_corpus(&config).unwrap();
    let bytes: usize = corpus.articles.iter().map(|a| a.body.len()).sum();
    let mut group = c.benchmark_group("scan");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("link 1,000 articles", |b| {
        b.iter_batched(
            || corpus.clone(),
            |corpus| link(corpus).unwrap(),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, scanning);
criterion_main!(benches);
