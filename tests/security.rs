//! Postings come from strangers: nothing they write may read or write outside
//! the board, hang the tools, lose a site, or run in a reader's browser.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{TODAY, board, board_with, findings, jobboard, tree, write};
use predicates::prelude::*;

const BODY: &str = "We build a booking system for small theatres and write Python every day: Django for the web shop, Celery for the ticket queue and pytest for everything. You will join three engineers, review code, and talk with the box office staff about what they need. We pay a fair salary.";

fn posting(title: &str, body: &str) -> Vec<u8> {
    format!("---\ntitle: {title}\ncompany: Stagehand\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://stagehand.example/jobs\nposted: 2026-11-20\n---\n{body}\n").into_bytes()
}

#[test]
#[cfg(unix)]
fn symlinks_never_lead_out_of_the_board() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("outside");
    write(
        outside.path(),
        "secret.md",
        &posting("Secret Python Developer", BODY),
    );
    write(
        outside.path(),
        "dir/inner.md",
        &posting("Inner Python Developer", BODY),
    );
    let board = board_with(&[("honest-job.md", &posting("Python Developer", BODY))]);
    symlink(
        outside.path().join("secret.md"),
        board.path().join("postings/linked-file.md"),
    )
    .expect("link");
    symlink(
        outside.path().join("dir"),
        board.path().join("postings/linked-dir"),
    )
    .expect("link");
    symlink(
        "../../../etc/passwd",
        board.path().join("postings/relative-link.md"),
    )
    .expect("link");
    let found = findings(board.path());
    for name in ["linked-file.md", "linked-dir", "relative-link.md"] {
        let f = found
            .iter()
            .find(|f| f["file"] == format!("postings/{name}"))
            .unwrap_or_else(|| panic!("{name}: {found:#?}"));
        assert_eq!(f["rule"], "file");
        assert!(
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("symbolic link")),
            "{f}"
        );
    }
    assert!(
        found
            .iter()
            .all(|f| !f["file"].as_str().unwrap_or_default().contains("inner")),
        "the linked folder was not entered"
    );
    jobboard(board.path()).arg("build").assert().code(1);

    // A template or a static file that links out: the build refuses, and says which.
    let board = board_with(&[("honest-job.md", &posting("Python Developer", BODY))]);
    std::fs::create_dir_all(board.path().join("templates/static")).expect("dir");
    symlink(
        outside.path().join("secret.md"),
        board.path().join("templates/static/secret.txt"),
    )
    .expect("link");
    jobboard(board.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("templates/static/secret.txt"))
        .stderr(predicate::str::contains("symbolic link"));
    assert!(!board.path().join("site").exists());
}

#[test]
fn names_cannot_clash_with_each_other_or_with_the_site() {
    let one = posting("Python Developer", BODY);
    let two = posting("Python Engineer", BODY);
    let board = board_with(&[
        ("same-name.md", &one),
        ("a/same-name.md", &two),
        ("Same-Name.md", &two),
        ("feed.md", &two),
        ("page.md", &two),
        ("static.md", &two),
    ]);
    let found = findings(board.path());
    let file_errors: Vec<String> = found
        .iter()
        .filter(|f| f["rule"] == "file")
        .map(|f| f["file"].as_str().unwrap_or_default().to_string())
        .collect();
    for name in [
        "postings/Same-Name.md",
        "postings/feed.md",
        "postings/page.md",
        "postings/static.md",
    ] {
        assert!(file_errors.iter().any(|f| f == name), "{name}: {found:#?}");
    }
    // Of the two `same-name.md`, the one found second is refused, naming the first.
    let clash = found
        .iter()
        .find(|f| {
            f["rule"] == "file"
                && f["file"]
                    .as_str()
                    .is_some_and(|n| n.ends_with("/same-name.md"))
        })
        .expect("clash");
    let other = if clash["file"] == "postings/same-name.md" {
        "postings/a/same-name.md"
    } else {
        "postings/same-name.md"
    };
    assert!(
        clash["message"].as_str().is_some_and(|m| m.contains(other)),
        "names the other file: {clash}"
    );
}

#[test]
fn the_output_stays_out_of_the_board_and_its_inputs() {
    let board = board("basic");
    for out in [".", "postings", "postings/site", "templates/site", ".."] {
        jobboard(board.path())
            .args(["build", "--out", out])
            .assert()
            .code(2);
    }
    assert!(
        board
            .path()
            .join("postings/leeds-backend-developer.md")
            .is_file()
    );
}

