//! The one JSON-over-HTTP client, for Kafka Connect's and Flink's REST APIs (and Flink's SQL
//! Gateway): a base URL, a timeout on every request (connecting included), JSON in and out,
//! and credentials in the URL never shown (the address is kept redacted for messages and
//! the transport error is stripped of the URL). What a status means is each API's own
//! business: callers get the status and the body, parsed as JSON when it is JSON.

use std::time::Duration;

use reqwest::{Method, RequestBuilder};
use serde_json::Value;

/// A server's answer: its status and body (JSON, a JSON string of other text, or null
/// when empty).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

#[derive(Clone)]
pub struct JsonClient {
    base: String,
    shown: String,
    client: reqwest::Client,
}

impl JsonClient {
    /// A client of the API at `url` whose every request ends within `timeout`.
    pub fn new(url: &str, timeout: Duration) -> JsonClient {
        let base = url.trim_end_matches('/').to_string();
        JsonClient {
            shown: crate::profile::redact_conn(&base),
            base,
            client: reqwest::Client::builder()
                .timeout(timeout)
                .connect_timeout(timeout)
                .build()
                .unwrap_or_default(),
        }
    }

    /// The base URL with any password replaced, for messages.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// A request to `path` under the base URL that asks for JSON.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header("Accept", "application/json")
    }

    /// `method path` with an optional JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, reqwest::Error> {
        let mut req = self.request(method, path);
        if let Some(b) = body {
            req = req.json(b);
        }
        self.send(req).await
    }

    /// Send a request built with [`JsonClient::request`] (a multipart upload, say).
    pub async fn send(&self, req: RequestBuilder) -> Result<Answer, reqwest::Error> {
        let resp = req.send().await.map_err(reqwest::Error::without_url)?;
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        let body = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Ok(Answer { status, body })
    }
}

/// `s` as one path segment: unreserved characters as they are, every other byte escaped.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_segment_escapes_all_but_unreserved_bytes() {
        assert_eq!(enc("db.public-x_~1"), "db.public-x_~1");
        assert_eq!(enc("a/b c?é"), "a%2Fb%20c%3F%C3%A9");
    }

    #[test]
    fn the_address_shown_hides_the_password() {
        let c = JsonClient::new(
            "http://admin:hunter2@127.0.0.1:8083/",
            Duration::from_secs(1),
        );
        // Requests still carry the credentials (reqwest sends them as basic auth); only
        // what is shown hides them.
        let req = c.request(Method::GET, "/connectors").build().unwrap();
        let auth = req.headers()[reqwest::header::AUTHORIZATION]
            .to_str()
            .unwrap();
        use base64::Engine as _;
        let sent = base64::engine::general_purpose::STANDARD.encode("admin:hunter2");
        assert_eq!(auth, format!("Basic {sent}"));
        assert!(!c.shown().contains("hunter2"), "{}", c.shown());
        assert!(c.shown().contains("127.0.0.1:8083"), "{}", c.shown());
    }

    #[tokio::test]
    async fn a_transport_error_does_not_carry_the_url() {
        // A port nothing listens on (bound, then closed).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let c = JsonClient::new(
            &format!("http://admin:hunter2@127.0.0.1:{port}"),
            Duration::from_secs(5),
        );
        let e = c.call(Method::GET, "/x", None).await.unwrap_err();
        let text = crate::error::chain(&e);
        assert!(
            !text.contains("hunter2") && !text.contains("admin"),
            "{text}"
        );
    }
}
