//! Notices to people with an account, read back from the real SMTP sink:
//! an officer told of an appeal assigned to them, in their language; what
//! a person switched off on their notice settings page is not sent while a
//! legal notice still is; `List-Unsubscribe` on optional notices only, and
//! its one-click POST switches the kind off; the morning digest, once a
//! working day whoever runs it; the settings page in Kazakh, and its errors.

use super::{app_with, drain, file_named, settings, str_of, Sink};
use crate::support::{self, Session, TestApp, DISTRICT};
use adaldyq_domain::Role;
use adaldyq_store::{Channel, NoticeProfile};
use adaldyq_web::notices::digest::send_digests;
use adaldyq_web::notices::{self, Senders};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

crate::both_backends!(
    an_assigned_officer_is_mailed_in_their_own_language,
    a_switched_off_optional_notice_is_not_sent_and_a_legal_one_is,
    only_optional_notices_carry_list_unsubscribe_and_one_click_switches_them_off,
    the_digest_goes_once_a_working_day_to_each_person_with_due_appeals,
    the_settings_page_is_in_kazakh_and_refuses_a_bad_phone_at_the_field,
);

/// Every channel's checkbox of the kinds shown to staff and applicants,
/// but those in `off`.
fn ticked<'a>(off: &[&str]) -> Vec<(&'a str, String)> {
    let all = ["assigned", "escalated_to_you", "digest", "escalated", "disputed"];
    all.iter()
        .flat_map(|k| ["email", "sms"].map(|c| format!("{k}:{c}")))
        .filter(|v| !off.contains(&v.as_str()))
        .map(|v| ("on", v))
        .collect()
}

