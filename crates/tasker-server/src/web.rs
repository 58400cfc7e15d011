//! The browser pages served on the server's one port: the dashboard at
//! `/ui/` and the interactive REST reference at `/docs`. Both are built from
//! `web/` into `web/dist` (committed, drift-checked) and compiled into the
//! binary here, so a server needs no Node.js and no checkout at run time.
//! They are static files, served without credentials; every call the pages
//! make carries the credential the user signs in with.

use tasker_gateway::{Bytes, Document};

/// One built file: where it is served and what it is.
struct Asset {
    paths: &'static [&'static str],
    content_type: &'static str,
    body: &'static [u8],
}

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

const ASSETS: &[Asset] = &[
    Asset {
        paths: &["/ui", "/ui/", "/ui/index.html"],
        content_type: HTML,
        body: include_bytes!("../../../web/dist/ui/index.html"),
    },
    Asset {
        paths: &["/ui/app.js"],
        content_type: JS,
        body: include_bytes!("../../../web/dist/ui/app.js"),
    },
    Asset {
        paths: &["/ui/app.css"],
        content_type: CSS,
        body: include_bytes!("../../../web/dist/ui/app.css"),
    },
    Asset {
        paths: &["/docs", "/docs/", "/docs/index.html"],
        content_type: HTML,
        body: include_bytes!("../../../web/dist/docs/index.html"),
    },
    Asset {
        paths: &["/docs/docs.js"],
        content_type: JS,
        body: include_bytes!("../../../web/dist/docs/docs.js"),
    },
    Asset {
        paths: &["/docs/swagger-ui-bundle.js"],
        content_type: JS,
        body: include_bytes!("../../../web/dist/docs/swagger-ui-bundle.js"),
    },
    Asset {
        paths: &["/docs/swagger-ui.css"],
        content_type: CSS,
        body: include_bytes!("../../../web/dist/docs/swagger-ui.css"),
    },
];

/// The pages as documents for the one-port service (GET, exact paths).
pub fn documents() -> Vec<Document> {
    ASSETS
        .iter()
        .flat_map(|asset| {
            asset.paths.iter().map(|path| Document {
                path: (*path).to_owned(),
                content_type: asset.content_type,
                body: Bytes::from_static(asset.body),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_and_asset_is_served() {
        let documents = documents();
        for path in [
            "/ui",
            "/ui/",
            "/ui/app.js",
            "/ui/app.css",
            "/docs",
            "/docs/docs.js",
        ] {
            assert!(
                documents
                    .iter()
                    .any(|d| d.path == path && !d.body.is_empty()),
                "{path} missing"
            );
        }
    }
}
