//! Static files compiled into the binary and served under a name that
//! carries their content hash, so they can be cached for a year.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

pub const CSS: &str = include_str!("../assets/app.css");

/// `/static/app.<hash>.css`
pub static CSS_PATH: LazyLock<String> = LazyLock::new(|| {
    let hash = Sha256::digest(CSS.as_bytes());
    format!("/static/app.{}.css", &hex(&hash)[..12])
});

/// Checks a log proof in the browser (track page); the page works without it.
pub const VERIFY_JS: &str = include_str!("../assets/verify.js");

/// `/static/verify.<hash>.js`
pub static VERIFY_JS_PATH: LazyLock<String> = LazyLock::new(|| {
    let hash = Sha256::digest(VERIFY_JS.as_bytes());
    format!("/static/verify.{}.js", &hex(&hash)[..12])
});

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn serve(Path(file): Path<String>) -> Response {
    if format!("/static/{file}") == *CSS_PATH {
        (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            CSS,
        )
            .into_response()
    } else if format!("/static/{file}") == *VERIFY_JS_PATH {
        (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            VERIFY_JS,
        )
            .into_response()
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}
