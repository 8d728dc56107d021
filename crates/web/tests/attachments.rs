//! Files attached to an appeal: judged by content, named in every error,
//! cleaned of hidden data (EXIF, /Info, docProps) before they are kept,
//! kept content-addressed, listed on the receipt, downloadable by staff
//! under a neutral name where the reader may not know the filer.

mod support;

use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::TestApp;

both_backends!(
    files_travel_with_the_appeal,
    wrong_files_are_named_and_nothing_is_filed,
    the_applicant_adds_files_later,
    files_past_retention_and_erased_appeals_leave_a_tombstone,
    a_whistleblowers_photo_tells_the_institution_nothing,
    documents_lose_their_author,
    a_refused_form_leaves_no_file_behind
);

const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00";

/// A real 3×3 PNG.
fn png() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(3, 3, image::Rgb([10, 120, 30])))
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// A one-page PDF whose /Info and XMP name its author.
fn pdf(author: &str) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf 72 712 Td (Akt) Tj ET".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let xmp = format!("<x:xmpmeta><dc:creator>{author}</dc:creator></x:xmpmeta>").into_bytes();
    let xmp = doc.add_object(Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, xmp));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "Metadata" => xmp });
    doc.trailer.set("Root", catalog);
    let info = doc.add_object(dictionary! { "Author" => Object::string_literal(author) });
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A Word document whose core properties name its author.
fn docx(author: &str) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#.to_owned()),
        ("word/document.xml", r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Акт тексеру</w:t></w:r></w:p></w:body></w:document>"#.to_owned()),
        // As Word writes it: the parts under word/ come third and fourth (what
        // `infer` looks at to tell a docx from other zip files).
        ("word/styles.xml", r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#.to_owned()),
        ("docProps/core.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy></cp:coreProperties>"#)),
    ];
    for (name, text) in parts {
        w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// One part of an office archive, unpacked.
fn part_of(archive: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(archive)).unwrap();
    let mut text = String::new();
    z.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// A 4×2 JPEG as a phone writes it: EXIF with the orientation (6: turn 90°
/// clockwise to show), the owner's name (Artist) and a GPS position.
fn phone_photo() -> Vec<u8> {
    let mut plain = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(4, 2, |x, _| image::Rgb([x as u8 * 60, 0, 0])))
        .write_to(&mut plain, image::ImageFormat::Jpeg)
        .unwrap();
    let plain = plain.into_inner();
    // TIFF, little-endian: IFD0 at 8 (Orientation, Artist, GPS pointer), the
    // Artist text at 50, the GPS IFD at 66 (latitude ref and value), its
    // rationals at 96.
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value);
    };
    t.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, [6, 0, 0, 0]);
    entry(&mut t, 0x013B, 2, 15, 50u32.to_le_bytes());
    entry(&mut t, 0x8825, 4, 1, 66u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(b"Ivanov Whistle\0\0");
    assert_eq!(t.len(), 66);
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, 96u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(44u32, 1u32), (51, 1), (1234, 100)] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&t);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn multipart(token: &str, files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let fields = [("kind", "complaint"), ("territory", support::DISTRICT), ("institution", ""), ("anonymous", "yes")];
    multipart_with(token, &fields, files)
}

fn multipart_with(token: &str, form: &[(&str, &str)], files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----adaldyq-test-boundary";
    let mut body = Vec::new();
    let mut fields =
        vec![("token", token), ("subject", "Фото"), ("text", "Суреттер қоса беріледі"), ("language", "kk")];
    fields.extend_from_slice(form);
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
    post_new(app, ct, body).await
}

