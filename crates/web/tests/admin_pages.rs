//! The administrator's pages as a whole: every wide table sits in a region
//! a keyboard can reach and scroll (axe's `scrollable-region-focusable`),
//! and the forms speak to staff, not with the citizen's "(if you know)".

mod support;

use adaldyq_domain::Role;
use axum::http::StatusCode;
use support::TestApp;

both_backends!(
    admin_tables_are_reachable_by_keyboard_and_labels_fit_staff,
    staff_pages_do_not_borrow_the_citizens_wording
);

const PAGES: [&str; 6] =
    ["/admin/users", "/admin/territories", "/admin/security", "/admin/calendar", "/admin/tokens", "/admin/routing"];

/// The citizen's optional-field wording, in each language.
const CITIZEN_WORDING: [&str; 7] =
    ["(if you know)", "(if you wish)", "(білсеңіз)", "(қаласаңыз)", "(bilseñiz)", "(если знаете)", "(по желанию)"];

async fn admin_tables_are_reachable_by_keyboard_and_labels_fit_staff(app: TestApp) {
    let admin = app.sign_in(&app.user(Role::Administrator).await).await;
    let officer = app.user(Role::Officer).await;
    // A token and a routing rule, so that their tables are shown.
    let r = app
        .post_form("/en/admin/tokens", &[("action", "issue"), ("email", &officer), ("name", "CRM")], Some(&admin))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let rule = [
        ("action", "add_rule"),
        ("category", ""),
        ("territory", support::DISTRICT),
        ("institution", &app.institution.to_string()),
    ];
    let r = app.post_form("/en/admin/routing", &rule, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let mut tables = 0;
    for lang in ["kk", "kk-latn", "ru", "en"] {
        for page in PAGES {
            let r = app.get(&format!("/{lang}{page}"), Some(&admin)).await;
            assert_eq!(r.status, StatusCode::OK, "/{lang}{page}");
            assert!(!r.body.contains('⟦'), "/{lang}{page} shows a raw key");
            for words in CITIZEN_WORDING {
                assert!(!r.body.contains(words), "/{lang}{page} uses the citizen's “{words}”");
            }
            for region in r.body.split("<div class=\"scroll\"").skip(1) {
                let tag = region.split('>').next().unwrap();
                assert!(tag.contains("tabindex=\"0\"") && tag.contains("role=\"region\""), "/{lang}{page}: {tag}");
                let named = match support::between(tag, "aria-labelledby=\"", "\"") {
                    Some(id) => r.body.contains(&format!("id=\"{id}\"")),
                    None => support::between(tag, "aria-label=\"", "\"").is_some_and(|l| !l.is_empty()),
                };
                assert!(named, "/{lang}{page}: the region is named: {tag}");
                tables += 1;
            }
            assert_eq!(
                r.body.matches("<table").count(),
                r.body.matches("<div class=\"scroll\"").count(),
                "/{lang}{page}: every table is in a scroll region"
            );
        }
    }
    assert!(tables >= 4 * 4, "users, calendar, tokens and routing tables in four languages: {tables}");
    // The routing form's labels are the staff's.
    let routing = app.get("/en/admin/routing", Some(&admin)).await.body;
    assert!(routing.contains("<label for=\"rule-institution\">Institution that receives the appeals</label>"));
    assert!(routing.contains("<label for=\"rule-territory\">Territory</label>"));
    assert!(routing.contains("<label for=\"cat-kind\">Kind of appeal</label>"));
}

async fn staff_pages_do_not_borrow_the_citizens_wording(app: TestApp) {
    let (number, _) = support::file_to_institution(&app).await;
    let head = app.sign_in(&app.user(Role::Head).await).await;
    for lang in ["kk", "kk-latn", "ru", "en"] {
        for page in ["/staff/templates".to_owned(), "/staff/appeals".to_owned(), format!("/staff/appeals/{number}")] {
            let r = app.get(&format!("/{lang}{page}"), Some(&head)).await;
            assert_eq!(r.status, StatusCode::OK, "/{lang}{page}");
            for words in CITIZEN_WORDING {
                assert!(!r.body.contains(words), "/{lang}{page} uses the citizen's “{words}”");
            }
        }
    }
}