#[test]
fn hostile_files_get_positioned_errors_in_bounded_time() {
    let mut deep = String::from("---\ntitle: ");
    deep.push_str(&"[".repeat(5000));
    deep.push_str("\n---\nbody\n");
    let mut bomb = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 0..20 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("b{}", i - 1)
        };
        bomb.push_str(&format!("b{i}: &b{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("---\nbody\n");
    let huge_scalar = String::from_utf8(posting(&"x".repeat(200_000), BODY)).expect("utf8");
    let ten_mb = format!(
        "---\ntitle: Python Developer\n---\n{}",
        "word ".repeat(2_000_000)
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("deep-nesting.md", deep.into_bytes(), "front-matter"),
        ("alias-bomb.md", bomb.into_bytes(), "front-matter"),
        ("huge-scalar.md", huge_scalar.into_bytes(), "length"),
        ("ten-megabytes.md", ten_mb.into_bytes(), "file"),
        ("nul-byte.md", posting("Python\0Developer", BODY), "file"),
        (
            "invalid-utf8.md",
            [b"---\ntitle: Caf".as_slice(), &[0xE9], b"\n---\n"].concat(),
            "file",
        ),
        (
            "tabs-indent.md",
            b"---\ntitle: Python Developer\nlocation:\n\tcity: Leeds\n---\nbody\n".to_vec(),
            "front-matter",
        ),
        (
            "front-matter-only.md",
            b"---\ntitle: Python Developer\n---\n".to_vec(),
            "required",
        ),
        ("body-only.md", BODY.as_bytes().to_vec(), "front-matter"),
        ("only-dashes.md", b"---\n---\n---\n".to_vec(), "required"),
    ];
    let refs: Vec<(&str, &[u8])> = cases.iter().map(|(n, b, _)| (*n, b.as_slice())).collect();
    let board = board_with(&refs);
    let start = Instant::now();
    let out = jobboard(board.path())
        .args(["check", "--format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run");
    assert!(start.elapsed() < Duration::from_secs(60));
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    for (name, _, rule) in &cases {
        let f = found
            .iter()
            .find(|f| f["file"] == format!("postings/{name}") && f["rule"] == *rule);
        let f = f.unwrap_or_else(|| panic!("{name}: no {rule} finding in {found:#?}"));
        assert!(f["line"].as_u64().is_some_and(|l| l >= 1), "{f}");
    }
    // A BOM and CRLF line endings are fine.
    let crlf = [
        b"\xEF\xBB\xBF".as_slice(),
        &String::from_utf8(posting("Python Developer", BODY))
            .expect("utf8")
            .replace('\n', "\r\n")
            .into_bytes(),
    ]
    .concat();
    let board = board_with(&[("windows-file.md", &crlf)]);
    jobboard(board.path()).arg("check").assert().code(0);
}

#[test]
fn posting_text_is_never_a_template() {
    // A reviewer is told: template syntax in a posting is template text
    // left in.
    let body =
        format!("{BODY} {{{{ board.title }}}} {{% include \"base.html\" %}} {{# comment #}}");
    let board = board_with(&[(
        "template-text.md",
        &posting("Python Developer {{ 7 * 7 }}", &body),
    )]);
    jobboard(board.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[placeholder]"));
    // And rendered with every rule ignored, the text is text: no template
    // runs it, in any field or the body.
    let vectors: Vec<String> = [
        "{{ 7 * 7 }}",
        "{% include \"base.html\" %}",
        "{# comment #}",
        "{{ board.title }}",
    ]
    .iter()
    .map(|v| v.to_string())
    .collect();
    let files = jobboard::fuzz::hostile_site(&vectors).expect("site");
    let page = String::from_utf8_lossy(&files["jobs/hostile-0000-fields/index.html"]).into_owned();
    assert!(
        page.contains("Python {{ 7 * 7 }}"),
        "the title as written: {page}"
    );
    assert!(!page.contains("Python 49"), "{page}");
    let page = String::from_utf8_lossy(&files["jobs/hostile-0001-fields/index.html"]).into_owned();
    assert!(
        page.contains("{% include &quot;base.html&quot; %}")
            || page.contains("{% include \"base.html\" %}"),
        "the body as written: {page}"
    );
    assert_eq!(
        page.matches("<!DOCTYPE html>").count(),
        1,
        "nothing was included"
    );
    let page = String::from_utf8_lossy(&files["jobs/hostile-0003-fields/index.html"]).into_owned();
    assert!(page.contains("{{ board.title }}"), "{page}");
}

/// A board of `count` postings, posted on different days.
fn many_postings(root: &Path, count: usize, stamp: &str) {
    for i in 0..count {
        let day = 1 + i % 20;
        let text = format!(
            "---\ntitle: Python Developer {i}\ncompany: Company {i}\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://c{i}.example/jobs\ntags: [django]\nposted: 2026-11-{day:02}\n---\n{BODY} Opening {i}, {stamp}.\n"
        );
        write(root, &format!("postings/job-{i:04}.md"), text.as_bytes());
    }
}

#[test]
#[cfg(unix)]
fn a_build_killed_at_any_moment_leaves_a_complete_site() {
    let board = board_with(&[]);
    let root = board.path();
    many_postings(root, 600, "first");
    jobboard(root).arg("build").assert().success();
    let site = root.join("site");
    let before = tree(&site);
    many_postings(root, 600, "second");
    jobboard(root)
        .args(["build", "--out", "expected"])
        .assert()
        .success();
    let after = tree(&root.join("expected"));
    assert_ne!(before, after);
    // Kill each build while it writes: once its staging folder is there,
    // after a delay that moves through the writing on each attempt.
    let staging = |pid: u32| root.join(format!(".site.jobboard-tmp-{pid}"));
    let mut kept = (0, 0);
    let mut mid_write = 0;
    for attempt in 0..12u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jobboard"))
            .env_remove("GITHUB_REPOSITORY")
            .args(["build", "--today", TODAY, "--root"])
            .arg(root)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("build");
        let started = std::time::Instant::now();
        while !staging(child.id()).exists()
            && child.try_wait().expect("wait").is_none()
            && started.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(attempt * attempt));
        if child.try_wait().expect("wait").is_none() {
            mid_write += 1;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = tree(&site);
        if now == before {
            kept.0 += 1;
        } else if now == after {
            kept.1 += 1;
        } else {
            let names: Vec<_> = now.keys().collect();
            panic!(
                "attempt {attempt}: a site that is neither the old nor the new one ({} files): {:?}",
                now.len(),
                &names[..names.len().min(5)]
            );
        }
    }
    assert!(
        mid_write >= 3,
        "only {mid_write} of 12 builds were killed while writing"
    );
    // Then a normal build finishes the job and cleans up what the kills left.
    jobboard(root).arg("build").assert().success();
    assert_eq!(tree(&site), after);
    let names: Vec<String> = std::fs::read_dir(root)
        .expect("root")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("jobboard-")),
        "leftovers: {names:?}"
    );
    eprintln!(
        "kills: {mid_write} while writing; {} left the old site, {} the new one",
        kept.0, kept.1
    );
}

