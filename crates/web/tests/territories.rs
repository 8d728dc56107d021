//! Loading territories from a KATO CSV through the page and the API: every
//! bad line is named, and nothing changes unless the whole file is good.

mod support;

use adaldyq_domain::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::TestApp;

both_backends!(
    the_page_reports_bad_lines_and_changes_nothing,
    the_page_says_what_changed_or_that_nothing_did,
    every_bad_line_is_named_by_its_line_in_the_file,
    the_api_loads_and_refuses_the_same_way,
    territories_are_open_data
);

const GOOD: &str = "code,parent_code,level,kind,name_kk,name_ru\n\
                    433299000,433200000,3,rural_okrug,Демо а.о.,Демо с.о.\n\
                    433299100,433299000,4,settlement,Демо а.,с.Демо\n";

async fn the_page_reports_bad_lines_and_changes_nothing(app: TestApp) {
    let s = app.sign_in(&app.user(Role::Administrator).await).await;
    let before = app.db.store.territories().await.unwrap();
    let bad = format!("{GOOD}433299200,433299000,9,settlement,А,Б\n43329930X,433299000,4,settlement,А,Б\n");
    let r = app.post_form("/en/admin/territories", &[("csv", &bad)], Some(&s)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Line 4:") && r.body.contains("Line 5:"), "{}", r.body);
    assert!(!r.body.contains("Line 2:"), "good lines are not blamed");
    assert!(r.body.contains("433299200,433299000,9"), "the text is kept for correction");
    assert_eq!(app.db.store.territories().await.unwrap(), before, "nothing changed");

    // The server keeps a copy of the tree (read here, so it is warm); a load
    // through it drops the copy, so the new units show at once.
    let listed = app.get("/api/v1/territories", None).await.body;
    assert!(!listed.contains("\"433299100\""));
    let r = app.post_form("/ru/admin/territories", &[("csv", GOOD)], Some(&s)).await;
    assert_eq!(r.status, StatusCode::OK);
    let listed = app.get("/api/v1/territories", None).await.body;
    assert!(listed.contains("\"433299100\""), "a new unit is listed at once");
    let form = support::filing_details(&app, "en", "complaint").await.body;
    assert!(form.contains("value=\"433299000\""), "and offered on the filing form");
    assert!(r.body.contains('2') && r.body.contains("<html lang=\"ru\">"));
    let added = app.db.store.territory("433299100").await.unwrap().unwrap();
    assert_eq!(added.path, vec!["430000000", "433200000", "433299000", "433299100"]);
    assert_eq!(app.db.store.territories().await.unwrap().len(), before.len() + 2);

    // A settlement moved under one of its own (stored) settlements: a loop
    // the file alone does not show. Refused by line, nothing changes.
    let seeded = "code,parent_code,level,kind,name_kk,name_ru\n433299200,433299100,4,settlement,Ішкі а.,с.Внутр\n";
    assert_eq!(app.post_form("/en/admin/territories", &[("csv", seeded)], Some(&s)).await.status, StatusCode::OK);
    let before = app.db.store.territories().await.unwrap();
    let looped = "code,parent_code,level,kind,name_kk,name_ru\n433299100,433299200,4,settlement,Демо а.,с.Демо\n";
    let r = app.post_form("/en/admin/territories", &[("csv", looped)], Some(&s)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Line 2: the unit 433299100 is among its own parents."), "{}", r.body);
    assert_eq!(app.db.store.territories().await.unwrap(), before, "nothing changed");
}

async fn the_api_loads_and_refuses_the_same_way(app: TestApp) {
    let s = app.sign_in(&app.user(Role::Administrator).await).await;
    let post = |body: &str| {
        Request::post("/api/v1/admin/territories")
            .header(header::CONTENT_TYPE, "text/csv")
            .header(header::COOKIE, &s.cookie)
            .header("x-csrf-token", &s.csrf)
            .header(header::ACCEPT_LANGUAGE, "kk")
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let r = app.send(post("code,parent_code,level,kind,name_kk,name_ru\n1,,1,oblast,А,Б\n")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(problem["errors"][0]["line"], 2);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("2-жол"), "{problem}");
    let r = app.send(post(GOOD)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let report: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!((report["added"].as_u64(), report["updated"].as_u64()), (Some(2), Some(0)));
    let r = app.send(post(GOOD)).await;
    let report: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!((report["added"].as_u64(), report["updated"].as_u64()), (Some(0), Some(2)), "a second load updates");
}

async fn territories_are_open_data(app: TestApp) {
    let r = app.get("/api/v1/territories", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let list = body["territories"].as_array().unwrap();
    let okrugs = list.iter().filter(|t| t["kind"] == "rural_okrug" || t["kind"] == "settlement_admin").count();
    assert_eq!(okrugs, 144, "the programme's 144 rural districts");
    assert!(list.iter().any(|t| t["code"] == "433200000" && t["name_ru"] == "Аральский район"));
}

/// The confirmation (or refusal) the page shows, and whether it also says
/// how many units the tree holds.
fn report(body: &str) -> (String, bool) {
    let notice = support::between(body, "data-report><p>", "</p>").unwrap_or_default().to_owned();
    (notice, body.contains("data-held"))
}

async fn the_page_says_what_changed_or_that_nothing_did(app: TestApp) {
    let s = app.sign_in(&app.user(Role::Administrator).await).await;
    let form = app.get("/en/admin/territories", Some(&s)).await.body;
    let held = app.db.store.territories().await.unwrap().len();
    assert!(form.contains(&format!("The territory tree holds {held} units.")), "{form}");
    assert!(!form.contains("loaded"), "the form no longer says what is “loaded”");

    let r = app.post_form("/en/admin/territories", &[("csv", GOOD)], Some(&s)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(report(&r.body), ("Saved: 2 added.".to_owned(), true), "{}", r.body);
    assert!(r.body.contains(&format!("The territory tree holds {} units.", held + 2)));

    // The same file again: nothing changed, said alone.
    for (lang, alone) in [
        ("en", "Nothing changed: all 2 units in the file are already in the tree, with the same names and places."),
        (
            "ru",
            "Ничего не изменилось: все единицы из файла (2) уже есть в дереве с теми же названиями и на тех же местах.",
        ),
        ("kk", "Ештеңе өзгермеді: файлдағы 2 бірліктің бәрі ағашта сол атауларымен және сол орындарында бар."),
    ] {
        let r = app.post_form(&format!("/{lang}/admin/territories"), &[("csv", GOOD)], Some(&s)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(report(&r.body), (alone.to_owned(), false), "{lang}: {}", r.body);
        for word in ["Saved", "Сохранено", "Сақталды", "loaded", "загружен", "жүктел"] {
            assert!(!r.body.contains(word), "{lang}: “{word}” beside “nothing changed”");
        }
    }

    // One renamed, one moved (a settlement hung on another), one added.
    let edited = "code,parent_code,level,kind,name_kk,name_ru\n\
                  433299000,433200000,3,rural_okrug,Жаңа а.о.,Новый с.о.\n\
                  433299100,433299000,4,settlement,Демо а.,с.Демо\n\
                  433299200,433299000,4,settlement,Екінші а.,с.Второе\n\
                  433299300,433299200,4,settlement,Демо а.,с.Демо\n";
    let r = app.post_form("/en/admin/territories", &[("csv", edited)], Some(&s)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(report(&r.body).0, "Saved: 2 added, 1 renamed, 1 unchanged.", "{}", r.body);
    let moved = "code,parent_code,level,kind,name_kk,name_ru\n433299100,433299200,4,settlement,Демо а.,с.Демо\n";
    let r = app.post_form("/ru/admin/territories", &[("csv", moved)], Some(&s)).await;
    assert_eq!(report(&r.body).0, "Сохранено — перемещено: 1.", "{}", r.body);
    let r = app.post_form("/kk/admin/territories", &[("csv", edited)], Some(&s)).await;
    assert_eq!(report(&r.body).0, "Сақталды — орны өзгергені: 1; өзгеріссіз: 3.", "{}", r.body);
}

async fn every_bad_line_is_named_by_its_line_in_the_file(app: TestApp) {
    let s = app.sign_in(&app.user(Role::Administrator).await).await;
    let before = app.db.store.territories().await.unwrap();
    // 1 header, 2 good, 3 blank, 4 bad code, 5 good, 6 bad level.
    let bad = "code,parent_code,level,kind,name_kk,name_ru\n\
               433299000,433200000,3,rural_okrug,Демо а.о.,Демо с.о.\n\n\
               43329910X,433299000,4,settlement,А,Б\n\
               433299200,433299000,4,settlement,А,Б\n\
               433299300,433299000,9,settlement,А,Б\n";
    for (lang, title, heading, counted, lines) in [
        (
            "en",
            "<title>Error: Territories",
            "Nothing was changed: the file has 2 errors.",
            "the header is line 1",
            ["Line 4: “43329910X” is not a nine-digit KATO code.", "Line 6: the level “9” must be 1, 2, 3 or 4."],
        ),
        (
            "ru",
            "<title>Ошибка: Территории",
            "Ничего не изменено: в файле 2 ошибки.",
            "заголовок — строка 1",
            ["Строка 4: «43329910X» не является девятизначным кодом КАТО.", "Строка 6: уровень «9»"],
        ),
        (
            "kk",
            "<title>Қате: Аумақтар",
            "Ештеңе өзгертілмеді: файлда 2 қате бар.",
            "тақырып жолы — 1-жол",
            ["4-жол: «43329910X» тоғыз таңбалы ҚАТО коды емес.", "6-жол: «9» деңгейі"],
        ),
    ] {
        let r = app.post_form(&format!("/{lang}/admin/territories"), &[("csv", bad)], Some(&s)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains(title), "{lang}: {}", r.body);
        let summary = support::between(&r.body, "class=\"error-summary\"", "</div>").unwrap();
        assert!(summary.contains(heading) && summary.contains(counted), "{lang}: {summary}");
        for line in lines {
            assert!(summary.contains(line), "{lang}: {line} in {summary}");
        }
        assert_eq!(summary.matches("<li>").count(), 2, "{lang}: good lines are not blamed");
        assert!(!r.body.contains("data-held"), "{lang}: no count of what is held beside the refusal");
        assert!(r.body.contains("433299300,433299000,9,settlement"), "{lang}: the text is kept");
    }
    assert_eq!(app.db.store.territories().await.unwrap(), before, "nothing changed");
}
