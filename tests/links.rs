//! `jobboard links` against a test server on 127.0.0.1 (a random port, a
//! thread per connection): what counts as dead, alive and refused, the
//! cache, and the reports. No other address is ever asked.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{TODAY, board_with, jobboard};

/// A server on 127.0.0.1 that answers by path and counts what it is asked.
struct Server {
    port: u16,
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    /// Requests by `METHOD /path`.
    asked: HashMap<String, usize>,
    /// Bytes of the endless body written before the client let go.
    huge_written: usize,
    /// Requests being answered now, and the most at once.
    in_flight: usize,
    most_in_flight: usize,
}

impl Server {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                std::thread::spawn(move || answer(stream, &state));
            }
        });
        Self { port, state }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("lock")
    }

    fn asked(&self, request: &str) -> usize {
        self.state().asked.get(request).copied().unwrap_or(0)
    }

    fn total(&self) -> usize {
        self.state().asked.values().sum()
    }
}

fn answer(stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    *state
        .lock()
        .expect("lock")
        .asked
        .entry(format!("{method} {path}"))
        .or_default() += 1;
    let head = method == "HEAD";
    let mut out = stream;
    let reply = |out: &mut TcpStream, status: &str, headers: &[u8]| {
        let mut bytes = format!("HTTP/1.1 {status}\r\nConnection: close\r\n").into_bytes();
        bytes.extend_from_slice(headers);
        bytes.extend_from_slice(b"Content-Length: 0\r\n\r\n");
        let _ = out.write_all(&bytes);
    };
    match path.as_str() {
        "/ok" | "/ok-too" => reply(&mut out, "200 OK", b""),
        "/gone" => reply(&mut out, "404 Not Found", b""),
        "/forbidden" => reply(&mut out, "403 Forbidden", b""),
        "/busy" => reply(&mut out, "429 Too Many Requests", b""),
        "/error" => reply(&mut out, "500 Internal Server Error", b""),
        "/loop" => reply(&mut out, "302 Found", b"Location: /loop\r\n"),
        p if p.starts_with("/chain/") => {
            let n: u32 = p["/chain/".len()..].parse().unwrap_or(0);
            let location = format!("Location: /chain/{}\r\n", n + 1);
            reply(&mut out, "302 Found", location.as_bytes());
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(4));
            reply(&mut out, "200 OK", b"");
        }
        "/head-405" if head => reply(&mut out, "405 Method Not Allowed", b""),
        "/head-405" => reply(&mut out, "200 OK", b""),
        "/huge" if head => reply(&mut out, "405 Method Not Allowed", b""),
        "/huge" => {
            // 10 GB promised; at most 256 MB sent, until the client lets go.
            let _ = out.write_all(
                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 10000000000\r\n\r\n",
            );
            let chunk = vec![b'x'; 64 * 1024];
            for _ in 0..4096 {
                if out.write_all(&chunk).is_err() {
                    break;
                }
                state.lock().expect("lock").huge_written += chunk.len();
            }
        }
        "/bad-headers" => reply(&mut out, "200 OK", b"X-Note: caf\xe9 \xff\xfe\r\n"),
        "/bad-location" => reply(
            &mut out,
            "301 Moved Permanently",
            b"Location: /\xff\xfe\r\n",
        ),
        "/hang-up" => {}
        p if p.starts_with("/wait/") => {
            {
                let mut s = state.lock().expect("lock");
                s.in_flight += 1;
                s.most_in_flight = s.most_in_flight.max(s.in_flight);
            }
            std::thread::sleep(Duration::from_millis(300));
            state.lock().expect("lock").in_flight -= 1;
            reply(&mut out, "200 OK", b"");
        }
        _ => reply(&mut out, "404 Not Found", b""),
    }
}

/// A live posting whose `apply:` is `url` (on line 10).
fn posting(title: &str, company: &str, url: &str) -> Vec<u8> {
    format!(
        "---\ntitle: {title}\ncompany: {company}\nlocation:\n  city: Leeds\n  country: GB\n\
         remote: onsite\ntype: [full-time]\ncategory: software-engineering\napply: {url}\n\
         posted: 2026-11-16\n---\n\
         We build scheduling software for hospitals. You will write Python every day: a \
         Django application for the nurses' rota, a FastAPI service for the shift planner, \
         and pandas notebooks for the planning team. We pay a fair salary, offer remote \
         Fridays, and give every engineer a yearly learning budget for books and courses.\n"
    )
    .into_bytes()
}

