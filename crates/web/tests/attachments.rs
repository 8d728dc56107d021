//! Files attached to an appeal: judged by content, named in every error,
//! kept content-addressed, listed on the receipt, downloadable by staff.

mod support;

use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::TestApp;

both_backends!(
    files_travel_with_the_appeal,
    wrong_files_are_named_and_nothing_is_filed,
    the_applicant_adds_files_later,
    files_past_retention_and_erased_appeals_leave_a_tombstone
);

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 1, 2, 3];
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n";
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00";

fn multipart(token: &str, files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----adaldyq-test-boundary";
    let mut body = Vec::new();
    let fields = [
        ("token", token),
        ("kind", "complaint"),
        ("territory", support::DISTRICT),
        ("institution", ""),
        ("subject", "Фото"),
        ("text", "Суреттер қоса беріледі"),
        ("language", "kk"),
        ("anonymous", "yes"),
    ];
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn send(app: &TestApp, token: &str, files: &[(&str, &[u8])]) -> support::Reply {
    let (ct, body) = multipart(token, files);
    app.send(
        Request::post("/en/appeals/new")
            .header(header::CONTENT_TYPE, ct)
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

async fn files_travel_with_the_appeal(app: TestApp) {
    let r = send(&app, "f1", &[("фото.png", PNG), ("C:\\docs\\акт.pdf", PDF)]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(
        r.body.contains("<li>фото.png</li>") && r.body.contains("<li>акт.pdf</li>"),
        "the receipt lists them, without paths"
    );
    let number = r.body.split("<dd class=\"big\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let files = app.db.store.attachments(a.id).await.unwrap();
    assert_eq!(files.iter().map(|f| f.media_type.as_str()).collect::<Vec<_>>(), vec!["image/png", "application/pdf"]);
    let on_disk = app.db.dir.path().join("data").join("attachments").join(&files[0].sha256[..2]).join(&files[0].sha256);
    assert_eq!(std::fs::read(on_disk).unwrap(), PNG, "content-addressed on disk");

    // A corruption-free complaint without a body goes to the coordinator here.
    let coordinator = app.sign_in(&app.user(Role::Coordinator).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&coordinator)).await.body;
    let link = format!("/en/staff/appeals/{number}/files/{}", files[1].id);
    assert!(page.contains(&link), "staff see the files");
    let d = app.get(&link, Some(&coordinator)).await;
    assert_eq!(d.status, StatusCode::OK);
    assert_eq!(d.body.as_bytes(), PDF);
    let disposition = d.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert!(
        disposition.starts_with("attachment;") && disposition.contains("UTF-8''%D0%B0%D0%BA%D1%82.pdf"),
        "{disposition}"
    );
    assert_eq!(app.get(&link, None).await.status, StatusCode::SEE_OTHER, "not for anonymous readers");
    let other = format!("/en/staff/appeals/{number}/files/999999");
    assert_eq!(app.get(&other, Some(&coordinator)).await.status, StatusCode::NOT_FOUND);
}

async fn wrong_files_are_named_and_nothing_is_filed(app: TestApp) {
    let r = send(&app, "f2", &[("ok.png", PNG), ("virus.pdf", EXE)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("virus.pdf") && r.body.contains("not a photo, PDF or office document"), "{}", r.body);
    assert!(r.body.contains("choose your files again"), "asked plainly for the files again");
    assert!(r.body.contains(">Суреттер қоса беріледі</textarea>"), "the text is kept");
    let six: Vec<(&str, &[u8])> = (0..6).map(|_| ("p.png", PNG)).collect();
    let r = send(&app, "f3", &six).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("at most 5 files"));
    let small = adaldyq_web::WebConfig {
        attachments: adaldyq_domain::attachment::AttachmentLimits { max_bytes: 10, max_count: 5 },
        ..support::test_config()
    };
    let strict = TestApp::with_config(app.backend(), small).await.unwrap();
    let r = send(&strict, "f4", &[("big.pdf", PDF)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("«big.pdf» is larger than"), "{}", r.body);
    let ok = send(&app, "f5", &[]).await;
    assert_eq!(ok.status, StatusCode::CREATED, "no files is fine");
    assert!(ok.body.contains("43-"), "and it is the first appeal filed: nothing was filed before");
    assert!(ok.body.contains("-000001<"), "{}", ok.body);
}

async fn the_applicant_adds_files_later(app: TestApp) {
    let r = send(&app, "f6", &[]).await;
    let number = r.body.split("<dd class=\"big\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let secret = r.body.split("<dd class=\"big\" data-verbatim>").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let boundary = "----b";
    let mut body = Vec::new();
    for (k, v) in [("number", number.as_str()), ("secret", secret.as_str()), ("text", "")] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"көпір.png\"\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(PNG);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = app
        .send(
            Request::post("/en/track/information")
                .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "a file alone is information enough");
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let files = app.db.store.attachments(a.id).await.unwrap();
    assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), vec!["көпір.png"]);
    let coordinator = app.sign_in(&app.user(Role::Coordinator).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&coordinator)).await.body;
    assert!(page.contains("көпір.png") && page.contains("Information added"), "staff see the new file");

    // The officer answers with a document; the applicant downloads it with
    // the secret. (Nobody routed this appeal: give it to the institution.)
    let boundary = "----c";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nSee the act.\r\n").as_bytes(),
    );
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"act.pdf\"\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(PDF);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let handed = adaldyq_store::NewEvent {
        kind: adaldyq_domain::appeal::EventKind::Forwarded,
        at: adaldyq_web::state::now(),
        actor_role: "coordinator".into(),
        actor_user_id: None,
        body: "{}".into(),
        internal: false,
        notice: None,
    };
    let registered = adaldyq_domain::appeal::Status::Registered;
    assert!(app.db.store.forward_appeal(a.id, a.status, registered, app.institution, &handed).await.unwrap());
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let r = app
        .send(
            Request::post(format!("/en/staff/appeals/{number}/answer?csrf={}", officer.csrf))
                .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
                .header(header::COOKIE, &officer.cookie)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let files = app.db.store.attachments(a.id).await.unwrap();
    let act = files.iter().find(|f| f.name == "act.pdf").expect("the answer's document is stored");
    let t = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(
        t.contains("See the act.") && t.contains(">act.pdf</button>"),
        "the applicant sees the answer and its document"
    );
    let id = act.id.to_string();
    let d = app.post_form("/en/track/file", &[("number", &number), ("secret", &secret), ("id", &id)], None).await;
    assert_eq!(d.status, StatusCode::OK);
    assert_eq!(d.body.as_bytes(), PDF);
    let wrong = app.post_form("/en/track/file", &[("number", &number), ("secret", "nope"), ("id", &id)], None).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND, "not without the secret");
}

