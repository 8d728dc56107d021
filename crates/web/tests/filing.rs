//! The filing form's pages, on both backends: named or anonymous first, the
//! second question page, "check your answers", errors the GOV.UK way in
//! each language, the place search, and a receipt that always carries the
//! secret and says how the answer comes.

mod support;

use axum::http::{header, StatusCode};
use support::{between, post, receipt, Reply, TestApp, DISTRICT};

both_backends!(
    every_filer_gets_the_secret_and_is_told_how_the_answer_comes,
    the_receipt_promises_messages_only_where_they_will_be_sent,
    only_sending_counts_against_the_filing_allowance,
    a_signed_in_named_filer_finds_the_appeal_in_my_appeals,
    errors_are_written_per_field_in_each_language,
    the_second_page_marks_each_field_in_error,
    the_two_question_pages_carry_everything_without_a_cookie,
    check_your_answers_changes_and_sends,
    the_place_search_finds_a_village_and_picks_a_single_match,
    the_place_search_spells_out_and_lists_several_matches,
);

const AMANOTKEL_OKRUG: &str = "433233000";

/// A complete named complaint, as the pages carry it.
fn named(token: &str) -> Vec<(&'static str, String)> {
    vec![
        ("token", token.to_owned()),
        ("anonymous", "no".into()),
        ("kind", "complaint".into()),
        ("territory", DISTRICT.into()),
        ("subject", "Жарық".into()),
        ("text", "Көшеде жарық жоқ.\nҮш ай бойы.".into()),
        ("language", "kk".into()),
        ("name", "Айгүл Сейітова".into()),
        ("phone", "+7 701 123 45 67".into()),
    ]
}

