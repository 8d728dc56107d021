//! A staff member's day: where signing in lands, the inbox (its counts,
//! its order, its columns), and the appeal's page (the answer first, a
//! confirmation once after each action, the next appeal, templates that
//! never replace a draft).

mod support;

use adaldyq_domain::appeal::{AppealKind, AppealLanguage, Status, ValidAppeal};
use adaldyq_domain::Role;
use axum::http::{header, StatusCode};
use support::{Session, TestApp};

both_backends!(
    signing_in_lands_on_the_days_work,
    the_inbox_counts_sorts_by_due_date_and_shows_the_columns,
    the_appeal_page_puts_the_answer_first,
    each_action_is_confirmed_once,
    the_next_appeal_follows_the_inbox_order,
    a_template_never_replaces_the_draft,
);

/// An appeal to the test institution due on `due_on`; its number.
async fn appeal_due(app: &TestApp, due_on: &str, subject: &str) -> String {
    let new = adaldyq_store::NewAppeal {
        appeal: ValidAppeal {
            kind: AppealKind::Complaint,
            category: None,
            territory: support::DISTRICT.into(),
            institution: Some(app.institution),
            subject: subject.into(),
            text: "Мәселе".into(),
            language: AppealLanguage::Ru,
            contact: None,
        },
        region: "43".into(),
        year: 2026,
        received_at: 1_767_000_000,
        registered_on: "2026-01-05".into(),
        due_on: due_on.into(),
        term_days: 15,
        secret_hash: None,
        client_token: None,
        salt: vec![0; 16],
        routed_by_rule: None,
        attachments: vec![],
        actor_role: Role::Citizen,
        actor_user_id: None,
        origin: Default::default(),
    };
    match app.db.store.create_appeal(&new).await.unwrap() {
        adaldyq_store::CreateOutcome::Created { number, .. } => number,
        other => panic!("{other:?}"),
    }
}

fn today(app: &TestApp) -> jiff::civil::Date {
    app.state.calendar().time_zone().to_datetime(jiff::Timestamp::now()).date()
}

/// A date `n` working days from today.
fn in_working_days(app: &TestApp, n: u32) -> String {
    app.state.calendar().add_working_days(today(app), n).to_string()
}

/// Where `needle` first occurs; panics with the page if it does not.
fn at(body: &str, needle: &str) -> usize {
    body.find(needle).unwrap_or_else(|| panic!("{needle:?} not on the page:\n{body}"))
}

/// The same browser, carrying the cookie a reply set (the confirmation).
fn with_cookie_of(s: &Session, reply: &support::Reply, name: &str) -> Session {
    let set = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie set: {:?}", reply.headers));
    let pair = set.split(';').next().unwrap();
    Session { cookie: format!("{}; {pair}", s.cookie), csrf: s.csrf.clone() }
}

fn clears(reply: &support::Reply, name: &str) -> bool {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with(&format!("{name}=;")) && v.contains("Max-Age=0"))
}

async fn signing_in_lands_on_the_days_work(app: TestApp) {
    for role in Role::ALL {
        let email = app.user(role).await;
        let r = app.post_form("/en/sign-in", &[("email", &email), ("password", support::PASSWORD)], None).await;
        let expected = match role {
            Role::Officer | Role::Head | Role::Coordinator | Role::Inspector => "/en/staff/appeals",
            Role::Monitor | Role::CommissionSecretary | Role::Administrator => "/en/staff",
            Role::Citizen => "/en/account",
        };
        // A role that must set up a second factor first goes there.
        if r.location() == "/en/account/second-factor" {
            continue;
        }
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, expected), "{role:?}");
        // Where one lands opens, never a 403.
        let s = Session { cookie: r.session_cookie().unwrap(), csrf: String::new() };
        assert_eq!(app.get(expected, Some(&s)).await.status, StatusCode::OK, "{role:?}");
    }
    // Where one was heading still wins.
    let email = app.user(Role::Officer).await;
    let r = app
        .post_form("/kk/sign-in", &[("email", &email), ("password", support::PASSWORD), ("next", "/kk/staff")], None)
        .await;
    assert_eq!(r.location(), "/kk/staff");
    let r = app.post_form("/kk/sign-in", &[("email", &email), ("password", support::PASSWORD)], None).await;
    assert_eq!(r.location(), "/kk/staff/appeals", "in the language signed in with");
}

