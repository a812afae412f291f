//! The preview's HTTP side, on hyper and tokio: files from the in-memory
//! site (there is no folder to escape from), the live-reload script and its
//! event stream.
//!
//! The preview runs on a developer's machine, where any web page the
//! browser opens can reach it, and where a stuck or crashed server leaves
//! the user guessing. So it keeps to what a production server would do:
//! a bounded number of connections (a slot is taken before `accept`, so a
//! flood waits instead of exhausting file descriptors), a deadline for each
//! request's headers (slow senders are cut off; it is also the idle limit
//! between requests on a kept-alive connection), a bounded header size, no
//! Nagle delay on small writes, and a `Host` allow-list against DNS
//! rebinding. An `accept` that fails for want of descriptors waits and
//! tries again; the listening socket is never given up.

use std::convert::Infallible;
use std::net::{IpAddr, TcpListener};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::Frame;
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::header::{HOST, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};

use super::Shared;

/// Where the reload script and its events are served; no site path starts so.
pub const PREFIX: &str = "/__jobboard/";

const LIVE_JS: &str = include_str!("live.js");

/// Connections served at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 512;

/// How long a client may take to send a request's headers, and how long a
/// kept-alive connection may sit idle between requests.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// The most a request's line and headers may take, in bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// How often an event stream says it is alive (and finds out that the page
/// is gone).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Every page's answer while no build has succeeded yet: the reload script
/// shows the problems over it and reloads it once they are fixed.
const NOT_BUILT: &str = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>The board has errors</title></head>\n<body><p>The board has errors, so there is no site to show yet. Fix them and save: this page reloads.</p></body>\n</html>\n";

type Body = BoxBody<Bytes, Infallible>;

/// Which `Host` a request may name: loopback names always (a page on
/// another site that points its own name at 127.0.0.1 is refused), the
/// address `--bind` gives, and any name when bound to all addresses.
#[derive(Clone, Debug)]
pub struct Hosts {
    any: bool,
    bound: Option<IpAddr>,
}

impl Hosts {
    pub fn for_bind(ip: IpAddr) -> Self {
        Self {
            any: ip.is_unspecified(),
            bound: (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip),
        }
    }

    /// Whether a `Host` header's value (`localhost:4000`, `[::1]:4000`)
    /// names this server.
    pub fn allows(&self, host: &str) -> bool {
        if self.any {
            return true;
        }
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or_default(),
            None => host.rsplit_once(':').map_or(host, |(name, _)| name),
        };
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || Some(ip) == self.bound,
            Err(_) => false,
        }
    }
}

/// Serves on `listener` from a thread of its own until the process ends.
pub fn spawn(listener: TcpListener, shared: Arc<Shared>, hosts: Hosts) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("serve-http".into())
        .spawn(move || runtime.block_on(accept_loop(listener, shared, hosts)))?;
    Ok(())
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, hosts: Hosts) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        eprintln!("serve: cannot listen");
        return;
    };
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEADER_BYTES)
        .title_case_headers(true)
        .keep_alive(true);
    let http = Arc::new(http);
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        // A slot first: past the limit, connections wait in the backlog
        // rather than take descriptors the server needs.
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(err) => {
                // Out of descriptors or memory, or a connection that went
                // before it was accepted: wait a moment, keep listening.
                if !matches!(
                    err.kind(),
                    std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset
                ) {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        let hosts = hosts.clone();
        let http = Arc::clone(&http);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let response = respond(&request, &shared, &hosts);
                async move { Ok::<_, Infallible>(response) }
            });
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
            drop(slot);
        });
    }
}

/// The answer to one request.
fn respond<B>(request: &Request<B>, shared: &Shared, hosts: &Hosts) -> Response<Body> {
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    match host {
        None => return text(StatusCode::BAD_REQUEST, "a request names its Host\n"),
        Some(host) if !hosts.allows(host) => {
            return text(
                StatusCode::FORBIDDEN,
                "this preview answers only to localhost; `jobboard serve --bind ADDRESS` shows it to others\n",
            );
        }
        Some(_) => {}
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n",
        );
    }
    let raw = request.uri().path();
    if raw == format!("{PREFIX}live.js") {
        return bytes(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            Bytes::from_static(LIVE_JS.as_bytes()),
        );
    }
    if raw == format!("{PREFIX}events") {
        return events(shared);
    }
    let Some(path) = site_path(raw) else {
        return text(StatusCode::BAD_REQUEST, "bad path\n");
    };
    let files = shared.files();
    if files.is_empty() {
        let page = with_live_reload(NOT_BUILT.as_bytes());
        return bytes(
            StatusCode::SERVICE_UNAVAILABLE,
            content_type("index.html"),
            page.into(),
        );
    }
    match files.get(&path) {
        Some(body) => file(StatusCode::OK, &path, body),
        None if files.contains_key(&format!("{path}/index.html")) => {
            let location = format!("{}/", raw.trim_end_matches('/'));
            let mut response = text(StatusCode::MOVED_PERMANENTLY, "moved\n");
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert("Location", value);
            }
            response
        }
        None => match files
            .get(super::rebuild::NOT_FOUND)
            .or_else(|| files.get("404.html"))
        {
            Some(body) => file(StatusCode::NOT_FOUND, "404.html", body),
            None => text(StatusCode::NOT_FOUND, "not found\n"),
        },
    }
}

