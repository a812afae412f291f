//! The preview's HTTP side: files from the in-memory site (there is no
//! folder to escape from), the live-reload script and its event stream.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::Shared;

/// Where the reload script and its events are served; no site path starts so.
pub const PREFIX: &str = "/__jobboard/";

const LIVE_JS: &str = include_str!("live.js");

/// Every page's answer while no build has succeeded yet: the reload script
/// shows the problems over it and reloads it once they are fixed.
const NOT_BUILT: &str = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>The board has errors</title></head>\n<body><p>The board has errors, so there is no site to show yet. Fix them and save: this page reloads.</p></body>\n</html>\n";

/// Answers one request.
pub fn respond(request: Request, shared: &Shared) -> io::Result<()> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return request.respond(text(405, "only GET and HEAD are served\n"));
    }
    let url = request.url().to_string();
    let raw = url.split(['?', '#']).next().unwrap_or_default();
    if raw == format!("{PREFIX}live.js") {
        return request.respond(bytes(
            200,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes(),
        ));
    }
    if raw == format!("{PREFIX}events") {
        return stream_events(request.into_writer(), shared.subscribe());
    }
    let Some(path) = site_path(raw) else {
        return request.respond(text(400, "bad path\n"));
    };
    let files = shared.files();
    if files.is_empty() {
        let page = with_live_reload(NOT_BUILT.as_bytes());
        return request.respond(bytes(503, content_type("index.html"), &page));
    }
    let response = match files.get(&path) {
        Some(body) => file(200, &path, body),
        None if files.contains_key(&format!("{path}/index.html")) => {
            let location = format!("{}/", raw.trim_end_matches('/'));
            with_header(text(301, "moved\n"), "Location", &location)
        }
        None => match files.get("404.html") {
            Some(body) => file(404, "404.html", body),
            None => text(404, "not found\n"),
        },
    };
    request.respond(response)
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

fn file(status: u16, path: &str, body: &Arc<[u8]>) -> Response<io::Cursor<Vec<u8>>> {
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        bytes(status, kind, &with_live_reload(body))
    } else {
        bytes(status, kind, body)
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
        "js" => "text/javascript; charset=utf-8",
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
        _ => "application/octet-stream",
    }
}

fn bytes(status: u16, kind: &str, body: &[u8]) -> Response<io::Cursor<Vec<u8>>> {
    let response = Response::from_data(body.to_vec()).with_status_code(status);
    let response = with_header(response, "Content-Type", kind);
    let response = with_header(response, "Cache-Control", "no-store");
    with_header(response, "X-Content-Type-Options", "nosniff")
}

fn text(status: u16, body: &str) -> Response<io::Cursor<Vec<u8>>> {
    bytes(status, "text/plain; charset=utf-8", body.as_bytes())
}

/// The response with the header, unless it cannot be one (a value that is
/// not plain ASCII): then without.
fn with_header<R: io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

/// Server-sent events, written straight to the connection and flushed one
/// by one (a response body would sit in tiny_http's buffers), until the page
/// goes away.
fn stream_events(mut out: Box<dyn Write + Send>, events: Receiver<String>) -> io::Result<()> {
    out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n")?;
    out.flush()?;
    loop {
        let event = match events.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => event,
            // A comment now and then finds out when the page is gone.
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        out.write_all(event.as_bytes())?;
        out.flush()?;
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
}