/// A board with one posting a path, named after it.
fn board(server: &Server, paths: &[&str]) -> tempfile::TempDir {
    let files: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|path| {
            let name = path.trim_start_matches('/').replace('/', "-");
            (
                format!("{name}-job.md"),
                posting(
                    &format!("Python Developer {name}"),
                    "Rota Health",
                    &server.url(path),
                ),
            )
        })
        .collect();
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    board_with(&files)
}

fn links(root: &Path, args: &[&str]) -> std::process::Output {
    jobboard(root)
        .arg("links")
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("run")
}

/// `jobboard` as `common::jobboard` runs it, on another day.
fn on_day(root: &Path, today: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("jobboard").expect("binary");
    cmd.current_dir(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .arg("--root")
        .arg(root)
        .arg("--today")
        .arg(today);
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The server's port, which changes each run, as `PORT`.
fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT");
    settings.add_filter(r"localhost:\d+", "localhost:PORT");
    settings
}

#[test]
fn each_kind_of_answer_is_judged() {
    let server = Server::start();
    let paths = [
        "/ok",
        "/gone",
        "/forbidden",
        "/busy",
        "/error",
        "/loop",
        "/chain/1",
        "/slow",
        "/head-405",
        "/huge",
        "/bad-headers",
        "/bad-location",
        "/hang-up",
    ];
    let root = board(&server, &paths);
    let started = Instant::now();
    let out = links(
        root.path(),
        &[
            "--allow-private",
            "--timeout",
            "1",
            "--retries",
            "1",
            "--format",
            "json",
        ],
    );
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // One at a time on one host: 1 s for the slow one, 1 s of backoff for
    // each of the two that may pass; nothing waits on the endless body.
    assert!(took < Duration::from_secs(30), "took {took:?}");
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("links-json", text(&out.stdout));
    });

    // HEAD first; GET only where HEAD was refused or said something against it.
    assert_eq!(server.asked("HEAD /ok"), 1);
    assert_eq!(server.asked("GET /ok"), 0);
    assert_eq!(server.asked("HEAD /head-405"), 1);
    assert_eq!(server.asked("GET /head-405"), 1);
    assert_eq!(server.asked("GET /forbidden"), 0);
    // Retried once, with GET.
    assert_eq!(server.asked("HEAD /error"), 1);
    assert_eq!(server.asked("GET /error"), 2);
    assert_eq!(server.asked("GET /gone"), 1);
    // A server that hangs up may do so on HEAD only: GET, retried.
    assert_eq!(server.asked("HEAD /hang-up"), 1);
    assert_eq!(server.asked("GET /hang-up"), 2);
    // A redirect chain stops after 5 redirects.
    assert_eq!(server.asked("HEAD /chain/6"), 1);
    assert_eq!(server.asked("HEAD /chain/7"), 0);
    // The endless body was not read: the client let go of it at once.
    assert_eq!(server.asked("GET /huge"), 1);
    let written = server.state().huge_written;
    assert!(written < 64 * 1024 * 1024, "{written} bytes written");
}

