//! `jobboard serve`: a live preview that is never stale, shows errors in the
//! page, keeps serving the last good site, and serves nothing but the site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TODAY, board, write};

struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(root: &std::path::Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_jobboard"))
        .env_remove("GITHUB_REPOSITORY")
        .args([
            "serve", "--port", "0", "--today", TODAY, "--color", "never", "--root",
        ])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    started(child)
}

/// A running `serve`, once it says where.
fn started(mut child: std::process::Child) -> Server {
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("serve says where").expect("a line");
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest.split('/').next().expect("host:port").to_string();
        }
    };
    // Keep reading, so that the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, address }
}

/// A connection that has sent `GET path` (with `headers`), read with a timeout.
fn request(server: &Server, path: &str, headers: &str) -> TcpStream {
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n"
    )
    .expect("send");
    stream
}

/// A plain HTTP/1.1 GET: (status, headers, body).
fn get(server: &Server, path: &str) -> (u16, String, String) {
    let mut stream = request(server, path, "Connection: close\r\n");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// Polls `path` until `ok` holds for its body, or panics after ten seconds.
fn until(server: &Server, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (_, _, body) = get(server, path);
        if ok(&body) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{path}: never {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Writes `original` with `from` replaced by `to` over the file at `path`.
fn write_changed(path: &std::path::Path, original: &str, from: &str, to: &str) {
    let changed = original.replace(from, to);
    assert_ne!(changed, original, "{from:?} is not in {}", path.display());
    std::fs::write(path, changed).expect("write");
}

/// The live-reload event stream, as a page opens it.
fn events(server: &Server) -> TcpStream {
    request(server, "/__jobboard/events", "")
}

/// Reads the stream until `needle` arrives (all read so far), or panics
/// after ten seconds.
fn read_until(stream: &mut TcpStream, needle: &str) -> String {
    let mut seen = String::new();
    let start = Instant::now();
    while !seen.contains(needle) {
        let mut buf = [0u8; 4096];
        let n = stream.read(&mut buf).unwrap_or(0);
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no {needle:?} in: {seen}"
        );
    }
    seen
}

/// Every file a fresh `build` of the board writes is served as written (but
/// for the reload script), and the sitemaps list the same pages: an
/// incremental rebuild is never stale.
fn assert_same_as_a_fresh_build(server: &Server, board: &std::path::Path) {
    let out = tempfile::tempdir().expect("dir");
    common::jobboard(board)
        .arg("build")
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let built = common::tree(out.path());
    for (path, bytes) in built.iter().filter(|(p, _)| !p.starts_with('.')) {
        let (status, _, body) = get(server, &format!("/{path}"));
        assert_eq!(status, 200, "/{path}");
        let served = body.replace("<script src=\"/__jobboard/live.js\"></script>\n", "");
        assert!(
            served == String::from_utf8_lossy(bytes),
            "/{path} differs from a fresh build"
        );
    }
    let (_, _, sitemap) = get(server, "/sitemap.xml");
    assert_eq!(
        sitemap,
        String::from_utf8_lossy(&built["sitemap.xml"]),
        "the same pages"
    );
}

#[test]
fn serves_the_site_and_rebuilds_it_on_every_change() {
    let board = board("basic");
    let server = serve(board.path());
    let (status, head, index) = get(&server, "/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"));
    assert!(index.contains("Data Engineer (Contract)"));
    assert!(
        index.contains("<script src=\"/__jobboard/live.js\"></script>\n</body>"),
        "serve adds live reload"
    );
    let (_, head, _) = get(&server, "/feed.xml");
    assert!(head.contains("application/rss+xml"));

    // An edit shows in its page, the listing and the feed.
    let path = board.path().join("postings/remote-data-engineer.md");
    let original = std::fs::read_to_string(&path).expect("posting");
    write_changed(
        &path,
        &original,
        "Data Engineer (Contract)",
        "Data Engineer (Airflow)",
    );
    until(&server, "/index.html", "shows the edit", |b| {
        b.contains("Data Engineer (Airflow)")
    });
    until(
        &server,
        "/jobs/remote-data-engineer/index.html",
        "shows the edit",
        |b| b.contains("Data Engineer (Airflow)"),
    );
    until(&server, "/feed.xml", "shows the edit", |b| {
        b.contains("Data Engineer (Airflow) at")
    });
    assert_same_as_a_fresh_build(&server, board.path());

    // A broken posting: the old site stays, the problem is reported.
    write_changed(&path, &original, "remote: remote", "remote: sometimes");
    let mut events = events(&server);
    let seen = read_until(&mut events, "event: problems");
    assert!(seen.contains("`remote` cannot be `sometimes`"), "{seen}");
    let (status, _, page) = get(&server, "/jobs/remote-data-engineer/index.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("Data Engineer (Airflow)"),
        "the last good page is still served"
    );

    // Fixed: it is rebuilt; deleted: it is gone everywhere.
    std::fs::write(&path, &original).expect("fix");
    until(&server, "/index.html", "shows the fix", |b| {
        b.contains("Data Engineer (Contract)")
    });
    std::fs::remove_file(&path).expect("delete");
    until(&server, "/index.html", "drops the deleted posting", |b| {
        !b.contains("Data Engineer")
    });
    until(&server, "/feed.xml", "drops the deleted posting", |b| {
        !b.contains("remote-data-engineer")
    });
    let (status, _, _) = get(&server, "/jobs/remote-data-engineer/index.html");
    assert_eq!(status, 404);
    assert_same_as_a_fresh_build(&server, board.path());

    // A new posting appears everywhere.
    std::fs::write(
        board.path().join("postings/remote-pipeline-engineer.md"),
        original.replace("Data Engineer (Contract)", "Pipeline Engineer"),
    )
    .expect("create");
    until(&server, "/index.html", "shows the new posting", |b| {
        b.contains("Pipeline Engineer")
    });
    assert_same_as_a_fresh_build(&server, board.path());

    // A changed static file of the theme is served.
    write(
        board.path(),
        "templates/static/style.css",
        b"body { color: teal }",
    );
    until(
        &server,
        "/static/style.css",
        "serves the new stylesheet",
        |b| b.contains("teal"),
    );
}

#[test]
fn serves_nothing_but_the_site() {
    let board = board("basic");
    std::fs::write(board.path().join("secret.txt"), "secret").expect("secret");
    let server = serve(board.path());
    for path in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/jobs/..%2f..%2fsecret.txt",
        "/static/%2e%2e%2f%2e%2e%2fboard.yaml",
        "/..%5csecret.txt",
        "/board.yaml",
        "/postings/leeds-backend-developer.md",
        "/%00",
    ] {
        let (status, _, body) = get(&server, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("secret") || body.contains("<html"), "{path}");
        assert!(!body.contains("title: Backend"), "{path}");
    }
    let (status, _, body) = get(&server, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the board's 404 page");
    // Styled and linked from the preview itself, not from base_url.
    assert!(
        body.contains("href=\"/static/style.css\"") && body.contains("href=\"/index.html\""),
        "{body}"
    );
    // The job pages' folder leads to the listing.
    let (status, _, body) = get(&server, "/jobs/");
    assert_eq!(status, 200);
    assert!(body.contains("url=../index.html"), "{body}");
    let (status, head, _) = get(&server, "/jobs/leeds-backend-developer");
    assert_eq!(status, 301);
    assert!(
        head.contains("Location: /jobs/leeds-backend-developer/"),
        "{head}"
    );
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let board = board("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_jobboard"))
        .env_remove("GITHUB_REPOSITORY")
        .args(["serve", "--today", TODAY, "--port", &port, "--root"])
        .arg(board.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("cannot serve on 127.0.0.1:{port}"))
            && stderr.contains("--port 0"),
        "{stderr}"
    );
}

