//! The full-text search index (`search/`): written with the site, of the
//! live postings only, split into files a browser loads as scripts, left
//! alone by a build that changes nothing.

mod common;

use std::collections::BTreeMap;

use common::{board, jobboard, read, tree};
use predicates::prelude::*;

/// The JSON value a file of the index hands to `jobboardSearch`.
fn data(bytes: &[u8]) -> serde_json::Value {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let json = text
        .strip_prefix("jobboardSearch(")
        .and_then(|t| t.strip_suffix(");\n"))
        .expect("one call");
    serde_json::from_str(json).expect("JSON")
}

fn index_of(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, serde_json::Value> {
    site.iter()
        .filter(|(path, _)| path.starts_with("search/"))
        .map(|(path, bytes)| (path.clone(), data(bytes)))
        .collect()
}

/// The index's files under `prefix` that `serve` serves now.
fn served_under(
    served: &jobboard::serve::Served,
    prefix: &str,
) -> BTreeMap<String, serde_json::Value> {
    let files = served.read().expect("files");
    files
        .iter()
        .filter(|(path, _)| path.starts_with(prefix))
        .map(|(path, bytes)| (path.clone(), data(bytes)))
        .collect()
}

/// `serve`'s builder for a board at the tests' day, and the files it serves.
fn serve_builder(root: &std::path::Path) -> (jobboard::serve::Builder, jobboard::serve::Served) {
    let today = chrono::NaiveDate::parse_from_str(common::TODAY, "%Y-%m-%d").expect("day");
    let builder = jobboard::serve::Builder::new(root.to_path_buf(), Some(today));
    let served = builder.served();
    (builder, served)
}

/// Every word of the index's word list.
fn words(index: &BTreeMap<String, serde_json::Value>) -> Vec<String> {
    index
        .iter()
        .filter(|(path, _)| path.starts_with("search/words/"))
        .flat_map(|(_, part)| part["words"].as_array().cloned().unwrap_or_default())
        .map(|entry| entry[0].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_index_holds_the_live_postings_and_nothing_else() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let index = index_of(&tree(&board.path().join("site")));
    let head = &index["search/index.js"];
    assert_eq!(head["jobs"], 3);
    assert_eq!(head["built"], "2026-11-21");
    let jobs: Vec<&str> = (0..3)
        .map(|n| {
            index[&format!("search/jobs/{n}.js")]["url"]
                .as_str()
                .expect("url")
        })
        .collect();
    assert_eq!(
        jobs,
        [
            "jobs/remote-data-engineer/index.html",
            "jobs/leeds-backend-developer/index.html",
            "jobs/zurich-teaching-assistant/index.html"
        ],
        "newest first, as the listing"
    );
    assert!(!index.contains_key("search/jobs/3.js"));
    let words = words(&index);
    assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    // Folded: "Zürich" and "Zürcher" are found typed without accents.
    for word in ["zurich", "zurcher", "pytest", "homework", "internship"] {
        assert!(words.iter().any(|w| w == word), "{word}");
    }
    // The expired posting's own words ("Hypothesis", "Oldcorp") are not there.
    assert!(!words.iter().any(|w| w == "hypothesis" || w == "oldcorp"));
    assert!(!words.iter().any(|w| w == "the"), "stop words are left out");
    // The job's file has the card's labels and the description as text.
    let zurich = &index["search/jobs/2.js"];
    assert_eq!(zurich["title"], "Python Teaching Assistant");
    assert_eq!(zurich["agency"], true);
    let text = zurich["text"].as_str().expect("text");
    assert!(text.starts_with("Help adult learners write their first Python programs"));
    assert!(
        !text.contains('|') && !text.contains('<'),
        "text, not Markdown or HTML"
    );
}

#[test]
fn a_filter_lists_its_jobs_for_its_page_to_search_within() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    let index = index_of(&tree(&site));
    // Job 2 (newest first) is the one in Switzerland: one gap of 2, "C".
    assert_eq!(index["search/in/country/ch.js"]["jobs"], "C");
    let page = read(site.join("country/ch/index.html"));
    assert!(page.contains("data-in=\"../../search/in/country/ch.js\""));
    assert!(page.contains("data-index=\"../../search/index.js\""));
    let main = read(site.join("index.html"));
    assert!(
        !main.contains("data-in="),
        "the main listing searches everything"
    );
}

#[test]
fn a_build_with_nothing_changed_rewrites_no_index_file() {
    use std::os::unix::fs::MetadataExt;
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    let stamps = || -> BTreeMap<String, (u64, i64, i64)> {
        tree(&site)
            .into_keys()
            .filter(|p| p.starts_with("search/"))
            .map(|p| {
                let meta = std::fs::metadata(site.join(&p)).expect("meta");
                (p, (meta.ino(), meta.mtime(), meta.mtime_nsec()))
            })
            .collect()
    };
    let before = stamps();
    assert!(before.len() > 5, "{before:?}");
    jobboard(board.path())
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains("0 changed"));
    assert_eq!(before, stamps());
}

