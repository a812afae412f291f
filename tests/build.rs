//! `jobboard build`: the live postings become a site; a failed build changes
//! nothing; the same input gives the same bytes.

mod common;

use common::{board, jobboard, read, tree};
use predicates::prelude::*;

#[test]
fn builds_the_live_postings_newest_first_in_pages() {
    let board = board("basic");
    jobboard(board.path())
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains("built 3 jobs"));
    let site = board.path().join("site");
    let index = read(site.join("index.html"));
    // page_size is 2: the two newest on the first page, the third on page 2.
    let data = index
        .find("Data Engineer (Contract)")
        .expect("newest job listed");
    let leeds = index
        .find("Backend Python Developer")
        .expect("second job listed");
    assert!(data < leeds, "newest first");
    assert!(!index.contains("Python Teaching Assistant"));
    assert!(
        index.contains("href=\"./page/2/index.html\""),
        "link to page 2"
    );
    let page2 = read(site.join("page/2/index.html"));
    assert!(page2.contains("Python Teaching Assistant"));
    assert!(
        page2.contains("href=\"../../index.html\""),
        "link back to page 1"
    );
    for slug in [
        "leeds-backend-developer",
        "remote-data-engineer",
        "zurich-teaching-assistant",
    ] {
        assert!(
            site.join("jobs").join(slug).join("index.html").is_file(),
            "{slug}"
        );
    }
    assert!(site.join("static/style.css").is_file());
}

#[test]
fn an_expired_posting_appears_nowhere() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    assert!(!site.join("jobs/old-qa-engineer").exists());
    for (path, bytes) in tree(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("old-qa-engineer") && !text.contains("Oldcorp"),
            "in {path}"
        );
    }
}

/// `filled:` takes a posting off the board from that day: the job page,
/// every listing and feed, `jobs.json` and the sitemap drop it at once
/// (`basic` has three live postings).
#[test]
fn a_filled_posting_appears_nowhere_from_the_day_it_was_filled() {
    let board = board("basic");
    let file = board.path().join("postings/remote-data-engineer.md");
    let text = read(&file).replacen(
        "posted: 2026-11-19\n",
        "posted: 2026-11-19\nfilled: 2026-11-21\n",
        1,
    );
    std::fs::write(&file, text).expect("write");
    jobboard(board.path())
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains("built 2 jobs"));
    let site = board.path().join("site");
    assert!(!site.join("jobs/remote-data-engineer").exists());
    for path in [
        "index.html",
        "feed.xml",
        "atom.xml",
        "feed.json",
        "jobs.json",
        "sitemap.xml",
        "remote/index.html",
        "type/contract/feed.xml",
    ] {
        let text = read(site.join(path));
        assert!(
            !text.contains("remote-data-engineer") && !text.contains("Björk"),
            "in {path}"
        );
    }
    for (path, bytes) in tree(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Björk Analytics"), "in {path}");
    }
    let jobs: serde_json::Value =
        serde_json::from_str(&read(site.join("jobs.json"))).expect("json");
    assert_eq!(jobs["count"], 2);
}

#[test]
fn pages_feed_and_listing_snapshots() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    insta::assert_snapshot!("index", read(site.join("index.html")));
    insta::assert_snapshot!(
        "job-hybrid",
        read(site.join("jobs/leeds-backend-developer/index.html"))
    );
    insta::assert_snapshot!(
        "job-remote",
        read(site.join("jobs/remote-data-engineer/index.html"))
    );
    insta::assert_snapshot!("feed", read(site.join("feed.xml")));
}