#[test]
fn people_see_dead_refused_and_unconfirmed_links() {
    let server = Server::start();
    let root = board(&server, &["/ok", "/gone", "/forbidden", "/busy", "/slow"]);
    let out = links(root.path(), &["--allow-private", "--timeout", "1"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let port = server.port;
    for line in [
        format!("postings/gone-job.md:10: http://127.0.0.1:{port}/gone: dead (404 Not Found)"),
        format!(
            "postings/forbidden-job.md:10: http://127.0.0.1:{port}/forbidden: alive (403, servers often refuse robots)"
        ),
        format!("postings/busy-job.md:10: http://127.0.0.1:{port}/busy: alive (429, rate limited)"),
        format!(
            "postings/slow-job.md:10: http://127.0.0.1:{port}/slow: alive (timed out after 1 s, not judged)"
        ),
    ] {
        assert!(stdout.contains(&line), "{line}\nin\n{stdout}");
    }
    assert!(!stdout.contains("/ok"), "{stdout}");
    assert!(
        text(&out.stderr).contains(
            "links: 5 apply links of 5 live postings: 1 dead, 0 refused, 4 alive (3 unconfirmed"
        ),
        "{}",
        text(&out.stderr)
    );

    let failing = links(
        root.path(),
        &["--allow-private", "--timeout", "1", "--fail-on-dead"],
    );
    assert_eq!(failing.status.code(), Some(1));
}

#[test]
fn private_addresses_are_refused_without_a_request() {
    let server = Server::start();
    let files = [
        posting("Python Developer", "Loop Back", &server.url("/ok")),
        posting(
            "Python Engineer",
            "Local Host",
            &format!("http://localhost:{}/ok-too", server.port),
        ),
    ];
    let root = board_with(&[
        ("loopback-job.md", &files[0]),
        ("localhost-job.md", &files[1]),
    ]);
    let out = links(root.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(server.total(), 0, "the server was asked");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["refused"].as_array().map(Vec::len), Some(2), "{doc}");
    assert_eq!(doc["checked"], 0);
    for item in doc["refused"].as_array().into_iter().flatten() {
        let reason = item["reason"].as_str().unwrap_or_default();
        assert!(
            reason.starts_with("points to a private address ("),
            "{reason}"
        );
    }
    let human = links(root.path(), &[]);
    assert!(
        text(&human.stdout).contains(&format!(
            "postings/loopback-job.md:10: http://127.0.0.1:{}/ok: refused: points to a private address (127.0.0.1)",
            server.port
        )),
        "{}",
        text(&human.stdout)
    );
    let also = root.path().join("links.json");
    let also_arg = also.to_string_lossy().to_string();
    let issue = links(root.path(), &["--format", "issue", "--json", &also_arg]);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("links-issue-refused", text(&issue.stdout));
    });
    // One run gives the workflow both: the issue's body and the JSON.
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&also).expect("--json file")).expect("json");
    assert_eq!(written["refused"], doc["refused"]);
    assert_eq!(server.total(), 0, "the server was asked");
}

#[test]
fn the_issue_escapes_posting_text() {
    let server = Server::start();
    let hostile = posting(
        "Python Dev @team <b>#12</b> | [x](https://evil.example)",
        "Acme `Corp` *Inc*",
        &server.url("/gone"),
    );
    let dead = posting(
        "Python Platform Engineer",
        "Rota Health",
        &server.url("/error"),
    );
    let fine = posting("Python Data Engineer", "Rota Health", &server.url("/ok"));
    let root = board_with(&[
        ("hostile-job.md", &hostile),
        ("error-job.md", &dead),
        ("fine-job.md", &fine),
    ]);
    let out = links(
        root.path(),
        &["--allow-private", "--retries", "0", "--format", "issue"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let issue = text(&out.stdout);
    assert!(issue.starts_with("<!-- jobboard-links -->\n"), "{issue}");
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("links-issue", issue);
    });

    let calm = board(&server, &["/ok"]);
    let out = links(calm.path(), &["--allow-private", "--format", "issue"]);
    assert_eq!(
        text(&out.stdout),
        format!(
            "<!-- jobboard-links -->\nNo dead apply links: none of the 1 apply link of 1 live posting is dead (checked on {TODAY}).\n"
        )
    );
}

/// A TLS server on 127.0.0.1 with a self-signed certificate (made for these
/// tests, key and all, by `openssl req -x509`): no client trusts it.
fn untrusted_tls_server() -> u16 {
    use std::io::Read;
    let dir = common::fixtures().join("links");
    let cert = std::fs::read(dir.join("self-signed.der")).expect("cert");
    let key = std::fs::read(dir.join("self-signed.key.der")).expect("key");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.into()],
            rustls::pki_types::PrivatePkcs8KeyDer::from(key).into(),
        )
        .expect("certificate");
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = Arc::clone(&config);
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let Ok(conn) = rustls::ServerConnection::new(config) else {
                    return;
                };
                let mut tls = rustls::StreamOwned::new(conn, stream);
                let _ = tls.read(&mut [0; 1024]);
            });
        }
    });
    port
}