#[test]
fn the_search_box_snapshot() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    let box_of = |path: &str| {
        let page = read(site.join(path));
        let start = page.find("<div class=\"search\"").expect("search box");
        let end = start + page[start..].find("</div>").expect("end") + "</div>".len();
        let script = page
            .lines()
            .find(|l| l.contains("static/search.js"))
            .expect("script")
            .to_string();
        format!("{}\n{script}", &page[start..end])
    };
    insta::assert_snapshot!("search_box_main", box_of("index.html"));
    insta::assert_snapshot!("search_box_filter", box_of("type/internship/index.html"));
}

/// `serve` keeps each job's words between rebuilds; after an edit its index
/// is still exactly what a clean build of the edited board writes.
#[test]
fn serve_reuses_the_words_of_unchanged_jobs_and_gets_the_same_index() {
    let board = board("basic");
    let (mut builder, served) = serve_builder(board.path());
    let index_served = || served_under(&served, "search/");
    let index_built = || {
        jobboard(board.path()).arg("build").assert().success();
        index_of(&tree(&board.path().join("site")))
    };
    assert!(matches!(
        builder.rebuild(),
        jobboard::serve::Outcome::Built { .. }
    ));
    assert_eq!(index_served(), index_built());

    // An edit to one posting: a word only it has now.
    let postings = board.path().join("postings");
    let file = std::fs::read_dir(&postings)
        .expect("postings")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| read(p).contains("Python") && !read(p).contains("expires"))
        .expect("a posting");
    let text = read(&file).replacen("Python", "Python and Quetzalcoatlus", 1);
    std::fs::write(&file, text).expect("edit");
    let name = format!(
        "postings/{}",
        file.file_name().expect("name").to_string_lossy()
    );
    // Rebuilds after a change to the posting; the served index must be
    // what a clean build of the board writes.
    let mut rebuild_as_built = || {
        assert!(matches!(
            builder.rebuild_after(std::slice::from_ref(&name)),
            jobboard::serve::Outcome::Built { .. }
        ));
        let served_now = index_served();
        assert_eq!(served_now, index_built());
        served_now
    };
    assert!(words(&rebuild_as_built()).contains(&"quetzalcoatlus".to_string()));

    // And back: the word no job has now leaves the list.
    std::fs::write(
        &file,
        read(&file).replacen("Python and Quetzalcoatlus", "Python", 1),
    )
    .expect("edit back");
    assert!(!words(&rebuild_as_built()).contains(&"quetzalcoatlus".to_string()));

    // Made newest: every job between its old place and the top moves.
    let moved = read(&file)
        .lines()
        .map(|line| {
            if line.starts_with("posted:") {
                format!("posted: {}", common::TODAY)
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, moved + "\n").expect("move");
    rebuild_as_built();

    // Taken away and put back: the listing is shorter, then longer.
    let text = read(&file);
    std::fs::remove_file(&file).expect("remove");
    rebuild_as_built();
    std::fs::write(&file, text).expect("put back");
    rebuild_as_built();
}

/// `serve` finds the filters of the last rebuild again while no job's
/// type, category, place or tags change; an edit of one of those makes them
/// afresh. Either way the filters' files are what a clean build writes.
#[test]
fn serve_keeps_the_filters_only_while_no_job_changes_them() {
    let board = board("basic");
    let (mut builder, served) = serve_builder(board.path());
    // Each filter's listing and its list of jobs, as served and as built.
    let filters_served = || served_under(&served, "search/in/");
    let filters_built = || -> BTreeMap<String, serde_json::Value> {
        jobboard(board.path()).arg("build").assert().success();
        index_of(&tree(&board.path().join("site")))
            .into_iter()
            .filter(|(path, _)| path.starts_with("search/in/"))
            .collect()
    };
    assert!(matches!(
        builder.rebuild(),
        jobboard::serve::Outcome::Built { .. }
    ));
    let before = filters_served();
    assert_eq!(before, filters_built());
    assert!(before.contains_key("search/in/tag/django.js"));

    let file = board.path().join("postings/leeds-backend-developer.md");
    let name = "postings/leeds-backend-developer.md".to_string();
    let mut edit = |from: &str, to: &str| {
        let text = read(&file);
        assert!(text.contains(from), "{from}");
        std::fs::write(&file, text.replacen(from, to, 1)).expect("edit");
        assert!(matches!(
            builder.rebuild_after(std::slice::from_ref(&name)),
            jobboard::serve::Outcome::Built { .. }
        ));
        let now = filters_served();
        assert_eq!(now, filters_built(), "after {from} -> {to}");
        // And the filters' own listings: the same pages as a build's.
        let listings = |paths: Vec<String>| -> std::collections::BTreeSet<String> {
            paths
                .into_iter()
                .filter(|p| p.starts_with("tag/") || p.starts_with("type/"))
                .collect()
        };
        let served_paths = listings(served.read().expect("files").keys().cloned().collect());
        let built_paths = listings(tree(&board.path().join("site")).into_keys().collect());
        assert_eq!(served_paths, built_paths, "after {from} -> {to}");
        now
    };
    // The description only: the same filters.
    assert_eq!(edit("Django", "Django and Flask"), before);
    // A tag renamed, then a type: other filters.
    let renamed = edit("tags: [django, fastapi]", "tags: [flask, fastapi]");
    assert!(renamed.contains_key("search/in/tag/flask.js"));
    assert!(!renamed.contains_key("search/in/tag/django.js"));
    let retyped = edit("type: [full-time]", "type: [contract]");
    assert_ne!(retyped, renamed);
}