async fn the_inbox_counts_sorts_by_due_date_and_shows_the_columns(app: TestApp) {
    let later = appeal_due(&app, &in_working_days(&app, 10), "Later").await;
    let overdue = appeal_due(&app, "2026-01-26", "Overdue").await;
    let soon = appeal_due(&app, &in_working_days(&app, 1), "Soon").await;
    let answered = appeal_due(&app, "2026-01-20", "Answered").await;
    let id = app.db.store.appeal_by_number(&answered).await.unwrap().unwrap().id;
    let event = adaldyq_store::NewEvent {
        kind: adaldyq_domain::appeal::EventKind::Answered,
        at: 1_767_100_000,
        actor_role: "officer".into(),
        actor_user_id: None,
        body: "{}".into(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    assert!(app.db.store.record_event(id, Status::Registered, Status::Answered, &event).await.unwrap());
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let body = app.get("/en/staff/appeals", Some(&officer)).await.body;
    // The open ones, soonest due first, and it says so.
    assert!(at(&body, &overdue) < at(&body, &soon) && at(&body, &soon) < at(&body, &later), "due order");
    assert!(!body.contains(&answered), "answered ones are not the day's work");
    assert!(body.contains("<strong>3 appeals match.</strong> Sorted by due date, soonest first."), "{body}");
    let all = app.get("/en/staff/appeals?status=all", Some(&officer)).await.body;
    assert!(all.contains("4 appeals match.") && at(&all, &answered) < at(&all, &overdue), "every status, by due date");
    // The columns: days left (in words for screen readers), territory, kind.
    for header in ["Answer due by", "Working days left", "Territory", "Kind"] {
        assert!(body.contains(&format!("<th scope=\"col\">{header}</th>")), "{header}");
    }
    let calendar = app.state.calendar();
    let late = -calendar.working_days_between(today(&app), "2026-01-26".parse().unwrap());
    assert!(late > 1);
    let row = |number: &str| {
        let start = at(&body, &format!(">{number}</a>"));
        body[start..start + body[start..].find("</tr>").unwrap()].to_owned()
    };
    let o = row(&overdue);
    assert!(o.contains(&format!("<span aria-hidden=\"true\">\u{2212}{late}</span>")), "{o}");
    assert!(o.contains(&format!("<span class=\"visually-hidden\">{late} working days overdue</span>")), "{o}");
    let s = row(&soon);
    assert!(s.contains("<span aria-hidden=\"true\">1</span><span class=\"visually-hidden\">1 working day left</span>"));
    let district = app.db.store.territory(support::DISTRICT).await.unwrap().unwrap();
    let district = adaldyq_domain::translit::to_latin(&district.name_kk);
    assert!(s.contains(&format!(">{district}</td>")) && s.contains(">Complaint</td>"), "{s}");
    assert!(s.contains("data-label=\"Answer due by\""), "each cell names its column for the phone layout");
    // The day's work in counts, each a link to the inbox filtered to it.
    assert!(body.contains("<a href=\"/en/staff/appeals?status=registered\">New, not assigned yet: <span class=\"tally-count\">3</span></a>"), "{body}");
    assert!(body.contains(
        "<a href=\"/en/staff/appeals?soon=3\">Due within 3 working days: <span class=\"tally-count\">1</span></a>"
    ));
    assert!(body.contains("<a href=\"/en/staff/appeals?overdue=1\">Overdue: <span class=\"tally-count\">1</span></a>"));
    let filtered = app.get("/en/staff/appeals?overdue=1", Some(&officer)).await.body;
    assert!(filtered.contains("1 appeal matches.") && filtered.contains(&overdue) && !filtered.contains(&soon));
    // In Russian and Kazakh too.
    let ru = app.get("/ru/staff/appeals", Some(&officer)).await.body;
    assert!(ru.contains("Найдено 3 обращения.") && ru.contains("Остался 1 рабочий день"), "{ru}");
    let kk = app.get("/kk/staff/appeals", Some(&officer)).await.body;
    assert!(kk.contains("Табылған өтініштер: 3.") && kk.contains("1 жұмыс күні қалды"));
}

async fn the_appeal_page_puts_the_answer_first(app: TestApp) {
    let number = appeal_due(&app, &in_working_days(&app, 5), "Street lights").await;
    for role in [Role::Officer, Role::Head] {
        let s = app.sign_in(&app.user(role).await).await;
        let body = app.get(&format!("/en/staff/appeals/{number}"), Some(&s)).await.body;
        assert!(
            body.contains(&format!("<h1>Appeal {number}: <span data-verbatim>Street lights</span></h1>")),
            "{body}"
        );
        let answer = at(&body, "id=\"answer-section\"");
        let clarify = at(&body, "<details class=\"action\" id=\"clarify-section\">");
        let forward = at(&body, "<details class=\"action\" id=\"forward-section\">");
        let note = at(&body, "id=\"note-section\"");
        assert!(at(&body, "Text of the appeal") < answer, "{role:?}: the appeal, then what to do with it");
        assert!(answer < clarify && clarify < forward && forward < note, "{role:?}: answer, clarify, forward, note");
        assert_eq!(body.matches("id=\"note-section\"").count(), 1);
        assert!(body[note..].find("<details").is_none(), "{role:?}: the note comes last");
        if role == Role::Head {
            let extend = at(&body, "<details class=\"action\" id=\"extend-section\">");
            let assign = at(&body, "<details class=\"action\" id=\"assign-section\">");
            assert!(forward < extend && extend < note && forward < assign && assign < note);
        }
    }
    // A refused clarification opens its section, with the error leading to it.
    let s = app.sign_in(&app.user(Role::Officer).await).await;
    let r = app.post_form(&format!("/en/staff/appeals/{number}/clarify"), &[("question", " ")], Some(&s)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("<details class=\"action\" id=\"clarify-section\" open>"), "{}", r.body);
    assert!(r.body.contains("<details class=\"action\" id=\"forward-section\">"), "the others stay folded");
}

async fn each_action_is_confirmed_once(app: TestApp) {
    let other = support::other_body(&app).await.to_string();
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    // (action, its fields, where it lands if not back on the appeal, what the confirmation says)
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: [Case; 4] = [
        ("note", vec![("text", "Called the district.")], "", "The internal note was added to appeal"),
        ("clarify", vec![("question", "Which street?")], "", "was sent to the applicant; the term stops"),
        ("answer", vec![("text", "Repaired on Monday.")], "", "The answer to appeal"),
        (
            "forward",
            vec![("institution", &other), ("reason", "A regional road.")],
            "/en/staff/appeals",
            "was forwarded to another body",
        ),
    ];
    for (action, fields, lands, says) in cases {
        let number = appeal_due(&app, &in_working_days(&app, 5), action).await;
        let page = format!("/en/staff/appeals/{number}");
        let r = app.post_form(&format!("{page}/{action}"), &fields, Some(&officer)).await;
        let lands = if lands.is_empty() { page.clone() } else { lands.to_owned() };
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, lands.as_str()), "{action}: {}", r.body);
        let browser = with_cookie_of(&officer, &r, "adaldyq_flash");
        let shown = app.get(&lands, Some(&browser)).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.body.contains(says) && shown.body.contains(&number), "{action}: {}", shown.body);
        assert!(shown.body.contains("<div class=\"notice confirmation\" role=\"status\">"));
        assert!(clears(&shown, "adaldyq_flash"), "{action}: shown once, then cleared");
        // The browser dropped the cookie: a reload says nothing again.
        let again = app.get(&lands, Some(&officer)).await;
        assert!(!again.body.contains(says) && !again.body.contains("notice confirmation"), "{action}");
    }
    // In the reader's language; a forged cookie shows nothing.
    let number = appeal_due(&app, &in_working_days(&app, 5), "kk").await;
    let page = format!("/kk/staff/appeals/{number}");
    let r = app.post_form(&format!("{page}/note"), &[("text", "Жазба")], Some(&officer)).await;
    let shown = app.get(&page, Some(&with_cookie_of(&officer, &r, "adaldyq_flash"))).await.body;
    assert!(shown.contains(&format!("{number} өтінішіне ішкі жазба қосылды.")), "{shown}");
    let forged =
        Session { cookie: format!("{}; adaldyq_flash=answered.<script>", officer.cookie), csrf: String::new() };
    assert!(!app.get(&page, Some(&forged)).await.body.contains("notice confirmation"));
}

