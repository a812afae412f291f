//! The adversarial set: postings written to break the tool or to slip past
//! the reviewer, each as a real file on a real board. For every one the
//! check must refuse with a clear message at a position inside the file
//! (never a panic, never Rust's own words), reports must not let the text
//! act on a terminal, a build must refuse and write nothing, and with every
//! rule ignored the site made from them must still be valid: feeds XML can
//! read, JSON that parses.

mod common;

use std::time::Duration;

use common::{board_with, jobboard};

/// The fields of a plain, valid posting, with the title and company given.
fn posting_with(title: &str, company: &str, body: &str) -> Vec<u8> {
    format!(
        "---\ntitle: {title}\ncompany: {company}\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://acme.example/jobs/1\nposted: 2026-11-20\n---\n{body}\n"
    )
    .into_bytes()
}

const BODY: &str = "We build booking software for small theatres and write Python every day with Django, Celery and pytest. You will join three engineers, review code and talk with the box office about what they need. We pay a fair salary with four weeks of paid leave and a yearly learning budget for books and courses.";

/// (file name, bytes, the rule that must refuse it).
fn cases() -> Vec<(String, Vec<u8>, &'static str)> {
    let mut cases: Vec<(String, Vec<u8>, &str)> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, rule: &'static str| {
        cases.push((format!("{name}.md"), bytes, rule));
    };
    // Control characters and noncharacters that YAML escapes let through.
    for (name, escape) in [
        ("backspace", "\\b"),
        ("vertical-tab", "\\v"),
        ("escape", "\\e"),
        ("nul-escape", "\\0"),
        ("nonchar", "\\uFFFE"),
        ("bell", "\\a"),
        ("c1-control", "\\x85"),
        ("line-separator", "\\L"),
    ] {
        add(
            &format!("title-{name}"),
            posting_with(&format!("\"Python Engineer {escape} x\""), "Acme", BODY),
            "file",
        );
        add(
            &format!("company-{name}"),
            posting_with("Python Engineer", &format!("\"Acme {escape}\""), BODY),
            "file",
        );
    }
    // Text that hides or reorders itself.
    for (name, text) in [
        ("bidi-override", "Python Dev\u{202E}repoleveD"),
        ("bidi-isolate", "Python \u{2066}Dev\u{2069}"),
        ("zero-width", "Py\u{200B}thon Developer"),
        ("word-joiner", "Python\u{2060} Developer"),
        ("soft-hyphen", "Py\u{AD}thon Developer"),
        (
            "invisible-title",
            "\u{3164}\u{3164}\u{3164}\u{3164}\u{3164}",
        ),
        ("tag-characters", "Python \u{E0041}\u{E0042} Developer"),
    ] {
        add(
            &format!("hidden-{name}"),
            posting_with(text, "Acme", BODY),
            "file",
        );
    }
    add(
        "hidden-in-body",
        posting_with(
            "Python Developer",
            "Acme",
            &format!("{BODY} un\u{200B}paid"),
        ),
        "file",
    );
    // Look-alike names.
    add(
        "homoglyph-company",
        posting_with("Python Developer", "\u{410}cme Analytics", BODY),
        "mixed-script",
    );
    add(
        "fullwidth-company",
        posting_with("Python Developer", "\u{FF21}\u{FF43}\u{FF4D}\u{FF45}", BODY),
        "mixed-script",
    );
    add(
        "greek-omicron",
        posting_with("Pyth\u{3BF}n Developer", "Acme", BODY),
        "mixed-script",
    );
    // Hostile YAML.
    let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("l{}", i - 1)
        };
        bomb.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    bomb.push_str("---\nbody\n");
    add("alias-bomb", bomb.into_bytes(), "front-matter");
    let anchors: String = (0..80).map(|i| format!("k{i}: &k{i} v\n")).collect();
    add(
        "many-anchors",
        format!("---\n{anchors}---\nbody\n").into_bytes(),
        "front-matter",
    );
    add(
        "deep-nesting",
        format!("---\ntitle: {}\n---\nbody\n", "[".repeat(300)).into_bytes(),
        "front-matter",
    );
    add(
        "custom-tag",
        posting_with("!python Python Developer", "Acme", BODY),
        "front-matter",
    );
    add(
        "binary-tag",
        posting_with("!!binary UHl0aG9uIERldmVsb3Blcg==", "Acme", BODY),
        "front-matter",
    );
    add(
        "unclosed-list",
        posting_with("[Python Developer", "Acme", BODY),
        "front-matter",
    );
    add(
        "lone-cr",
        String::from_utf8(posting_with("Python Developer", "Acme", BODY))
            .unwrap_or_default()
            .replace('\n', "\r")
            .into_bytes(),
        "front-matter",
    );
    add(
        "mixed-line-ends",
        String::from_utf8(posting_with("Python Developer", "Acme", BODY))
            .unwrap_or_default()
            .replacen("\n", "\r", 3)
            .into_bytes(),
        "front-matter",
    );
    add(
        "merge-keys",
        b"---\nbase: &b {title: Python Developer}\n<<: *b\n<<: *b\n---\nbody\n".to_vec(),
        "unknown-field",
    );
    add(
        "duplicate-key",
        posting_with("Python Developer\ntitle: Again", "Acme", BODY),
        "front-matter",
    );
    add(
        "nul-byte",
        posting_with("Python\0Developer", "Acme", BODY),
        "file",
    );
    cases
}

