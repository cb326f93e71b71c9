//! The dashboard's HTTP side: one page with its assets embedded in the binary,
//! `/api/snapshot`, `/api/stream` (server-sent events), `/api/feed` and `/metrics`, all fed by
//! one [`Sampler`]. Read-only (GET and HEAD only), loopback by default, a token on every
//! request when it listens elsewhere, and nothing secret in any answer (the snapshot holds
//! addresses, never credentials).
//!
//! A web page the operator opens elsewhere must not read the pipeline through the
//! browser: on loopback only exact loopback names and IP literals are served as `Host`
//! (a rebinding domain such as `127.0.0.1.evil.example` is not); `/api/*` and `/metrics`
//! refuse cross-site requests (`Origin`, `Sec-Fetch-Site`); and following another topic's
//! feed needs the page's own per-process token ([`CSRF_HEADER`]), which only a page served
//! by this process holds.
//!
//! axum serves it: it is built on the hyper and tokio the binary already links, has
//! server-sent events built in, and is maintained by the tokio project.

pub mod assets;
pub mod metrics;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use crate::sampler::snapshot::Snapshot;
use crate::sampler::Sampler;
use crate::shutdown::{requested, stopped, Shutdown, Stop};

#[derive(Debug, thiserror::Error)]
pub enum DashboardError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the HTTP server failed: {0}")]
    Serve(#[source] std::io::Error),
    #[error("cannot generate the page's token: {0}")]
    Random(#[source] getrandom::Error),
}

/// Who may ask.
#[derive(Debug, Clone)]
pub struct Access {
    /// Required on every request when set (`Authorization: Bearer T`, `?token=T`, or the
    /// cookie the page gets after its first authorised load).
    pub token: Option<String>,
    /// Listening on loopback: only `localhost`, loopback IP literals (`127.x.y.z`, `[::1]`)
    /// and the listening address are served as the Host (with or without a port), so a
    /// web page elsewhere cannot read the dashboard through DNS rebinding.
    pub loopback: bool,
    /// The address given with `--listen` (also accepted as the Host on loopback).
    pub listen: SocketAddr,
}

/// The header the page sends its per-process token in when it changes what the server
/// does (following another topic's feed). A page elsewhere cannot read it, and a
/// cross-origin request cannot set a header without a preflight, which is refused.
pub const CSRF_HEADER: &str = "x-livedbctl-csrf";

/// Where the served page carries the token (`<meta name="livedbctl-csrf" content=...>`).
const CSRF_PLACEHOLDER: &str = "__LIVEDBCTL_CSRF__";

/// A fresh random token (32 hex digits).
pub fn generate_token() -> Result<String, getrandom::Error> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b)?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

pub async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, DashboardError> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| DashboardError::Bind { addr, source })
}

struct App {
    sampler: Arc<Sampler>,
    /// Flips when the server stops, so open streams end (graceful shutdown waits for them).
    stopping: Stop,
    access: Access,
    /// The page's token, made when the server starts and embedded in the page it serves.
    csrf: String,
    viewers: AtomicUsize,
    /// The last snapshot encoded for the stream, shared by every viewer.
    encoded: Mutex<(u64, Arc<String>)>,
}

impl App {
    fn encoded(&self, s: &Snapshot) -> Arc<String> {
        let mut cache = self.encoded.lock().expect("encoded snapshot");
        if cache.0 != s.seq || cache.1.is_empty() {
            *cache = (
                s.seq,
                Arc::new(serde_json::to_string(s).unwrap_or_else(|_| "{}".into())),
            );
        }
        cache.1.clone()
    }
}