#[test]
fn unreachable_servers_are_dead() {
    let port = untrusted_tls_server();
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let tls = posting(
        "Python Developer",
        "Rota Health",
        &format!("https://127.0.0.1:{port}/jobs/1"),
    );
    let refused = posting(
        "Python Engineer",
        "Rota Health",
        &format!("http://127.0.0.1:{closed}/jobs/2"),
    );
    let root = board_with(&[("tls-job.md", &tls), ("closed-job.md", &refused)]);
    let out = links(
        root.path(),
        &["--allow-private", "--retries", "0", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let reasons: Vec<&str> = doc["dead"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["reason"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        reasons,
        [
            "connection refused",
            "invalid TLS: invalid peer certificate: UnknownIssuer"
        ],
        "{doc}"
    );
}

#[test]
fn one_request_at_a_time_per_host() {
    let server = Server::start();
    let root = board(&server, &["/wait/1", "/wait/2", "/wait/3"]);
    let out = links(root.path(), &["--allow-private"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(server.total(), 3);
    assert_eq!(server.state().most_in_flight, 1);

    // 127.0.0.1 and localhost are two hosts to the sweep (the same server
    // here): two at once, unless --max-concurrency says one.
    let other = posting(
        "Python Developer wait-4",
        "Rota Health",
        &format!("http://localhost:{}/wait/4", server.port),
    );
    common::write(root.path(), "postings/wait-4-job.md", &other);
    let other = posting(
        "Python Developer wait-5",
        "Rota Health",
        &format!("http://localhost:{}/wait/5", server.port),
    );
    common::write(root.path(), "postings/wait-5-job.md", &other);
    let out = links(root.path(), &["--allow-private", "--max-concurrency", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(server.state().most_in_flight, 1);
    let out = links(root.path(), &["--allow-private"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(server.state().most_in_flight, 2);
}

#[test]
fn the_cache_skips_links_alive_this_week() {
    let server = Server::start();
    let root = board(&server, &["/ok", "/gone"]);
    let cache = root.path().join("links-cache.json");
    let cache_arg = cache.to_str().expect("utf-8 path");
    let run = |today: &str| {
        let out = on_day(root.path(), today)
            .args(["links", "--allow-private", "--format", "json"])
            .args(["--cache", cache_arg])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        (doc, text(&out.stderr))
    };

    let (doc, _) = run(TODAY);
    assert_eq!(
        (doc["checked"].as_u64(), doc["cached"].as_u64()),
        (Some(2), Some(0))
    );
    let saved: serde_json::Value =
        serde_json::from_str(&common::read(&cache)).expect("cache is JSON");
    assert_eq!(saved["version"], 1);
    let ok = server.url("/ok");
    assert_eq!(saved["links"][&ok]["checked"], TODAY);
    assert_eq!(saved["links"][&ok]["verdict"], "alive");

    // Six days later: the live link is not asked again, the dead one is.
    let (doc, _) = run("2026-11-27");
    assert_eq!(
        (doc["checked"].as_u64(), doc["cached"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(server.asked("HEAD /ok"), 1);
    assert_eq!(server.asked("GET /gone"), 2);
    assert_eq!(doc["dead"][0]["url"], server.url("/gone"));

    // A week on, it is asked again.
    let (doc, _) = run("2026-11-28");
    assert_eq!(doc["checked"].as_u64(), Some(2));
    assert_eq!(server.asked("HEAD /ok"), 2);

    // A cache that cannot be used is a warning and a fresh start.
    for bytes in [
        &b"{\"version\": 1, \"links\": "[..],
        b"{\"version\": 9}",
        b"\xff",
    ] {
        std::fs::write(&cache, bytes).expect("write");
        let (doc, stderr) = run("2026-11-28");
        assert_eq!(doc["checked"].as_u64(), Some(2));
        assert!(
            stderr.contains("warning: the cache")
                && stderr.contains("starting with an empty cache"),
            "{stderr}"
        );
    }
    let huge = std::fs::File::create(&cache).expect("create");
    huge.set_len(65 * 1024 * 1024).expect("grow");
    let (_, stderr) = run("2026-11-28");
    assert!(stderr.contains("over 64 MB"), "{stderr}");
    // Rewritten whole, nothing left beside it.
    let saved: serde_json::Value =
        serde_json::from_str(&common::read(&cache)).expect("cache is JSON");
    assert_eq!(saved["links"].as_object().map(|o| o.len()), Some(2));
    let names: Vec<String> = std::fs::read_dir(root.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("cache"))
        .collect();
    assert_eq!(names, ["links-cache.json"]);
}

#[test]
fn usage_errors_exit_2() {
    let root = board_with(&[]);
    for args in [
        &["--max-concurrency", "0"][..],
        &["--timeout", "0"],
        &["--format", "xml"],
    ] {
        let out = links(root.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = links(root.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}