async fn the_next_appeal_follows_the_inbox_order(app: TestApp) {
    let third = appeal_due(&app, &in_working_days(&app, 9), "Third").await;
    let first = appeal_due(&app, &in_working_days(&app, 2), "First").await;
    let second = appeal_due(&app, &in_working_days(&app, 5), "Second").await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let next_of = |number: String| {
        let (app, s) = (&app, officer.clone());
        async move {
            let body = app.get(&format!("/en/staff/appeals/{number}"), Some(&s)).await.body;
            support::between(&body, "rel=\"next\">Next appeal: ", "</a>").map(str::to_owned)
        }
    };
    assert_eq!(next_of(first.clone()).await.as_deref(), Some(second.as_str()));
    assert_eq!(next_of(second.clone()).await.as_deref(), Some(third.as_str()));
    assert_eq!(next_of(third.clone()).await, None, "the last one has no next");
    let page = app.get(&format!("/en/staff/appeals/{first}"), Some(&officer)).await.body;
    assert!(page.contains(&format!("<a href=\"/en/staff/appeals/{second}\" rel=\"next\">Next appeal: {second}</a>")));
    // After answering, the confirmation leads on to the next one.
    let r = app.post_form(&format!("/en/staff/appeals/{first}/answer"), &[("text", "Done.")], Some(&officer)).await;
    let shown = app.get(r.location(), Some(&with_cookie_of(&officer, &r, "adaldyq_flash"))).await.body;
    let banner = support::between(&shown, "<div class=\"notice confirmation\" role=\"status\">", "</div>").unwrap();
    assert!(banner.contains(&format!("href=\"/en/staff/appeals/{second}\"")), "{banner}");
}