/// Serve until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    sampler: Arc<Sampler>,
    access: Access,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), DashboardError> {
    let stop = Shutdown::manual();
    let stopping = stop.stop();
    let shutdown = async move {
        shutdown.await;
        stop.request();
    };
    let csrf = generate_token().map_err(DashboardError::Random)?;
    let app = Arc::new(App {
        sampler,
        stopping,
        access,
        csrf,
        viewers: AtomicUsize::new(0),
        encoded: Mutex::new((0, Arc::new(String::new()))),
    });
    let router = Router::new()
        .route("/", get(index))
        .route("/assets/{name}", get(asset))
        .route(
            "/favicon.ico",
            get(|| async { assets::response("favicon.svg").unwrap_or_default() }),
        )
        .route("/api/snapshot", get(snapshot))
        .route("/api/stream", get(stream))
        .route("/api/feed", get(feed))
        .route("/metrics", get(prometheus))
        .route("/healthz", get(|| async { "ok\n" }))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(DashboardError::Serve)
}

const COOKIE: &str = "livedbctl_token";

fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn presented_tokens(headers: &HeaderMap, query: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(v) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        if let Some(t) = v.strip_prefix("Bearer ") {
            out.push(t.trim().to_string());
        }
    }
    if let Some(t) = query.and_then(query_token) {
        out.push(t);
    }
    for c in headers.get_all(header::COOKIE) {
        if let Ok(s) = c.to_str() {
            for part in s.split(';') {
                if let Some(v) = part.trim().strip_prefix(&format!("{COOKIE}=")) {
                    out.push(v.to_string());
                }
            }
        }
    }
    out
}

/// The `token` parameter of a query string.
fn query_token(q: &str) -> Option<String> {
    q.split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .map(percent_decode)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match u8::from_str_radix(&s[i + 1..i + 3], 16) {
                Ok(x) => {
                    out.push(x);
                    i += 3;
                }
                Err(_) => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `Host` names this dashboard on loopback: `localhost`, a loopback IP literal
/// (`127.x.y.z` in its four-part form, `[::1]`) or the listening address, each with or
/// without a numeric port. Nothing else: not `127.0.0.1.evil.example`, `localhost.evil`,
/// `127.1` or a missing Host (every browser sends one).
fn loopback_host(host: Option<&str>, listen: SocketAddr) -> bool {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    let Some(host) = host else {
        return false;
    };
    let port_ok = |p: &str| p.is_empty() || (p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let ip: IpAddr = if let Some(rest) = host.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else {
            return false;
        };
        match after.strip_prefix(':') {
            Some(p) if !p.is_empty() && port_ok(p) => {}
            None if after.is_empty() => {}
            _ => return false,
        }
        match inside.parse::<Ipv6Addr>() {
            Ok(ip) => IpAddr::V6(ip),
            Err(_) => return false,
        }
    } else {
        let name = match host.split_once(':') {
            Some((n, p)) if !p.is_empty() && port_ok(p) => n,
            Some(_) => return false,
            None => host,
        };
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<Ipv4Addr>() {
            Ok(ip) => IpAddr::V4(ip),
            Err(_) => return false,
        }
    };
    ip.is_loopback() || ip == listen.ip()
}

/// A request another site's page made: `Sec-Fetch-Site` other than `same-origin` or
/// `none` (typed by the user), or an `Origin` that is not this server's own.
fn cross_site(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap_or("\u{fffd}").to_string())
            .collect::<Vec<_>>()
    };
    let site = text(HeaderName::from_static("sec-fetch-site"));
    if site
        .iter()
        .any(|s| !matches!(s.as_str(), "same-origin" | "none"))
    {
        return true;
    }
    let origins = text(header::ORIGIN);
    if origins.is_empty() {
        return false;
    }
    let host = text(header::HOST);
    let [host] = host.as_slice() else {
        return true;
    };
    origins.iter().any(|o| o != &format!("http://{host}"))
}

fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{text}\n"),
    )
        .into_response()
}