#[test]
fn the_feed_is_rss_with_permalinks_and_dates() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let xml = std::fs::read(board.path().join("site/feed.xml")).expect("feed");
    let channel = rss::Channel::read_from(&xml[..]).expect("valid RSS");
    let links: Vec<&str> = channel.items().iter().filter_map(|i| i.link()).collect();
    assert_eq!(
        links,
        [
            "https://jobs.test.example/jobs/remote-data-engineer/",
            "https://jobs.test.example/jobs/leeds-backend-developer/",
            "https://jobs.test.example/jobs/zurich-teaching-assistant/",
        ]
    );
    let first = &channel.items()[0];
    assert_eq!(
        first.guid().map(|g| (g.value(), g.is_permalink())),
        Some((links[0], true))
    );
    assert_eq!(first.pub_date(), Some("Thu, 19 Nov 2026 00:00:00 +0000"));
    assert!(
        first
            .description()
            .unwrap_or_default()
            .contains("<p>Björk Analytics helps")
    );
    let atom = channel.atom_ext().expect("atom extension");
    assert_eq!(atom.links()[0].href(), "https://jobs.test.example/feed.xml");
    assert_eq!(atom.links()[0].rel(), "self");
}

#[test]
fn links_inside_pages_are_relative_and_absolute_only_where_they_must_be() {
    let board = board("basic");
    jobboard(board.path())
        .args(["build", "--base-url", "https://example.org/jobs"])
        .assert()
        .success();
    let page = read(
        board
            .path()
            .join("site/jobs/remote-data-engineer/index.html"),
    );
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/jobs/jobs/remote-data-engineer/\">"
    ));
    assert!(page.contains("href=\"../../static/style.css\""));
    assert!(page.contains("href=\"../../index.html\""));
    let feed = read(board.path().join("site/feed.xml"));
    assert!(feed.contains("<link>https://example.org/jobs/jobs/remote-data-engineer/</link>"));
}

#[test]
fn a_posting_with_an_error_stops_the_build_and_keeps_the_old_site() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    let before = tree(&site);
    common::write(
        board.path(),
        "postings/broken.md",
        b"---\ntitle: Broken\n---\nno fields\n",
    );
    common::write(
        board.path(),
        "postings/remote-data-engineer.md",
        b"---\nremote: maybe\n",
    );
    jobboard(board.path())
        .arg("build")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("postings/broken.md"))
        .stderr(predicate::str::contains("postings/remote-data-engineer.md"))
        .stderr(predicate::str::contains("the previous site is untouched"));
    assert_eq!(tree(&site), before);
    assert_no_leftovers(board.path());
}

#[test]
fn a_template_that_fails_midway_keeps_the_old_site() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    let before = tree(&site);
    // Renders for most jobs, then fails on the one with an agency badge.
    let failing = "{% extends \"base.html\" %}{% block main %}{{ job.title }}{% if job.agency %}{{ throw(message=\"boom\") }}{% endif %}{% endblock main %}";
    common::write(board.path(), "templates/job.html", failing.as_bytes());
    jobboard(board.path())
        .arg("build")
        .assert()
        .failure()
        .stderr(predicate::str::contains("boom"));
    assert_eq!(tree(&site), before);
    assert_no_leftovers(board.path());
}

fn assert_no_leftovers(root: &std::path::Path) {
    let names: Vec<String> = std::fs::read_dir(root)
        .expect("read root")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("jobboard-")), "{names:?}");
}

#[test]
fn two_builds_are_byte_identical() {
    let board = board("basic");
    jobboard(board.path())
        .args(["build", "--out", "one"])
        .assert()
        .success();
    jobboard(board.path())
        .args(["build", "--out", "two"])
        .assert()
        .success();
    let one = tree(&board.path().join("one"));
    assert!(one.len() > 5);
    assert_eq!(one, tree(&board.path().join("two")));
}