#[test]
fn every_hostile_posting_is_refused_clearly_where_it_is() {
    let cases = cases();
    let refs: Vec<(&str, &[u8])> = cases
        .iter()
        .map(|(n, b, _)| (n.as_str(), b.as_slice()))
        .collect();
    let board = board_with(&refs);
    let out = jobboard(board.path())
        .args(["check", "--format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut problems = Vec::new();
    for (name, bytes, rule) in &cases {
        let file = format!("postings/{name}");
        let lines = bytes.split(|b| *b == b'\n').count() as u64;
        let mine: Vec<&serde_json::Value> = found.iter().filter(|f| f["file"] == file).collect();
        if !mine
            .iter()
            .any(|f| f["rule"] == *rule && f["severity"] == "error")
        {
            problems.push(format!("{name}: no {rule} error in {mine:?}"));
        }
        for f in &mine {
            let line = f["line"].as_u64().unwrap_or(0);
            let message = f["message"].as_str().unwrap_or_default();
            if line == 0 || line > lines.max(1) {
                problems.push(format!("{name}: line {line} is outside the file: {f}"));
            }
            // Rust's own words are no message for a submitter.
            for debug in [
                "Breach",
                "Some(",
                "Err(",
                "Ok(",
                " { ",
                "budget breached",
                "tagged scalar",
            ] {
                if message.contains(debug) {
                    problems.push(format!("{name}: {message}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");

    // What a person sees: nothing that acts on a terminal.
    let human = jobboard(board.path()).arg("check").output().expect("run");
    let text = String::from_utf8_lossy(&human.stdout);
    for c in [
        '\u{1b}', '\u{8}', '\u{202E}', '\u{2066}', '\u{200B}', '\u{85}', '\u{7}',
    ] {
        assert!(!text.contains(c), "{:?} reached the terminal", c);
    }
    // A build refuses, and writes nothing.
    jobboard(board.path()).arg("build").assert().code(1);
    assert!(!board.path().join("site").exists());
}

/// File and folder names are the submitter's too: an escape sequence in one
/// cannot clear the screen or retitle the window in any command's output.
#[test]
#[cfg(unix)]
fn names_with_escape_sequences_cannot_act() {
    let body = posting_with("Python Developer", "Acme", BODY);
    let board = board_with(&[("\u{1b}]0;pwned\u{7}x.md", &body)]);
    // An expired posting in a folder with an escape in its name: prune
    // names it.
    common::write(
        board.path(),
        "postings/\u{1b}[2J/old-job.md",
        String::from_utf8_lossy(&posting_with("Python Developer", "Old Co", BODY))
            .replace("2026-11-20", "2026-06-01")
            .as_bytes(),
    );
    for args in [
        &["check"][..],
        &["check", "--format", "github"],
        &["build"],
        &["prune", "--dry-run"],
        &["prune"],
    ] {
        let out = jobboard(board.path()).args(args).output().expect("run");
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{args:?}: {text:?}"
            );
        }
    }
}

/// Whatever a check lets through, the writers keep their formats: the
/// postings above rendered with every rule ignored (as `jobboard::fuzz`
/// does) give feeds that a strict XML reader accepts, and JSON that parses.
#[test]
fn the_writers_keep_their_formats_whatever_they_are_given() {
    let vectors: Vec<String> = [
        "\u{8}",
        "\u{b}",
        "\u{1b}[2J",
        "\u{0}",
        "\u{FFFE}",
        "\u{85}",
        "\u{202E}",
        "\u{200B}",
        "\u{2028}",
        "a\rb",
    ]
    .iter()
    .map(|v| format!("Python {v} Developer"))
    .collect();
    let files = jobboard::fuzz::hostile_site_unchecked(&vectors).expect("site");
    let mut problems = Vec::new();
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".xml") {
            if let Some(c) = text.chars().find(|c| !is_xml_char(*c)) {
                problems.push(format!("{path}: U+{:04X} is not XML", u32::from(c)));
            }
            if path.ends_with("feed.xml") && rss::Channel::read_from(bytes.as_slice()).is_err() {
                problems.push(format!("{path}: not RSS"));
            }
        }
        if path.ends_with(".json") && serde_json::from_slice::<serde_json::Value>(bytes).is_err() {
            problems.push(format!("{path}: not JSON"));
        }
        if let Some(at) = text
            .find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .filter(|_| path.ends_with(".html"))
        {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(60)
                .map_or(0, |(i, _)| i);
            problems.push(format!(
                "{path}: a control character in HTML: {:?}",
                &text[from..(at + 4).min(text.len())]
            ));
        }
    }
    assert!(files.keys().any(|p| p.ends_with("feed.xml")));
    assert!(problems.is_empty(), "{problems:#?}");
}

/// XML 1.0's `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
