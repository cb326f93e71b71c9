//! The page and its assets, embedded at build time: the dashboard works with no internet
//! and needs nothing beside the binary. uPlot is the vendored copy under `web/vendor/`
//! (version and license in `web/vendor/uplot/VENDOR.json`, refreshed by
//! `scripts/vendor-web.sh`).

use axum::body::Body;
use axum::http::header;
use axum::response::Response;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "index.html",
        content_type: "text/html; charset=utf-8",
        body: include_str!("../../web/index.html"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("../../web/app.js"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("../../web/app.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        body: include_str!("../../web/favicon.svg"),
    },
    Asset {
        name: "uPlot.iife.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("../../web/vendor/uplot/uPlot.iife.min.js"),
    },
    Asset {
        name: "uPlot.min.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("../../web/vendor/uplot/uPlot.min.css"),
    },
    Asset {
        name: "uPlot-LICENSE.txt",
        content_type: "text/plain; charset=utf-8",
        body: include_str!("../../web/vendor/uplot/LICENSE"),
    },
];

pub fn response(name: &str) -> Option<Response> {
    let a = ASSETS.iter().find(|a| a.name == name)?;
    Response::builder()
        .header(header::CONTENT_TYPE, a.content_type)
        // Assets change with the binary; the page itself is never cached.
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from(a.body))
        .ok()
}

/// `index.html` with `placeholder` replaced by `value` (the page's per-process token).
pub fn page(placeholder: &str, value: &str) -> Option<Response> {
    let a = ASSETS.iter().find(|a| a.name == "index.html")?;
    Response::builder()
        .header(header::CONTENT_TYPE, a.content_type)
        .body(Body::from(a.body.replace(placeholder, value)))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> serde_json::Value {
        serde_json::from_str(text).expect("valid JSON")
    }

    /// The version in package.json, the lockfile, VENDOR.json and the vendored file's own
    /// banner must agree: a refresh that forgot a step fails here.
    #[test]
    fn vendored_uplot_matches_the_recorded_version() {
        let pkg = json(include_str!("../../web/package.json"));
        let lock = json(include_str!("../../web/package-lock.json"));
        let vendor = json(include_str!("../../web/vendor/uplot/VENDOR.json"));
        let wanted = pkg["dependencies"]["uplot"].as_str().unwrap();
        assert_eq!(
            lock["packages"]["node_modules/uplot"]["version"].as_str(),
            Some(wanted),
            "package-lock.json"
        );
        assert_eq!(vendor["version"].as_str(), Some(wanted), "VENDOR.json");
        assert_eq!(vendor["license"].as_str(), Some("MIT"));
        assert_eq!(
            vendor["integrity"], lock["packages"]["node_modules/uplot"]["integrity"],
            "VENDOR.json integrity"
        );
        let banner = include_str!("../../web/vendor/uplot/uPlot.iife.min.js")
            .lines()
            .next()
            .unwrap();
        assert!(
            banner.contains(&format!("(v{wanted})")),
            "uPlot.iife.min.js says {banner}"
        );
        assert!(include_str!("../../web/vendor/uplot/LICENSE").contains("MIT License"));
    }

    #[test]
    fn the_page_loads_only_embedded_assets() {
        let html = include_str!("../../web/index.html");
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "no CDN"
        );
        for a in ["app.js", "app.css", "uPlot.iife.min.js", "uPlot.min.css"] {
            assert!(html.contains(&format!("/assets/{a}")), "{a}");
            assert!(response(a).is_some());
        }
        assert!(html.contains(r#"<meta name="livedbctl-csrf" content="__LIVEDBCTL_CSRF__">"#));
    }
}
