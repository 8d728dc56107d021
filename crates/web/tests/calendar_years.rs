//! Years without an entered decree follow the rules: a term past the last
//! entered year skips their holidays and says it counted them by the rules,
//! and a head cannot extend a term to one of their days off.

mod support;

use adaldyq_domain::Role;
use axum::http::StatusCode;
use support::TestApp;

both_backends!(
    a_term_into_2027_skips_its_days_off_by_the_rules,
    a_head_cannot_extend_a_term_to_a_day_off_in_2027,
    due_dates_stored_before_the_rules_are_counted_again_once
);

async fn a_term_into_2027_skips_its_days_off_by_the_rules(app: TestApp) {
    // The example: 1 January, 4 January (for Saturday 2 January) and
    // 7 January 2027 are days off.
    let r = app.get("/api/v1/calendar/due?registered=2026-12-25T10:00&days=15", None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["registered_on"], "2026-12-25");
    assert_eq!(v["due_on"], "2027-01-20");
    assert_eq!(v["by_rules"], serde_json::json!([2027]));
    let skipped: Vec<(String, bool)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["date"].as_str().unwrap().to_owned(), s["by_rules"].as_bool().unwrap()))
        .collect();
    let expected = [("2027-01-01", true), ("2027-01-04", true), ("2027-01-07", true)].map(|(d, b)| (d.to_owned(), b));
    assert_eq!(skipped, expected);
    // Within an entered year nothing is said to be by the rules.
    let r = app.get("/api/v1/calendar/due?registered=2026-03-02T10:00&days=15", None).await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!((v["due_on"].as_str(), v["by_rules"].as_array().map(Vec::len)), (Some("2026-03-27"), Some(0)));
    // Far ahead: 1–2 January 2031 (Wednesday, Thursday) and Tuesday 7
    // January are off, so three working days after 31 December end on 8 January.
    let r = app.get("/api/v1/calendar/due?registered=2030-12-31T10:00&days=3", None).await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["due_on"], "2031-01-08", "{}", r.body);

    // The calculator explains it in the reader's language.
    let query = "registered=2026-12-25T10%3A00&days=15";
    for (lang, phrase, note) in [
        (
            "en",
            "The days off of 2027 are taken from the rules: the government decree for 2027 is not entered yet",
            "Kurban Ait (its date is announced each year)",
        ),
        (
            "ru",
            "Выходные дни 2027 года взяты по правилам: постановление Правительства на 2027 год ещё не внесено",
            "Курбан айт (его дата объявляется ежегодно)",
        ),
        ("kk", "2027 жылғы демалыс күндері ережелер бойынша алынды", "Құрбан айт (оның күні жыл сайын жарияланады)"),
    ] {
        let page = app.get(&format!("/{lang}/calendar?{query}"), None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("20.01.2027"), "{lang}: {}", page.body);
        assert!(page.body.contains(phrase), "{lang}: {}", page.body);
        assert!(page.body.contains(note), "{lang}: the calculator says a rule-year has no Kurban Ait");
    }
}

async fn file_to_institution(app: &TestApp) -> String {
    support::file_to_institution(app).await.0
}

async fn a_head_cannot_extend_a_term_to_a_day_off_in_2027(app: TestApp) {
    let number = file_to_institution(&app).await;
    // As if it had been filed on Tuesday 1 December 2026: due 23 December.
    let sql =
        format!("UPDATE appeals SET registered_on = '2026-12-01', due_on = '2026-12-23' WHERE number = '{number}'");
    adaldyq_store::testing::raw_sql(&app.db.url, &sql).await;
    let head = app.sign_in(&app.user(Role::Head).await).await;
    let path = format!("/en/staff/appeals/{number}/extend");
    for day in ["2027-01-01", "2027-01-04", "2027-01-07"] {
        let r = app.post_form(&path, &[("due", day), ("reason", "site visit")], Some(&head)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{day}");
        assert!(r.body.contains("The new due date must be a working day."), "{day}: {}", r.body);
    }
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.due_on, "2026-12-23", "nothing changed");
    let r = app.post_form(&path, &[("due", "2027-01-08"), ("reason", "site visit")], Some(&head)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.due_on, "2027-01-08");
    // 21 working days in December (16 December off), then 5, 6 and 8 January.
    assert_eq!(a.term_days, 24, "the term is counted without 2027's days off");
}

/// An installation upgraded from a version that ignored the holidays of
/// years without a decree: at its first start, the open due dates are
/// counted again (each move an event of its appeal, so the log still
/// verifies), and never again after that.
async fn due_dates_stored_before_the_rules_are_counted_again_once(app: TestApp) {
    let number = file_to_institution(&app).await;
    // As the old version stored it: registered 25 December 2026, due 15 January 2027.
    let sql =
        format!("UPDATE appeals SET registered_on = '2026-12-25', due_on = '2027-01-15' WHERE number = '{number}'");
    adaldyq_store::testing::raw_sql(&app.db.url, &sql).await;
    let moved = adaldyq_web::admin::calendar::recount_with_rules_once(&app.state).await.unwrap();
    assert_eq!(moved, Some(1));
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.due_on, "2027-01-20");
    let last = app.db.store.appeal_events(a.id).await.unwrap().pop().unwrap();
    assert_eq!(last.kind, adaldyq_domain::appeal::EventKind::TermRecomputed);
    assert!(last.body.contains("2027-01-15") && last.body.contains("2027-01-20"), "{}", last.body);
    assert_eq!(adaldyq_web::admin::calendar::recount_with_rules_once(&app.state).await.unwrap(), None, "once");
    // The state the recount left is the one its event logged.
    let report =
        adaldyq_store::log::verify(app.db.store.as_ref(), app.state.config.log_key.verifier_key()).await.unwrap();
    assert!(!report.problems.iter().any(|p| p.contains(&number) && p.contains("due_on")), "{:?}", report.problems);
}
