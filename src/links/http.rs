//! One link checked over HTTP: HEAD first (no body to download), then GET
//! when HEAD's answer cannot be trusted; retried with backoff when the
//! failure may pass; judged by [`Outcome`]'s rules. No body is ever read:
//! the status says all, and a hostile server's endless body is dropped
//! unread.

use std::error::Error as StdError;
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode, redirect};
use url::Url;

use super::address::{self, Guarded, NoSuchHost, Refused};
use super::{Outcome, Settings};

/// The most redirects followed before a link is called dead.
pub const MAX_REDIRECTS: usize = 5;

/// Who is asking: servers that refuse robots can tell, and their admins can
/// find out why.
const USER_AGENT: &str = concat!(
    "jobboard/",
    env!("CARGO_PKG_VERSION"),
    " (apply-link check of a job board)"
);

/// The client every check shares: its TLS (ring, Mozilla's roots, so that
/// the verdict does not depend on the machine's certificate store), the
/// guarded resolver, the redirect rules, the timeout; no proxy, since a
/// proxy would resolve names where the guard cannot see.
pub fn client(settings: &Settings) -> anyhow::Result<reqwest::Client> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let allow_private = settings.allow_private;
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .user_agent(USER_AGENT)
        .timeout(settings.timeout)
        .connect_timeout(settings.timeout)
        .no_proxy()
        .redirect(redirect::Policy::custom(move |attempt| {
            follow(attempt, allow_private)
        }))
        .dns_resolver(Arc::new(Guarded { allow_private }))
        .build()?)
}

/// Why a redirect was not followed.
#[derive(Debug)]
enum Redirect {
    Loop,
    TooMany,
}

impl std::fmt::Display for Redirect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Redirect::Loop => f.write_str("redirect loop"),
            Redirect::TooMany => write!(f, "too many redirects (over {MAX_REDIRECTS})"),
        }
    }
}

impl StdError for Redirect {}

fn follow(attempt: redirect::Attempt, allow_private: bool) -> redirect::Action {
    if attempt.previous().contains(attempt.url()) {
        return attempt.error(Redirect::Loop);
    }
    if attempt.previous().len() > MAX_REDIRECTS {
        return attempt.error(Redirect::TooMany);
    }
    if !allow_private && let Some(refused) = address::literal(attempt.url()) {
        return attempt.error(refused);
    }
    attempt.follow()
}

/// What one request came to.
#[derive(Debug)]
enum Answer {
    Status(StatusCode),
    Failed(Failure),
}

/// A request that got no status.
#[derive(Debug)]
enum Failure {
    Refused(Refused),
    TimedOut,
    /// Worth another try, with any method: DNS, a refused connection.
    Passing(String),
    /// Worth another try, and GET may fare better than HEAD: the server
    /// hung up, or its answer is not HTTP.
    Dropped(String),
    /// Will fail the same way again: TLS, redirects.
    Lasting(String),
}

/// Checks `url`, retrying what may pass.
pub async fn check(client: &reqwest::Client, url: &Url, settings: &Settings) -> Outcome {
    let mut method = Method::HEAD;
    let mut tries = 0;
    loop {
        let answer = request(client, method.clone(), url).await;
        if method == Method::HEAD && !trusted(&answer) {
            // Many servers answer HEAD with 404, 405 or 501 (or drop it)
            // while GET works: only GET's answer counts against a link.
            method = Method::GET;
            continue;
        }
        let passing = match &answer {
            Answer::Status(status) => status.is_server_error(),
            Answer::Failed(Failure::Passing(_) | Failure::Dropped(_)) => true,
            Answer::Failed(_) => false,
        };
        if passing && tries < settings.retries {
            tries += 1;
            tokio::time::sleep(settings.backoff * 2u32.saturating_pow(tries - 1)).await;
            continue;
        }
        return judge(answer, settings.timeout);
    }
}

/// Whether HEAD's answer can stand for GET's.
fn trusted(answer: &Answer) -> bool {
    match answer {
        Answer::Status(status) => {
            status.is_success()
                || matches!(
                    *status,
                    StatusCode::UNAUTHORIZED
                        | StatusCode::FORBIDDEN
                        | StatusCode::TOO_MANY_REQUESTS
                )
        }
        Answer::Failed(Failure::Dropped(_)) => false,
        Answer::Failed(_) => true,
    }
}

async fn request(client: &reqwest::Client, method: Method, url: &Url) -> Answer {
    match client.request(method, url.clone()).send().await {
        // Dropped unread: the body, however large, is never downloaded.
        Ok(response) => Answer::Status(response.status()),
        Err(err) => Answer::Failed(failure(&err)),
    }
}