#[test]
fn a_build_with_nothing_changed_touches_nothing() {
    use std::os::unix::fs::MetadataExt;
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    let stamp = |p: &str| {
        let meta = std::fs::metadata(site.join(p)).expect("meta");
        (meta.ino(), meta.mtime(), meta.mtime_nsec())
    };
    let before: Vec<_> = [
        "index.html",
        "feed.xml",
        "jobs/remote-data-engineer/index.html",
    ]
    .map(stamp)
    .into();
    let dir_before = std::fs::metadata(&site).expect("site").ino();
    jobboard(board.path())
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains("0 changed"));
    let after: Vec<_> = [
        "index.html",
        "feed.xml",
        "jobs/remote-data-engineer/index.html",
    ]
    .map(stamp)
    .into();
    assert_eq!(before, after);
    assert_eq!(
        dir_before,
        std::fs::metadata(&site).expect("site").ino(),
        "the folder was not swapped"
    );
}

#[test]
fn a_changed_posting_rewrites_only_what_shows_it_and_drops_what_is_gone() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    std::fs::remove_file(board.path().join("postings/zurich-teaching-assistant.md")).expect("rm");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    assert!(!site.join("jobs/zurich-teaching-assistant").exists());
    assert!(!site.join("page/2").exists(), "two jobs fit on one page");
    assert!(!read(site.join("feed.xml")).contains("zurich-teaching-assistant"));
}

