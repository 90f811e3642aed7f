//! The same corpus as a Hugo site: taxonomies resolution, theme and speaker,
//! term pages carrying each entity's metadata, and templates of comparable
//! size to dossier's default theme (base layout, article with its terms,
//! term page with its articles, kind lists, home).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::entities::{Entity, World};
use crate::text::Article;

const CONFIG: &str = r##"baseURL = "https://example.org/"
title = "Synthetic dossier"
languageCode = "en"
[taxonomies]
resolution = "resolutions"
theme = "themes"
speaker = "speakers"
[markup.goldmark.renderer]
unsafe = false
"##;

const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><a class="skip-link" href="#main">Skip to content</a>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav><ul><li><a href="{{ "articles/" | relURL }}">Articles</a></li>
{{ range $name, $taxonomy := site.Taxonomies }}<li><a href="{{ printf "%s/" $name | relURL }}">{{ $name | title }}</a></li>{{ end }}</ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }} · {{ len site.RegularPages }} pages</footer>
</body></html>
"##;

const LIST: &str = r##"<ol class="cards">{{ range . }}<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.outlet }} · {{ .Params.kind }}</p>
<p>{{ .Params.summary }}</p></li>{{ end }}</ol>"##;

const PAGE: &str = r##"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.outlet }}</p>
<div class="prose">{{ .Content }}</div></article>
<aside>{{ range $taxonomy, $plural := site.Taxonomies }}{{ with $.GetTerms $taxonomy }}<section><h2>{{ $taxonomy | title }}</h2><ul>
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}{{ end }}</aside>
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
"##;

const TERM: &str = r##"{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Params.extra }}<dl>{{ range $key, $value := . }}<dt>{{ $key }}</dt><dd>{{ $value }}</dd>{{ end }}</dl>{{ end }}
{{ with .Params.aliases_text }}<p>Also written: {{ delimit . " · " }}</p>{{ end }}
<div class="prose">{{ .Content }}</div>
<section><h2>Articles ({{ len .Pages }})</h2>{{ partial "list.html" .Pages.ByDate.Reverse }}</section></article>{{ end }}
"##;

const TAXONOMY: &str = r##"{{ define "main" }}<h1>{{ .Title }}</h1><ul class="cards">
{{ range .Pages.ByTitle }}<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p>{{ len .Pages }} articles</p><p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}
"##;

const SECTION: &str = r##"{{ define "main" }}<h1>{{ .Title }}</h1>{{ partial "list.html" .Pages.ByDate.Reverse }}{{ end }}
"##;

const HOME: &str = r##"{{ define "main" }}<h1>{{ site.Title }}</h1><h2>Latest articles</h2>
{{ partial "list.html" (first 10 (where site.RegularPages.ByDate.Reverse "Section" "articles")) }}
{{ range $name, $terms := site.Taxonomies }}<h2>{{ $name | title }}</h2><ul class="cards">
{{ range $terms.Alphabetical }}<li class="card"><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> · {{ .Count }} articles</li>{{ end }}</ul>{{ end }}{{ end }}
"##;

/// Writes `hugo.toml`, `content/` and `layouts/` for Hugo.
pub fn write_hugo_site(out: &Path, world: &World, articles: &[Article]) -> std::io::Result<()> {
    fs::create_dir_all(out.join("layouts/_partials"))?;
    fs::create_dir_all(out.join("static"))?;
    fs::write(out.join("hugo.toml"), CONFIG)?;
    for (name, text) in [
        ("baseof.html", BASEOF),
        ("page.html", PAGE),
        ("term.html", TERM),
        ("taxonomy.html", TAXONOMY),
        ("section.html", SECTION),
        ("home.html", HOME),
        ("_partials/list.html", LIST),
    ] {
        fs::write(out.join("layouts").join(name), text)?;
    }
    fs::write(
        out.join("static/style.css"),
        "body { font-family: sans-serif; }\n",
    )?;
    for (folder, entities) in [
        ("resolutions", &world.resolutions),
        ("themes", &world.themes),
        ("speakers", &world.speakers),
    ] {
        for entity in entities {
            let dir = out.join("content").join(folder).join(&entity.slug);
            fs::create_dir_all(&dir)?;
            fs::write(dir.join("_index.md"), term_file(entity))?;
        }
    }
    let dir = out.join("content/articles");
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("_index.md"), "+++\ntitle = \"Articles\"\n+++\n")?;
    for article in articles {
        fs::write(
            dir.join(format!("{}.md", article.slug)),
            article_file(world, article),
        )?;
    }
    Ok(())
}

fn term_file(entity: &Entity) -> String {
    let mut text = format!(
        "+++\ntitle = {:?}\naliases_text = {:?}\n",
        entity.title, entity.aliases
    );
    if let Some(date) = &entity.date {
        writeln!(text, "date = {date}").unwrap();
    }
    text.push_str("[extra]\n");
    for (key, value) in &entity.extra {
        writeln!(text, "{key} = {value:?}").unwrap();
    }
    write!(text, "+++\n{}\n", entity.summary).unwrap();
    text
}

fn article_file(world: &World, article: &Article) -> String {
    let slugs = |entities: &[Entity], ids: &[usize]| -> Vec<String> {
        ids.iter().map(|i| entities[*i].slug.clone()).collect()
    };
    let mut speakers = slugs(&world.speakers, &article.speakers);
    let author = world.speakers[article.author].slug.clone();
    if !speakers.contains(&author) {
        speakers.push(author);
    }
    format!(
        "+++\ntitle = {:?}\ndate = {}\noutlet = {:?}\nkind = {:?}\nsummary = {:?}\nresolutions = {:?}\nthemes = {:?}\nspeakers = {:?}\n+++\n{}",
        article.title,
        article.date,
        article.outlet,
        article.kind,
        article.summary,
        slugs(&world.resolutions, &article.resolutions),
        slugs(&world.themes, &article.themes),
        speakers,
        article.body
    )
}
