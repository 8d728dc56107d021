//! Static files compiled into the binary and served under a name that
//! carries their content hash, so they can be cached for a year. Each is
//! compressed once, at its first request, at the best gzip and brotli levels,
//! and served in the encoding the client accepts.

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::io::Write;
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

/// The filing form's few lines: the error summary takes the focus. The
/// form works the same without it.
pub const FORM_JS: &str = include_str!("../assets/form.js");

/// `/static/form.<hash>.js`
pub static FORM_JS_PATH: LazyLock<String> = LazyLock::new(|| {
    let hash = Sha256::digest(FORM_JS.as_bytes());
    format!("/static/form.{}.js", &hex(&hash)[..12])
});

/// Inserts an answer template at the cursor on a staff appeal's page; the
/// page works without it (the draft is posted and comes back with the
/// template after it).
pub const STAFF_JS: &str = include_str!("../assets/staff.js");

/// `/static/staff.<hash>.js`
pub static STAFF_JS_PATH: LazyLock<String> = LazyLock::new(|| {
    let hash = Sha256::digest(STAFF_JS.as_bytes());
    format!("/static/staff.{}.js", &hex(&hash)[..12])
});

/// One asset in its three encodings.
struct Encoded {
    identity: &'static str,
    gzip: Bytes,
    br: Bytes,
}

impl Encoded {
    fn new(identity: &'static str) -> Encoded {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(identity.as_bytes()).expect("gzip into memory");
        let gzip = gz.finish().expect("gzip into memory");
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        brotli::BrotliCompress(&mut identity.as_bytes(), &mut br, &params).expect("brotli into memory");
        Encoded { identity, gzip: gzip.into(), br: br.into() }
    }

    fn respond(&self, content_type: &'static str, request: &HeaderMap) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        let accepted = |coding| accepts(request, coding);
        if accepted("br") {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            (headers, self.br.clone()).into_response()
        } else if accepted("gzip") {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            (headers, self.gzip.clone()).into_response()
        } else {
            (headers, self.identity).into_response()
        }
    }
}

static CSS_ENCODED: LazyLock<Encoded> = LazyLock::new(|| Encoded::new(CSS));
static VERIFY_JS_ENCODED: LazyLock<Encoded> = LazyLock::new(|| Encoded::new(VERIFY_JS));
static FORM_JS_ENCODED: LazyLock<Encoded> = LazyLock::new(|| Encoded::new(FORM_JS));
static STAFF_JS_ENCODED: LazyLock<Encoded> = LazyLock::new(|| Encoded::new(STAFF_JS));

/// Whether `Accept-Encoding` names `coding` (or `*`) with a quality above 0.
fn accepts(request: &HeaderMap, coding: &str) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|item| {
            let mut parts = item.split(';');
            let name = parts.next()?.trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((name, q))
        })
        .filter(|(name, _)| name.eq_ignore_ascii_case(coding) || *name == "*")
        // An exact name outranks `*`, as RFC 9110 §12.5.3 says.
        .max_by_key(|(name, _)| *name != "*")
        .is_some_and(|(_, q)| q > 0.0)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let path = format!("/static/{file}");
    if path == *CSS_PATH {
        CSS_ENCODED.respond("text/css; charset=utf-8", &headers)
    } else if path == *VERIFY_JS_PATH {
        VERIFY_JS_ENCODED.respond("text/javascript; charset=utf-8", &headers)
    } else if path == *FORM_JS_PATH {
        FORM_JS_ENCODED.respond("text/javascript; charset=utf-8", &headers)
    } else if path == *STAFF_JS_PATH {
        STAFF_JS_ENCODED.respond("text/javascript; charset=utf-8", &headers)
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}