#[test]
fn an_editors_atomic_save_and_a_rename_are_followed() {
    let board = board("basic");
    let server = serve(board.path());
    let postings = board.path().join("postings");
    // Write a temporary file beside the posting, then rename it over it.
    let original =
        std::fs::read_to_string(postings.join("leeds-backend-developer.md")).expect("read");
    let temporary = postings.join(".leeds-backend-developer.md.tmp");
    std::fs::write(
        &temporary,
        original.replace(
            "Backend Python Developer",
            "Backend Python Developer (Django)",
        ),
    )
    .expect("write");
    std::fs::rename(&temporary, postings.join("leeds-backend-developer.md")).expect("rename");
    until(&server, "/index.html", "shows the saved edit", |b| {
        b.contains("Backend Python Developer (Django)")
    });
    // A renamed posting moves: its old page is gone, the new one is there.
    std::fs::rename(
        postings.join("leeds-backend-developer.md"),
        postings.join("leeds-django-developer.md"),
    )
    .expect("rename");
    until(&server, "/index.html", "links the new name", |b| {
        b.contains("jobs/leeds-django-developer/index.html")
            && !b.contains("jobs/leeds-backend-developer/")
    });
    let (status, _, _) = get(&server, "/jobs/leeds-backend-developer/index.html");
    assert_eq!(status, 404);
    let (status, _, page) = get(&server, "/jobs/leeds-django-developer/index.html");
    assert_eq!(status, 200);
    assert!(page.contains("Backend Python Developer (Django)"));
}