async fn a_template_never_replaces_the_draft(app: TestApp) {
    let number = appeal_due(&app, &in_working_days(&app, 5), "Template").await;
    let template = "Уважаемый заявитель! Ремонт запланирован.";
    app.db.store.create_template(app.institution, "ru", "Ремонт", template).await.unwrap();
    let id = app.db.store.templates(app.institution).await.unwrap()[0].id.to_string();
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let page = format!("/en/staff/appeals/{number}");
    let body = app.get(&page, Some(&officer)).await.body;
    // The choice is part of the answer form: choosing posts the draft along.
    let form = support::between(&body, "enctype=\"multipart/form-data\"", "</form>").unwrap();
    assert!(form.contains("<select id=\"template\" name=\"template\""), "{form}");
    assert!(form.contains("<button type=\"submit\" name=\"insert\" value=\"1\" formnovalidate"), "{form}");
    assert!(form.contains(&format!("data-body=\"{template}\"")), "the script inserts without a round trip");
    assert!(body.contains("<script src=\"/static/staff."), "the script is on the page");
    // Without JavaScript: the draft comes back with the template after it.
    let r = app
        .post_form(
            &format!("{page}/answer"),
            &[("text", "Қосымша: жарық бағаналары.\n"), ("template", &id), ("insert", "1")],
            Some(&officer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(&format!(">Қосымша: жарық бағаналары.\n\n{template}</textarea>")), "{}", r.body);
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.status, Status::Registered, "inserting a template sends nothing");
    assert_eq!(app.db.store.appeal_events(a.id).await.unwrap().len(), 2, "filed and registered only");
    // An empty draft simply starts from the template.
    let r = app
        .post_form(&format!("{page}/answer"), &[("text", ""), ("template", &id), ("insert", "1")], Some(&officer))
        .await;
    assert!(r.body.contains(&format!("required>{template}</textarea>")), "{}", r.body);
    // Another institution's template adds nothing and loses nothing.
    let r = app
        .post_form(
            &format!("{page}/answer"),
            &[("text", "Draft"), ("template", "999999"), ("insert", "1")],
            Some(&officer),
        )
        .await;
    assert!(r.body.contains("required>Draft</textarea>"), "{}", r.body);
    // The script itself is served.
    let js = support::between(&body, "<script src=\"", "\"").unwrap().to_owned();
    let served = app.get(&js, None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert!(served.body.contains("button[name=\"insert\"]"));
}
