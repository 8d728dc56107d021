//! Notices that leave the server, against a real SMTP server on loopback
//! (aiosmtpd, `scripts/smtp-sink.py`, in a venv the tests make under
//! target/) and a local HTTP server standing in for an SMS gateway. The
//! messages are read back as the server received them: recipient,
//! language, subject, body, Message-ID. Fault tests: the SMTP server down
//! then up, a refused recipient, two servers on one database, a worker
//! stopped between sending and recording. TLS: STARTTLS and implicit TLS
//! with AUTH to a relay whose certificate an internal CA issued (trusted
//! through the CA file), a wrong password, an untrusted certificate.

mod support;

/// Notices to people with an account: staff, preferences, switch-off links.
#[path = "notices/staff.rs"]
mod staff;

use adaldyq_domain::Role;
use adaldyq_store::Channel;
use adaldyq_web::notices::{self, NoticeSettings, Senders};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::smtp::{self, Sink};
use support::{TestApp, DISTRICT};

both_backends!(
    a_named_applicant_is_told_by_email_in_the_appeals_language,
    an_anonymous_applicant_is_never_sent_anything,
    the_smtp_server_down_then_up_delivers_after_retries,
    a_refused_recipient_is_dead_lettered_and_listed_for_the_administrator,
    two_servers_on_one_database_never_send_a_notice_twice,
    a_worker_stopped_between_sending_and_recording_sends_once_more,
    sms_goes_through_the_http_gateway,
    a_notice_goes_over_starttls_with_auth_to_a_relay_of_an_internal_ca,
    a_notice_goes_over_implicit_tls_with_auth,
    a_wrong_smtp_password_is_a_failure_with_the_servers_reply_and_no_password,
    an_smtp_server_whose_certificate_is_not_trusted_is_refused,
);

fn settings(smtp: Option<String>) -> NoticeSettings {
    NoticeSettings {
        smtp_url: smtp,
        mail_from: Some("Adaldyq <noreply@adaldyq.test>".into()),
        max_tries: 3,
        retry_base: Duration::ZERO,
        send_timeout: Duration::from_secs(10),
        ..NoticeSettings::default()
    }
}

/// An app whose notices go to `smtp` (and `sms`).
async fn app_with(backend: adaldyq_store::testing::Backend, n: NoticeSettings) -> Option<TestApp> {
    let mut config = support::test_config();
    config.public_url = "https://adaldyq.test".into();
    config.metrics_token = Some("metrics-token".into());
    config.notices = n;
    config.filings_per_minute = 1000;
    TestApp::with_config(backend, config).await
}

/// Files a named appeal through the API; its number and secret.
async fn file_named(app: &TestApp, language: &str, email: &str, phone: &str) -> (String, String) {
    let body = serde_json::json!({
        "kind": "complaint", "territory": DISTRICT, "institution": app.institution,
        "subject": "Көше шамдары", "text": "Бір айдан бері жарық жоқ.", "language": language, "anonymous": false,
        "contact": { "name": "Азамат Серікұлы", "email": email, "phone": phone }
    });
    let r = app
        .send(
            Request::post("/api/v1/appeals")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    (v["number"].as_str().unwrap().to_owned(), v["secret"].as_str().unwrap().to_owned())
}

/// Rounds of the worker until it finds nothing to do.
async fn drain(app: &TestApp, senders: &Senders, worker: &str) -> usize {
    let mut total = 0;
    for _ in 0..50 {
        let n = notices::deliver_once(&app.state, senders, worker).await.unwrap();
        if n == 0 {
            break;
        }
        total += n;
    }
    total
}

fn str_of<'a>(m: &'a serde_json::Value, k: &str) -> &'a str {
    m[k].as_str().unwrap_or("")
}

