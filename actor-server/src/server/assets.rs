//! The live graph page, embedded at build time.
//!
//! The page's sources are `actor-server/ui/src/`; `npm run build` in
//! `actor-server/ui` bundles them (with elkjs) into `ui/dist/`, which is
//! committed so that `cargo build` works on a fresh clone without npm. The
//! test command rebuilds it and fails if the committed bundle is stale.

use axum::http::header;
use axum::response::{Html, IntoResponse};

const INDEX_HTML: &str = include_str!("../../ui/dist/index.html");
const APP_JS: &str = include_str!("../../ui/dist/app.js");

/// `GET /`: the page.
pub(super) fn index() -> Html<&'static str> {
    Html(INDEX_HTML)
}

/// `GET /app.js`: the page's script.
pub(super) async fn app_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], APP_JS)
}
