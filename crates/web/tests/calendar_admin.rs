//! An administrator edits the working-day calendar: the year's days are
//! shown as a table in the reader's language, the whole file is checked
//! (every bad line named), a preview lists the due dates that would move,
//! and only "save" recomputes them and records the change, telling each
//! named applicant whose due date moved (by e-mail, to a real SMTP server).

mod support;

use adaldyq_domain::calendar::{generated_exceptions, Exception, Reason, Source};
use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::{Session, TestApp};

both_backends!(
    a_new_day_off_moves_open_due_dates,
    a_wrong_calendar_changes_nothing,
    a_year_is_entered_whole_or_not_at_all,
    the_administrator_is_told_when_next_years_decree_is_missing,
    the_days_are_a_table_with_reasons_in_the_readers_language,
    the_preview_lists_the_moves_and_changes_nothing_until_saved,
    a_text_changed_after_its_check_is_checked_again_not_saved,
    every_bad_line_is_named_in_the_readers_language,
    a_named_applicant_is_told_when_the_calendar_moves_their_due_date,
);

/// "Check the changes": the page with the preview or the errors.
async fn check(app: &TestApp, lang: &str, csv: &str, s: &Session) -> support::Reply {
    app.post_form(&format!("/{lang}/admin/calendar"), &[("csv", csv), ("action", "check")], Some(s)).await
}

/// The digest of the checked text, from the preview's form.
fn checked(body: &str) -> String {
    support::between(body, "name=\"checked\" value=\"", "\"").expect("a checked text").to_owned()
}

/// Checks `csv`, saves it, and follows the redirect: the confirmation page.
async fn save(app: &TestApp, lang: &str, csv: &str, s: &Session) -> support::Reply {
    let r = check(app, lang, csv, s).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let digest = checked(&r.body);
    let r = app
        .post_form(
            &format!("/{lang}/admin/calendar"),
            &[("csv", csv), ("action", "save"), ("checked", &digest)],
            Some(s),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().starts_with(&format!("/{lang}/admin/calendar?")), "{}", r.location());
    app.get(r.location(), Some(s)).await
}

