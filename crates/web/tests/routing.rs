//! Categories and routing rules: an administrator sets them on a page, and
//! an appeal filed without choosing a body reaches the right one.

mod support;

use adaldyq_domain::appeal::EventKind;
use adaldyq_domain::Role;
use axum::http::StatusCode;
use support::TestApp;

both_backends!(appeals_without_a_body_are_routed_by_the_rules);

const OKRUG: &str = "433233000";

async fn appeals_without_a_body_are_routed_by_the_rules(app: TestApp) {
    let roads = app
        .db
        .store
        .create_institution(&adaldyq_store::NewInstitution {
            territory_code: support::DISTRICT.into(),
            name_kk: "Жол бөлімі".into(),
            name_ru: "Отдел дорог".into(),
            name_en: "Roads department".into(),
            is_demo: true,
        })
        .await
        .unwrap();
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let add = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/en/admin/routing", &pairs, Some(&admin)).await
        }
    };
    let r = add(vec![
        ("action", "add_category".into()),
        ("kind", "complaint".into()),
        ("name_kk", "Жол".into()),
        ("name_ru", "Дороги".into()),
        ("name_en", "Roads".into()),
    ])
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = add(vec![
        ("action", "add_category".into()),
        ("kind", "complaint".into()),
        ("name_kk", "".into()),
        ("name_ru", "x".into()),
        ("name_en", "x".into()),
    ])
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "every language is needed");
    let cat = app.db.store.categories().await.unwrap()[0].id;
    let r = add(vec![
        ("action", "add_rule".into()),
        ("category", String::new()),
        ("territory", support::DISTRICT.into()),
        ("institution", app.institution.to_string()),
    ])
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = add(vec![
        ("action", "add_rule".into()),
        ("category", cat.to_string()),
        ("territory", support::DISTRICT.into()),
        ("institution", roads.to_string()),
    ])
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = add(vec![
        ("action", "add_rule".into()),
        ("category", String::new()),
        ("territory", "999999999".into()),
        ("institution", roads.to_string()),
    ])
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = app.get("/en/admin/routing", Some(&admin)).await.body;
    assert!(page.contains("Roads department") && page.contains("Any category (default)"));
    assert_eq!(app.db.store.audit_events("routing_changed").await.unwrap().len(), 3, "every change is recorded");

    let form = support::filing_details(&app, "en", "complaint").await.body;
    assert!(form.contains(&format!("<option value=\"{cat}\">Roads</option>")), "the category is offered");
    let file = |category: String, kind: &'static str| {
        let app = &app;
        async move {
            let fields = [
                ("token", format!("t-{category}-{kind}")),
                ("kind", kind.into()),
                ("category", category),
                ("territory", OKRUG.into()),
                ("subject", "Жол".into()),
                ("text", "Шұңқыр".into()),
                ("language", "kk".into()),
                ("anonymous", "yes".into()),
            ];
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/en/appeals/new", &pairs, None).await
        }
    };
    let number_of = |body: &str| body.split("<dd class=\"big\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
    let r = file(cat.to_string(), "complaint").await;
    assert_eq!(r.status, StatusCode::CREATED);
    let a = app.db.store.appeal_by_number(&number_of(&r.body)).await.unwrap().unwrap();
    assert_eq!((a.institution_id, a.category_id), (Some(roads), Some(cat)), "the category's rule");
    let kinds: Vec<_> = app.db.store.appeal_events(a.id).await.unwrap().iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EventKind::Filed, EventKind::Registered, EventKind::Routed]);
    let r = file(String::new(), "proposal").await;
    let b = app.db.store.appeal_by_number(&number_of(&r.body)).await.unwrap().unwrap();
    assert_eq!(b.institution_id, Some(app.institution), "the territory's default");
    let r = file(cat.to_string(), "proposal").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a category of another kind");
    assert!(r.body.contains("href=\"#category\""));
    let r = add(vec![("action", "toggle_category".into()), ("id", cat.to_string())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(file(cat.to_string(), "complaint").await.status, StatusCode::UNPROCESSABLE_ENTITY, "no longer offered");
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    assert!(
        app.get("/en/staff/appeals", Some(&officer)).await.body.contains(&b.number),
        "routed to the default body's inbox"
    );
}