/// Read-only, host and token checks, and headers that keep the page to itself.
async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "read-only: GET and HEAD only",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}"));
    if app.access.loopback && !loopback_host(host, app.access.listen) {
        return plain(
            StatusCode::FORBIDDEN,
            "this dashboard answers only to localhost, 127.0.0.1, [::1] or its --listen address",
        );
    }
    let path = req.uri().path();
    if (path.starts_with("/api/") || path == "/metrics") && cross_site(req.headers()) {
        return plain(
            StatusCode::FORBIDDEN,
            "cross-site requests are refused: open the dashboard's own page",
        );
    }
    let mut set_cookie = None;
    if let Some(token) = &app.access.token {
        let presented = presented_tokens(req.headers(), req.uri().query());
        if !presented.iter().any(|t| constant_time_eq(t, token)) {
            let mut r = plain(
                StatusCode::UNAUTHORIZED,
                "a token is required: open the URL livedbctl printed (…/?token=…) or send Authorization: Bearer TOKEN",
            );
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return r;
        }
        // Let the page's own requests (EventSource cannot set headers) carry it.
        set_cookie = HeaderValue::from_str(&format!(
            "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
        ))
        .ok();
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(c) = set_cookie {
        h.insert(header::SET_COOKIE, c);
    }
    resp
}

/// The page, carrying this process's token for the actions it may take.
async fn index(State(app): State<Arc<App>>) -> Response {
    assets::page(CSRF_PLACEHOLDER, &app.csrf)
        .unwrap_or_else(|| plain(StatusCode::NOT_FOUND, "not found"))
}

async fn asset(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    assets::response(&name).unwrap_or_else(|| plain(StatusCode::NOT_FOUND, "not found"))
}

#[derive(Deserialize)]
struct SnapshotQuery {
    history: Option<String>,
}

async fn snapshot(State(app): State<Arc<App>>, Query(q): Query<SnapshotQuery>) -> Response {
    let snap = app.sampler.latest();
    let with_history = !matches!(q.history.as_deref(), Some("0" | "false" | "no"));
    let mut doc = match serde_json::to_value(&*snap) {
        Ok(v) => v,
        Err(e) => return plain(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    if with_history {
        let cols = app.sampler.history();
        doc["history"] = serde_json::to_value(cols).unwrap_or_default();
    }
    json_response(doc.to_string())
}

fn json_response(body: String) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "response"))
}

/// Counts a viewer for as long as its stream lives.
struct ViewerGuard(Arc<App>);

impl Drop for ViewerGuard {
    fn drop(&mut self) {
        self.0.viewers.fetch_sub(1, Ordering::Relaxed);
    }
}