async fn file_anonymous(app: &TestApp) -> String {
    let body = serde_json::json!({
        "kind": "complaint", "territory": support::DISTRICT, "subject": "s", "text": "t", "language": "kk", "anonymous": true
    });
    let r = app
        .send(
            Request::post("/api/v1/appeals")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["number"].as_str().unwrap().to_owned()
}

async fn a_new_day_off_moves_open_due_dates(app: TestApp) {
    let number = file_anonymous(&app).await;
    let before = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let page = app.get("/en/admin/calendar", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2026-03-23,false,nauryz"), "the shipped calendar is shown");
    let csv = textarea(&page.body);
    let edited = moving_edit(&app, &csv, &before.registered_on);
    let r = save(&app, "en", &edited, &admin).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("The calendar is saved. The due date of 1 open appeal moved."), "{}", r.body);
    let after = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let calendar = Calendar::kazakhstan();
    let expected = calendar.add_working_days(before.due_on.parse().unwrap(), 1);
    assert_eq!(after.due_on, expected.to_string(), "the due date moved one working day later");
    assert!(!app.state.calendar().is_working_day(first_working_day(&before.registered_on)), "in force at once");
    let audit = app.db.store.audit_events("calendar_changed").await.unwrap();
    assert_eq!(audit.len(), 1);
    assert!(audit[0].actor_user_id.is_some() && audit[0].body.contains("\"due_dates_moved\":1"));
    assert_eq!(app.db.store.calendar().await.unwrap().len(), app.state.calendar().exceptions().count());
    let events = app.db.store.appeal_events(after.id).await.unwrap();
    assert_eq!(events.last().unwrap().kind, adaldyq_domain::appeal::EventKind::TermRecomputed);
}

use adaldyq_domain::calendar::Calendar;

/// The first working day of a term registered on `registered` (ISO).
fn first_working_day(registered: &str) -> jiff::civil::Date {
    Calendar::kazakhstan().add_working_days(registered.parse().unwrap(), 1)
}

/// `csv` with a decree that makes the first working day of a term
/// registered on `registered` a day off: its due date moves a day.
fn moving_edit(app: &TestApp, csv: &str, registered: &str) -> String {
    let first = first_working_day(registered);
    let mut edited = format!("{csv}{first},false,transfer\n");
    if app.state.calendar().source(first.year()) == Source::Rules {
        // A year is entered whole: with the days off it has by the rules.
        edited.push_str(&rows(&generated_exceptions(first.year(), None)));
    }
    edited
}

async fn the_preview_lists_the_moves_and_changes_nothing_until_saved(app: TestApp) {
    let number = file_anonymous(&app).await;
    let before = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let csv = textarea(&app.get("/en/admin/calendar", Some(&admin)).await.body);
    let stored = app.db.store.calendar().await.unwrap();

    // The text unchanged: valid, and nothing would move.
    let r = check(&app, "en", &csv, &admin).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("The text is correct. Saving it moves no open appeal"), "{}", r.body);
    assert!(!r.body.contains("id=\"moves\""), "no table of moves");

    let edited = moving_edit(&app, &csv, &before.registered_on);
    let old = show(&before.due_on);
    let new = show(&Calendar::kazakhstan().add_working_days(before.due_on.parse().unwrap(), 1).to_string());
    for (lang, summary) in [
        ("en", "Saving it moves the due date of 1 open appeal:"),
        ("ru", "После сохранения сдвинется срок ответа у 1 открытого обращения:"),
        ("kk", "Сақтағанда 1 ашық өтініштің жауап беру мерзімі жылжиды:"),
    ] {
        let r = check(&app, lang, &edited, &admin).await;
        assert_eq!(r.status, StatusCode::OK, "{lang}: {}", r.body);
        assert!(r.body.contains(summary), "{lang}: {}", r.body);
        let moves = support::between(&r.body, "<table id=\"moves\">", "</table>").expect("a table of moves");
        assert!(moves.contains(&format!("<tr><td>{number}</td><td>{old}</td><td>{new}</td></tr>")), "{lang}: {moves}");
        assert_eq!(textarea(&r.body), edited, "{lang}: the text stays in the editor");
    }
    // Nothing changed until "save".
    assert_eq!(app.db.store.calendar().await.unwrap(), stored);
    assert_eq!(app.db.store.appeal_by_number(&number).await.unwrap().unwrap().due_on, before.due_on);
    assert!(app.db.store.audit_events("calendar_changed").await.unwrap().is_empty());
    assert!(app.state.calendar().is_working_day(first_working_day(&before.registered_on)));

    let r = save(&app, "kk", &edited, &admin).await;
    assert!(r.body.contains("Күнтізбе сақталды. 1 ашық өтініштің жауап беру мерзімі жылжыды."), "{}", r.body);
    assert_eq!(show(&app.db.store.appeal_by_number(&number).await.unwrap().unwrap().due_on), new, "save moves it");
}

