//! The transparency log over HTTP: receipts carry a proof that checks
//! against the signed checkpoint, the public endpoints answer and refuse
//! with reasons, witnesses' cosignatures are checked and shown.

mod support;

use adaldyq_tlog::note::{open_checkpoint, WitnessKey};
use adaldyq_tlog::{verify_consistency, verify_inclusion, Hash};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::{json, Value};
use support::{test_config, TestApp};

both_backends!(
    a_receipt_carries_a_proof_that_checks_against_the_signed_checkpoint,
    the_public_endpoints_answer_and_refuse_with_reasons,
    the_transparency_page_speaks_every_language,
);

const ARAL_OKRUG: &str = "433233000";

async fn json_of(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let r = app.get(path, None).await;
    (r.status, serde_json::from_str(&r.body).unwrap_or(Value::Null))
}

/// Files an anonymous appeal through the API; its number and secret.
async fn file(app: &TestApp) -> (String, String) {
    let body = json!({
        "kind": "complaint", "territory": ARAL_OKRUG, "subject": "Су", "text": "Сумен жабдықтау жоқ",
        "language": "kk", "anonymous": true
    });
    let req = Request::post("/api/v1/appeals")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    (v["number"].as_str().unwrap().to_owned(), v["secret"].as_str().unwrap().to_owned())
}

async fn followed(app: &TestApp, number: &str, secret: &str) -> Value {
    let req = Request::get(format!("/api/v1/appeals/{number}"))
        .header(header::AUTHORIZATION, format!("Receipt {secret}"))
        .body(Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn hashes(v: &Value) -> Vec<Hash> {
    v.as_array().unwrap().iter().map(|h| Hash(B64.decode(h.as_str().unwrap()).unwrap().try_into().unwrap())).collect()
}

async fn a_receipt_carries_a_proof_that_checks_against_the_signed_checkpoint(app: TestApp) {
    let (number, secret) = file(&app).await;
    let before = followed(&app, &number, &secret).await;
    assert_eq!(before["log"]["pending"], true, "no checkpoint covers it yet: {before}");
    let index = before["log"]["leaf_index"].as_u64().unwrap();
    app.state.checkpoint().await.unwrap().expect("a new checkpoint");
    let log = followed(&app, &number, &secret).await["log"].clone();
    assert_eq!(log["leaf_index"].as_u64(), Some(index));
    // The key served is the one that signed; the leaf is the filed event.
    let key = app.get("/api/v1/log/key", None).await.body;
    assert_eq!(key.trim(), log["log_key"].as_str().unwrap());
    let opened = open_checkpoint(log["checkpoint"].as_str().unwrap(), key.trim()).unwrap();
    assert_eq!(opened.size, log["size"].as_u64().unwrap());
    let leaf = B64.decode(log["leaf"].as_str().unwrap()).unwrap();
    let text = String::from_utf8(leaf.clone()).unwrap();
    assert!(text.contains("kind filed\n") && text.contains(&format!("appeal {number}\n")), "{text}");
    assert!(text.contains("role citizen\n") && !text.contains("Сумен"), "no text in the leaf: {text}");
    let proof = hashes(&log["inclusion"]);
    verify_inclusion(&opened.root, opened.size, index, &leaf, &proof).unwrap();
    assert!(verify_inclusion(&opened.root, opened.size, index + 1, &leaf, &proof).is_err());
    // The track page and the downloaded receipt carry the same proof.
    let page = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"log-verify\"") && page.body.contains("/static/verify."), "{}", page.body);
    let script = page.body.split("src=\"/static/verify.").nth(1).unwrap().split('"').next().unwrap();
    let js = app.get(&format!("/static/verify.{script}"), None).await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.body.contains("Ed25519"));
    let receipt = app.post_form("/ru/appeals/receipt", &[("number", &number), ("secret", &secret)], None).await;
    let block = receipt.body.split("-----BEGIN ADALDYQ LOG PROOF-----\n").nth(1).unwrap();
    let json: Value = serde_json::from_str(block.split("\n-----END").next().unwrap()).unwrap();
    assert_eq!(json["leaf_index"].as_u64(), Some(index));
    assert_eq!(json["inclusion"], log["inclusion"]);
}