async fn post_new(app: &TestApp, ct: String, body: Vec<u8>) -> support::Reply {
    app.send(
        Request::post("/en/appeals/new")
            .header(header::CONTENT_TYPE, ct)
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// A download's headers and raw bytes.
async fn fetch(app: &TestApp, path: &str, session: &support::Session) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let req = Request::get(path).header(header::COOKIE, &session.cookie).body(Body::empty()).unwrap();
    let r = app.router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (r.status(), r.headers().clone());
    (status, headers, r.into_body().collect().await.unwrap().to_bytes().to_vec())
}

fn disposition(headers: &axum::http::HeaderMap) -> String {
    headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap().to_owned()
}

fn number_in(receipt: &str) -> String {
    receipt.split("<dd class=\"big\">").nth(1).unwrap().split('<').next().unwrap().to_owned()
}

async fn files_travel_with_the_appeal(app: TestApp) {
    let r = send(&app, "f1", &[("фото.png", &png()), ("C:\\docs\\акт.pdf", &pdf("Ivanov"))]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(
        r.body.contains("<li>фото.png</li>") && r.body.contains("<li>акт.pdf</li>"),
        "the receipt lists them under the filer's names, without paths"
    );
    let number = number_in(&r.body);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let files = app.db.store.attachments(a.id).await.unwrap();
    assert_eq!(files.iter().map(|f| f.media_type.as_str()).collect::<Vec<_>>(), vec!["image/png", "application/pdf"]);
    let on_disk = app.db.dir.path().join("data").join("attachments").join(&files[0].sha256[..2]).join(&files[0].sha256);
    let kept = std::fs::read(on_disk).unwrap();
    let digest: String = <sha2::Sha256 as sha2::Digest>::digest(&kept).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(digest, files[0].sha256, "content-addressed on disk, by the clean bytes");
    assert_eq!(image::load_from_memory(&kept).unwrap().width(), 3, "still the picture");

    // A corruption-free complaint without a body goes to the coordinator here.
    let coordinator = app.sign_in(&app.user(Role::Coordinator).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&coordinator)).await.body;
    let link = format!("/en/staff/appeals/{number}/files/{}", files[1].id);
    assert!(page.contains(&link), "staff see the files");
    assert!(page.contains(" KB)"), "sizes in English on the English page");
    let kk = app.get(&format!("/kk/staff/appeals/{number}"), Some(&coordinator)).await.body;
    assert!(kk.contains(" КБ)") && !kk.contains(" KB)"), "no English unit on the Kazakh page");
    let (status, headers, bytes) = fetch(&app, &link, &coordinator).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"%PDF-") && lopdf::Document::load_mem(&bytes).unwrap().get_pages().len() == 1);
    // Anonymous: no reader learns the filer's own file names.
    let disposition = disposition(&headers);
    assert!(disposition.starts_with("attachment;") && disposition.contains("filename=\"file-2.pdf\""), "{disposition}");
    assert!(page.contains(">file-1.png</a>") && !page.contains("фото.png"), "{page}");
    assert_eq!(app.get(&link, None).await.status, StatusCode::SEE_OTHER, "not for anonymous readers");
    let other = format!("/en/staff/appeals/{number}/files/999999");
    assert_eq!(app.get(&other, Some(&coordinator)).await.status, StatusCode::NOT_FOUND);
}

async fn wrong_files_are_named_and_nothing_is_filed(app: TestApp) {
    let r = send(&app, "f2", &[("ok.png", &png()), ("virus.pdf", EXE)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("virus.pdf") && r.body.contains("not a photo, PDF or office document"), "{}", r.body);
    assert!(r.body.contains("choose your files again"), "asked plainly for the files again");
    assert!(
        r.body.contains("value=\"Суреттер қоса беріледі\""),
        "the text is kept (on the check page, where files are chosen)"
    );
    let png = png();
    let six: Vec<(&str, &[u8])> = (0..6).map(|_| ("p.png", png.as_slice())).collect();
    let r = send(&app, "f3", &six).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("at most 5 files"));
    let small = adaldyq_web::WebConfig {
        attachments: adaldyq_domain::attachment::AttachmentLimits { max_bytes: 10, max_count: 5 },
        ..support::test_config()
    };
    let strict = TestApp::with_config(app.backend(), small).await.unwrap();
    let r = send(&strict, "f4", &[("big.pdf", &pdf("Ivanov"))]).await;
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
    body.extend_from_slice(&png());
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
    assert!(page.contains(">file-1.png</a>") && page.contains("Information added"), "staff see the new file");
    assert!(!page.contains("көпір.png"), "under a neutral name: the appeal is anonymous");

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
    body.extend_from_slice(&pdf("Officer Petrov"));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let handed = adaldyq_store::NewEvent {
        kind: adaldyq_domain::appeal::EventKind::Forwarded,
        at: adaldyq_web::state::now(),
        actor_role: "coordinator".into(),
        actor_user_id: None,
        body: "{}".into(),
        internal: false,
        notice: None,
        staff_notice: None,
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
    assert!(d.body.starts_with("%PDF-") && !d.body.contains("Petrov"), "the answer's document, cleaned too");
    let wrong = app.post_form("/en/track/file", &[("number", &number), ("secret", "nope"), ("id", &id)], None).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND, "not without the secret");
}

