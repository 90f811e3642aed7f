//! The synthetic world: resolutions, themes and speakers with aliases, and
//! the dossier site written from it.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::Rng;
use crate::text::Article;

pub struct Entity {
    pub slug: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub date: Option<String>,
    pub keywords: Vec<String>,
    pub extra: Vec<(&'static str, String)>,
    pub summary: String,
}

pub struct World {
    pub resolutions: Vec<Entity>,
    pub themes: Vec<Entity>,
    pub speakers: Vec<Entity>,
}

const ISSUERS: &[&str] = &[
    "Politburo",
    "Party Central Committee",
    "Secretariat",
    "National Assembly",
];
const SUBJECTS: &[&str] = &[
    "international integration",
    "digital transformation",
    "the private economy",
    "law-making and enforcement",
    "science and technology",
    "education and training",
    "national defence",
    "green growth",
    "regional linkage",
    "health care",
    "culture and society",
    "the marine economy",
];
const THEME_HEADS: &[&str] = &[
    "Digital",
    "Green",
    "Regional",
    "Financial",
    "Industrial",
    "Cultural",
    "Maritime",
    "Energy",
    "Urban",
    "Rural",
];
const THEME_TAILS: &[&str] = &["economy", "security", "cooperation", "reform"];
const FAMILY: &[(&str, &str)] = &[
    ("Nguyen", "Nguyễn"),
    ("Tran", "Trần"),
    ("Le", "Lê"),
    ("Pham", "Phạm"),
    ("Hoang", "Hoàng"),
    ("Phan", "Phan"),
    ("Vu", "Vũ"),
    ("Dang", "Đặng"),
    ("Bui", "Bùi"),
    ("Do", "Đỗ"),
];
const MIDDLE: &[(&str, &str)] = &[
    ("Van", "Văn"),
    ("Thi", "Thị"),
    ("Minh", "Minh"),
    ("Quang", "Quang"),
    ("Duc", "Đức"),
];
const GIVEN: &[(&str, &str)] = &[
    ("An", "An"),
    ("Binh", "Bình"),
    ("Cuong", "Cường"),
    ("Dung", "Dũng"),
    ("Hai", "Hải"),
    ("Hung", "Hưng"),
];
const ROLES: &[&str] = &[
    "Minister",
    "Deputy Prime Minister",
    "Prof. Dr.",
    "Assoc. Prof. Dr.",
    "Ambassador",
    "Dr.",
];

impl World {
    pub fn generate(seed: u64) -> World {
        let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(7));
        World {
            resolutions: resolutions(&mut rng),
            themes: themes(),
            speakers: speakers(&mut rng),
        }
    }
}

fn resolutions(rng: &mut Rng) -> Vec<Entity> {
    (0..60)
        .map(|i| {
            let number = 10 + i * 3;
            let code = format!("{number}-NQ/TW");
            let subject = rng.pick(SUBJECTS);
            Entity {
                slug: format!("{number}-nq-tw"),
                title: format!("Resolution {code}"),
                aliases: vec![format!("Resolution {number}"), format!("Resolution No. {code}"), format!("Nghị quyết {number}")],
                date: Some(format!("{}-{:02}-{:02}", 2000 + i / 3, 1 + rng.below(12), 1 + rng.below(28))),
                keywords: Vec::new(),
                extra: vec![("code", code.clone()), ("issuer", rng.pick(ISSUERS).to_string()), ("subject", subject.to_string())],
                summary: format!("Resolution {code} sets the direction on {subject}, with goals, tasks and solutions for the coming period."),
            }
        })
        .collect()
}

fn themes() -> Vec<Entity> {
    let mut themes = Vec::new();
    for head in THEME_HEADS {
        for tail in THEME_TAILS {
            let title = format!("{head} {tail}");
            themes.push(Entity {
                slug: title.to_lowercase().replace(' ', "-"),
                aliases: vec![format!("{} {tail}", head.to_lowercase())],
                keywords: vec![head.to_lowercase(), format!("{tail} policy")],
                date: None,
                extra: Vec::new(),
                summary: format!(
                    "Articles on {} {tail}, its policies and its results.",
                    head.to_lowercase()
                ),
                title,
            });
        }
    }
    themes
}

fn speakers(rng: &mut Rng) -> Vec<Entity> {
    let mut speakers = Vec::new();
    for (family, family_vi) in FAMILY {
        for (middle, middle_vi) in MIDDLE {
            for (given, given_vi) in GIVEN {
                let title = format!("{family} {middle} {given}");
                let role = rng.pick(ROLES);
                speakers.push(Entity {
                    slug: title.to_lowercase().replace(' ', "-"),
                    aliases: vec![
                        format!("{family_vi} {middle_vi} {given_vi}"),
                        format!("{role} {title}"),
                    ],
                    date: None,
                    keywords: Vec::new(),
                    extra: vec![("role", role.to_string())],
                    summary: format!("{role} {title} speaks on integration policy."),
                    title,
                });
            }
        }
    }
    speakers
}

/// Writes `book.toml` and `content/` for dossier.
pub fn write_dossier_site(out: &Path, world: &World, articles: &[Article]) -> std::io::Result<()> {
    fs::create_dir_all(out)?;
    fs::write(
        out.join("book.toml"),
        "[book]\ntitle = \"Synthetic dossier\"\ndescription = \"A generated corpus for benchmarks.\"\n",
    )?;
    for (folder, entities) in [
        ("resolutions", &world.resolutions),
        ("themes", &world.themes),
        ("speakers", &world.speakers),
    ] {
        let dir = out.join("content").join(folder);
        fs::create_dir_all(&dir)?;
        for entity in entities {
            fs::write(dir.join(format!("{}.md", entity.slug)), entity_file(entity))?;
        }
    }
    let dir = out.join("content/articles");
    fs::create_dir_all(&dir)?;
    for article in articles {
        fs::write(
            dir.join(format!("{}.md", article.slug)),
            article_file(world, article),
        )?;
    }
    Ok(())
}

fn entity_file(entity: &Entity) -> String {
    let mut text = format!(
        "+++\ntitle = {:?}\naliases = {:?}\n",
        entity.title, entity.aliases
    );
    if let Some(date) = &entity.date {
        writeln!(text, "date = {date}").unwrap();
    }
    if !entity.keywords.is_empty() {
        writeln!(text, "keywords = {:?}", entity.keywords).unwrap();
    }
    if !entity.extra.is_empty() {
        text.push_str("[extra]\n");
        for (key, value) in &entity.extra {
            writeln!(text, "{key} = {value:?}").unwrap();
        }
    }
    write!(text, "+++\n{}\n", entity.summary).unwrap();
    text
}

fn article_file(world: &World, article: &Article) -> String {
    let slugs = |entities: &[Entity], ids: &[usize]| -> Vec<String> {
        ids.iter().map(|i| entities[*i].slug.clone()).collect()
    };
    format!(
        "+++\ntitle = {:?}\ndate = {}\noutlet = {:?}\nauthors = {:?}\nkind = {:?}\nsummary = {:?}\nresolutions = {:?}\nthemes = {:?}\nspeakers = {:?}\n+++\n{}",
        article.title,
        article.date,
        article.outlet,
        [world.speakers[article.author].slug.clone()],
        article.kind,
        article.summary,
        slugs(&world.resolutions, &article.resolutions),
        slugs(&world.themes, &article.themes),
        slugs(&world.speakers, &article.speakers),
        article.body
    )
}