async fn the_public_endpoints_answer_and_refuse_with_reasons(app: TestApp) {
    file(&app).await;
    let first = app.state.checkpoint().await.unwrap().unwrap();
    file(&app).await;
    let second = app.state.checkpoint().await.unwrap().unwrap();
    let note = app.get("/api/v1/log/checkpoint", None).await;
    assert_eq!(note.status, StatusCode::OK);
    assert!(note.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    assert_eq!(note.body, second.note);
    // Leaves rebuild the tree the checkpoint signs.
    let (status, leaves) = json_of(&app, &format!("/api/v1/log/leaves?start=0&end={}", second.size)).await;
    assert_eq!(status, StatusCode::OK);
    let data: Vec<Vec<u8>> =
        leaves["leaves"].as_array().unwrap().iter().map(|l| B64.decode(l["data"].as_str().unwrap()).unwrap()).collect();
    let tree = adaldyq_tlog::Tree::from_leaves(data.clone());
    assert_eq!(tree.root().0.to_vec(), second.root);
    let r = app.get("/api/v1/log/leaves?start=0&end=1", None).await;
    assert!(r.headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
    // Inclusion and consistency.
    let (status, inc) = json_of(&app, &format!("/api/v1/log/inclusion?index=1&size={}", second.size)).await;
    assert_eq!(status, StatusCode::OK, "{inc}");
    let root = Hash(second.root.clone().try_into().unwrap());
    verify_inclusion(&root, second.size, 1, &data[1], &hashes(&inc["hashes"])).unwrap();
    let (status, con) = json_of(&app, &format!("/api/v1/log/consistency?from={}&to={}", first.size, second.size)).await;
    assert_eq!(status, StatusCode::OK, "{con}");
    let old = Hash(first.root.clone().try_into().unwrap());
    verify_consistency(&old, first.size, &root, second.size, &hashes(&con["hashes"])).unwrap();
    // Out of range and malformed: 400 with the reason.
    let size = second.size;
    for (path, reason) in [
        (format!("/api/v1/log/inclusion?index={size}&size={size}"), "outside a tree"),
        (format!("/api/v1/log/inclusion?index=0&size={}", size + 1), "outside a tree"),
        ("/api/v1/log/inclusion?index=x&size=1".to_owned(), "index"),
        (format!("/api/v1/log/consistency?from=0&to={size}"), "do not make a consistency proof"),
        (format!("/api/v1/log/consistency?from=2&to={}", size + 5), "do not make a consistency proof"),
        (format!("/api/v1/log/leaves?start=0&end={}", size + 1), "not within the log"),
        ("/api/v1/log/leaves?start=5&end=5".to_owned(), "not within the log"),
        ("/api/v1/log/leaves?end=5".to_owned(), "start"),
    ] {
        let (status, body) = json_of(&app, &path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert!(body["detail"].as_str().unwrap().contains(reason), "{path}: {body}");
    }
}

async fn post_cosignature(app: &TestApp, body: &str) -> StatusCode {
    let req = Request::post("/api/v1/log/cosignatures")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap();
    app.send(req).await.status
}

#[tokio::test]
async fn a_trusted_witness_cosignature_is_kept_and_shown_others_are_refused() {
    for backend in [adaldyq_store::testing::Backend::Sqlite, adaldyq_store::testing::Backend::Postgres] {
        let witness = WitnessKey::generate("witness.test").unwrap();
        let config = adaldyq_web::WebConfig { witnesses: vec![witness.verifier_key()], ..test_config() };
        let Some(app) = TestApp::with_config(backend, config).await else { continue };
        file(&app).await;
        let c = app.state.checkpoint().await.unwrap().unwrap();
        let text = open_checkpoint(&c.note, app.state.config.log_key.verifier_key()).unwrap().text;
        let line = witness.cosign(&text, 1_800_000_000);
        // A stranger's cosignature, one of another checkpoint, junk: refused.
        let stranger = WitnessKey::generate("witness.test").unwrap().cosign(&text, 1);
        let wrong_text = witness.cosign(&text.replace('\n', "\nx"), 1);
        for (body, want) in [
            (json!({ "size": c.size, "signature": stranger }).to_string(), StatusCode::FORBIDDEN),
            (json!({ "size": c.size, "signature": wrong_text }).to_string(), StatusCode::FORBIDDEN),
            (json!({ "size": c.size + 7, "signature": line }).to_string(), StatusCode::BAD_REQUEST),
            ("not json".to_owned(), StatusCode::BAD_REQUEST),
            (json!({ "size": c.size, "signature": "— witness.test !!!" }).to_string(), StatusCode::FORBIDDEN),
        ] {
            assert_eq!(post_cosignature(&app, &body).await, want, "{body}");
        }
        assert!(!app.get("/api/v1/log/checkpoint", None).await.body.contains("witness.test"));
        let ok = json!({ "size": c.size, "signature": line }).to_string();
        assert_eq!(post_cosignature(&app, &ok).await, StatusCode::NO_CONTENT);
        let note = app.get("/api/v1/log/checkpoint", None).await.body;
        assert!(note.ends_with(&line), "the cosignature follows the log's signature: {note}");
        assert!(open_checkpoint(&note, app.state.config.log_key.verifier_key()).is_ok());
        let page = app.get("/en/transparency", None).await.body;
        assert!(page.contains("<code>witness.test</code>"), "{page}");
    }
}

async fn the_transparency_page_speaks_every_language(app: TestApp) {
    app.state.checkpoint().await.unwrap();
    let home = app.get("/en/", None).await.body;
    assert!(home.contains("<li><a href=\"/en/transparency\">"), "the home page's way in is open: {home}");
    let key = app.state.config.log_key.verifier_key().to_owned();
    for (lang, title) in [
        ("kk", "Ашықтық журналы"),
        ("kk-latn", "Aşyqtyq jurnaly"),
        ("ru", "Журнал прозрачности"),
        ("en", "Transparency log"),
    ] {
        let r = app.get(&format!("/{lang}/transparency"), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains(title), "{lang}: {}", r.body);
        assert!(r.body.contains(&key), "{lang}: the public key is shown verbatim");
        assert!(r.body.contains("adaldyq log verify") && r.body.contains("adaldyq receipt verify"), "{lang}");
        assert!(r.body.contains("--url https://adaldyq.local<"), "the commands name the site, not the log's origin");
    }
}