/// What went wrong, from the error's chain of causes.
fn failure(err: &reqwest::Error) -> Failure {
    if err.is_timeout() {
        return Failure::TimedOut;
    }
    let mut source: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(cause) = source {
        if let Some(refused) = cause.downcast_ref::<Refused>() {
            return Failure::Refused(refused.clone());
        }
        if let Some(redirect) = cause.downcast_ref::<Redirect>() {
            return Failure::Lasting(redirect.to_string());
        }
        if let Some(dns) = cause.downcast_ref::<NoSuchHost>() {
            return Failure::Passing(dns.to_string());
        }
        if let Some(hyper) = cause.downcast_ref::<hyper::Error>() {
            if hyper.is_incomplete_message() {
                return Failure::Dropped(
                    "the server closed the connection without an answer".into(),
                );
            }
            if hyper.is_parse() {
                return Failure::Dropped(format!("the answer is not HTTP ({hyper})"));
            }
        }
        if let Some(tls) = cause.downcast_ref::<rustls::Error>() {
            return Failure::Lasting(format!("invalid TLS: {tls}"));
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return Failure::Passing("connection refused".into());
            }
            if io.kind() == std::io::ErrorKind::TimedOut {
                return Failure::TimedOut;
            }
        }
        source = next(cause);
    }
    Failure::Dropped(describe(err))
}

/// The cause of `err`. An `io::Error` that wraps another error hides it
/// from `source()` (it answers with the wrapped error's own source): here
/// it is the wrapped error itself.
fn next<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    if let Some(inner) = err
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        return Some(inner);
    }
    err.source()
}

/// The error and its causes, on one line, without the link (the report
/// shows it apart).
fn describe(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        // hyper-util's wrapper says only which of its steps failed.
        if !text.starts_with("client error (") && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = next(cause);
    }
    if parts.is_empty() {
        // Its own words, without the link (shown apart).
        let text = err.to_string();
        return match err.url() {
            Some(url) => text.replace(&format!(" ({url})"), ""),
            None => text,
        };
    }
    parts.join(": ")
}

/// The verdict on a link's last answer.
fn judge(answer: Answer, timeout: Duration) -> Outcome {
    match answer {
        Answer::Status(status) => by_status(status),
        Answer::Failed(Failure::Refused(refused)) => Outcome::refused(refused.to_string()),
        Answer::Failed(Failure::TimedOut) => Outcome::unconfirmed(format!(
            "timed out after {} s, not judged",
            timeout.as_secs_f64()
        )),
        Answer::Failed(Failure::Passing(why) | Failure::Dropped(why) | Failure::Lasting(why)) => {
            Outcome::dead(why)
        }
    }
}

/// Dead: 404, 410, a server error, a redirect that leads nowhere. Alive: a
/// success, and every other answer, which says the server is there and
/// the page may be (403 and 429 are how many refuse robots).
fn by_status(status: StatusCode) -> Outcome {
    let code = status.as_u16();
    let name = status.canonical_reason().unwrap_or("");
    let full = format!("{code} {name}").trim_end().to_string();
    match status {
        s if s.is_success() => Outcome::alive(full),
        StatusCode::NOT_FOUND | StatusCode::GONE => Outcome::dead(full),
        s if s.is_server_error() => Outcome::dead(full),
        s if s.is_redirection() => Outcome::dead(format!("{full} without a usable Location")),
        StatusCode::FORBIDDEN => {
            Outcome::unconfirmed(format!("{code}, servers often refuse robots"))
        }
        StatusCode::TOO_MANY_REQUESTS => Outcome::unconfirmed(format!("{code}, rate limited")),
        StatusCode::UNAUTHORIZED => Outcome::unconfirmed(format!("{code}, asks for a login")),
        _ => Outcome::unconfirmed(format!("{full}, not judged")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::Verdict;

    #[test]
    fn statuses_are_judged() {
        let verdict = |code: u16| by_status(StatusCode::from_u16(code).unwrap()).verdict;
        assert_eq!(verdict(200), Verdict::Alive);
        assert_eq!(verdict(204), Verdict::Alive);
        assert_eq!(verdict(403), Verdict::Alive);
        assert_eq!(verdict(429), Verdict::Alive);
        assert_eq!(verdict(401), Verdict::Alive);
        assert_eq!(verdict(404), Verdict::Dead);
        assert_eq!(verdict(410), Verdict::Dead);
        assert_eq!(verdict(500), Verdict::Dead);
        assert_eq!(verdict(503), Verdict::Dead);
        assert_eq!(verdict(301), Verdict::Dead);
        assert_eq!(by_status(StatusCode::NOT_FOUND).reason, "404 Not Found");
        assert_eq!(by_status(StatusCode::from_u16(599).unwrap()).reason, "599");
    }
}