async fn a_named_applicant_is_told_by_email_in_the_appeals_language(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let (number, secret) = file_named(&app, "ru", "azamat@example.kz", "").await;
    assert_eq!(drain(&app, &senders, "w").await, 1);
    let mail = sink.messages();
    assert_eq!(mail.len(), 1, "{mail:?}");
    let m = &mail[0];
    assert_eq!(m["rcpt_tos"], serde_json::json!(["azamat@example.kz"]));
    assert_eq!(str_of(m, "content_language"), "ru");
    assert_eq!(str_of(m, "content_type"), "multipart/alternative", "plain text and HTML in one message");
    assert_eq!(str_of(m, "subject"), format!("Обращение {number} зарегистрировано"));
    let appeal = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let due = adaldyq_web::appeals::date_text(appeal.due_on.parse().unwrap());
    assert!(str_of(m, "text").contains(&due), "the due date: {}", str_of(m, "text"));
    assert!(str_of(m, "text").contains(&format!("https://adaldyq.test/ru/track?number={number}")));
    assert!(str_of(m, "html").contains("<a href=\"https://adaldyq.test/ru/track?number="));
    let message_id = str_of(m, "message_id");
    assert!(message_id.starts_with('<') && message_id.ends_with("@adaldyq.test>"), "{message_id}");
    for part in ["text", "html", "subject"] {
        assert!(!str_of(m, part).contains(&secret), "the receipt secret is never in a message");
    }

    // The head extends the term with a reason; the officer forwards it.
    let head = app.sign_in(&app.user(Role::Head).await).await;
    let calendar = app.state.calendar();
    let new_due = calendar.add_working_days(appeal.due_on.parse().unwrap(), 10);
    let r = app
        .post_form(
            &format!("/en/staff/appeals/{number}/extend"),
            &[("due", &new_due.to_string()), ("reason", "Нужен выезд на место")],
            Some(&head),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let other = app
        .db
        .store
        .create_institution(&adaldyq_store::NewInstitution {
            territory_code: DISTRICT.into(),
            name_kk: "Аудан әкімдігі".into(),
            name_ru: "Акимат района".into(),
            name_en: "District akimat".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let r = app
        .post_form(
            &format!("/en/staff/appeals/{number}/forward"),
            &[("institution", &other.to_string()), ("reason", "Не наша компетенция")],
            Some(&head),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(drain(&app, &senders, "w").await, 2);
    let mail = sink.messages();
    assert_eq!(mail.len(), 3);
    let extended = &mail[1];
    assert_eq!(str_of(extended, "subject"), format!("Обращение {number}: срок продлён"));
    let text = str_of(extended, "text");
    assert!(
        text.contains(&adaldyq_web::appeals::date_text(new_due)) && text.contains("Нужен выезд на место"),
        "{text}"
    );
    assert!(str_of(&mail[2], "text").contains("Акимат района"), "to whom, in the appeal's language");
    let ids: std::collections::HashSet<&str> = mail.iter().map(|m| str_of(m, "message_id")).collect();
    assert_eq!(ids.len(), 3, "one Message-ID per notice");

    let metrics = app
        .send(
            Request::get("/metrics").header(header::AUTHORIZATION, "Bearer metrics-token").body(Body::empty()).unwrap(),
        )
        .await
        .body;
    assert!(metrics.contains("adaldyq_notices_total{channel=\"email\",outcome=\"sent\"} 3"), "{metrics}");
    assert!(metrics.contains("adaldyq_notices_queued 0") && metrics.contains("adaldyq_notices_oldest_age_seconds 0"));
}

async fn an_anonymous_applicant_is_never_sent_anything(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let (number, _) = support::file_to_institution(&app).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let r = app
        .post_form(&format!("/en/staff/appeals/{number}/clarify"), &[("question", "Which street?")], Some(&officer))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.db.store.outbox_pending(10).await.unwrap().len() >= 2, "the notices are recorded");
    assert_eq!(drain(&app, &senders, "w").await, 0);
    assert!(sink.messages().is_empty());
    assert_eq!(app.db.store.outbox_stats().await.unwrap().queued, 0, "and nothing waits");
}

async fn the_smtp_server_down_then_up_delivers_after_retries(app: TestApp) {
    let Some(mut sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    sink.down();
    let mut n = settings(Some(sink.url()));
    n.max_tries = 8;
    n.send_timeout = Duration::from_secs(3);
    let app = app_with(app.backend(), n).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let (number, _) = file_named(&app, "kk", "filer@example.kz", "").await;
    for _ in 0..2 {
        assert_eq!(notices::deliver_once(&app.state, &senders, "w").await.unwrap(), 1);
    }
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.failing, stats.dead), (1, 1, 0), "failed twice, still queued");
    sink.up().unwrap();
    assert_eq!(drain(&app, &senders, "w").await, 1);
    let mail = sink.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(str_of(&mail[0], "subject"), format!("{number} өтініші тіркелді"));
    assert_eq!(str_of(&mail[0], "content_language"), "kk");
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.sent), (0, 1));
}

