//! What a slow line receives: text answers in gzip or brotli when the client
//! asks (pages, static assets, API JSON), the same bytes once decoded, and
//! the stylesheet's colours readable (WCAG AA).

mod support;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use std::io::Read;
use support::TestApp;
use tower::ServiceExt;

both_backends!(
    text_answers_are_compressed_when_asked,
    without_accept_encoding_answers_are_plain,
    the_filing_form_compressed_is_under_10_kb,
    health_checks_stay_plain,
    static_assets_come_pre_compressed,
    every_text_colour_passes_wcag_aa,
);

const FORM: &str = "/kk/appeals/new";
const API: &str = "/api/v1/territories";

async fn fetch(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> (StatusCode, HeaderMap, Bytes) {
    let mut req = Request::get(path);
    if let Some(accept) = accept_encoding {
        req = req.header(header::ACCEPT_ENCODING, accept);
    }
    let response = app.router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.into_body().collect().await.unwrap().to_bytes())
}

fn encoding(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok())
}

fn decode(coding: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match coding {
        "gzip" => flate2::read::GzDecoder::new(body).read_to_end(&mut out).unwrap(),
        "br" => brotli::Decompressor::new(body, 4096).read_to_end(&mut out).unwrap(),
        other => panic!("unexpected coding {other}"),
    };
    out
}