/// Bodies of 256 KiB built to make the text rules do the most work each:
/// hits everywhere, no sentence ends, lists without end. Every rule stays
/// linear, so the whole board checks in a blink; a quadratic rule would
/// take minutes.
#[test]
fn the_text_rules_stay_linear_on_hostile_bodies() {
    const SIZE: usize = 250 * 1024;
    let fill = |unit: &str| unit.repeat(SIZE / unit.len());
    let bodies = [
        ("unpaid-everywhere", fill("unpaid work and not Python ")),
        ("optional-everywhere", fill("Python is a plus, ")),
        ("brackets", fill("[Fill this] [x ")),
        ("list-of-ids", format!("Send us:\n\n{}", fill("- IBAN\n"))),
        ("bangs", fill("!!! ")),
        (
            "roles",
            format!("We are hiring:\n\n{}", fill("- Data Engineer\n")),
        ),
        ("no-spaces", fill("x")),
        ("scam-words", fill("whatsapp telegram easy money ")),
        ("caps", fill("PYTHON DEVELOPER ")),
        (
            "french",
            fill("Nous développons des logiciels en Python pour les hôpitaux. "),
        ),
        ("links", fill("[a](https://x.example) ")),
    ];
    let files: Vec<(String, Vec<u8>)> = bodies
        .iter()
        .map(|(name, body)| (format!("{name}.md"), posting("Python Developer", body)))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let board = board_with(&refs);
    let out = jobboard(board.path())
        .args(["check", "--format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run");
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    for (name, _) in &bodies {
        assert!(
            found
                .iter()
                .any(|f| f["file"] == format!("postings/{name}.md")),
            "{name}: some finding expected"
        );
    }
    // Reports stay readable: no rule floods them.
    for (name, _) in &bodies {
        let of_file = found
            .iter()
            .filter(|f| f["file"] == format!("postings/{name}.md"))
            .count();
        assert!(of_file <= 20, "{name}: {of_file} findings");
    }
}

/// A pull request may hold symbolic links and special files where the
/// board's own files go. None is followed or read: board.yaml linked to the
/// environment or to /dev/zero, a named pipe for board.yaml, a posting or a
/// template, a linked postings/ or templates/ folder. Each is refused with a
/// message naming it, quickly, and nothing from outside reaches the output.
#[test]
#[cfg(unix)]
fn nothing_outside_the_board_is_read_and_nothing_hangs() {
    use std::os::unix::fs::symlink;
    let mkfifo = |path: &std::path::Path| {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo");
        assert!(status.success());
    };
    let run = |root: &std::path::Path, args: &[&str]| {
        jobboard(root)
            .args(args)
            .timeout(Duration::from_secs(20))
            .output()
            .expect("run")
    };
    let outside = tempfile::tempdir().expect("outside");
    write(
        outside.path(),
        "postings/outside-job.md",
        &posting("Outside Python Developer", BODY),
    );
    write(
        outside.path(),
        "templates/base.html",
        b"OUTSIDE TEMPLATE {{ board.title }}",
    );

    for (name, target) in [
        ("environment", "/proc/self/environ"),
        ("zeros", "/dev/zero"),
    ] {
        let board = board_with(&[("honest-job.md", &posting("Python Developer", BODY))]);
        std::fs::remove_file(board.path().join("board.yaml")).expect("rm");
        symlink(target, board.path().join("board.yaml")).expect("link");
        let out = run(board.path(), &["check"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("board.yaml is a symbolic link"),
            "{name}: {stderr}"
        );
        assert!(
            !stderr.contains("PATH="),
            "{name}: the environment leaked: {stderr}"
        );
    }

    let board = board_with(&[("honest-job.md", &posting("Python Developer", BODY))]);
    std::fs::remove_file(board.path().join("board.yaml")).expect("rm");
    mkfifo(&board.path().join("board.yaml"));
    let out = run(board.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("board.yaml is a named pipe, not a regular file")
    );

    let board = board_with(&[("honest-job.md", &posting("Python Developer", BODY))]);
    mkfifo(&board.path().join("postings/pipe-job.md"));
    let found = findings(board.path());
    assert!(
        found
            .iter()
            .any(|f| f["file"] == "postings/pipe-job.md" && f["rule"] == "file"),
        "{found:#?}"
    );

    let board = board_with(&[]);
    symlink(
        outside.path().join("postings"),
        board.path().join("postings"),
    )
    .expect("link");
    let out = run(board.path(), &["check", "--format", "json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("`postings` is a symbolic link"), "{text}");
    assert!(
        !text.contains("outside-job"),
        "the linked folder was walked: {text}"
    );
    assert_eq!(out.status.code(), Some(1));

    let board = board_with(&[("honest-job.md", &posting("Python Developer", BODY))]);
    symlink(
        outside.path().join("templates"),
        board.path().join("templates"),
    )
    .expect("link");
    let out = run(board.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("templates: is a symbolic link"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!board.path().join("site").exists());

    let board = board_with(&[("honest-job.md", &posting("Python Developer", BODY))]);
    std::fs::create_dir_all(board.path().join("templates")).expect("dir");
    mkfifo(&board.path().join("templates/base.html"));
    let out = run(board.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("templates/base.html: is a named pipe, not a regular file"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// While one build or prune of a board runs, another is refused with a
/// clear message (two at once would mix their sites).
#[test]
#[cfg(unix)]
fn one_build_or_prune_of_a_board_at_a_time() {
    let board = board_with(&[("honest-job.md", &posting("Python Developer", BODY))]);
    let held = std::fs::File::open(board.path()).expect("open");
    held.try_lock().expect("lock");
    for args in [&["build"][..], &["prune"][..]] {
        jobboard(board.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "another build or prune of this board is running",
            ));
    }
    // A dry run writes nothing and needs no lock; checking needs none either.
    jobboard(board.path())
        .args(["prune", "--dry-run"])
        .assert()
        .code(0);
    jobboard(board.path()).arg("check").assert().code(0);
    assert!(!board.path().join("site").exists());
    drop(held);
    jobboard(board.path()).arg("build").assert().code(0);
}
