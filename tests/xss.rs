//! No script reaches a reader: a corpus of XSS vectors goes into every field
//! and every body, and no output context lets anything executable through.

mod common;

use std::collections::BTreeMap;

use common::{board_with, findings, jobboard, tree};

fn corpus() -> Vec<String> {
    let text = std::fs::read_to_string(common::fixtures().join("xss/vectors.txt")).expect("corpus");
    jobboard::fuzz::vectors(&text)
}

/// The tags of an HTML page (the text between `<` and `>`; escaped text has no `<`).
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or_default())
}

/// Elements our templates and the sanitizer can write.
#[rustfmt::skip]
const ELEMENTS: &[&str] = &[
    "!doctype", "html", "head", "meta", "title", "link", "body", "a", "header", "nav", "main",
    "footer", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "li", "span", "time",
    "label", "input", "article", "dl", "dt", "dd", "section", "script", "em", "strong", "del",
    "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "sup",
    "img", "b", "i", "s", "u", "small", "sub", "mark", "abbr", "cite", "kbd", "q", "var", "wbr",
    "tt", "strike", "center", "details", "summary", "figure", "figcaption", "caption", "col",
    "colgroup", "data", "dfn", "ins", "rp", "rt", "rtc", "ruby", "samp", "bdi", "bdo", "acronym",
    "aside", "hgroup", "area", "map",
];

/// What on an HTML page could run: a script that is not ours, an element we
/// never write, an event handler, a style, a refresh, a dangerous address.
fn page_problems(path: &str, html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = html.to_ascii_lowercase();
    for tag in tags(&lower) {
        let tag = tag.trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        if name.is_empty() {
            continue;
        }
        if !ELEMENTS.contains(&name.as_str()) {
            problems.push(format!("{path}: <{name}>"));
        }
        if name == "script"
            && !(tag == "script"
                || tag.starts_with("script type=\"application/ld+json\"")
                || tag.contains("static/search.js\" defer")
                || tag.contains("static/expiry.js\" defer"))
        {
            problems.push(format!("{path}: <{tag}>"));
        }
        // The one refresh the site has: its own, fixed, from the job pages'
        // folder to the listing.
        let own_refresh = path == "jobs/index.html"
            && tag == "meta http-equiv=\"refresh\" content=\"0; url=../index.html\"";
        for (attribute, value) in jobboard::fuzz::attributes(tag) {
            if own_refresh && attribute == "http-equiv" {
                continue;
            }
            if attribute.starts_with("on")
                || [
                    "style",
                    "srcdoc",
                    "formaction",
                    "http-equiv",
                    "action",
                    "xlink:href",
                ]
                .contains(&attribute.as_str())
            {
                problems.push(format!("{path}: attribute {attribute} in <{tag}>"));
            }
            // Addresses that run or smuggle.
            let value: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            let dangerous = ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"]
                .iter()
                .any(|s| value.starts_with(s));
            if [
                "href",
                "src",
                "content",
                "action",
                "poster",
                "background",
                "cite",
            ]
            .contains(&attribute.as_str())
                && dangerous
            {
                problems.push(format!("{path}: {attribute}={value}"));
            }
        }
    }
    // The JSON-LD block: valid JSON that cannot end its script early.
    if let Some(start) = html.find("<script type=\"application/ld+json\">") {
        let body = &html[start + 35..];
        let end = body.find("</script>").unwrap_or(body.len());
        let json = &body[..end];
        if json.contains('<') || json.contains('>') {
            problems.push(format!("{path}: < or > inside JSON-LD"));
        }
        if serde_json::from_str::<serde_json::Value>(json).is_err() {
            problems.push(format!("{path}: JSON-LD does not parse"));
        }
    }
    problems
}

fn feed_problems(path: &str, xml: &[u8]) -> Vec<String> {
    let channel = match rss::Channel::read_from(xml) {
        Ok(channel) => channel,
        Err(err) => return vec![format!("{path}: not RSS: {err}")],
    };
    channel
        .items()
        .iter()
        .filter_map(|item| {
            jobboard::fuzz::executable(item.description().unwrap_or_default())
                .map(|p| format!("{path}: {p}"))
        })
        .collect()
}