/// An ISO date as the pages write it.
fn show(iso: &str) -> String {
    let d: jiff::civil::Date = iso.parse().unwrap();
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

async fn a_text_changed_after_its_check_is_checked_again_not_saved(app: TestApp) {
    let number = file_anonymous(&app).await;
    let before = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let csv = textarea(&app.get("/en/admin/calendar", Some(&admin)).await.body);
    let digest = checked(&check(&app, "en", &csv, &admin).await.body);
    let edited = moving_edit(&app, &csv, &before.registered_on);
    let r = app
        .post_form("/en/admin/calendar", &[("csv", &edited), ("action", "save"), ("checked", &digest)], Some(&admin))
        .await;
    assert_eq!(r.status, StatusCode::OK, "not saved: {}", r.body);
    assert!(r.body.contains("The text was changed after it was checked, so nothing was saved."), "{}", r.body);
    assert!(r.body.contains(&number), "the new preview lists the move");
    assert_eq!(textarea(&r.body), edited, "the edit is kept");
    assert_eq!(app.db.store.appeal_by_number(&number).await.unwrap().unwrap().due_on, before.due_on);
    assert!(app.db.store.audit_events("calendar_changed").await.unwrap().is_empty());
    // Without a check at all, "save" only checks.
    let r = app.post_form("/en/admin/calendar", &[("csv", &edited), ("action", "save")], Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(app.db.store.audit_events("calendar_changed").await.unwrap().is_empty());
}

async fn a_wrong_calendar_changes_nothing(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let stored = app.db.store.calendar().await.unwrap();
    let bad = "date,working,reason\n2026-03-21,false,nauryz\n";
    for action in ["check", "save"] {
        let r = app.post_form("/ru/admin/calendar", &[("csv", bad), ("action", action)], Some(&admin)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("2026-03-21") && r.body.contains("<html lang=\"ru\">"), "{}", r.body);
        assert_eq!(textarea(&r.body), bad, "the text is kept");
    }
    assert_eq!(app.db.store.calendar().await.unwrap(), stored, "nothing changed");
    assert!(app.db.store.audit_events("calendar_changed").await.unwrap().is_empty());
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    assert_eq!(
        app.post_form("/en/admin/calendar", &[("csv", bad)], Some(&officer)).await.status,
        StatusCode::FORBIDDEN
    );
}

fn rows(list: &[Exception]) -> String {
    list.iter().map(|e| format!("{},{},{}\n", e.date, e.working, e.reason.as_str())).collect()
}

/// The text in the editor.
fn textarea(body: &str) -> String {
    let after = body.split("<textarea id=\"csv\"").nth(1).expect("the editor");
    after.split_once('>').unwrap().1.split("</textarea>").next().unwrap().to_owned()
}

fn today(app: &TestApp) -> jiff::civil::Date {
    adaldyq_web::admin::calendar::today(&app.state.calendar())
}

async fn a_year_is_entered_whole_or_not_at_all(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let csv = textarea(&app.get("/en/admin/calendar", Some(&admin)).await.body);
    let stored = app.db.store.calendar().await.unwrap();
    // A 2027 transfer alone would make 2027 follow its rows only, and New
    // Year, Nauryz and the rest would become working days.
    let partial = format!("{csv}2027-01-08,false,transfer\n");
    for (lang, text) in [
        ("en", "2027-01-01 (New Year) is a day off by the rules but is missing from its year"),
        ("ru", "2027-01-01 (Новый год) — выходной день по правилам, но в своём году он не указан"),
        ("kk", "2027-01-01 (Жаңа жыл) — ережелер бойынша демалыс күні, бірақ ол өз жылында көрсетілмеген"),
    ] {
        let r = check(&app, lang, &partial, &admin).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        assert!(r.body.contains(text), "{lang}: {}", r.body);
    }
    assert_eq!(app.db.store.calendar().await.unwrap(), stored, "nothing changed");
    assert!(!app.state.calendar().is_working_day(jiff::civil::date(2027, 1, 1)), "New Year 2027 is still off");

    // The rows the page offers for the next year by the rules, with the
    // transfer and Kurban Ait (Sunday 16 May 2027: not moved), are saved.
    let page = app.get("/en/admin/calendar", Some(&admin)).await.body;
    let next = (today(&app).year()..).find(|y| app.state.calendar().source(*y) == Source::Rules).unwrap();
    let offered = page.split("id=\"rules-rows\" data-verbatim>").nth(1).unwrap().split("</pre>").next().unwrap();
    assert_eq!(offered, rows(&generated_exceptions(next, None)), "the page offers the rules' rows for {next}");
    let whole = format!(
        "{csv}{}2027-01-08,false,transfer\n2027-01-09,true,working_weekend\n",
        rows(&generated_exceptions(2027, None))
    );
    let r = save(&app, "en", &whole, &admin).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let calendar = app.state.calendar();
    assert_eq!(calendar.source(2027), Source::Decree);
    assert!(!calendar.is_working_day(jiff::civil::date(2027, 1, 8)), "the decree's transfer wins over the rules");
    assert!(calendar.is_working_day(jiff::civil::date(2027, 1, 9)));
    assert!(!calendar.is_working_day(jiff::civil::date(2027, 3, 15)), "Constitution Day is kept");
}

async fn the_administrator_is_told_when_next_years_decree_is_missing(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let today = today(&app);
    let (year, next) = (today.year(), today.year() + 1);
    // Make this year entered (the shipped calendar ends in 2026) and next
    // year not, whatever today is.
    let mut csv = textarea(&app.get("/en/admin/calendar", Some(&admin)).await.body);
    if app.state.calendar().source(year) == Source::Rules {
        csv.push_str(&rows(&generated_exceptions(year, None)));
    }
    let kept: String = csv.lines().filter(|l| !l.starts_with(&format!("{next}-"))).map(|l| format!("{l}\n")).collect();
    let r = save(&app, "en", &kept, &admin).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.state.calendar().source(next), Source::Rules);

    let from_november = today.month() >= 11;
    for (lang, warning, listed) in [
        ("en", format!("The decree on days off for {next} is not entered"), format!("{next} and later")),
        ("ru", format!("Постановление о выходных днях на {next} год не внесено"), format!("с {next} года")),
        ("kk", format!("{next} жылғы демалыс күндері туралы қаулы енгізілмеген"), format!("{next} жылдан бастап")),
    ] {
        let page = app.get(&format!("/{lang}/admin/calendar"), Some(&admin)).await.body;
        assert_eq!(page.contains(&warning), from_november, "{lang} on {today}: {page}");
        assert!(page.contains(&listed), "{lang}: the editor lists the years by the rules: {page}");
        let staff = app.get(&format!("/{lang}/staff"), Some(&admin)).await.body;
        assert_eq!(staff.contains(&warning), from_november, "{lang}: the workspace tells the administrator");
    }
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    assert!(!app.get("/en/staff", Some(&officer)).await.body.contains("data-decree-missing"), "only administrators");

    // Entered: no warning.
    let csv = textarea(&app.get("/en/admin/calendar", Some(&admin)).await.body);
    let entered = format!("{csv}{}", rows(&generated_exceptions(next, None)));
    let r = save(&app, "en", &entered, &admin).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!r.body.contains("data-decree-missing"), "{}", r.body);
    assert!(!app.get("/en/staff", Some(&admin)).await.body.contains("data-decree-missing"));
    assert!(r.body.contains(&format!("{} and later", next + 1)));
}