async fn a_refused_recipient_is_dead_lettered_and_listed_for_the_administrator(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &["nobody@example.kz"]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let (number, _) = file_named(&app, "en", "nobody@example.kz", "").await;
    assert_eq!(drain(&app, &senders, "w").await, 3, "max_tries 3, retried at once (base 0)");
    assert!(sink.messages().is_empty());
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.dead), (0, 1));

    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let page = app.get("/en/admin/notices", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&number) && page.body.contains("550"), "the dead letter with its reason: {}", page.body);
    assert!(page.body.contains("no***@example.kz"), "the address, masked");
    assert!(!page.body.contains("nobody@example.kz"));
    assert!(page.body.contains("data-channel=\"email\">Configured"));
    assert!(page.body.contains("data-channel=\"sms\">Not configured"));
    let kk = app.get("/kk/admin/notices", Some(&admin)).await.body;
    assert!(kk.contains("Хабарламалар") && !kk.contains('⟦'));
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    assert_eq!(app.get("/en/admin/notices", Some(&officer)).await.status, StatusCode::FORBIDDEN);

    let id = app.db.store.notice_problems(10).await.unwrap()[0].id;
    let forged = support::Session { cookie: admin.cookie.clone(), csrf: "forged".into() };
    let r = app.post_form("/en/admin/notices", &[("id", &id.to_string())], Some(&forged)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no retry without the form's CSRF token");
    assert_eq!(app.db.store.outbox_stats().await.unwrap().dead, 1);
    let r = app.post_form("/en/admin/notices", &[("id", &id.to_string())], Some(&admin)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.get(r.location(), Some(&admin)).await.body.contains("will be sent again"));
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.dead), (1, 0), "queued again");
}

async fn two_servers_on_one_database_never_send_a_notice_twice(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    for k in 0..24 {
        file_named(&app, "kk", &format!("filer{k}@example.kz"), "").await;
    }
    // A second server: its own connections to the same database.
    let other_store = adaldyq_store::open(&app.db.url).await.unwrap();
    let mut config = support::test_config();
    config.notices = app.state.config.notices.clone();
    let other = adaldyq_web::AppState::new(other_store, config);
    let mut tasks = Vec::new();
    for (name, state) in [("one", app.state.clone()), ("two", other.clone())] {
        tasks.push(tokio::spawn(async move {
            let senders = Senders::new(&state.config.notices).unwrap();
            let mut n = 0;
            loop {
                let got = notices::deliver_once(&state, &senders, name).await.unwrap();
                if got == 0 {
                    break n;
                }
                n += got;
            }
        }));
    }
    let mut handled = 0;
    for t in tasks {
        handled += t.await.unwrap();
    }
    let mail = sink.messages();
    let ids: std::collections::HashSet<&str> = mail.iter().map(|m| str_of(m, "message_id")).collect();
    assert_eq!((handled, mail.len(), ids.len()), (24, 24, 24), "each notice sent once");
    other.store.close().await;
}

