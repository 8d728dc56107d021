//! The home page and the open-data page: one main action, then tracking;
//! no "coming soon"; every link answers 200; open data explained in each
//! language with its licence, formats and working links.

mod support;

use adaldyq_domain::Locale;
use adaldyq_web::i18n::Tr;
use axum::http::{header, StatusCode};
use support::TestApp;

both_backends!(
    the_home_page_leads_with_filing_then_tracking,
    every_link_of_the_home_page_answers,
    the_open_data_page_explains_the_data_in_each_language,
);

/// Every `href` of a page, in document order, with `&` read back.
pub fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&amp;", "&").replace("&#38;", "&"))
        .collect()
}

fn main_of(html: &str) -> &str {
    let at = html.find("<main").expect("a main landmark");
    &html[at..at + html[at..].find("</main>").expect("main ends")]
}

async fn the_home_page_leads_with_filing_then_tracking(app: TestApp) {
    for (seg, locale) in [("kk", Locale::Kk), ("ru", Locale::Ru), ("en", Locale::En)] {
        let tr = Tr(locale);
        let r = app.get(&format!("/{seg}/"), None).await;
        assert_eq!(r.status, StatusCode::OK);
        let main = main_of(&r.body);
        let links = hrefs(main);
        assert_eq!(links.first().map(String::as_str), Some(format!("/{seg}/appeals/new").as_str()), "{seg}: {links:?}");
        assert_eq!(links.get(1).map(String::as_str), Some(format!("/{seg}/track").as_str()), "{seg}: then tracking");
        assert_eq!(links.iter().filter(|l| l.ends_with("/appeals/new")).count(), 1, "one main action: {links:?}");
        assert!(
            main.contains(&format!("class=\"button\" href=\"/{seg}/appeals/new\">{}</a>", tr.t("way-file"))),
            "{seg}: the main action is the one button"
        );
        for gone in ["soon", "coming", "скоро", "жақында", "/api/"] {
            assert!(!main.contains(gone), "{seg}: the home page says or links {gone:?}");
        }
        // Receptions, hearings, Open space and statistics do not exist yet,
        // so the home page does not name them.
        for word in ["Reception", "Hearing", "Open space", "Statistic", "commission"] {
            assert!(!(seg == "en" && main.contains(word)), "the English home names {word}");
        }
        assert!(main.contains(&tr.t("home-account-text")), "{seg}: who needs an account");
        assert!(main.contains(&tr.t("home-staff-text")), "{seg}: how staff get one");
        assert!(links.contains(&format!("/{seg}/open-data")), "{seg}: open data is a page, not raw JSON");
    }
}

async fn every_link_of_the_home_page_answers(app: TestApp) {
    for seg in ["kk", "kk-latn", "ru", "en"] {
        let r = app.get(&format!("/{seg}/"), None).await;
        let links = hrefs(&r.body);
        assert!(links.len() > 8, "{links:?}");
        for link in links.iter().filter(|l| !l.starts_with('#')) {
            let answer = app.get(link, None).await;
            assert_eq!(answer.status, StatusCode::OK, "/{seg}/ links {link}, which answers {}", answer.status);
        }
    }
}

async fn the_open_data_page_explains_the_data_in_each_language(app: TestApp) {
    for (seg, locale) in [("kk", Locale::Kk), ("ru", Locale::Ru), ("en", Locale::En)] {
        let tr = Tr(locale);
        let r = app.get(&format!("/{seg}/open-data"), None).await;
        assert_eq!(r.status, StatusCode::OK, "/{seg}/open-data");
        assert!(r.body.contains(&format!("<h1>{}</h1>", tr.t("open-data-title"))), "{seg}");
        for key in ["open-data-licence-text", "open-data-formats-text", "open-data-territories-updated"] {
            assert!(r.body.contains(&tr.t(key).replace('\'', "&#39;")), "{seg}: {key}");
        }
        assert!(r.body.contains("CC BY 4.0"), "{seg}: the licence is named");
        let links = hrefs(main_of(&r.body));
        for want in ["/api/v1/territories", "/api/v1/institutions", "/api/v1/openapi.json", "/api/v1/log/key"] {
            assert!(links.iter().any(|l| l == want), "{seg}: links {want}: {links:?}");
        }
        assert!(links.iter().any(|l| l.starts_with("/api/v1/calendar/due?")), "{seg}: a due-date example");
        assert!(links.iter().any(|l| l.starts_with("/api/v1/institutions?territory=")), "{seg}: a filter example");
        assert!(links.contains(&format!("/{seg}/transparency")), "{seg}: the log's own page");
        for link in hrefs(&r.body).into_iter().filter(|l| !l.starts_with('#')) {
            let answer = app.get(&link, None).await;
            assert_eq!(answer.status, StatusCode::OK, "/{seg}/open-data links {link}, which answers {}", answer.status);
            if link.starts_with("/api/v1/") && link != "/api/v1/log/key" {
                let kind = answer.headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().to_owned();
                assert!(kind.starts_with("application/json"), "{link} is JSON: {kind}");
                let _: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
            }
        }
    }
    // The filter example names a territory that has a body here.
    let r = app.get("/en/open-data", None).await;
    let example = hrefs(&r.body).into_iter().find(|l| l.starts_with("/api/v1/institutions?")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&app.get(&example, None).await.body).unwrap();
    assert!(!v["institutions"].as_array().unwrap().is_empty(), "{example}: {v}");
}