#[test]
fn a_board_broken_from_the_start_shows_its_problems_until_fixed() {
    let board = board("basic");
    let path = board.path().join("postings/remote-data-engineer.md");
    let original = std::fs::read_to_string(&path).expect("posting");
    write_changed(&path, &original, "remote: remote", "remote: sometimes");
    let server = serve(board.path());
    // No site yet: every page says so and carries the reload script, which
    // hears the problems at once.
    let (status, head, page) = get(&server, "/jobs/leeds-backend-developer/");
    assert_eq!(status, 503);
    assert!(head.contains("text/html"), "{head}");
    assert!(page.contains("The board has errors"), "{page}");
    assert!(page.contains("/__jobboard/live.js"), "{page}");
    let mut stream = events(&server);
    let seen = read_until(&mut stream, "event: problems");
    assert!(seen.contains("`remote` cannot be `sometimes`"), "{seen}");
    // Fixed: the open page is told to reload, and the site is there.
    std::fs::write(&path, &original).expect("fix");
    read_until(&mut stream, "event: reload");
    let (status, _, page) = get(&server, "/jobs/leeds-backend-developer/");
    assert_eq!(status, 200);
    assert!(page.contains("Backend Python Developer"), "{page}");
}

#[test]
fn a_template_or_board_yaml_change_shows_on_every_page() {
    let board = board("basic");
    let server = serve(board.path());
    let mut stream = events(&server);
    let theme = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/job.html");
    let job = std::fs::read_to_string(theme).expect("default job template");
    write(
        board.path(),
        "templates/job.html",
        job.replacen("<article", "<p>TEMPLATE-MARKER</p><article", 1)
            .as_bytes(),
    );
    read_until(&mut stream, "event: reload");
    for page in [
        "/jobs/leeds-backend-developer/",
        "/jobs/remote-data-engineer/",
    ] {
        until(&server, page, "uses the new template", |b| {
            b.contains("TEMPLATE-MARKER")
        });
    }
    let config = board.path().join("board.yaml");
    let yaml = std::fs::read_to_string(&config).expect("board.yaml");
    let title = yaml
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .expect("a title")
        .to_string();
    std::fs::write(
        &config,
        yaml.replacen(&format!("title: {title}"), "title: Renamed Board", 1),
    )
    .expect("retitle");
    until(&server, "/feed.xml", "has the new title", |b| {
        b.contains("<title>Renamed Board</title>")
    });
    until(&server, "/type/full-time/", "has the new title", |b| {
        b.contains("Renamed Board")
    });
}

/// `serve` run through `sh`, with SIGINT ignored before the `exec`.
#[cfg(unix)]
fn serve_with_sigint_ignored(root: &std::path::Path) -> Server {
    let child = Command::new("sh")
        .arg("-c")
        .arg("trap '' INT && exec \"$0\" \"$@\"")
        .env_remove("GITHUB_REPOSITORY")
        .arg(env!("CARGO_BIN_EXE_jobboard"))
        .args([
            "serve", "--port", "0", "--today", TODAY, "--color", "never", "--root",
        ])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    started(child)
}

#[test]
#[cfg(unix)]
fn ctrl_c_stops_it_and_leaves_the_board_as_it_was() {
    let board = board("basic");
    let before = common::tree(board.path());
    // Started with SIGINT ignored, as a background job of a script is (and
    // as this test may be): the preview must stop on Ctrl-C all the same.
    let mut server = serve_with_sigint_ignored(board.path());
    assert_eq!(get(&server, "/").0, 200);
    let sent = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let start = Instant::now();
    while server.child.try_wait().expect("wait").is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "still running after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(common::tree(board.path()), before, "nothing written");
}