async fn a_worker_stopped_between_sending_and_recording_sends_once_more(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    file_named(&app, "en", "filer@example.kz", "").await;
    // The stopped worker claimed with a one-second lease, sent, and stopped
    // before recording.
    let at = adaldyq_web::state::now();
    let claimed = app.db.store.claim_notices("stopped", &[Channel::Email], at, 1, 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    notices::send(&app.state, &senders, &claimed[0]).await.unwrap();
    assert_eq!(sink.messages().len(), 1);
    while adaldyq_web::state::now() < at + 1 {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(drain(&app, &senders, "next").await, 1, "after the lease, another worker sends it");
    assert_eq!(drain(&app, &senders, "next").await, 0, "and records it: no third time");
    let mail = sink.messages();
    assert_eq!(mail.len(), 2, "at most one duplicate");
    assert_eq!(str_of(&mail[0], "message_id"), str_of(&mail[1], "message_id"), "the same Message-ID");
    assert_eq!(app.db.store.outbox_stats().await.unwrap().sent, 1);
}

/// What the stand-in gateway received: method, API key header, body.
type Received = Arc<Mutex<Vec<(String, String, String)>>>;

async fn gateway(fail_first: usize) -> (String, Received) {
    let received: Received = Arc::default();
    let seen = received.clone();
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let app = axum::Router::new().route(
        "/send",
        axum::routing::any(move |req: axum::extract::Request| {
            let seen = seen.clone();
            let calls = calls.clone();
            async move {
                let method = req.method().to_string();
                let key = req.headers().get("x-api-key").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
                let bytes = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap();
                if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < fail_first {
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                seen.lock().unwrap().push((method, key, String::from_utf8_lossy(&bytes).into_owned()));
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/send"), received)
}

async fn sms_goes_through_the_http_gateway(app: TestApp) {
    let (url, received) = gateway(1).await;
    let mut n = settings(None);
    n.sms = Some(notices::sms::Gateway {
        url,
        method: "PUT".into(),
        headers: vec![("X-Api-Key".into(), "k-123".into())],
        body: r#"{"recipient": "{phone}", "message": "{text}", "sender": "Adaldyq"}"#.into(),
    });
    let mut config = support::test_config();
    config.public_url = "https://e.kz".into();
    config.notices = n;
    let app = TestApp::with_config(app.backend(), config).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let (number, _) = file_named(&app, "ru", "filer@example.kz", "+77011234567").await;
    assert_eq!(drain(&app, &senders, "w").await, 2, "the gateway failed once, then took it");
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    let (method, key, body) = &got[0];
    assert_eq!((method.as_str(), key.as_str()), ("PUT", "k-123"));
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!((v["recipient"].as_str(), v["sender"].as_str()), (Some("+77011234567"), Some("Adaldyq")));
    let text = v["message"].as_str().unwrap();
    assert!(text.contains(&number) && text.ends_with("e.kz/ru/track"), "{text}");
    assert!(text.chars().count() <= 70, "one Cyrillic SMS: {text}");
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.sent, stats.queued), (1, 1), "the e-mail waits: SMTP is not configured");
}

const USER: &str = "adaldyq-relay";
const PASSWORD: &str = "Kq7-relay-s3cret";

/// A sink with TLS and AUTH as `USER`/`PASSWORD`.
fn tls_sink(app: &TestApp, tls: smtp::Encryption) -> Option<Sink> {
    let options = smtp::Options { tls, auth: Some((USER.into(), PASSWORD.into())), ..smtp::Options::default() };
    Sink::start_with(app.db.dir.path(), options)
}

/// Settings for `url`, trusting `ca` besides the built-in roots.
fn settings_with_ca(url: String, ca: Option<&std::path::Path>) -> NoticeSettings {
    NoticeSettings { smtp_ca_file: ca.map(|p| p.to_owned()), ..settings(Some(url)) }
}

async fn delivered_over_tls_with_auth(app: TestApp, tls: smtp::Encryption) {
    let Some(sink) = tls_sink(&app, tls) else { return };
    let url = sink.url_as(USER, PASSWORD);
    let app = app_with(app.backend(), settings_with_ca(url, Some(&sink.ca))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let (number, _) = file_named(&app, "kk", "filer@example.kz", "").await;
    assert_eq!(drain(&app, &senders, "w").await, 1);
    let mail = sink.messages();
    assert_eq!(mail.len(), 1, "{mail:?}");
    let m = &mail[0];
    assert_eq!(m["tls"], serde_json::json!(true), "{tls:?}: the session was encrypted");
    assert_eq!(str_of(m, "auth_login"), USER, "{tls:?}: and authenticated");
    assert_eq!(m["rcpt_tos"], serde_json::json!(["filer@example.kz"]));
    assert_eq!(str_of(m, "subject"), format!("{number} өтініші тіркелді"));
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.sent, stats.queued, stats.failing), (1, 0, 0));
}

async fn a_notice_goes_over_starttls_with_auth_to_a_relay_of_an_internal_ca(app: TestApp) {
    delivered_over_tls_with_auth(app, smtp::Encryption::StartTls).await
}

async fn a_notice_goes_over_implicit_tls_with_auth(app: TestApp) {
    delivered_over_tls_with_auth(app, smtp::Encryption::Implicit).await
}

async fn a_wrong_smtp_password_is_a_failure_with_the_servers_reply_and_no_password(app: TestApp) {
    let Some(sink) = tls_sink(&app, smtp::Encryption::StartTls) else { return };
    let wrong = "Wr0ng-relay-pa55";
    let url = sink.url_as(USER, wrong);
    let app = app_with(app.backend(), settings_with_ca(url, Some(&sink.ca))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let (number, _) = file_named(&app, "en", "filer@example.kz", "").await;
    // The first try fails and waits for its retry (base 0: due at once).
    assert_eq!(notices::deliver_once(&app.state, &senders, "w").await.unwrap(), 1);
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.failing, stats.dead), (1, 1, 0), "failed, to be retried");
    let problem = &app.db.store.notice_problems(10).await.unwrap()[0];
    assert!(problem.last_error.contains("535"), "the server's reply: {}", problem.last_error);
    assert!(!problem.last_error.contains(wrong), "no password in the error: {}", problem.last_error);
    assert_eq!(drain(&app, &senders, "w").await, 2, "tried until max_tries (3)");
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.queued, stats.dead, stats.sent), (0, 1, 0), "then dead-lettered");
    assert!(sink.messages().is_empty());

    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let page = app.get("/en/admin/notices", Some(&admin)).await.body;
    assert!(page.contains(&number) && page.contains("535"), "listed with the reply: {page}");
    assert!(!page.contains(wrong), "and never the password");
}

async fn an_smtp_server_whose_certificate_is_not_trusted_is_refused(app: TestApp) {
    for tls in [smtp::Encryption::StartTls, smtp::Encryption::Implicit] {
        let Some(sink) = tls_sink(&app, tls) else { return };
        // No CA file: the sink's certificate chains to no root we trust.
        let n = settings_with_ca(sink.url_as(USER, PASSWORD), None);
        let app = app_with(app.backend(), n).await.unwrap();
        let senders = Senders::new(&app.state.config.notices).unwrap();
        file_named(&app, "ru", "filer@example.kz", "").await;
        assert_eq!(drain(&app, &senders, "w").await, 3, "{tls:?}: every try refused");
        assert!(sink.messages().is_empty(), "{tls:?}: nothing was sent");
        let problem = &app.db.store.notice_problems(10).await.unwrap()[0];
        assert!(problem.last_error.contains("certificate"), "{tls:?}: {}", problem.last_error);
        assert!(!problem.last_error.contains(PASSWORD));
        assert_eq!(app.db.store.outbox_stats().await.unwrap().dead, 1);
    }
}
