//! The staff workspace links only to pages the signed-in role may open:
//! every link it shows answers 200 for that role, never 403.

mod support;

use adaldyq_domain::Role;
use axum::http::StatusCode;
use support::TestApp;

both_backends!(every_workspace_link_opens_for_its_role);

/// The `/en/staff…` and `/en/admin…` links of a page.
fn staff_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with("/en/staff/") || h.starts_with("/en/admin/"))
        .map(str::to_owned)
        .collect()
}

async fn every_workspace_link_opens_for_its_role(app: TestApp) {
    let mut seen = Vec::new();
    for &role in Role::ALL.iter().filter(|r| r.is_staff()) {
        let s = app.sign_in(&app.user(role).await).await;
        let page = app.get("/en/staff", Some(&s)).await;
        assert_eq!(page.status, StatusCode::OK, "{role:?}");
        let links = staff_links(&page.body);
        for link in &links {
            let r = app.get(link, Some(&s)).await;
            assert_eq!(r.status, StatusCode::OK, "{role:?} is shown {link}, which answers {}", r.status);
        }
        seen.push((role, links));
    }
    let of = |role: Role| seen.iter().find(|(r, _)| *r == role).map(|(_, l)| l.clone()).unwrap();
    assert!(of(Role::Head).contains(&"/en/staff/templates".to_owned()), "heads keep their templates");
    assert!(of(Role::Officer).contains(&"/en/staff/appeals".to_owned()), "officers keep their inbox");
    assert!(!of(Role::Officer).contains(&"/en/staff/templates".to_owned()), "no link to a 403 for officers");
    assert!(!of(Role::Monitor).contains(&"/en/staff/appeals".to_owned()), "monitors have no inbox");
    assert!(of(Role::Administrator).contains(&"/en/admin/calendar".to_owned()));
}
