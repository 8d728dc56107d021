//! An administrator edits the working-day calendar: the whole file is
//! checked, every open due date is recomputed, and the change is recorded.

mod support;

use adaldyq_domain::calendar::{generated_exceptions, Exception, Source};
use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::TestApp;

both_backends!(
    a_new_day_off_moves_open_due_dates,
    a_wrong_calendar_changes_nothing,
    a_year_is_entered_whole_or_not_at_all,
    the_administrator_is_told_when_next_years_decree_is_missing,
);

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
    let csv =
        page.body.split("required data-verbatim>").nth(1).unwrap().split("</textarea>").next().unwrap().to_owned();
    // A decree makes the first working day of the term a day off.
    let calendar = app.state.calendar();
    let registered: jiff::civil::Date = before.registered_on.parse().unwrap();
    let first = calendar.add_working_days(registered, 1);
    let mut edited = format!("{csv}{first},false,transfer\n");
    if calendar.source(first.year()) == Source::Rules {
        // A year is entered whole: with the days off it has by the rules.
        edited.push_str(&rows(&generated_exceptions(first.year(), None)));
    }
    let r = app.post_form("/en/admin/calendar", &[("csv", &edited)], Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("1 open due dates moved"), "{}", r.body);
    let after = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let expected = calendar.add_working_days(before.due_on.parse().unwrap(), 1);
    assert_eq!(after.due_on, expected.to_string(), "the due date moved one working day later");
    assert!(!app.state.calendar().is_working_day(first), "the new calendar is in force at once");
    let audit = app.db.store.audit_events("calendar_changed").await.unwrap();
    assert_eq!(audit.len(), 1);
    assert!(audit[0].actor_user_id.is_some() && audit[0].body.contains("\"due_dates_moved\":1"));
    assert_eq!(app.db.store.calendar().await.unwrap().len(), app.state.calendar().exceptions().count());
}

async fn a_wrong_calendar_changes_nothing(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let stored = app.db.store.calendar().await.unwrap();
    let bad = "date,working,reason\n2026-03-21,false,nauryz\n";
    let r = app.post_form("/ru/admin/calendar", &[("csv", bad)], Some(&admin)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("2026-03-21") && r.body.contains("<html lang=\"ru\">"), "{}", r.body);
    assert!(r.body.contains("data-verbatim>date,working,reason\n2026-03-21,false,nauryz"), "the text is kept");
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

fn textarea(body: &str) -> String {
    body.split("required data-verbatim>").nth(1).unwrap().split("</textarea>").next().unwrap().to_owned()
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
        let r = app.post_form(&format!("/{lang}/admin/calendar"), &[("csv", &partial)], Some(&admin)).await;
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
    let r = app.post_form("/en/admin/calendar", &[("csv", &whole)], Some(&admin)).await;
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
    let r = app.post_form("/en/admin/calendar", &[("csv", &kept)], Some(&admin)).await;
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
    let r = app.post_form("/en/admin/calendar", &[("csv", &entered)], Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!r.body.contains("data-decree-missing"), "{}", r.body);
    assert!(!app.get("/en/staff", Some(&admin)).await.body.contains("data-decree-missing"));
    assert!(r.body.contains(&format!("{} and later", next + 1)));
}
