//! Article text: sections of sentences built from a domain vocabulary, with
//! entities mentioned by their aliases inside sentences, lists, and quotes
//! attributed in the styles the press uses.

use std::fmt::Write as _;

use crate::Rng;
use crate::entities::World;

pub struct Article {
    pub slug: String,
    pub title: String,
    pub date: String,
    pub outlet: &'static str,
    pub author: usize,
    pub kind: &'static str,
    pub summary: String,
    pub resolutions: Vec<usize>,
    pub themes: Vec<usize>,
    pub speakers: Vec<usize>,
    pub body: String,
}

const OUTLETS: &[&str] = &[
    "Tuoi Tre",
    "VnExpress",
    "Nhan Dan",
    "VOV World",
    "Cong Thuong",
    "The World and Vietnam",
];
const KINDS: &[&str] = &["report", "commentary", "interview", "op-ed"];
const SUBJECTS: &[&str] = &[
    "the country",
    "the economy",
    "every ministry",
    "local authorities",
    "businesses",
    "the people",
    "the Party",
    "the State",
    "young people",
    "the region",
    "partners",
    "the political system",
];
const VERBS: &[&str] = &[
    "must strengthen",
    "continues to improve",
    "is expected to expand",
    "needs to renew",
    "has accelerated",
    "should promote",
    "will consolidate",
    "aims to deepen",
    "is working to modernise",
    "seeks to balance",
];
const OBJECTS: &[&str] = &[
    "international cooperation",
    "institutional capacity",
    "the growth model",
    "digital infrastructure",
    "high-quality human resources",
    "trade agreements",
    "supply chains",
    "national competitiveness",
    "scientific research",
    "public administration",
    "green finance",
    "cultural industries",
    "energy security",
    "the business environment",
    "foreign investment",
    "innovation hubs",
];
const TAILS: &[&str] = &[
    "in the coming period",
    "over the next decade",
    "in a volatile world",
    "from the central to the local level",
    "in line with international standards",
    "while preserving national identity",
    "with a clear roadmap",
    "to keep pace with the times",
];
const HEADINGS: &[&str] = &[
    "A new stage of development",
    "Opportunities and challenges",
    "Institutions first",
    "The role of businesses",
    "People at the centre",
    "Looking ahead",
    "Lessons from practice",
    "Priorities for action",
];

/// `count` articles, dated between 2015 and 2025.
pub fn articles(world: &World, count: usize, seed: u64) -> Vec<Article> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|index| article(world, index, &mut rng))
        .collect()
}

fn article(world: &World, index: usize, rng: &mut Rng) -> Article {
    let counts = (rng.between(1, 3), rng.between(1, 3), rng.between(1, 4));
    let resolutions = rng.distinct(counts.0, world.resolutions.len());
    let themes = rng.distinct(counts.1, world.themes.len());
    let speakers = rng.distinct(counts.2, world.speakers.len());
    let theme = &world.themes[themes[0]].title;
    let resolution = &world.resolutions[resolutions[0]].aliases[0];
    let title = format!(
        "{theme} and {resolution}: {} ({})",
        rng.pick(HEADINGS),
        index + 1
    );
    let mut body = String::new();
    writeln!(
        body,
        "{}\n",
        paragraph(world, rng, &resolutions, &themes, &speakers)
    )
    .unwrap();
    let target_words = rng.between(800, 1200);
    while body.split_whitespace().count() < target_words {
        write_section(&mut body, world, rng, &resolutions, &themes, &speakers);
    }
    Article {
        slug: format!("article-{:06}", index + 1),
        summary: format!("How {} relates to {theme}.", resolution),
        date: format!(
            "{}-{:02}-{:02}",
            2015 + rng.below(11),
            1 + rng.below(12),
            1 + rng.below(28)
        ),
        outlet: rng.pick(OUTLETS),
        author: rng.below(world.speakers.len()),
        kind: rng.pick(KINDS),
        title,
        resolutions,
        themes,
        speakers,
        body,
    }
}

fn write_section(
    body: &mut String,
    world: &World,
    rng: &mut Rng,
    r: &[usize],
    t: &[usize],
    s: &[usize],
) {
    writeln!(body, "## {}\n", rng.pick(HEADINGS)).unwrap();
    for _ in 0..rng.between(2, 3) {
        writeln!(body, "{}\n", paragraph(world, rng, r, t, s)).unwrap();
    }
    match rng.below(3) {
        0 => {
            for _ in 0..rng.between(3, 4) {
                writeln!(body, "- {}", sentence(world, rng, r, t)).unwrap();
            }
            body.push('\n');
        }
        1 => {
            let speaker = &world.speakers[rng.pick(s)];
            let name = rng.pick(&speaker.aliases);
            writeln!(body, "> \"{}\" said {name}.\n", sentence(world, rng, r, t)).unwrap();
        }
        _ => {
            let speaker = &world.speakers[rng.pick(s)];
            writeln!(
                body,
                "{} said: \"{}\"\n",
                speaker.aliases[1],
                sentence(world, rng, r, t)
            )
            .unwrap();
        }
    }
}

fn paragraph(world: &World, rng: &mut Rng, r: &[usize], t: &[usize], s: &[usize]) -> String {
    let mut sentences: Vec<String> = (0..rng.between(3, 5))
        .map(|_| sentence(world, rng, r, t))
        .collect();
    if rng.below(3) == 0 {
        let speaker = &world.speakers[rng.pick(s)];
        let claim = sentence(world, rng, r, t);
        sentences.push(format!(
            "{}, {} noted.",
            claim.trim_end_matches('.'),
            rng.pick(&speaker.aliases)
        ));
    }
    sentences.join(" ")
}

fn sentence(world: &World, rng: &mut Rng, r: &[usize], t: &[usize]) -> String {
    let subject = match rng.below(4) {
        0 => world.resolutions[rng.pick(r)].aliases[rng.below(3)].clone(),
        1 => format!("The policy on {}", world.themes[rng.pick(t)].aliases[0]),
        _ => capitalize(rng.pick(SUBJECTS)),
    };
    format!(
        "{subject} {} {} {}.",
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    )
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