/// A page on another site may point its own name at 127.0.0.1 (DNS
/// rebinding) and read the preview: only this machine's names are answered.
#[test]
fn only_requests_for_this_machine_are_answered() {
    let board = board("basic");
    let server = serve(board.path());
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).expect("read");
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    assert!(!raw.contains("<html"), "{raw}");
    assert_eq!(get(&server, "/").0, 200);
}

/// Headers past the limit get "431" and the connection closes: a client
/// cannot make the server hold megabytes per connection.
#[test]
fn oversized_requests_are_refused_and_the_server_goes_on() {
    let board = board("basic");
    let server = serve(board.path());
    let mut threads = Vec::new();
    for _ in 0..4 {
        let address = server.address.clone();
        threads.push(std::thread::spawn(move || {
            let mut stream = TcpStream::connect(&address).expect("connect");
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .expect("timeout");
            let _ = write!(stream, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ");
            let chunk = vec![b'a'; 64 * 1024];
            // Up to 8 MB; the server stops reading long before.
            for _ in 0..128 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
            let mut raw = Vec::new();
            let _ = stream.read_to_end(&mut raw);
            String::from_utf8_lossy(&raw).into_owned()
        }));
    }
    for t in threads {
        let answer = t.join().expect("thread");
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
            "{answer}"
        );
    }
    assert_eq!(get(&server, "/").0, 200);
}

/// Slow clients that never finish their headers (slowloris), more than
/// the server takes at once: each is cut off after the header deadline,
/// and a real request is answered meanwhile or soon after.
#[test]
fn slow_clients_are_cut_off_and_others_are_served() {
    let board = board("basic");
    let server = serve(board.path());
    let slow: Vec<TcpStream> = (0..600)
        .filter_map(|_| {
            let mut s = TcpStream::connect(&server.address).ok()?;
            s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: a")
                .ok()?;
            Some(s)
        })
        .collect();
    assert!(slow.len() >= 500, "{} slow connections", slow.len());
    let start = Instant::now();
    let (status, _, _) = get(&server, "/");
    assert_eq!(status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    // The slow ones were closed by the server.
    std::thread::sleep(Duration::from_secs(6));
    let mut closed = 0;
    for mut s in slow {
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        let mut buf = [0u8; 256];
        // A 408 may come first; then the end of the stream.
        if (0..3).any(|_| matches!(s.read(&mut buf), Ok(0))) {
            closed += 1;
        }
    }
    assert!(closed >= 500, "{closed} closed");
}

/// With few file descriptors, a flood of idle connections exhausts them;
/// the server waits for descriptors to come back and goes on serving (the
/// old server stopped listening for good).
#[test]
#[cfg(unix)]
fn running_out_of_descriptors_does_not_stop_the_server() {
    let board = board("basic");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 96 && exec \"$0\" \"$@\"")
        .env_remove("GITHUB_REPOSITORY")
        .arg(env!("CARGO_BIN_EXE_jobboard"))
        .args([
            "serve", "--port", "0", "--today", TODAY, "--color", "never", "--root",
        ])
        .arg(board.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("serve says where").expect("a line");
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest.split('/').next().expect("host:port").to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let server = Server { child, address };
    for _ in 0..3 {
        // Past the listen backlog a connect waits for the server; a short
        // timeout keeps the flood quick.
        let to: std::net::SocketAddr = server.address.parse().expect("address");
        let idle: Vec<TcpStream> = (0..200)
            .filter_map(|_| TcpStream::connect_timeout(&to, Duration::from_millis(100)).ok())
            .collect();
        assert!(idle.len() > 96, "{} connections", idle.len());
        std::thread::sleep(Duration::from_millis(300));
        drop(idle);
    }
    let (status, _, body) = until_ok(&server, "/");
    assert_eq!(status, 200);
    assert!(body.contains("<html"), "{body}");
}

/// Polls `path` until it answers 200, for up to fifteen seconds.
fn until_ok(server: &Server, path: &str) -> (u16, String, String) {
    let start = Instant::now();
    loop {
        let answer = std::panic::catch_unwind(|| get(server, path));
        if let Ok(answer) = answer
            && answer.0 == 200
        {
            return answer;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{path} never answered"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}