/// Saves one's notice settings through the page, as a browser does.
async fn save(app: &TestApp, who: &Session, lang: &str, language: &str, phone: &str, off: &[&str]) {
    let mut fields = vec![("language", language.to_owned()), ("phone", phone.to_owned())];
    fields.extend(ticked(off));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post_form(&format!("/{lang}/account/notices"), &pairs, Some(who)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/{lang}/account/notices?saved=1"));
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.db.store.user_by_email(email).await.unwrap().unwrap().id
}

/// A head assigns the appeal to the officer through the appeal's page.
async fn assign(app: &TestApp, head: &Session, number: &str, officer: i64) {
    let path = format!("/en/staff/appeals/{number}/assign");
    let r = app.post_form(&path, &[("officer", &officer.to_string())], Some(head)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// The mail the sink received for one address.
fn to(mail: &[serde_json::Value], address: &str) -> Vec<serde_json::Value> {
    mail.iter().filter(|m| m["rcpt_tos"] == serde_json::json!([address])).cloned().collect()
}

/// The day after an appeal's due date: the overdue job escalates it then.
fn day_after(due_on: &str) -> jiff::civil::Date {
    due_on.parse::<jiff::civil::Date>().unwrap().tomorrow().unwrap()
}

async fn an_assigned_officer_is_mailed_in_their_own_language(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let officer_email = app.user(Role::Officer).await;
    let officer_id = user_id(&app, &officer_email).await;
    let officer = app.sign_in(&officer_email).await;
    save(&app, &officer, "ru", "ru", "", &[]).await;
    let head = app.sign_in(&app.user(Role::Head).await).await;
    let (number, _) = support::file_to_institution(&app).await;
    assign(&app, &head, &number, officer_id).await;
    assert_eq!(drain(&app, &senders, "w").await, 1, "the anonymous filer gets nothing; the officer one e-mail");
    let mail = sink.messages();
    assert_eq!(mail.len(), 1, "{mail:?}");
    let m = &mail[0];
    assert_eq!(m["rcpt_tos"], serde_json::json!([officer_email]));
    assert_eq!(str_of(m, "content_language"), "ru");
    assert_eq!(str_of(m, "subject"), format!("Обращение {number} поручено вам"));
    let appeal = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let due = adaldyq_web::appeals::date_text(appeal.due_on.parse().unwrap());
    let text = str_of(m, "text");
    assert!(
        text.contains(&format!("Вам поручено рассмотрение обращения {number}. Ответ нужно дать до {due}.")),
        "{text}"
    );
    assert!(text.contains(&format!("https://adaldyq.test/ru/staff/appeals/{number}")), "{text}");
    assert!(!text.contains("/track"), "staff are not sent to the applicant's page");
    let message_id = str_of(m, "message_id");
    assert!(message_id.starts_with('<') && message_id.ends_with("@adaldyq.test>"), "{message_id}");
    let outbox = app.db.store.claim_notices("again", &[Channel::Email], i64::MAX / 2, 60, 10).await.unwrap();
    assert!(outbox.is_empty(), "sent and recorded");

    // Assigning to oneself tells nobody.
    let head_user = app.db.store.users().await.unwrap().into_iter().find(|u| u.email.starts_with("head-")).unwrap();
    let (other, _) = support::file_to_institution(&app).await;
    assign(&app, &head, &other, head_user.id).await;
    assert_eq!(drain(&app, &senders, "w").await, 0);
}

async fn a_switched_off_optional_notice_is_not_sent_and_a_legal_one_is(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let head_email = app.user(Role::Head).await;
    let head = app.sign_in(&head_email).await;
    let me = app.sign_in(&app.user(Role::Citizen).await).await;
    // The escalation by e-mail is switched off; the answer cannot be.
    save(&app, &me, "kk", "kk", "", &["escalated:email"]).await;
    let institution = app.institution.to_string();
    let named = [
        ("token", "n1"),
        ("kind", "complaint"),
        ("territory", DISTRICT),
        ("institution", institution.as_str()),
        ("subject", "Көше шамдары"),
        ("text", "Бір айдан бері жарық жоқ."),
        ("language", "ru"),
        ("anonymous", "no"),
        ("name", "Азамат"),
        ("email", "azamat@example.kz"),
    ];
    let r = app.post_form("/en/appeals/new", &named, Some(&me)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (number, _) = support::receipt(&r.body);
    let appeal = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let moved = adaldyq_web::appeals::escalate::escalate_overdue(&app.state, day_after(&appeal.due_on)).await;
    assert_eq!(moved.unwrap(), 1, "overdue: escalated");
    let r = app
        .post_form(&format!("/en/staff/appeals/{number}/answer"), &[("text", "Шамдар жөнделді.")], Some(&head))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    drain(&app, &senders, "w").await;
    let mail = sink.messages();
    let mine: Vec<String> = to(&mail, "azamat@example.kz").iter().map(|m| str_of(m, "subject").to_owned()).collect();
    assert_eq!(
        mine,
        [format!("Обращение {number} зарегистрировано"), format!("На обращение {number} дан ответ")],
        "registered and answered (legal), not escalated (switched off), in the appeal's language"
    );
    let heads = to(&mail, &head_email);
    assert_eq!(heads.len(), 1, "the head is told of the escalation: {heads:?}");
    assert_eq!(str_of(&heads[0], "subject"), format!("{number} өтініші сіздің бақылауыңызға берілді"));
    assert_eq!(str_of(&heads[0], "content_language"), "kk", "the head's own language (kk by default)");
    let rows = app.db.store.outbox_pending(100).await.unwrap();
    assert!(rows.iter().any(|r| r.kind == "escalated"), "the escalation is recorded, with nobody to send it to");
}

async fn only_optional_notices_carry_list_unsubscribe_and_one_click_switches_them_off(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let (number, _) = file_named(&app, "kk", "filer@example.kz", "").await;
    let appeal = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let first = day_after(&appeal.due_on);
    adaldyq_web::appeals::escalate::escalate_overdue(&app.state, first).await.unwrap();
    assert_eq!(drain(&app, &senders, "w").await, 2);
    let mail = sink.messages();
    let (registered, escalated) = (&mail[0], &mail[1]);
    assert_eq!(str_of(registered, "subject"), format!("{number} өтініші тіркелді"));
    assert_eq!(str_of(registered, "list_unsubscribe"), "", "a legal notice cannot be switched off");
    assert_eq!(str_of(registered, "list_unsubscribe_post"), "");
    assert!(!str_of(registered, "text").contains("unsubscribe"));
    assert_eq!(str_of(escalated, "subject"), format!("{number} өтініші жоғары тұрған органға берілді"));
    let header_value = str_of(escalated, "list_unsubscribe");
    let prefix = format!("<https://adaldyq.test/kk/notices/unsubscribe?t=a{}.escalated.email.", appeal.id);
    assert!(header_value.starts_with(&prefix) && header_value.ends_with('>'), "{header_value}");
    assert_eq!(str_of(escalated, "list_unsubscribe_post"), "List-Unsubscribe=One-Click");
    let link = header_value.trim_matches(['<', '>']);
    assert!(str_of(escalated, "text").contains(link), "the e-mail says it too");
    let path = link.trim_start_matches("https://adaldyq.test");

    // The page first: one button, in the reader's language.
    let page = app.get(path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Бұл хабарламаларды тоқтату") && page.body.contains("Электрондық пошта"));
    // A mail client's one click: no cookie, no Origin, RFC 8058's body.
    let click = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let r = app.send(click).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Дайын"), "{}", r.body);
    let off = app.db.store.appeal_switched_off(appeal.id).await.unwrap();
    assert_eq!(off, [("escalated".to_owned(), Channel::Email)]);
    // The next escalation of that appeal (to the higher step) is not sent.
    let later = app.state.calendar().add_working_days(first, 10);
    assert_eq!(adaldyq_web::appeals::escalate::escalate_overdue(&app.state, later).await.unwrap(), 1);
    assert_eq!(drain(&app, &senders, "w").await, 0);
    assert_eq!(sink.messages().len(), 2);

    // A staff member's link switches off their own preference.
    let officer_email = app.user(Role::Officer).await;
    let officer_id = user_id(&app, &officer_email).await;
    let head = app.sign_in(&app.user(Role::Head).await).await;
    let (one, _) = support::file_to_institution(&app).await;
    assign(&app, &head, &one, officer_id).await;
    assert_eq!(drain(&app, &senders, "w").await, 1);
    let link = str_of(&sink.messages()[2], "list_unsubscribe").trim_matches(['<', '>']).to_owned();
    assert!(link.contains(&format!("?t=u{officer_id}.assigned.email.")), "{link}");
    let click = Request::post(link.trim_start_matches("https://adaldyq.test"))
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body(Body::from(
            "--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--\r\n",
        ))
        .unwrap();
    assert_eq!(app.send(click).await.status, StatusCode::OK);
    let profile = app.db.store.notice_profile(officer_id).await.unwrap().unwrap();
    assert_eq!(profile.switched_off, [("assigned".to_owned(), Channel::Email)]);
    let (two, _) = support::file_to_institution(&app).await;
    assign(&app, &head, &two, officer_id).await;
    assert_eq!(drain(&app, &senders, "w").await, 0, "not sent again");

    // A link that is not ours: a page that says so, in the reader's language.
    for bad in ["u1.assigned.email.0000", "rubbish", &format!("a{}.answered.email.00", appeal.id)] {
        let r = app.get(&format!("/ru/notices/unsubscribe?t={bad}"), None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("Эта ссылка недействительна") && !r.body.contains('⟦'), "{}", r.body);
        let post = Request::post(format!("/ru/notices/unsubscribe?t={bad}")).body(Body::empty()).unwrap();
        assert_eq!(app.send(post).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.db.store.notice_profile(officer_id).await.unwrap().unwrap().switched_off.len(), 1);
}

async fn the_digest_goes_once_a_working_day_to_each_person_with_due_appeals(app: TestApp) {
    let Some(sink) = Sink::start(app.db.dir.path(), &[]) else { return };
    let app = app_with(app.backend(), settings(Some(sink.url()))).await.unwrap();
    let senders = Senders::new(&app.state.config.notices).unwrap();
    let officer_email = app.user(Role::Officer).await;
    let officer_id = user_id(&app, &officer_email).await;
    let head_email = app.user(Role::Head).await;
    let idle = app.user(Role::Officer).await;
    let profile = NoticeProfile { language: "en".into(), phone: None, switched_off: vec![] };
    app.db.store.save_notice_profile(officer_id, &profile).await.unwrap();
    let head = app.sign_in(&head_email).await;
    let (mine, _) = support::file_to_institution(&app).await;
    let (nobodys, _) = support::file_to_institution(&app).await;
    assign(&app, &head, &mine, officer_id).await;
    drain(&app, &senders, "w").await;
    let before = sink.messages().len();

    // A working day two working days before the due date, 08:30 there.
    let calendar = app.state.calendar();
    let due: jiff::civil::Date = app.db.store.appeal_by_number(&mine).await.unwrap().unwrap().due_on.parse().unwrap();
    let mut day = due.yesterday().unwrap().yesterday().unwrap();
    while !calendar.is_working_day(day) {
        day = day.yesterday().unwrap();
    }
    let at = |d: jiff::civil::Date, h: i8| calendar.time_zone().to_timestamp(d.at(h, 30, 0, 0)).unwrap();
    assert_eq!(send_digests(&app.state, at(day, 7)).await.unwrap(), None, "not before 08:00");
    let mut off = day.tomorrow().unwrap();
    while calendar.is_working_day(off) {
        off = off.tomorrow().unwrap();
    }
    assert_eq!(send_digests(&app.state, at(off, 9)).await.unwrap(), None, "none on a day off");

    // Two servers at 08:30: one writes the day's digests.
    let other_store = adaldyq_store::open(&app.db.url).await.unwrap();
    let mut config = support::test_config();
    config.notices = app.state.config.notices.clone();
    let other = adaldyq_web::AppState::new(other_store, config);
    other.load_calendar().await.unwrap();
    let (a, b) = tokio::join!(send_digests(&app.state, at(day, 8)), send_digests(&other, at(day, 8)));
    let written: Vec<usize> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
    assert_eq!(written, [2], "the officer and the head; not the officer with nothing due");
    assert_eq!(send_digests(&app.state, at(day, 10)).await.unwrap(), None, "and not again that day");
    other.store.close().await;
    assert_eq!(drain(&app, &senders, "w").await, 2);
    let mail = sink.messages()[before..].to_vec();
    assert!(to(&mail, &idle).is_empty());
    let officers = to(&mail, &officer_email);
    assert_eq!(officers.len(), 1);
    // Mail travels with CRLF line ends.
    let text = str_of(&officers[0], "text").replace("\r\n", "\n");
    assert_eq!(str_of(&officers[0], "content_language"), "en");
    assert_eq!(str_of(&officers[0], "subject"), "Appeals due within 3 working days: 1");
    let due_text = adaldyq_web::appeals::date_text(due);
    assert!(text.contains(&format!("- No. {mine}, due {due_text}: s\n")), "{text}");
    assert!(!text.contains(&nobodys), "the unassigned one is the head's");
    assert!(text.contains("https://adaldyq.test/en/staff/appeals\n"), "{text}");
    assert!(str_of(&officers[0], "list_unsubscribe").contains("digest.email"), "a digest is optional");
    let heads = to(&mail, &head_email);
    assert_eq!(heads.len(), 1);
    assert!(str_of(&heads[0], "text").contains(&format!("№{nobodys}, мерзімі {due_text}: s")), "in kk");
    assert!(!str_of(&heads[0], "text").contains(&mine), "assigned to the officer, not the head's");
}

/// Latin words a Kazakh reader would see on a page: its text and the
/// attributes read aloud, less the language switch, the options that name
/// a language in itself, the user's name and the platform's.
/// As crates/web/tests/language.rs allows it: the Kazakh pages write SMS in Latin letters, as the receipt does.
fn english_words(html: &str) -> Vec<String> {
    let mut html = html.to_owned();
    if let (Some(a), Some(b)) = (html.find("<nav aria-label"), html.find("</header>")) {
        html.replace_range(a..b, "");
    }
    while let Some(a) = html.find("<option value=\"kk-latn\"") {
        let b = a + html[a..].find("</option>").unwrap();
        html.replace_range(a..b, "");
    }
    let mut text = String::new();
    let mut rest = html.as_str();
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let gt = lt + rest[lt..].find('>').unwrap();
        let tag = &rest[lt..gt];
        for attr in [" title=\"", " placeholder=\"", " aria-label=\"", " alt=\""] {
            if let Some(at) = tag.find(attr) {
                let v = &tag[at + attr.len()..];
                text.push(' ');
                text.push_str(&v[..v.find('"').unwrap_or(v.len())]);
            }
        }
        text.push(' ');
        rest = &rest[gt + 1..];
    }
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !["Adaldyq", "English", "SMS"].contains(w))
        .map(str::to_owned)
        .collect()
}

async fn the_settings_page_is_in_kazakh_and_refuses_a_bad_phone_at_the_field(app: TestApp) {
    let mut n = settings(Some("smtp://127.0.0.1:9".into()));
    n.sms = Some(notices::sms::Gateway {
        url: "http://127.0.0.1:9/send".into(),
        method: "POST".into(),
        headers: vec![],
        body: notices::sms::Gateway::DEFAULT_BODY.into(),
    });
    let app = app_with(app.backend(), n).await.unwrap();
    let officer_email = app.user(Role::Officer).await;
    let officer_id = user_id(&app, &officer_email).await;
    let officer = app.sign_in(&officer_email).await;
    let account = app.get("/kk/account", Some(&officer)).await.body;
    assert!(account.contains("href=\"/kk/account/notices\""), "linked from the account page");
    let page = app.get("/kk/account/notices", Some(&officer)).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = page.body.replace(">Test officer<", "><");
    assert!(!body.contains('⟦'), "{body}");
    assert_eq!(english_words(&body), Vec::<String>::new(), "English on the Kazakh page");
    for kind in ["assigned", "escalated-to-you", "digest", "escalated", "disputed"] {
        for channel in ["email", "sms"] {
            assert!(body.contains(&format!("id=\"on-{kind}-{channel}\" name=\"on\"")), "{kind} {channel}");
        }
    }
    assert!(body.contains("Өтінішке жауап берілді"), "legal kinds are listed as always sent");
    assert!(!body.contains("on-answered"), "with no checkbox");

    // A bad phone: the page again, the error at the field, nothing lost.
    let mut fields = vec![("language", "ru".to_owned()), ("phone", "12345".to_owned())];
    fields.extend(ticked(&["digest:sms"]));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post_form("/kk/account/notices", &pairs, Some(&officer)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("<title>Қате: Хабарлама баптаулары"), "{}", r.body);
    assert!(
        r.body.contains("<a href=\"#phone\">Қазақстан телефон нөмірін енгізіңіз"),
        "the summary leads to the field"
    );
    assert!(r.body.contains("<p class=\"error\" id=\"phone-error\">"), "the message beside the field");
    assert!(r.body.contains("value=\"12345\" aria-describedby=\"phone-hint phone-error\" aria-invalid=\"true\""));
    assert!(r.body.contains("<option value=\"ru\" lang=\"ru\" selected>"), "the language chosen is kept");
    assert!(r.body.contains("id=\"on-digest-sms\" name=\"on\" value=\"digest:sms\">"), "unticked stays unticked");
    assert!(r.body.contains("id=\"on-digest-email\" name=\"on\" value=\"digest:email\" checked>"));
    assert_eq!(english_words(&r.body.replace(">Test officer<", "><")), Vec::<String>::new());
    let unchanged = app.db.store.notice_profile(officer_id).await.unwrap().unwrap();
    assert_eq!((unchanged.language.as_str(), unchanged.switched_off.len()), ("kk", 0), "nothing saved");

    save(&app, &officer, "kk", "ru", "8 (701) 765-43-21", &["digest:sms"]).await;
    let saved = app.get("/kk/account/notices?saved=1", Some(&officer)).await.body;
    assert!(saved.contains("Хабарлама баптаулары сақталды."));
    let profile = app.db.store.notice_profile(officer_id).await.unwrap().unwrap();
    assert_eq!(profile.language, "ru");
    assert_eq!(profile.phone.as_deref(), Some("+77017654321"));
    assert_eq!(profile.switched_off, [("digest".to_owned(), Channel::Sms)]);
    // A citizen is asked about applicant notices only.
    let citizen = app.sign_in(&app.user(Role::Citizen).await).await;
    let theirs = app.get("/kk/account/notices", Some(&citizen)).await.body;
    assert!(theirs.contains("on-escalated-email") && !theirs.contains("on-digest-email"));
    assert_eq!(app.get("/kk/account/notices", None).await.status, StatusCode::SEE_OTHER, "sign in first");
}