/// The site path of a request's path: percent-decoded, and refused when it
/// could name anything outside the site (`..`, `.`, backslashes, NUL or
/// other control characters, empty segments). `/` and `/x/` mean their
/// `index.html`.
pub fn site_path(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let (last, dirs) = segments.split_last()?;
    if dirs.iter().any(|s| s.is_empty() || *s == "." || *s == "..") || *last == "." || *last == ".."
    {
        return None;
    }
    Some(if last.is_empty() {
        format!("{decoded}index.html")
    } else {
        decoded.into_owned()
    })
}

fn file(status: StatusCode, path: &str, body: &Bytes) -> Response<Body> {
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        bytes(status, kind, with_live_reload(body).into())
    } else {
        bytes(status, kind, body.clone())
    }
}

/// HTML with the reload script before `</body>`: only `serve` adds it.
fn with_live_reload(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}live.js\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("feed.xml") => "application/rss+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn bytes(status: StatusCode, kind: &'static str, body: Bytes) -> Response<Body> {
    let mut response = Response::new(Full::new(body).boxed());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert("Content-Type", HeaderValue::from_static(kind));
    headers.insert("Cache-Control", HeaderValue::from_static("no-store"));
    headers.insert(
        "X-Content-Type-Options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    bytes(
        status,
        "text/plain; charset=utf-8",
        Bytes::from_static(body.as_bytes()),
    )
}

/// Server-sent events for one open page: the current problems at once, then
/// each reload or problem report as it comes, and a comment now and then.
fn events(shared: &Shared) -> Response<Body> {
    let body = EventStream {
        events: shared.subscribe(),
        alive: tokio::time::interval(KEEP_ALIVE),
    };
    let mut response = Response::new(body.boxed());
    let headers = response.headers_mut();
    headers.insert(
        "Content-Type",
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert("Cache-Control", HeaderValue::from_static("no-store"));
    response
}

struct EventStream {
    events: tokio::sync::mpsc::Receiver<String>,
    alive: tokio::time::Interval,
}

impl http_body::Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.events.poll_recv(cx) {
            Poll::Ready(Some(event)) => return Poll::Ready(Some(Ok(Frame::data(event.into())))),
            // The server is going: so is the stream.
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => {}
        }
        match self.alive.poll_tick(cx) {
            Poll::Ready(_) => Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(
                b": keep-alive\n\n",
            ))))),
            Poll::Pending => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_in_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/jobs/a/").as_deref(), Some("jobs/a/index.html"));
        assert_eq!(
            site_path("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(site_path("/jobs/caf%C3%A9").as_deref(), Some("jobs/café"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/..%2f..%2fetc",
            "/a//b",
            "/a/./b",
            "/a%5c..%5cb",
            "/a%00b",
            "jobs",
            "/%ff",
            "/..",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let html = with_live_reload(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8_lossy(&html),
            "<html><body><p>x</p><script src=\"/__jobboard/live.js\"></script>\n</body></html>"
        );
    }

    #[test]
    fn only_names_of_this_server_are_answered() {
        let loopback = Hosts::for_bind("127.0.0.1".parse().expect("ip"));
        for ok in [
            "localhost",
            "localhost:4000",
            "LOCALHOST:1",
            "127.0.0.1:4000",
            "[::1]:4000",
            "127.1.2.3",
        ] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:4000",
            "localhost.evil.example",
            "10.0.0.1:4000",
            "",
        ] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        let lan = Hosts::for_bind("192.168.1.20".parse().expect("ip"));
        assert!(lan.allows("192.168.1.20:4000") && lan.allows("localhost"));
        assert!(!lan.allows("evil.example"));
        assert!(Hosts::for_bind("0.0.0.0".parse().expect("ip")).allows("anything.example"));
    }
}