async fn the_days_are_a_table_with_reasons_in_the_readers_language(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    for (lang, nauryz, monday, off, carry) in [
        ("en", "Nauryz", "Monday", "Day off", "A holiday moved from a weekend"),
        ("ru", "Наурыз мейрамы", "Понедельник", "Выходной день", "Праздник, перенесённый с выходного дня"),
        ("kk", "Наурыз мейрамы", "Дүйсенбі", "Демалыс күні", "Демалыс күнінен ауыстырылған мереке"),
    ] {
        let page = app.get(&format!("/{lang}/admin/calendar?year=2026"), Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        let table = support::between(&page.body, "<table id=\"days-table\">", "</table>").expect("a table of days");
        let row = support::between(table, "<tr data-date=\"2026-03-23\">", "</tr>").expect("23 March 2026");
        assert_eq!(row, format!("<td>23.03.2026</td><td>{monday}</td><td>{off}</td><td>{nauryz}</td>"), "{lang}");
        assert!(table.contains(carry), "{lang}: {table}");
        // Every row of 2026 is there, and no raw code anywhere in the table.
        assert_eq!(table.matches("<tr data-date=").count(), 14, "{lang}");
        for r in Reason::ALL {
            assert!(!table.contains(r.as_str()), "{lang}: the raw code {} in {table}", r.as_str());
        }
        assert!(!table.contains('⟦'), "{lang}: a missing message");
        assert!(page.body.contains("tabindex=\"0\" role=\"region\" aria-labelledby=\"days-caption\""), "{lang}");
    }
    // A worked Saturday, in 2025.
    let page = app.get("/ru/admin/calendar?year=2025", Some(&admin)).await.body;
    let row = support::between(&page, "<tr data-date=\"2025-01-05\">", "</tr>").expect("5 January 2025");
    assert_eq!(
        row,
        "<td>05.01.2025</td><td>Воскресенье</td><td>Рабочий день</td>\
         <td>Выходной, объявленный рабочим днём постановлением Правительства</td>"
    );
    // A year without a decree: by the rules, said so.
    let page = app.get("/en/admin/calendar?year=2027", Some(&admin)).await.body;
    assert!(page.contains("No decree is entered for 2027: these are its days off by the rules alone."), "{page}");
    assert!(page.contains("<td>15.03.2027</td><td>Monday</td><td>Day off</td><td>Constitution Day</td>"), "{page}");
    // Nonsense years fall back to this year.
    assert_eq!(app.get("/en/admin/calendar?year=abc", Some(&admin)).await.status, StatusCode::OK);
}

async fn every_bad_line_is_named_in_the_readers_language(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let stored = app.db.store.calendar().await.unwrap();
    // 1 header, 2 good, 3 blank, 4 not a date, 5 Saturday off, 6 unknown reason, 7 duplicate of 2.
    let bad = "date,working,reason\n2027-03-22,false,nauryz\n\n2027-02-30,false,transfer\n\
               2027-03-20,false,transfer\n2027-03-23,false,holiday\n2027-03-22,false,transfer\n";
    for (lang, title, lines) in [
        (
            "en",
            "<title>Error: Working-day calendar",
            [
                "Line 4: 2027-02-30 is not a date (write dates as 2027-03-22).",
                "Line 5: 2027-03-20 is a Saturday, a day off anyway",
                "Line 6: “holiday” is not one of the reasons: new_year, ",
                "Line 7: 2027-03-22 is already listed on line 2.",
            ],
        ),
        (
            "ru",
            "<title>Ошибка: Производственный календарь",
            [
                "Строка 4: 2027-02-30 — не дата",
                "Строка 5: 2027-03-20 — суббота, это и так выходной день",
                "Строка 6: «holiday» нет среди причин",
                "Строка 7: дата 2027-03-22 уже указана в строке 2.",
            ],
        ),
        (
            "kk",
            "<title>Қате: Жұмыс күндерінің күнтізбесі",
            [
                "4-жол: 2027-02-30 — күн емес",
                "5-жол: 2027-03-20 — сенбі, ол онсыз да демалыс күні",
                "6-жол: «holiday» себептердің арасында жоқ",
                "7-жол: 2027-03-22 күні 2-жолда көрсетіліп қойған.",
            ],
        ),
    ] {
        let r = check(&app, lang, bad, &admin).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        assert!(r.body.contains(title), "{lang}: {}", r.body);
        let summary = support::between(&r.body, "class=\"error-summary\"", "</div>").unwrap();
        for line in lines {
            assert!(summary.contains(line), "{lang}: {line} in {summary}");
        }
        assert_eq!(summary.matches("<li>").count(), 4, "{lang}: one item a bad line, good lines not blamed");
        assert_eq!(textarea(&r.body), bad, "{lang}: nothing typed is lost");
        assert!(r.body.contains("aria-invalid=\"true\""), "{lang}");
    }
    assert_eq!(app.db.store.calendar().await.unwrap(), stored, "nothing changed");
}

/// The applicant of a named appeal with an e-mail address hears of the new
/// due date and why; the anonymous one, whose date moved too, hears nothing.
async fn a_named_applicant_is_told_when_the_calendar_moves_their_due_date(app: TestApp) {
    let Some(sink) = support::smtp::Sink::start(app.db.dir.path(), &[]) else { return };
    let mut config = support::test_config();
    config.public_url = "https://adaldyq.test".into();
    config.notices = adaldyq_web::notices::NoticeSettings {
        smtp_url: Some(sink.url()),
        mail_from: Some("noreply@adaldyq.test".into()),
        retry_base: std::time::Duration::ZERO,
        ..Default::default()
    };
    let app = TestApp::with_config(app.backend(), config).await.unwrap();
    let senders = adaldyq_web::notices::Senders::new(&app.state.config.notices).unwrap();
    let deliver =
        || async { while adaldyq_web::notices::deliver_once(&app.state, &senders, "w").await.unwrap() > 0 {} };
    let body = serde_json::json!({
        "kind": "complaint", "territory": support::DISTRICT, "subject": "s", "text": "t", "language": "en",
        "anonymous": false, "contact": { "name": "Aliya", "email": "aliya@example.kz" }
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
    let number = serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["number"].as_str().unwrap().to_owned();
    let anonymous = file_anonymous(&app).await;
    deliver().await;
    assert_eq!(sink.messages().len(), 1, "the receipt notice only");

    let before = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let csv = textarea(&app.get("/en/admin/calendar", Some(&admin)).await.body);
    let r = save(&app, "en", &moving_edit(&app, &csv, &before.registered_on), &admin).await;
    assert!(r.body.contains("The due dates of 2 open appeals moved."), "{}", r.body);
    deliver().await;

    let mail = sink.messages();
    assert_eq!(mail.len(), 2, "one notice more, to the named applicant only: {mail:?}");
    let m = &mail[1];
    assert_eq!(m["rcpt_tos"], serde_json::json!(["aliya@example.kz"]));
    assert_eq!(m["subject"].as_str().unwrap(), format!("Appeal {number}: the due date has moved"));
    let after = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_ne!(after.due_on, before.due_on);
    let text = m["text"].as_str().unwrap();
    assert!(text.contains(&adaldyq_web::appeals::date_text(after.due_on.parse().unwrap())), "the new date: {text}");
    assert!(text.contains("calendar of working days and holidays has changed"), "and why: {text}");
    let anon = app.db.store.appeal_by_number(&anonymous).await.unwrap().unwrap();
    assert_ne!(anon.due_on, before.due_on, "the anonymous appeal's date moved too");
    let stats = app.db.store.outbox_stats().await.unwrap();
    assert_eq!((stats.sent, stats.queued, stats.dead), (2, 0, 0), "and nothing waits to be sent to its filer");
}