fn site_problems(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in files {
        if path.ends_with(".html") {
            problems.extend(page_problems(path, &String::from_utf8_lossy(bytes)));
        } else if path.ends_with("feed.xml") {
            problems.extend(feed_problems(path, bytes));
        } else if path.starts_with("search/") {
            // The search index: each file hands one JSON value to the
            // theme's script, and is nothing else.
            let text = String::from_utf8_lossy(bytes);
            let json = text
                .strip_prefix("jobboardSearch(")
                .and_then(|t| t.strip_suffix(");\n"));
            if json.is_none_or(|j| serde_json::from_str::<serde_json::Value>(j).is_err()) {
                problems.push(format!("{path}: not one call with JSON"));
            }
        } else if path.ends_with(".json")
            && serde_json::from_slice::<serde_json::Value>(bytes).is_err()
        {
            problems.push(format!("{path}: not JSON"));
        } else if path == "sitemap.xml"
            && String::from_utf8_lossy(bytes).matches("<loc>").count()
                != String::from_utf8_lossy(bytes).matches("</loc>").count()
        {
            problems.push(format!("{path}: broken XML"));
        }
    }
    problems
}

#[test]
fn the_corpus_is_large_and_the_oracle_sees_attacks() {
    let vectors = corpus();
    assert!(vectors.len() >= 300, "{} vectors", vectors.len());
    // The oracle is not blind: raw vectors on a page are caught.
    let caught = vectors
        .iter()
        .filter(|v| !page_problems("raw", v).is_empty())
        .count();
    assert!(
        caught * 2 > vectors.len(),
        "the oracle catches only {caught} raw vectors"
    );
}

#[test]
fn no_vector_survives_in_any_output_even_with_the_rules_ignored() {
    let vectors = corpus();
    let files = jobboard::fuzz::hostile_site(&vectors).expect("site");
    let pages = files.keys().filter(|p| p.starts_with("jobs/")).count();
    assert!(
        pages * 10 >= vectors.len() * 2 * 9,
        "most postings parse and render: {pages} job pages"
    );
    let problems = site_problems(&files);
    assert!(
        problems.is_empty(),
        "{} problems, such as {:#?}",
        problems.len(),
        &problems[..problems.len().min(20)]
    );
    // The text reaches readers as text: a vector in a title shows, escaped.
    let some = files
        .get("jobs/hostile-0000-fields/index.html")
        .expect("page");
    assert!(String::from_utf8_lossy(some).contains("Python &lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn the_real_build_of_what_passes_the_check_is_clean_too() {
    let vectors = corpus();
    // The vector in every free-text field; a body of its own that passes.
    let q = |v: &str| jobboard::posting::scalar(v);
    let postings: Vec<(String, String)> = vectors
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let text = format!(
                "---\ntitle: {}\ncompany: {}\nlocation:\n  city: {}\n  region: {}\n  country: GB\nremote: hybrid\ntype: [full-time]\ncategory: web\napply: https://jobs.example/{i}\ncontact:\n  name: {}\nposted: 2026-11-20\n---\nOpening {i}. We build a booking system for theatres and write Python every day: Django for the shop, Celery for the queue, pytest for everything. You join three engineers and review code together. We pay a fair salary and give four weeks of paid leave and a learning budget to everyone.\n",
                q(&format!("Python {v}")), q(&format!("{v} {i}")), q(v), q(v), q(v)
            );
            (format!("hostile-{i:04}.md"), text)
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = postings
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    let board = board_with(&refs);
    // Leave out what the check refuses (the build would refuse it anyway).
    let refused: std::collections::BTreeSet<String> = findings(board.path())
        .iter()
        .filter(|f| f["severity"] == "error")
        .filter_map(|f| f["file"].as_str().map(str::to_string))
        .collect();
    for file in &refused {
        std::fs::remove_file(board.path().join(file)).expect("rm");
    }
    let kept = postings.len() - refused.len();
    assert!(
        kept * 2 > postings.len(),
        "only {kept} postings pass the check"
    );
    jobboard(board.path()).arg("build").assert().success();
    let files = tree(&board.path().join("site"));
    let problems = site_problems(&files);
    assert!(problems.is_empty(), "{problems:#?}");
}
