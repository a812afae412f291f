//! The labelled corpus: postings a PSF reviewer would approve, and postings
//! they would reject or question, each labelled with the verdict and the
//! rule that should catch it (`tests/fixtures/reviewed/labels.tsv`). The
//! check is measured as a reviewer would measure it: no false error on an
//! approvable posting, few notices on them, and nearly every rejectable one
//! caught by the right rule.
//!
//! The table is printed with the test's output (`cargo test --test reviewed
//! -- --nocapture` shows it when the test passes).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use common::{fixtures, jobboard, read};

struct Label {
    reviewer: String,
    verdict: String,
    rules: BTreeSet<String>,
}

fn labels() -> BTreeMap<String, Label> {
    let text = read(fixtures().join("reviewed/labels.tsv"));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file\treviewer\tverdict\trules\twhy"),
        "labels.tsv header"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "{line}");
            assert!(["approve", "reject"].contains(&cols[1]), "{line}");
            assert!(
                ["ready", "needs-reading", "likely-reject"].contains(&cols[2]),
                "{line}"
            );
            let rules = cols[3]
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty() && *r != "-")
                .map(str::to_string)
                .collect();
            (
                cols[0].to_string(),
                Label {
                    reviewer: cols[1].into(),
                    verdict: cols[2].into(),
                    rules,
                },
            )
        })
        .collect()
}

/// What the tool said of each posting: its verdict, and the rules that gave
/// an error or a notice.
fn judged() -> BTreeMap<String, (String, BTreeSet<String>)> {
    let root = fixtures().join("reviewed");
    let out = jobboard(&root)
        .args(["check", "--format", "review"])
        .output()
        .expect("run");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    doc["postings"]
        .as_array()
        .expect("postings")
        .iter()
        .map(|p| {
            let fired = p["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .filter(|f| f["severity"] == "error" || f["severity"] == "notice")
                .filter_map(|f| f["rule"].as_str().map(str::to_string))
                .collect();
            (
                p["file"].as_str().expect("file").to_string(),
                (p["verdict"].as_str().expect("verdict").to_string(), fired),
            )
        })
        .collect()
}

#[test]
fn the_check_judges_postings_as_reviewers_do() {
    let labels = labels();
    let judged = judged();
    let files: BTreeSet<&String> = judged.keys().collect();
    let labelled: BTreeSet<&String> = labels.keys().collect();
    assert_eq!(files, labelled, "every posting is labelled, once");

    let approvable = labels.values().filter(|l| l.reviewer == "approve").count();
    let rejectable = labels.len() - approvable;
    assert!(
        approvable >= 30 && rejectable >= 30,
        "{approvable} approvable, {rejectable} rejectable"
    );

    let verdicts = ["ready", "needs-reading", "likely-reject"];
    let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut false_errors = Vec::new();
    let mut noticed = Vec::new();
    let mut missed = Vec::new();
    let mut as_labelled = 0;
    // Per rule: caught, missed (on postings labelled with it), and fired on
    // approvable postings.
    let mut per_rule: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for (file, label) in &labels {
        let (verdict, fired) = &judged[file];
        *confusion
            .entry((label.reviewer.as_str(), verdict.as_str()))
            .or_default() += 1;
        if *verdict == label.verdict {
            as_labelled += 1;
        }
        if label.reviewer == "approve" {
            match verdict.as_str() {
                "likely-reject" => false_errors.push(format!("{file}: {fired:?}")),
                "needs-reading" => noticed.push(format!("{file}: {fired:?}")),
                _ => {}
            }
            for rule in fired {
                per_rule.entry(rule.clone()).or_default()[2] += 1;
            }
        } else {
            let caught = label.rules.iter().any(|r| fired.contains(r));
            if !caught {
                missed.push(format!("{file}: wanted {:?}, got {fired:?}", label.rules));
            }
            for rule in &label.rules {
                per_rule.entry(rule.clone()).or_default()[usize::from(!fired.contains(rule))] += 1;
            }
        }
    }

    let mut table = String::from("\nreviewer × check    ");
    for v in verdicts {
        let _ = write!(table, "{v:>15}");
    }
    for reviewer in ["approve", "reject"] {
        let _ = write!(table, "\n{reviewer:<20}");
        for v in verdicts {
            let _ = write!(table, "{:>15}", confusion.get(&(reviewer, v)).unwrap_or(&0));
        }
    }
    let caught = rejectable - missed.len();
    let _ = write!(
        table,
        "\n\napprovable: {approvable}, with an error: {}, with a notice: {} ({:.0}%)\n\
         rejectable: {rejectable}, caught by the right rule: {caught} ({:.0}%)\n\
         verdict as labelled: {as_labelled} of {}\n\nrule               caught  missed  on approvable\n",
        false_errors.len(),
        noticed.len(),
        100.0 * noticed.len() as f64 / approvable as f64,
        100.0 * caught as f64 / rejectable as f64,
        labels.len(),
    );
    for (rule, [hit, miss, wrong]) in &per_rule {
        let _ = writeln!(table, "{rule:<18} {hit:>7} {miss:>7} {wrong:>14}");
    }
    for line in noticed
        .iter()
        .map(|l| format!("notice on approvable: {l}"))
        .chain(missed.iter().map(|l| format!("missed: {l}")))
    {
        let _ = writeln!(table, "{line}");
    }
    println!("{table}");

    assert!(
        false_errors.is_empty(),
        "errors on approvable postings: {false_errors:#?}{table}"
    );
    assert!(
        noticed.len() * 10 <= approvable,
        "notices on more than 10% of approvable postings{table}"
    );
    assert!(
        caught * 10 >= rejectable * 9,
        "fewer than 90% of rejectable postings caught{table}"
    );
}

/// The project's corpus of real-looking approved postings: no error, and
/// notices on at most one in ten.
#[test]
fn approved_style_postings_get_no_errors_and_few_notices() {
    let root = fixtures().join("corpus");
    let out = jobboard(&root)
        .args(["check", "--format", "review"])
        .output()
        .expect("run");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let postings = doc["postings"].as_array().expect("postings");
    let count = |v: &str| postings.iter().filter(|p| p["verdict"] == v).count();
    assert_eq!(count("likely-reject"), 0, "{doc:#}");
    assert!(count("needs-reading") * 10 <= postings.len(), "{doc:#}");
}