async fn files_past_retention_and_erased_appeals_leave_a_tombstone(app: TestApp) {
    use adaldyq_domain::appeal::{EventKind, Status};
    use adaldyq_store::{Actor, NewEvent, Tombstone};
    let r = send(&app, "r1", &[("фото.png", PNG)]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let number = r.body.split("<dd class=\"big\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let sha = app.db.store.attachments(a.id).await.unwrap()[0].sha256.clone();
    let on_disk = app.db.dir.path().join("data").join("attachments").join(&sha[..2]).join(&sha);
    assert!(on_disk.exists());
    // Answered, then closed.
    let now = adaldyq_web::state::now();
    for (from, kind, to) in [
        (Status::Registered, EventKind::Answered, Status::Answered),
        (Status::Answered, EventKind::Closed, Status::Closed),
    ] {
        let e = NewEvent {
            kind,
            at: now,
            actor_role: "system".into(),
            actor_user_id: None,
            body: "{}".into(),
            internal: false,
            notice: None,
        };
        assert!(app.db.store.record_event(a.id, from, to, &e).await.unwrap());
    }
    let tomb = adaldyq_web::appeals::tombstone::expire_files;
    assert_eq!(tomb(&app.state, 30, now + 29 * 86_400).await.unwrap(), 0, "not yet");
    assert_eq!(tomb(&app.state, 0, now + 99 * 86_400).await.unwrap(), 0, "0 keeps files for ever");
    assert_eq!(tomb(&app.state, 30, now + 31 * 86_400).await.unwrap(), 1);
    assert!(app.db.store.attachments(a.id).await.unwrap().is_empty());
    assert!(!on_disk.exists(), "the file left the disk");
    let events = app.db.store.appeal_events(a.id).await.unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.kind, EventKind::AttachmentsDeleted);
    assert!(last.body.contains("retention_period_over") && last.leaf_index.is_some());
    // Erasure needs a reason, then blanks the content; the log still verifies.
    let admin = Actor { role: "administrator".into(), user_id: None };
    let apply = adaldyq_web::appeals::tombstone::apply;
    assert!(apply(&app.state, &number, Tombstone::Erase, "  ", &admin, now).await.is_err());
    apply(&app.state, &number, Tombstone::Erase, "the filer asked", &admin, now).await.unwrap();
    let erased = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert!(erased.subject.is_empty());
    app.state.checkpoint().await.unwrap();
    let report =
        adaldyq_store::log::verify(app.db.store.as_ref(), app.state.config.log_key.verifier_key()).await.unwrap();
    assert_eq!(report.problems, Vec::<String>::new());
    let staff = app.sign_in(&app.user(Role::Coordinator).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&staff)).await.body;
    assert!(page.contains("Personal data erased") && page.contains("Files deleted (retention period over)"), "{page}");
}