async fn go(app: &TestApp, lang: &str, fields: &[(&'static str, String)], to: &str) -> Reply {
    let mut f = fields.to_vec();
    f.push(("go", to.to_owned()));
    post(app, &format!("/{lang}/appeals/new"), &f).await
}

/// The hidden fields of a page's form, as a browser would send them back.
fn hidden(html: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for part in html.split("<input type=\"hidden\" name=\"").skip(1) {
        let name = part.split('"').next().unwrap().to_owned();
        let value = between(part, "value=\"", "\"").unwrap_or("").to_owned();
        let value = value
            .replace("&#34;", "\"")
            .replace("&#39;", "'")
            .replace("&#60;", "<")
            .replace("&#62;", ">")
            .replace("&#38;", "&");
        if name != "csrf" {
            out.push((Box::leak(name.into_boxed_str()) as &'static str, value));
        }
    }
    out
}

async fn every_filer_gets_the_secret_and_is_told_how_the_answer_comes(app: TestApp) {
    // The old "give me a secret too" choice is gone from every page.
    let first = app.get("/en/appeals/new", None).await.body;
    let details = go(&app, "en", &named("w1"), "details").await.body;
    let check = go(&app, "en", &named("w1"), "check").await.body;
    for page in [&first, &details, &check] {
        assert!(!page.contains("want_secret"), "no choice to go without a secret");
    }
    // A named filer who is not signed in, through every page.
    let r = go(&app, "en", &hidden(&check), "send").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (number, secret) = receipt(&r.body);
    assert_eq!(secret.replace('-', "").len(), 26, "the secret is on the receipt");
    assert!(r.body.contains("How you will get the answer"));
    assert!(r.body.contains("Nothing is sent to you by e-mail or SMS"), "no promise of a message");
    assert!(!r.body.contains("/my/appeals"), "not signed in: no \"my appeals\"");
    let t = post(&app, "/en/track", &[("number", number.clone()), ("secret", secret)]).await;
    assert_eq!(t.status, StatusCode::OK, "the secret opens the track page, where the answer will be");
    // And the same for a form sent whole (no pages), in Kazakh.
    let r = post(&app, "/kk/appeals/new", &named("w2")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(!receipt(&r.body).1.is_empty());
    assert!(r.body.contains("SMS арқылы да ештеңе жіберілмейді"));
}

async fn the_receipt_promises_messages_only_where_they_will_be_sent(app: TestApp) {
    // A server that sends e-mail, not SMS.
    let mut config = support::test_config();
    config.notices.smtp_url = Some("smtp://127.0.0.1:2525".into());
    config.notices.mail_from = Some("adaldyq@example.kz".into());
    let app = TestApp::with_config(app.backend(), config).await.unwrap();
    // A phone only: nothing will be sent, and the receipt says so.
    let r = post(&app, "/en/appeals/new", &named("p1")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body.contains("Nothing is sent to you by e-mail or SMS"), "{}", r.body);
    assert!(!r.body.contains("SMS to"), "no SMS promised by a server that sends none");
    // An e-mail address too: each step is written to it.
    let mut with_email = named("p2");
    with_email.push(("email", "aigul@example.kz".into()));
    let r = post(&app, "/ru/appeals/new", &with_email).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body.contains("мы напишем на aigul@example.kz"), "{}", r.body);
    assert!(!r.body.contains("ничего не отправляется"), "no \"nothing is sent\" beside the promise");
    // An anonymous filer is never written to, whatever the server sends.
    let mut anonymous = named("p3");
    anonymous.retain(|(k, _)| !matches!(*k, "anonymous" | "name" | "phone"));
    anonymous.push(("anonymous", "yes".into()));
    let r = post(&app, "/en/appeals/new", &anonymous).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.body.contains("Nothing is sent to you by e-mail or SMS"), "{}", r.body);
}

async fn only_sending_counts_against_the_filing_allowance(app: TestApp) {
    let config = adaldyq_web::WebConfig { filings_per_minute: 2, ..support::test_config() };
    let app = TestApp::with_config(app.backend(), config).await.unwrap();
    // Many pages, searches and checks from one address: none is a filing.
    for i in 0..6 {
        let fields = named(&format!("r{i}"));
        assert_eq!(go(&app, "en", &fields, "details").await.status, StatusCode::OK);
        let mut search = fields.clone();
        search.push(("place", "Аманөткел".into()));
        assert_eq!(go(&app, "en", &search, "find").await.status, StatusCode::OK);
        assert_eq!(go(&app, "en", &fields, "check").await.status, StatusCode::OK, "page {i}");
    }
    // Two sendings are allowed, the third waits.
    for i in 0..2 {
        let check = go(&app, "en", &named(&format!("s{i}")), "check").await.body;
        assert_eq!(go(&app, "en", &hidden(&check), "send").await.status, StatusCode::CREATED, "sending {i}");
    }
    let check = go(&app, "en", &named("s2"), "check").await.body;
    let r = go(&app, "en", &hidden(&check), "send").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.get("retry-after").is_some(), "says how long to wait");
}

async fn a_signed_in_named_filer_finds_the_appeal_in_my_appeals(app: TestApp) {
    use adaldyq_domain::Role;
    let me = app.sign_in(&app.user(Role::Citizen).await).await;
    let mut f: Vec<(&str, &str)> = Vec::new();
    let fields = named("m1");
    f.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    f.push(("go", "send"));
    let r = app.post_form("/en/appeals/new", &f, Some(&me)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let (number, secret) = receipt(&r.body);
    assert!(!secret.is_empty(), "the secret, signed in or not");
    assert!(r.body.contains("href=\"/en/my/appeals\""), "the receipt points to \"my appeals\"");
    assert!(app.get("/en/my/appeals", Some(&me)).await.body.contains(&number), "and it is there");
    // Anonymous while signed in: never linked, so not promised either.
    let mut a: Vec<(&str, &str)> =
        f.iter().filter(|(k, _)| !["anonymous", "token", "name", "phone"].contains(k)).copied().collect();
    a.extend([("anonymous", "yes"), ("token", "m2")]);
    let r = app.post_form("/en/appeals/new", &a, Some(&me)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(!r.body.contains("/my/appeals"));
}

async fn errors_are_written_per_field_in_each_language(app: TestApp) {
    for (lang, prefix, who, kind, optional) in [
        (
            "kk",
            "Қате:",
            "Өз атыңыздан немесе анонимді түрде жазатыныңызды таңдаңыз",
            "Өтініш түрін таңдаңыз",
            "қаласаңыз",
        ),
        ("ru", "Ошибка:", "Выберите, пишете Вы от своего имени или анонимно", "Выберите вид обращения", "по желанию"),
        (
            "en",
            "Error:",
            "Choose whether you write with your name or anonymously",
            "Choose the kind of appeal",
            "if you wish",
        ),
    ] {
        let r = go(&app, lang, &[("token", "e1".into())], "details").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        let title = between(&r.body, "<title>", "</title>").unwrap();
        assert!(title.starts_with(&format!("{prefix} ")), "{lang}: the title says it first: {title}");
        let summary = between(&r.body, "class=\"error-summary\"", "</div>").unwrap();
        assert!(summary.contains(&format!("<a href=\"#anonymous\">{who}</a>")), "{lang}: {summary}");
        assert!(summary.contains(&format!("<a href=\"#kind\">{kind}</a>")), "{lang}: {summary}");
        assert!(r.body.contains("tabindex=\"-1\" id=\"errors\" data-focus"), "the summary can take the focus");
        assert!(r.body.contains("<form method=\"post\" action=\"/") && r.body.contains(" novalidate>"));
        for field in ["anonymous", "kind"] {
            assert!(r.body.contains(&format!("id=\"{field}-error\"")), "{lang}: {field}'s own message");
            assert!(r.body.contains(&format!("aria-invalid=\"true\" aria-describedby=\"{field}-error\"")));
        }
        assert!(!r.body.contains("fill this in") && !r.body.contains("заполните"), "no generic message");
        // The second page: the IIN's label says it is optional, its error does not.
        let mut f = named("e2");
        f.retain(|(k, _)| !["subject", "phone"].contains(k));
        f.push(("iin", "123456789012".into()));
        let r = go(&app, lang, &f, "check").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        let summary = between(&r.body, "class=\"error-summary\"", "</div>").unwrap();
        for anchor in ["#subject", "#email", "#iin"] {
            assert!(summary.contains(&format!("href=\"{anchor}\"")), "{lang}: {anchor} in {summary}");
        }
        assert!(!summary.contains(optional), "{lang}: no \"({optional})\" in an error: {summary}");
        assert!(r.body.contains(&format!("({optional})")), "{lang}: while the label still says so");
    }
}

async fn the_second_page_marks_each_field_in_error(app: TestApp) {
    let mut f = named("m1");
    f.retain(|(k, _)| !["subject", "text", "phone", "territory"].contains(k));
    f.push(("email", "not an address".into()));
    let r = go(&app, "en", &f, "check").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, message) in [
        ("territory", "Choose the place your appeal is about"),
        ("subject", "Enter the subject of your appeal"),
        ("text", "Write your appeal"),
        ("email", "Enter an e-mail address in the right form, like name@example.kz"),
    ] {
        assert!(r.body.contains(&format!("<li><a href=\"#{field}\">{message}</a></li>")), "{field} in the summary");
        assert!(
            r.body.contains(&format!(
                "<p class=\"error\" id=\"{field}-error\"><span class=\"visually-hidden\">Error:</span> {message}</p>"
            )),
            "{field}'s message beside it"
        );
        assert!(r.body.contains(&format!("id=\"{field}\"")), "the link leads to the field");
        assert!(r.body.contains(&format!("aria-describedby=\"{field}-error\"")), "{field} is described by it");
    }
    assert_eq!(r.body.matches("aria-invalid=\"true\"").count(), 4, "exactly the four fields in error");
    assert!(r.body.contains("value=\"not an address\""), "what was typed stays");
    assert!(r.body.contains("value=\"Айгүл Сейітова\""));
}

async fn the_two_question_pages_carry_everything_without_a_cookie(app: TestApp) {
    let first = app.get("/en/appeals/new", None).await;
    assert!(!first.body.contains("name=\"subject\""), "page one asks only who and what kind");
    assert!(first.body.contains("The filer of a corruption report is never shown to the institution"));
    assert!(first.body.contains("You leave no name, address or contact"));
    assert!(first.body.contains("id=\"kind-corruption_report-hint\""), "a hint under each kind");
    assert!(first.body.find("name=\"anonymous\"").unwrap() < first.body.find("name=\"kind\"").unwrap(), "who first");
    // Anonymous: page two has no contact fields.
    let anon =
        go(&app, "en", &[("token", "c1".into()), ("anonymous", "yes".into()), ("kind", "proposal".into())], "details")
            .await;
    assert_eq!(anon.status, StatusCode::OK);
    assert!(anon.headers.get(header::SET_COOKIE).is_none(), "no cookie: the answers ride in the form");
    assert!(!anon.body.contains("id=\"name\"") && !anon.body.contains("id=\"email\""));
    assert!(anon.body.contains("<input type=\"hidden\" name=\"kind\" value=\"proposal\">"));
    assert!(anon.body.contains("<input type=\"hidden\" name=\"anonymous\" value=\"yes\">"));
    // Named: they are asked.
    let r = go(&app, "en", &named("c2"), "details").await;
    assert!(r.body.contains("id=\"name\"") && r.body.contains("value=\"Айгүл Сейітова\""));
    assert!(r.body.contains(">Көшеде жарық жоқ.\nҮш ай бойы.</textarea>"));
    // Back to page one: the rest rides along, hidden.
    let back = go(&app, "en", &named("c2"), "who").await;
    assert!(back.body.contains("value=\"complaint\" checked") && back.body.contains("value=\"no\" checked"));
    let carried = hidden(&back.body);
    for (k, v) in named("c2") {
        if !["kind", "anonymous"].contains(&k) {
            assert!(carried.contains(&(k, v.clone())), "{k} rides along on page one");
        }
    }
}

async fn check_your_answers_changes_and_sends(app: TestApp) {
    let r = go(&app, "ru", &named("k1"), "check").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Проверьте ответы перед отправкой"));
    for shown in ["Жалоба", "Жарық", "Айгүл Сейітова", "+7 701 123 45 67", "Аральский район"]
    {
        assert!(r.body.contains(shown), "the check page shows {shown}");
    }
    assert!(r.body.contains("enctype=\"multipart/form-data\"") && r.body.contains("type=\"file\""), "files asked here");
    assert!(r.body.contains("formaction=\"/ru/appeals/new#subject\""), "a change link to each answer");
    assert!(r.body.contains("name=\"go\" value=\"send\""));
    assert!(app.db.store.appeal_by_number("43-2026-000001").await.unwrap().is_none(), "nothing sent yet");
    // "Change" the subject: page two with everything typed.
    let carried = hidden(&r.body);
    let change = go(&app, "ru", &carried, "details").await;
    assert_eq!(change.status, StatusCode::OK);
    assert!(change.body.contains("id=\"subject\" name=\"subject\" maxlength=\"200\" value=\"Жарық\""));
    assert!(change.body.contains(">Көшеде жарық жоқ.\nҮш ай бойы.</textarea>"), "line breaks survive the trip");
    assert!(change.body.contains("value=\"+7 701 123 45 67\""));
    // An anonymous filing's check page carries no contact, even if typed before.
    let mut anon = named("k2");
    anon.retain(|(k, _)| *k != "anonymous");
    anon.push(("anonymous", "yes".into()));
    let r = go(&app, "ru", &anon, "check").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!r.body.contains("Айгүл"), "no name on an anonymous filing");
    let sent = go(&app, "ru", &hidden(&r.body), "send").await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    let (number, _) = receipt(&sent.body);
    let stored = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert!(stored.anonymous && app.db.store.appeal_contact(stored.id).await.unwrap().is_none());
}

async fn the_place_search_finds_a_village_and_picks_a_single_match(app: TestApp) {
    let mut f = named("p1");
    f.retain(|(k, _)| *k != "territory");
    // Аққұлақ is a village of the Аманөткел rural district, typed on a Russian keyboard.
    f.push(("place", "аккулак".into()));
    let r = go(&app, "kk", &f, "find").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Бір жер табылды, ол таңдалды."), "it says so");
    assert!(
        r.body.contains(&format!(
            "<option value=\"{AMANOTKEL_OKRUG}\" selected>Аққұлақ ауылы (Аманөткел ауылдық округі, Арал ауданы)</option>"
        )),
        "the village's rural district is chosen: {}",
        between(&r.body, "id=\"territory\"", "</select>").unwrap_or("")
    );
    assert!(r.body.contains("value=\"Жарық\"") && r.body.contains("value=\"аккулак\""), "everything typed stays");
    assert!(r.body.contains("formaction=\"/kk/appeals/new#place\""), "the page comes back where the search is");
    assert!(r.body.contains("id=\"place\""));
    // Chosen, it goes on to the check page and files there.
    f.push(("territory", AMANOTKEL_OKRUG.to_owned()));
    let check = go(&app, "kk", &f, "check").await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    assert!(check.body.contains("Аманөткел ауылдық округі"));
}

async fn the_place_search_spells_out_and_lists_several_matches(app: TestApp) {
    app.db
        .store
        .create_institution(&adaldyq_store::NewInstitution {
            territory_code: AMANOTKEL_OKRUG.into(),
            name_kk: "Аманөткел а.о. әкімінің аппараты".into(),
            name_ru: "Аппарат акима Аманоткельского с.о.".into(),
            name_en: "Office of the akim of Amanotkel rural district".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let page = go(&app, "kk", &named("p2"), "details").await.body;
    let select = between(&page, "id=\"territory\"", "</select>").unwrap();
    assert!(select.contains("Аманөткел ауылдық округі"), "abbreviations spelled out");
    assert!(!select.contains("а.о."), "none left: {select}");
    let bodies = between(&page, "id=\"institution\"", "</select>").unwrap();
    assert!(bodies.contains(">Аманөткел ауылдық округі әкімінің аппараты</option>"), "in bodies' names too: {bodies}");
    let ru = go(&app, "ru", &named("p2"), "details").await.body;
    assert!(between(&ru, "id=\"territory\"", "</select>").unwrap().contains("Аманоткельский сельский округ"));
    // A district's name finds many places: none is chosen for the filer.
    let mut f = named("p3");
    f.retain(|(k, _)| *k != "territory");
    f.push(("place", "Арал".into()));
    let r = go(&app, "en", &f, "find").await;
    assert_eq!(r.status, StatusCode::OK);
    let select = between(&r.body, "id=\"territory\"", "</select>").unwrap();
    assert!(select.matches("<option value=\"4").count() > 1, "several matches: {select}");
    assert!(!select.contains("selected"), "and none chosen for the filer");
    assert!(select.contains(">Aral audany</option>"));
    // Nothing found: the full lists stay.
    let mut f = named("p4");
    f.push(("place", "Zzzz".into()));
    let r = go(&app, "en", &f, "find").await;
    assert!(r.body.contains("Nothing was found for “Zzzz”"));
    assert!(r.body.contains(&format!("value=\"{DISTRICT}\" selected")), "the place chosen before stays");
}
