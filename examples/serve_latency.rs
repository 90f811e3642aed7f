//! Measures `dossier serve` from a file save to the reload event: starts the
//! server on a site, listens to its event stream like a browser tab, then
//! edits one article again and again and times each reload.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example serve_latency -- SITE_DIR [ROUNDS]
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().expect("usage: serve_latency SITE_DIR [ROUNDS]"));
    let rounds: usize = args
        .next()
        .map_or(20, |n| n.parse().expect("ROUNDS is a number"));
    let binary = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("dossier");
    let mut server = Command::new(&binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(&site)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start dossier serve (build it first with cargo build --release)");
    let (port, base) = wait_for_address(&mut server);
    let article = first_article(&site);
    let original = std::fs::read_to_string(&article).unwrap();
    let mut events = subscribe(port, &base);
    let mut timings = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let edited = format!("{original}\nEdited for round {round}.\n");
        let saved = Instant::now();
        std::fs::write(&article, edited).unwrap();
        wait_for_reload(&mut events);
        timings.push(saved.elapsed());
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::write(&article, original).unwrap();
    let _ = server.kill();
    timings.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{}: {} saves of {}, save to reload event: median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        site.display(),
        rounds,
        article.file_name().unwrap().to_string_lossy(),
        ms(timings[rounds / 2]),
        ms(timings[rounds * 9 / 10]),
        ms(timings[rounds - 1])
    );
}

fn wait_for_address(server: &mut Child) -> (u16, String) {
    let stdout = server.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
            let rest = url.trim_start_matches("http://");
            let (host, path) = rest.split_at(rest.find('/').unwrap());
            let port = host.rsplit(':').next().unwrap().parse().unwrap();
            std::thread::spawn(move || lines.for_each(drop));
            return (port, path.to_string());
        }
    }
    panic!("the server stopped before serving");
}

fn first_article(site: &Path) -> PathBuf {
    let mut articles: Vec<PathBuf> = std::fs::read_dir(site.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    articles.sort();
    articles.swap_remove(articles.len() / 2)
}

fn subscribe(port: u16, base: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {base}__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
        line.clear();
    }
    reader
}

fn wait_for_reload(events: &mut BufReader<TcpStream>) {
    let mut buffer = [0u8; 4096];
    let mut seen = String::new();
    loop {
        let read = events.read(&mut buffer).unwrap();
        assert!(read > 0, "the event stream closed");
        seen.push_str(&String::from_utf8_lossy(&buffer[..read]));
        if seen.contains("event: reload") {
            return;
        }
        assert!(
            !seen.contains("event: failed"),
            "the rebuild failed: {seen}"
        );
    }
}
