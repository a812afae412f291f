//! What each quality rule costs: a board's postings are read and parsed
//! once, then each stage and each rule runs over all of them on one thread,
//! timed alone. The shares are of the whole single-threaded check (read,
//! parse, scan, every rule). Run: `cargo bench --bench rules -- BOARD_DIR`
//! (bench/run.sh runs it on the 10k board).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jobboard::diagnostic::{Finding, Sink};
use jobboard::rules::{BOARD_RULES, BodyText, Context, POSTING_RULES};

fn main() -> anyhow::Result<()> {
    // `cargo test --all-targets` runs benches without a board: nothing to time.
    if std::env::args().skip(1).all(|a| a.starts_with("--")) {
        eprintln!("usage: rules BOARD_DIR (see bench/run.sh)");
        return Ok(());
    }
    let root = PathBuf::from(
        std::env::args()
            .skip(1)
            .find(|a| a != "--bench")
            .ok_or_else(|| anyhow::anyhow!("usage: rules BOARD_DIR"))?,
    );
    let config = jobboard::load::config::load(&root)?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let cx = Context::new(&config, today, None);
    let mut times: Vec<(String, Duration)> = Vec::new();

    let start = Instant::now();
    let (entries, _) = jobboard::load::discover(&root);
    let sources: Vec<_> = entries
        .iter()
        .filter_map(|e| jobboard::load::read(e).ok())
        .collect();
    times.push(("read".into(), start.elapsed()));

    let start = Instant::now();
    let mut postings = Vec::with_capacity(sources.len());
    for source in &sources {
        let mut ignored = Vec::new();
        let mut report = jobboard::schema::Report::new(&source.file, &mut ignored);
        if let Some(p) = jobboard::posting::parse(source, &config, &mut report) {
            postings.push(p);
        }
    }
    times.push(("parse".into(), start.elapsed()));

    // The parts of the scan, alone.
    let start = Instant::now();
    for p in &postings {
        let events =
            pulldown_cmark::Parser::new_ext(&p.body.markdown, jobboard::markdown::options());
        std::hint::black_box(events.count());
    }
    times.push(("  of which: Markdown events".into(), start.elapsed()));
    let prose: Vec<String> = postings
        .iter()
        .map(|p| BodyText::scan(&p.body.markdown, p.body.line, &cx.lexicon).prose)
        .collect();
    let start = Instant::now();
    for text in &prose {
        std::hint::black_box(cx.lexicon.scan(text));
    }
    times.push(("  of which: lexicon".into(), start.elapsed()));
    // The signature as the scan makes it: the scan with it, less the scan
    // without it (the same Markdown events for both).
    let events: Vec<_> = postings
        .iter()
        .map(|p| jobboard::markdown::events(&p.body.markdown))
        .collect();
    let scan_all = |sign: bool| {
        let start = Instant::now();
        for (p, events) in postings.iter().zip(&events) {
            let md = &p.body.markdown;
            std::hint::black_box(BodyText::from_events(
                md,
                p.body.line,
                events,
                &cx.lexicon,
                sign,
            ));
        }
        start.elapsed()
    };
    let (signed, unsigned) = (scan_all(true), scan_all(false));
    drop(events);
    times.push((
        "  of which: signature".into(),
        signed.saturating_sub(unsigned),
    ));
    let start = Instant::now();
    for text in &prose {
        std::hint::black_box(jobboard::unicode::bad_char(text));
    }
    times.push(("  (parse) of which: characters".into(), start.elapsed()));
    drop(prose);

    let start = Instant::now();
    let bodies: Vec<BodyText> = postings
        .iter()
        .map(|p| {
            let mut body = BodyText::scan(&p.body.markdown, p.body.line, &cx.lexicon);
            body.title_hits = cx.lexicon.scan(&p.title);
            body
        })
        .collect();
    times.push(("scan (Markdown, lexicon, words)".into(), start.elapsed()));

    let mut found = 0usize;
    for rule in POSTING_RULES {
        let start = Instant::now();
        let mut out: Vec<Finding> = Vec::new();
        for (p, body) in postings.iter().zip(&bodies) {
            rule.check(p, body, &cx, &mut Sink::new(&p.file, rule.id(), &mut out));
        }
        found += out.len();
        let name = format!(
            "{} ({})",
            rule.id(),
            std::any::type_name_of_val(*rule)
                .rsplit("::")
                .next()
                .unwrap_or("")
        );
        times.push((name, start.elapsed()));
    }
    let signatures: Vec<_> = bodies.iter().map(|b| b.signature).collect();
    drop(bodies);
    for (p, signature) in postings.iter_mut().zip(signatures) {
        p.keys.set_similar(signature);
    }
    let all: Vec<&jobboard::posting::Posting> = postings.iter().collect();
    for rule in BOARD_RULES {
        let start = Instant::now();
        let mut out = Vec::new();
        rule.check(&all, &cx, &mut out);
        found += out.len();
        times.push((format!("{} (across the board)", rule.id()), start.elapsed()));
    }

    let total: Duration = times
        .iter()
        .filter(|(name, _)| !name.starts_with("  "))
        .map(|(_, t)| *t)
        .sum();
    println!(
        "{} postings, {found} findings; one thread, {:.0} ms in all",
        postings.len(),
        total.as_secs_f64() * 1e3
    );
    for (name, t) in &times {
        println!(
            "{:>8.1} ms {:>5.1}%  {name}",
            t.as_secs_f64() * 1e3,
            100.0 * t.as_secs_f64() / total.as_secs_f64()
        );
    }
    Ok(())
}