async fn text_answers_are_compressed_when_asked(app: TestApp) {
    let css = adaldyq_web::assets::CSS_PATH.as_str();
    for path in [FORM, css, API] {
        let (status, plain_headers, plain) = fetch(&app, path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(plain.len() > 1024, "{path} is big enough to be worth compressing: {} bytes", plain.len());
        for coding in ["br", "gzip"] {
            let (status, headers, body) = fetch(&app, path, Some(coding)).await;
            assert_eq!(status, StatusCode::OK, "{path} {coding}");
            assert_eq!(encoding(&headers), Some(coding), "{path} asked for {coding}: {headers:?}");
            let vary =
                headers.get_all(header::VARY).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
            assert!(vary.to_ascii_lowercase().contains("accept-encoding"), "{path} {coding}: Vary is {vary:?}");
            assert_eq!(headers.get(header::CONTENT_TYPE), plain_headers.get(header::CONTENT_TYPE), "{path} {coding}");
            assert!(body.len() < plain.len(), "{path} {coding}: {} vs {}", body.len(), plain.len());
            let decoded = decode(coding, &body);
            if path == FORM {
                // Each rendering of the form carries its own CSRF token; the rest is the same.
                assert_eq!(decoded.len(), plain.len(), "{path} {coding}");
            } else {
                assert_eq!(decoded, plain.to_vec(), "{path} {coding}");
            }
        }
    }
    // A browser's usual header: brotli preferred; gzip when brotli is refused.
    let (_, headers, _) = fetch(&app, css, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(encoding(&headers), Some("br"));
    let (_, headers, body) = fetch(&app, css, Some("br;q=0, gzip")).await;
    assert_eq!(encoding(&headers), Some("gzip"));
    assert_eq!(decode("gzip", &body), adaldyq_web::assets::CSS.as_bytes());
}

async fn without_accept_encoding_answers_are_plain(app: TestApp) {
    let css = adaldyq_web::assets::CSS_PATH.as_str();
    for path in [FORM, css, API] {
        for accept in [None, Some("identity"), Some("br;q=0, gzip;q=0")] {
            let (status, headers, body) = fetch(&app, path, accept).await;
            assert_eq!(status, StatusCode::OK, "{path} {accept:?}");
            assert_eq!(encoding(&headers), None, "{path} {accept:?}: {headers:?}");
            assert!(std::str::from_utf8(&body).is_ok(), "{path} {accept:?} is plain text");
        }
    }
    let (_, _, css_body) = fetch(&app, css, None).await;
    assert_eq!(css_body, adaldyq_web::assets::CSS.as_bytes());
    // The plain answer is a choice, not the only thing the server does.
    let (_, headers, _) = fetch(&app, css, Some("gzip")).await;
    assert_eq!(encoding(&headers), Some("gzip"));
}

async fn the_filing_form_compressed_is_under_10_kb(app: TestApp) {
    let (_, _, plain) = fetch(&app, FORM, None).await;
    for coding in ["br", "gzip"] {
        let (_, headers, body) = fetch(&app, FORM, Some(coding)).await;
        assert_eq!(encoding(&headers), Some(coding));
        assert!(body.len() < 10 * 1024, "{coding}: {} bytes", body.len());
        // The form's first page asks two questions (about 6.5 KB plain), so it
        // shrinks less than the one long page did, but still more than half.
        assert!(body.len() * 2 < plain.len(), "{coding}: {} of {} bytes", body.len(), plain.len());
    }
}

async fn health_checks_stay_plain(app: TestApp) {
    for path in ["/healthz", "/readyz"] {
        let (status, headers, body) = fetch(&app, path, Some("gzip, br")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(encoding(&headers), None, "{path}");
        assert!(body.starts_with(b"ok") || body.starts_with(b"ready"), "{path}: {body:?}");
    }
    // ...while a page asked the same way is compressed.
    let (_, headers, _) = fetch(&app, FORM, Some("gzip, br")).await;
    assert_eq!(encoding(&headers), Some("br"));
}

async fn static_assets_come_pre_compressed(app: TestApp) {
    let css = adaldyq_web::assets::CSS_PATH.as_str();
    for coding in ["br", "gzip"] {
        let (_, headers, body) = fetch(&app, css, Some(coding)).await;
        assert_eq!(encoding(&headers), Some(coding));
        // Compressed once ahead of time, so the length is known (a body
        // compressed on the fly is streamed without one) ...
        let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        assert_eq!(length, Some(body.len()), "{coding}: {headers:?}");
        // ... and the same bytes every time.
        let (_, _, again) = fetch(&app, css, Some(coding)).await;
        assert_eq!(body, again);
        assert!(headers.get(header::CACHE_CONTROL).unwrap().to_str().unwrap().contains("immutable"));
    }
}

/// The `:root` custom properties of the stylesheet: name → (r, g, b).
fn palette(css: &str) -> Vec<(String, [u8; 3])> {
    let root = css.split(":root {").nth(1).unwrap().split('}').next().unwrap();
    root.split(';')
        .filter_map(|decl| {
            let (name, value) = decl.split_once(':')?;
            Some((name.trim().to_owned(), rgb(value.trim())))
        })
        .collect()
}

fn rgb(hex: &str) -> [u8; 3] {
    let hex = hex.trim_start_matches('#');
    assert_eq!(hex.len(), 6, "colour {hex} is written #rrggbb");
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
    [byte(0), byte(2), byte(4)]
}

/// WCAG 2.x contrast ratio of two sRGB colours.
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    fn luminance(c: [u8; 3]) -> f64 {
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The declarations of the first rule whose selector is exactly `selector`.
fn rule<'a>(css: &'a str, selector: &str) -> &'a str {
    css.lines()
        .find_map(|line| line.strip_prefix(selector)?.trim_start().strip_prefix('{'))
        .unwrap_or_else(|| panic!("no rule {selector}"))
}

/// The colour a declaration list sets for `property`, resolving `var(--x)`.
fn colour_of(decls: &str, property: &str, palette: &[(String, [u8; 3])]) -> Option<[u8; 3]> {
    let value = decls.split(';').find_map(|d| {
        let (name, value) = d.split_once(':')?;
        (name.trim() == property).then(|| value.trim().trim_end_matches('}').trim().to_owned())
    })?;
    if value == "none" || value == "transparent" {
        return None;
    }
    Some(match value.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) {
        Some(var) => palette.iter().find(|(n, _)| n == var).map(|(_, c)| *c).unwrap_or_else(|| panic!("no {var}")),
        None => rgb(&value),
    })
}

async fn every_text_colour_passes_wcag_aa(app: TestApp) {
    let (_, _, css) = fetch(&app, &adaldyq_web::assets::CSS_PATH, None).await;
    let css = String::from_utf8(css.to_vec()).unwrap();
    let colours = palette(&css);
    let c = |name: &str| colours.iter().find(|(n, _)| n == name).map(|(_, c)| *c).unwrap();
    // Every pairing of text on background the stylesheet makes.
    let pairs = [
        ("body text", c("--ink"), c("--bg")),
        ("hints, footer, badges", c("--muted"), c("--bg")),
        ("links", c("--accent"), c("--bg")),
        ("header and buttons", c("--accent-ink"), c("--accent")),
        ("errors", c("--warn"), c("--bg")),
        ("error summary", c("--warn"), c("--err-bg")),
        ("notices", c("--ink"), c("--note")),
        ("links in notices", c("--accent"), c("--note")),
        ("hints in notices", c("--muted"), c("--note")),
        ("skip link", [0xff, 0xff, 0xff], c("--ink")),
    ];
    for (what, fg, bg) in pairs {
        let ratio = contrast(fg, bg);
        assert!(ratio >= 4.5, "{what}: {fg:?} on {bg:?} is {ratio:.2}:1, under 4.5:1");
    }
    // A button that looks like a link (sign out, track page, templates,
    // routing) has no background of its own, so it must not keep the
    // button's white text: it sets a colour that reads on the page.
    let link_button = rule(&css, "button.link");
    assert!(colour_of(link_button, "background", &colours).is_none(), "button.link draws no background");
    let fg = colour_of(link_button, "color", &colours).expect("button.link sets its own text colour");
    let ratio = contrast(fg, c("--bg"));
    assert!(ratio >= 4.5, "button.link: {fg:?} on the page is {ratio:.2}:1");
    assert!(link_button.contains("text-decoration: underline"), "button.link is underlined like a link");
    // In the site header it sits on the accent band and keeps the header's colour.
    let header = rule(&css, "header.site a, header.site .link");
    let fg = colour_of(header, "color", &colours).unwrap();
    assert!(contrast(fg, c("--accent")) >= 4.5);
    // Focus stays visible on it (the global focus ring is not switched off).
    assert!(css.contains(":focus-visible { outline: 3px solid"));
    assert!(!link_button.contains("outline"), "button.link keeps the focus ring");
}