async fn files_past_retention_and_erased_appeals_leave_a_tombstone(app: TestApp) {
    use adaldyq_domain::appeal::{EventKind, Status};
    use adaldyq_store::{Actor, NewEvent, Tombstone};
    let r = send(&app, "r1", &[("фото.png", &png())]).await;
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
            staff_notice: None,
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

async fn a_whistleblowers_photo_tells_the_institution_nothing(app: TestApp) {
    let photo = phone_photo();
    assert!(contains(&photo, b"Ivanov Whistle") && contains(&photo, b"Exif\0\0"), "the fixture carries EXIF");
    assert_eq!(image::load_from_memory(&photo).unwrap().width(), 4);
    let institution = app.institution.to_string();
    let form = [
        ("kind", "corruption_report"),
        ("territory", support::DISTRICT),
        ("institution", institution.as_str()),
        ("anonymous", "no"),
        ("name", "Whistle Blower"),
        ("email", "blower@test.example"),
    ];
    let original = "Whistle_Blower_IIN_900101300123.jpg";
    let (ct, body) = multipart_with("w1", &form, &[(original, &photo)]);
    let r = post_new(&app, ct, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let number = number_in(&r.body);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let file = app.db.store.attachments(a.id).await.unwrap().remove(0);
    let link = format!("/en/staff/appeals/{number}/files/{}", file.id);

    // The officer of the institution the report is about.
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&officer)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&link) && page.body.contains(">file-1.jpg</a>"), "{}", page.body);
    assert!(!page.body.contains("Whistle_Blower") && !page.body.contains("900101300123"), "not the filer's name");
    let (status, headers, bytes) = fetch(&app, &link, &officer).await;
    assert_eq!(status, StatusCode::OK);
    let d = disposition(&headers);
    assert!(d.contains("filename=\"file-1.jpg\"") && !d.contains("Whistle"), "{d}");
    for hidden in [&b"Exif\0\0"[..], b"Ivanov", b"Whistle", b"http://ns.adobe.com"] {
        assert!(!contains(&bytes, hidden), "{} is gone", String::from_utf8_lossy(hidden));
    }
    let shown = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((shown.width(), shown.height()), (2, 4), "turned as the phone meant, not by a tag");

    // The inspector may know the filer, and sees the name given.
    let inspector = app.sign_in(&app.user(Role::Inspector).await).await;
    let page = app.get(&format!("/en/staff/appeals/{number}"), Some(&inspector)).await.body;
    assert!(page.contains(original), "{page}");
    let (_, headers, same) = fetch(&app, &link, &inspector).await;
    assert!(disposition(&headers).contains(original));
    assert_eq!(same, bytes, "only the clean file is kept: no original for anyone");
}

async fn documents_lose_their_author(app: TestApp) {
    let (paper, word) = (pdf("Ivanov Ivan"), docx("Ivanov Ivan"));
    assert!(contains(&paper, b"Ivanov Ivan") && part_of(&word, "docProps/core.xml").contains("Ivanov Ivan"));
    let r = send(&app, "d1", &[("акт.pdf", &paper), ("хат.docx", &word)]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let number = number_in(&r.body);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let files = app.db.store.attachments(a.id).await.unwrap();
    let coordinator = app.sign_in(&app.user(Role::Coordinator).await).await;
    let get = |id: i64| format!("/en/staff/appeals/{number}/files/{id}");
    let (_, headers, paper) = fetch(&app, &get(files[0].id), &coordinator).await;
    assert!(disposition(&headers).contains("file-1.pdf"));
    assert!(!contains(&paper, b"Ivanov"), "{}", String::from_utf8_lossy(&paper));
    let doc = lopdf::Document::load_mem(&paper).unwrap();
    assert!(doc.trailer.get(b"Info").is_err() && doc.catalog().unwrap().get(b"Metadata").is_err());
    assert_eq!(doc.get_pages().len(), 1, "the document itself stays");
    let (_, headers, word) = fetch(&app, &get(files[1].id), &coordinator).await;
    assert!(disposition(&headers).contains("file-2.docx"));
    assert!(!part_of(&word, "docProps/core.xml").contains("Ivanov"));
    assert!(part_of(&word, "word/document.xml").contains("Акт тексеру"), "the text stays");
    assert!(part_of(&word, "[Content_Types].xml").contains("core-properties"), "and the package is whole");

    // What cannot be cleaned is refused, by name, with what to do instead.
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\x08mdat";
    let torn = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0 not a photo after all";
    let r = send(&app, "d2", &[("IMG_0001.HEIC", heic), ("photo.jpg", torn)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("«IMG_0001.HEIC» is a HEIC photo") && r.body.contains("Save it as JPEG"), "{}", r.body);
    assert!(r.body.contains("«photo.jpg» cannot be read"), "{}", r.body);
}

async fn a_refused_form_leaves_no_file_behind(app: TestApp) {
    let folder = app.db.dir.path().join("data").join("attachments");
    let count = || walk(&folder);
    // Valid in form, refused on filing: no such territory.
    let form = [("kind", "complaint"), ("territory", "439999999"), ("institution", ""), ("anonymous", "yes")];
    let (ct, body) = multipart_with("o1", &form, &[("фото.png", &png()), ("акт.pdf", &pdf("Ivanov"))]);
    let r = post_new(&app, ct, body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("choose them again on the last page"), "{}", r.body);
    assert_eq!(count(), 0, "no file is left referenced by nothing");
    // Refused for a field of the form itself: nothing is written at all.
    let form = [("kind", "complaint"), ("territory", ""), ("institution", ""), ("anonymous", "yes")];
    let (ct, body) = multipart_with("o2", &form, &[("фото.png", &png())]);
    assert_eq!(post_new(&app, ct, body).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(), 0);
    // Filed: kept.
    assert_eq!(send(&app, "o3", &[("фото.png", &png())]).await.status, StatusCode::CREATED);
    assert_eq!(count(), 1);
}

/// The files under a folder, at any depth (none if it does not exist).
fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}