async fn stream(State(app): State<Arc<App>>) -> impl IntoResponse {
    app.viewers.fetch_add(1, Ordering::Relaxed);
    let guard = ViewerGuard(app.clone());
    let rx = app.sampler.subscribe();
    // The current snapshot at once, then each new one; every viewer shares the sampler's
    // work and the encoded text. The stream ends when the server stops.
    let stream = futures::stream::unfold((rx, guard, true), |(mut rx, guard, first)| async move {
        let mut stopping = guard.0.stopping.clone();
        if stopped(&stopping) {
            return None;
        }
        if !first {
            tokio::select! {
                changed = rx.changed() => changed.ok()?,
                _ = requested(&mut stopping) => return None,
            }
        }
        let snap = rx.borrow_and_update().clone();
        let data = guard.0.encoded(&snap);
        let ev = Event::default()
            .event("snapshot")
            .id(snap.seq.to_string())
            .data(data.as_str());
        Some((Ok::<_, std::convert::Infallible>(ev), (rx, guard, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[derive(Deserialize)]
struct FeedQuery {
    topic: Option<String>,
}

async fn feed(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Response {
    let presented = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    if !presented.is_some_and(|t| constant_time_eq(t, &app.csrf)) {
        return plain(
            StatusCode::FORBIDDEN,
            "following a topic is an action of the dashboard's page: choose it there",
        );
    }
    let Some(topic) = q.topic.filter(|t| valid_topic(t)) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "give ?topic=NAME (a valid topic name)",
        );
    };
    let followed = app.sampler.follow(&topic);
    json_response(serde_json::json!({"topic": topic, "followed": followed}).to_string())
}

fn valid_topic(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 249
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

async fn prometheus(State(app): State<Arc<App>>) -> Response {
    let snap = app.sampler.latest();
    let text = metrics::encode_snapshot(&snap, app.viewers.load(Ordering::Relaxed));
    Response::builder()
        .header(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )
        .body(Body::from(text))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "response"))
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<DashboardError> for crate::error::Error {
    fn from(e: DashboardError) -> Self {
        // Its own words say it all (the address, and what the system said).
        crate::error::Error::runtime(e.to_string()).with_source(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_check_accepts_exact_loopback_names_and_literals_only() {
        let listen: SocketAddr = "127.0.0.1:7878".parse().unwrap();
        for ok in [
            "127.0.0.1:7878",
            "127.0.0.1",
            "127.0.0.2:7878",
            "127.255.255.254",
            "localhost:7878",
            "LOCALHOST:80",
            "localhost",
            "[::1]:7878",
            "[::1]",
        ] {
            assert!(loopback_host(Some(ok), listen), "{ok}");
        }
        for bad in [
            "evil.example:7878",
            "192.168.1.5:7878",
            "[fe80::1]:80",
            "127.0.0.1.evil.example",
            "127.0.0.1.evil.example:7878",
            "127.0.0.1.nip.io:7878",
            "localhost.evil",
            "localhost.evil:7878",
            "localhost.:7878",
            "127.1:7878",
            "127.1",
            "2130706433:7878",
            "0x7f.0.0.1:7878",
            "0177.0.0.1:7878",
            "127.0.0.1:",
            "127.0.0.1:78x",
            "127.0.0.1:7878:1",
            "127.0.0.1:123456",
            "[::1]x:7878",
            "[::1].evil.example",
            "::1",
            "[::1",
            "",
        ] {
            assert!(!loopback_host(Some(bad), listen), "{bad}");
        }
        assert!(!loopback_host(None, listen), "a missing Host");
        // The listening address itself, when it is a loopback one.
        let six: SocketAddr = "[::1]:7878".parse().unwrap();
        assert!(loopback_host(Some("[::1]:7878"), six));
        assert!(loopback_host(Some("[0:0:0:0:0:0:0:1]:7878"), six));
    }

    #[test]
    fn cross_site_requests_are_told_apart() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.append(HeaderName::from_static(k), HeaderValue::from_static(v));
            }
            h
        };
        let host = ("host", "127.0.0.1:7878");
        assert!(!cross_site(&headers(&[host])));
        assert!(!cross_site(&headers(&[
            host,
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(!cross_site(&headers(&[host, ("sec-fetch-site", "none")])));
        assert!(!cross_site(&headers(&[
            host,
            ("origin", "http://127.0.0.1:7878")
        ])));
        assert!(cross_site(&headers(&[
            host,
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(cross_site(&headers(&[
            host,
            ("sec-fetch-site", "same-site")
        ])));
        assert!(cross_site(&headers(&[
            host,
            ("origin", "http://evil.example")
        ])));
        assert!(cross_site(&headers(&[host, ("origin", "null")])));
        assert!(cross_site(&headers(&[
            host,
            ("origin", "http://localhost:7878")
        ])));
        assert!(cross_site(&headers(&[("origin", "http://127.0.0.1:7878")])));
    }

    #[test]
    fn tokens_come_from_header_query_or_cookie() {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("x=1; livedbctl_token=def"),
        );
        let got = presented_tokens(&h, Some("a=1&token=g%68i"));
        assert_eq!(got, vec!["abc", "ghi", "def"]);
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }

    #[test]
    fn generated_tokens_are_long_and_differ() {
        let a = generate_token().unwrap();
        let b = generate_token().unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