#[test]
fn today_comes_from_the_flag_or_source_date_epoch() {
    let board = board("basic");
    // 2027-01-05: the Zürich internship has expired (2026-12-31).
    let mut cmd = assert_cmd::Command::cargo_bin("jobboard").expect("bin");
    cmd.env_remove("GITHUB_REPOSITORY")
        .current_dir(board.path())
        .env("SOURCE_DATE_EPOCH", "1799150400")
        .arg("--root")
        .arg(board.path())
        .arg("build");
    cmd.assert()
        .success()
        .stderr(predicate::str::contains("built 2 jobs "));
    assert!(
        !board
            .path()
            .join("site/jobs/zurich-teaching-assistant")
            .exists()
    );
    // `--today` wins over the environment.
    jobboard(board.path())
        .env("SOURCE_DATE_EPOCH", "1799150400")
        .arg("build")
        .assert()
        .success()
        .stderr(predicate::str::contains("built 3 jobs "));
    let mut bad = assert_cmd::Command::cargo_bin("jobboard").expect("bin");
    bad.current_dir(board.path())
        .env("SOURCE_DATE_EPOCH", "soon")
        .arg("--root")
        .arg(board.path())
        .arg("build");
    bad.assert()
        .code(2)
        .stderr(predicate::str::contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn templates_and_static_files_of_the_board_override_the_built_in_ones() {
    let board = board("basic");
    common::write(
        board.path(),
        "templates/static/style.css",
        b"body { color: red }",
    );
    common::write(board.path(), "templates/static/logo.txt", b"logo");
    let listing = "{% extends \"base.html\" %}{% block main %}<p class=\"mine\">{{ total }} openings</p>{% endblock main %}";
    common::write(board.path(), "templates/listing.html", listing.as_bytes());
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    assert_eq!(read(site.join("static/style.css")), "body { color: red }");
    assert_eq!(read(site.join("static/logo.txt")), "logo");
    assert!(read(site.join("index.html")).contains("<p class=\"mine\">3 openings</p>"));
}

#[test]
fn a_broken_template_is_a_configuration_error() {
    let board = board("basic");
    common::write(board.path(), "templates/job.html", b"{% if %}");
    jobboard(board.path())
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("job.html"));
    assert!(!board.path().join("site").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let board = board("basic");
    common::write(board.path(), "public/notes.txt", b"mine");
    jobboard(board.path())
        .args(["build", "--out", "public"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("was not written by jobboard"));
    assert_eq!(read(board.path().join("public/notes.txt")), "mine");
    jobboard(board.path())
        .args(["build", "--out", "."])
        .assert()
        .code(2);
    jobboard(board.path())
        .args(["build", "--out", "postings/site"])
        .assert()
        .code(2);
}

#[test]
fn posting_text_is_escaped_in_pages_and_feeds() {
    let board = board("basic");
    let evil = "---\ntitle: Python Developer <script>alert(1)</script>\ncompany: \"Evil \\\" onmouseover=alert(1) x=\\\"\"\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://evil.example/apply\nposted: 2026-11-20\n---\nWe write Python and close our CDATA ]]> </description> early. We also pay well and our team of five reviews every change together, with tests, so there is time to learn. Our office dog is called Guido and is very friendly to new colleagues and visitors.\n";
    common::write(board.path(), "postings/evil-posting.md", evil.as_bytes());
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    for path in ["index.html", "jobs/evil-posting/index.html", "feed.xml"] {
        let text = read(site.join(path));
        // JSON-LD holds the text as JSON (`\"`), which HTML never reads as a quote.
        let text = match (
            text.find("<script type=\"application/ld+json\">"),
            text.find("</script>"),
        ) {
            (Some(start), Some(end)) => format!("{}{}", &text[..start], &text[end..]),
            _ => text,
        };
        for bad in ["<script>alert", "\" onmouseover"] {
            assert!(!text.contains(bad), "{bad} in {path}");
        }
    }
    let feed = std::fs::read(site.join("feed.xml")).expect("feed");
    let channel = rss::Channel::read_from(&feed[..]).expect("the feed still parses");
    let item = &channel.items()[0];
    assert_eq!(
        item.title(),
        Some("Python Developer <script>alert(1)</script> at Evil \" onmouseover=alert(1) x=\"")
    );
    let description = item.description().unwrap_or_default();
    assert!(
        description.contains("close our CDATA ]]&gt;"),
        "{description}"
    );
    assert!(!description.contains("</description>"), "{description}");
}

#[test]
fn a_body_with_markup_the_sanitizer_would_remove_stops_the_build() {
    let board = board("basic");
    let evil = "---\ntitle: Python Developer\ncompany: Evil Co\nremote: remote\nremote_from: [worldwide]\ntype: [full-time]\ncategory: web\napply: https://evil.example/apply\nposted: 2026-11-20\n---\nWe write Python.<script>alert(2)</script><img src=x onerror=alert(3)>\n[click](javascript:alert(4))\n";
    common::write(board.path(), "postings/evil-posting.md", evil.as_bytes());
    jobboard(board.path())
        .arg("build")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[raw-html]"))
        .stderr(predicate::str::contains("error[link-scheme]"));
    assert!(!board.path().join("site").exists());
}

mod site {
    //! The reader's site: filters, data files and search-engine markup.

    use rss::validation::Validate;

    use super::common::{board, jobboard, read, tree};

    fn built() -> tempfile::TempDir {
        let board = board("basic");
        jobboard(board.path()).arg("build").assert().success();
        board
    }

    #[test]
    fn every_page_type_snapshot() {
        let board = built();
        let site = board.path().join("site");
        for page in [
            "remote/index.html",
            "type/index.html",
            "country/ch/index.html",
            "404.html",
            "jobs.json",
            "sitemap.xml",
            "robots.txt",
            "country/gb/feed.xml",
            "page/2/index.html",
            "tag/django/index.html",
            "category/index.html",
            "jobs/zurich-teaching-assistant/index.html",
        ] {
            insta::assert_snapshot!(page.replace('/', "-"), read(site.join(page)));
        }
    }

    #[test]
    fn a_filter_with_more_jobs_than_a_page_is_paginated_and_its_feed_has_all() {
        let board = board("basic");
        let leeds = read(board.path().join("postings/leeds-backend-developer.md"));
        for (slug, title, posted) in [
            ("york-platform-engineer", "Platform Engineer", "2026-11-15"),
            ("hull-django-developer", "Django Developer", "2026-11-14"),
        ] {
            let text = leeds
                .replace("Backend Python Developer", title)
                .replace("posted: 2026-11-16", &format!("posted: {posted}"))
                .replace(
                    "https://rota.example/jobs/7",
                    &format!("https://rota.example/jobs/{slug}"),
                );
            let text = format!("{text}\nThe {title} joins the platform team.\n");
            super::common::write(
                board.path(),
                &format!("postings/{slug}.md"),
                text.as_bytes(),
            );
        }
        jobboard(board.path()).arg("build").assert().success();
        let site = board.path().join("site");
        let first = read(site.join("type/full-time/index.html"));
        assert!(first.contains("Backend Python Developer") && first.contains("Platform Engineer"));
        assert!(!first.contains("Django Developer"), "page_size is 2");
        assert!(
            first.contains("href=\"../../type/full-time/page/2/index.html\""),
            "{first}"
        );
        let second = read(site.join("type/full-time/page/2/index.html"));
        assert!(second.contains("Django Developer"));
        assert!(
            second.contains("href=\"../../../../type/full-time/index.html\""),
            "a way back to page 1: {second}"
        );
        let feed = read(site.join("type/full-time/feed.xml"));
        assert_eq!(feed.matches("<item>").count(), 3, "{feed}");
    }

    #[test]
    fn filters_list_the_right_jobs_with_a_way_back() {
        let board = built();
        let site = board.path().join("site");
        let remote = read(site.join("remote/index.html"));
        assert!(
            remote.contains("Data Engineer (Contract)")
                && !remote.contains("Backend Python Developer")
        );
        assert!(
            remote.contains("<a href=\"../index.html\">All jobs</a>"),
            "a way back"
        );
        assert!(remote.contains("<h1>Remote jobs</h1>"));
        let internships = read(site.join("type/internship/index.html"));
        assert!(internships.contains("Python Teaching Assistant"));
        assert!(internships.contains("<a href=\"../../type/index.html\">Types</a> › <span aria-current=\"page\">Internship</span>"));
        // A type with no job still has its page and feed, so subscriptions last.
        assert!(read(site.join("type/temporary/index.html")).contains("No jobs here right now"));
        assert!(site.join("type/temporary/feed.xml").is_file());
        let tags = read(site.join("tag/index.html"));
        assert!(
            tags.contains(
                "<a href=\"../tag/django/index.html\">django</a> <span class=\"n\">1 job</span>"
            ),
            "{tags}"
        );
        assert!(
            read(site.join("category/education/index.html")).contains("Python Teaching Assistant")
        );
        // Countries: where a job is, and the countries a remote job is open to.
        assert!(read(site.join("country/gb/index.html")).contains("Backend Python Developer"));
        assert!(
            !site.join("country/fr").exists(),
            "the expired Lyon job makes no country"
        );
    }

    #[test]
    fn every_feed_is_valid_rss() {
        let board = built();
        let site = board.path().join("site");
        let feeds: Vec<String> = tree(&site)
            .into_keys()
            .filter(|p| p.ends_with("feed.xml"))
            .collect();
        assert!(feeds.len() >= 15, "{feeds:?}");
        for feed in feeds {
            let bytes = std::fs::read(site.join(&feed)).expect("feed");
            let channel =
                rss::Channel::read_from(&bytes[..]).unwrap_or_else(|e| panic!("{feed}: {e}"));
            channel.validate().unwrap_or_else(|e| panic!("{feed}: {e}"));
            let atom = channel.atom_ext().expect("atom:link");
            assert_eq!(
                atom.links()[0].href(),
                format!("https://jobs.test.example/{feed}")
            );
        }
    }

    #[test]
    fn job_pages_carry_a_complete_job_posting() {
        let board = built();
        let site = board.path().join("site");
        for (slug, remote) in [
            ("leeds-backend-developer", false),
            ("remote-data-engineer", true),
            ("zurich-teaching-assistant", false),
        ] {
            let html = read(site.join(format!("jobs/{slug}/index.html")));
            let start = html
                .find("<script type=\"application/ld+json\">")
                .expect("JSON-LD")
                + 35;
            let end = start + html[start..].find("</script>").expect("end");
            let ld: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON");
            assert_eq!(ld["@type"], "JobPosting");
            for key in [
                "title",
                "description",
                "datePosted",
                "validThrough",
                "hiringOrganization",
                "employmentType",
                "identifier",
            ] {
                assert!(!ld[key].is_null(), "{slug}: {key}");
            }
            assert!(ld.get("directApply").is_none());
            if remote {
                assert_eq!(ld["jobLocationType"], "TELECOMMUTE");
                assert!(ld["applicantLocationRequirements"].is_array());
            } else {
                assert!(
                    ld["jobLocation"]["address"]["addressCountry"].is_string(),
                    "{slug}"
                );
            }
            assert!(html.contains(&format!(
                "<link rel=\"canonical\" href=\"https://jobs.test.example/jobs/{slug}/\">"
            )));
            assert!(html.contains("<meta property=\"og:title\""));
            assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        }
        let leeds = read(site.join("jobs/leeds-backend-developer/index.html"));
        let ld_start = leeds.find("application/ld+json").expect("ld");
        let ld = &leeds[ld_start..];
        assert!(
            ld.contains("\"validThrough\":\"2027-02-13T23:59:59Z\""),
            "posted 16 Nov + 90 days"
        );
        assert!(ld.contains("\"baseSalary\":{\"@type\":\"MonetaryAmount\",\"currency\":\"GBP\""));
        assert!(ld.contains("\"unitText\":\"YEAR\""));
    }

    #[test]
    fn jobs_json_lists_the_live_postings_with_their_fields() {
        let board = built();
        let doc: serde_json::Value =
            serde_json::from_str(&read(board.path().join("site/jobs.json"))).expect("json");
        assert_eq!(doc["count"], 3);
        let jobs = doc["jobs"].as_array().expect("jobs");
        assert_eq!(jobs[0]["slug"], "remote-data-engineer");
        assert_eq!(
            jobs[0]["url"],
            "https://jobs.test.example/jobs/remote-data-engineer/"
        );
        assert_eq!(jobs[0]["salary"]["currency"], "USD");
        assert_eq!(jobs[1]["location"]["country"], "GB");
    }

    #[test]
    fn sitemap_and_robots_point_at_each_other() {
        let board = built();
        let site = board.path().join("site");
        let sitemap = read(site.join("sitemap.xml"));
        assert!(sitemap.contains("<url><loc>https://jobs.test.example/jobs/leeds-backend-developer/</loc><lastmod>2026-11-16</lastmod></url>"));
        assert!(sitemap.contains("<loc>https://jobs.test.example/</loc>"));
        assert!(
            read(site.join("robots.txt"))
                .contains("Sitemap: https://jobs.test.example/sitemap.xml")
        );
    }

    #[test]
    fn the_search_is_progressive_enhancement() {
        let board = built();
        let site = board.path().join("site");
        let index = read(site.join("index.html"));
        assert!(
            index.contains("<div class=\"search\" role=\"search\" hidden"),
            "hidden without JavaScript"
        );
        assert!(index.contains("<script src=\"./static/search.js\" defer></script>"));
        let js = read(site.join("static/search.js"));
        assert!(
            !js.contains("innerHTML"),
            "text is set with textContent only"
        );
        assert!(!js.contains("http"), "no external requests");
    }
}

#[test]
fn parallel_output_equals_serial_output_byte_for_byte() {
    let board = board("basic");
    for i in 0..120 {
        let text = format!(
            "---\ntitle: Python Developer {i}\ncompany: Company {i}\nremote: remote\nremote_from: [DE, worldwide]\ntype: [full-time]\ncategory: web\napply: https://c{i}.example/jobs\ntags: [django, t{}]\nposted: 2026-11-{:02}\n---\nWe write Python every day with Django and pandas, review code in pairs and ship twice a week. Opening {i} has a table:\n\n| a | b |\n|---|---|\n| {i} | x |\n\nAnd a footnote.[^n]\n\n[^n]: Note {i}.\n",
            i % 7,
            1 + i % 20
        );
        common::write(
            board.path(),
            &format!("postings/job-{i:03}.md"),
            text.as_bytes(),
        );
    }
    jobboard(board.path())
        .env("RAYON_NUM_THREADS", "1")
        .args(["build", "--out", "serial"])
        .assert()
        .success();
    jobboard(board.path())
        .env("RAYON_NUM_THREADS", "4")
        .args(["build", "--out", "parallel"])
        .assert()
        .success();
    let serial = tree(&board.path().join("serial"));
    assert!(serial.len() > 150, "{} files", serial.len());
    assert_eq!(serial, tree(&board.path().join("parallel")));
}

/// Every page says how to post a job: the header links the repository's
/// issue form when the board knows its repository, else the site's own
/// "Post a job" page, which is made from the board's rules.
#[test]
fn every_page_says_how_to_post_a_job() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let site = board.path().join("site");
    let index = read(site.join("index.html"));
    assert!(
        index.contains("class=\"post-job\" href=\"./post/index.html\">Post a job</a>"),
        "{index}"
    );
    let how = read(site.join("post/index.html"));
    assert!(how.contains("<h1>Post a job</h1>"));
    assert!(how.contains("stays up for 90 days"), "the board's max age");
    assert!(
        how.contains("Job title"),
        "the fields, from their declarations"
    );
    assert!(how.contains("(web)"), "the board's categories");
    assert!(
        how.contains("the word <code>worldwide</code>") && !how.contains('`'),
        "code in the fields' help is code, not backticks"
    );
    assert!(!how.contains("issues/new"), "no form without a repository");
    // An address cut back to the job pages' folder leads to the listing.
    assert!(read(site.join("jobs/index.html")).contains("url=../index.html"));

    // With the repository known (board.yaml, or GitHub Actions' own), the
    // header and the page lead to its issue form.
    jobboard(board.path())
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "acme/jobs")
        .arg("build")
        .assert()
        .success();
    let form = "https://github.com/acme/jobs/issues/new?template=post-a-job.yml";
    let job = read(site.join("jobs/remote-data-engineer/index.html"));
    assert!(
        job.contains(&format!("class=\"post-job\" href=\"{form}\"")),
        "{job}"
    );
    assert!(read(site.join("post/index.html")).contains(form));
}

#[test]
fn the_countries_index_is_in_the_order_of_their_names() {
    let board = board("basic");
    jobboard(board.path()).arg("build").assert().success();
    let index = read(board.path().join("site/country/index.html"));
    let names: Vec<&str> = index
        .split("<li><a href=\"../country/")
        .skip(1)
        .filter_map(|s| {
            s.split_once("\">")
                .and_then(|(_, rest)| rest.split_once('<'))
        })
        .map(|(name, _)| name)
        .collect();
    assert!(names.len() >= 2, "{index}");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

/// `serve` tells whether a file went by counting the plan's paths against
/// the files it serves: no two files of a site may share a path, and each
/// planned path is one file made.
#[test]
fn no_two_planned_files_share_a_path() {
    use jobboard::pipeline::{Checker, Made, MemorySink, make_site};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = jobboard::load::config::load(root).expect("board.yaml");
    let theme = jobboard::session::theme(root, &config).expect("theme");
    let site = jobboard::render::Site {
        config: &config,
        theme: &theme,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("day"),
        kept: None,
    };
    let sink = MemorySink::default();
    let mut timer = jobboard::session::Timer::new(false);
    let made = make_site(root, &site, &mut Checker::default(), &sink, &mut timer);
    let Ok(Made::Site { paths, live, .. }) = made else {
        panic!("the sample board makes a site");
    };
    assert!(live >= 10, "the sample board's jobs are live on its day");
    let distinct: std::collections::HashSet<&String> = paths.iter().collect();
    assert_eq!(distinct.len(), paths.len(), "a path planned twice");
    assert_eq!(sink.files.lock().expect("files").len(), paths.len());
}
