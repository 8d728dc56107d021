//! The coordinator's reception pages: planning, changing, postponing and
//! cancelling a reception (and what the public page and the store then
//! say), who may do it, field errors that keep what was typed, a day off
//! flagged, and recurring schedules previewed and generated.

mod support;

use adaldyq_domain::reception::ReceptionStatus;
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::{NewUser, ReceptionFilter};
use axum::http::StatusCode;
use support::receptions::{in_days, local, programme, RURAL};
use support::{Session, TestApp};

both_backends!(
    a_coordinator_plans_changes_postpones_and_cancels,
    another_districts_coordinator_and_citizens_are_kept_out,
    field_errors_are_shown_and_what_was_typed_is_kept,
    a_day_off_is_flagged_and_taken_only_when_confirmed,
    a_schedule_previews_its_days_off_and_generates_the_rest,
);

/// The first working day at least `days` ahead.
fn working_day(app: &TestApp, days: i64) -> jiff::civil::Date {
    let cal = app.state.calendar();
    let mut d = in_days(days);
    while !cal.is_working_day(d) {
        d = d.tomorrow().unwrap();
    }
    d
}

async fn coordinator(app: &TestApp) -> Session {
    let email = app.user(Role::Coordinator).await;
    app.sign_in(&email).await
}

/// A coordinator granted another district only.
async fn other_coordinator(app: &TestApp) -> Session {
    let email = "coordinator-elsewhere@test.example".to_owned();
    let id = app
        .db
        .store
        .create_user(&NewUser {
            email: email.clone(),
            name: "Elsewhere".into(),
            password_hash: adaldyq_web::auth::password::hash(support::PASSWORD),
            created_at: adaldyq_web::state::now(),
            is_demo: false,
        })
        .await
        .unwrap();
    let grant = Grant { role: Role::Coordinator, scope: Scope::Territory(support::OTHER_DISTRICT.into()) };
    app.db.store.add_grant(id, &grant, &adaldyq_store::Actor::system()).await.unwrap();
    app.sign_in(&email).await
}

fn plan(date: &str) -> Vec<(&'static str, String)> {
    vec![
        ("territory", RURAL.into()),
        ("host", "new".into()),
        ("host_name", "Ержан Тестов".into()),
        ("host_position", "аудан әкімінің орынбасары".into()),
        ("host_institution", "Арал ауданы әкімдігі".into()),
        ("co_hosts", "Ғалия Әлімқұлова; агенттік өкілі".into()),
        ("mode", "place".into()),
        ("address", "Мектеп көшесі, 5".into()),
        ("online_link", String::new()),
        ("date", date.into()),
        ("start", "10:00".into()),
        ("end", "12:00".into()),
        ("slot_minutes", "30".into()),
        ("seats_per_slot", "3".into()),
        ("waitlist_size", "2".into()),
        ("opens_days_before", "60".into()),
        ("closes_hours_before", "2".into()),
        ("topics", "жер, су".into()),
        ("languages", "kk".into()),
        ("languages", "ru".into()),
        ("accessibility", "Пандус бар".into()),
    ]
}

async fn send(app: &TestApp, path: &str, fields: &[(&str, String)], s: &Session) -> support::Reply {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &pairs, Some(s)).await
}

fn with(mut fields: Vec<(&'static str, String)>, key: &'static str, value: &str) -> Vec<(&'static str, String)> {
    fields.retain(|(k, _)| *k != key);
    fields.push((key, value.into()));
    fields
}

async fn receptions_in_rural(app: &TestApp) -> Vec<adaldyq_store::Reception> {
    let filter = ReceptionFilter { territory: Some(RURAL.into()), limit: 100, ..Default::default() };
    app.db.store.receptions(&filter).await.unwrap()
}

async fn a_coordinator_plans_changes_postpones_and_cancels(app: TestApp) {
    let p = programme(&app).await;
    let s = coordinator(&app).await;
    let workspace = app.get("/en/staff", Some(&s)).await;
    assert!(workspace.body.contains("/en/staff/receptions\""), "the workspace links to the list");
    let inbox = app.get("/en/staff/appeals", Some(&s)).await;
    assert!(inbox.body.contains("/en/staff/receptions\""), "so does the inbox, where a coordinator lands");
    let list = app.get("/en/staff/receptions", Some(&s)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("/en/staff/receptions/new"));
    let form = app.get("/en/staff/receptions/new", Some(&s)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(&format!("value=\"{RURAL}\"")), "the group's rural district is offered");
    assert!(form.body.contains(&format!("value=\"m:{}:", p.group)), "the group's members are offered as hosts");
    assert!(!form.body.contains(support::receptions::OTHER_RURAL), "no place outside the coordinator's scope");

    let day = working_day(&app, 20);
    let made = send(&app, "/en/staff/receptions/new", &plan(&day.to_string()), &s).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert_eq!(made.location(), "/en/staff/receptions");
    let all = receptions_in_rural(&app).await;
    assert_eq!(all.len(), 1);
    let r = &all[0];
    assert_eq!(r.starts_at, local(day, 10, 0));
    assert_eq!(r.ends_at, local(day, 12, 0));
    assert_eq!(r.seats, 12, "four slots of three places");
    assert_eq!(r.address, "Мектеп көшесі, 5");
    assert_eq!(r.co_hosts[0].name, "Ғалия Әлімқұлова");
    let host = app.db.store.host(r.host_id).await.unwrap().unwrap();
    assert_eq!(host.name, "Ержан Тестов");
    let overlapping = with(with(plan(&day.to_string()), "host", &format!("h:{}", r.host_id)), "start", "11:00");
    let clash = send(&app, "/en/staff/receptions/new", &overlapping, &s).await;
    assert_eq!(clash.status, StatusCode::CONFLICT, "{}", clash.body);
    let named = format!("The host has another reception at this time: {}", day.strftime("%d.%m.%Y"));
    assert!(clash.body.contains(&named), "the clash is named: {}", clash.body);
    assert!(clash.body.contains("value=\"11:00\""), "what was typed is kept");
    assert_eq!(receptions_in_rural(&app).await.len(), 1, "the clash is not scheduled");
    let listed = app.get("/en/staff/receptions", Some(&after_redirect(&s, &made))).await;
    // Named by its time and host (the coordinator never sees its id).
    let when = adaldyq_web::receptions::times::span_text(r.starts_at, r.ends_at);
    let confirmed = format!("Reception scheduled: {when} (Ержан Тестов).");
    assert!(listed.body.contains(&confirmed), "confirmed once, by time and host: {}", listed.body);
    assert!(listed.body.contains("Ержан Тестов") && listed.body.contains("0 / 12"));
    assert!(listed.body.contains(&format!("/en/staff/receptions/{}/edit", r.id)));
    let public = app.get(&format!("/en/receptions/{}", r.id), None).await;
    assert!(public.body.contains("Ержан Тестов") && public.body.contains("Мектеп көшесі, 5"));

    // Someone books, so the postponement and cancellation have someone to tell.
    let booking = vec![
        ("token", "dddddddddddddddddddd".to_owned()),
        ("name", "Сәуле".to_owned()),
        ("phone", "+77012345679".to_owned()),
        ("email", String::new()),
        ("topic", "Жер".to_owned()),
        ("priority", String::new()),
        ("slot", String::new()),
    ];
    let booked = support::post(&app, &format!("/en/receptions/{}/book", r.id), &booking).await;
    assert_eq!(booked.status, StatusCode::OK, "{}", booked.body);

    let edit = app.get(&format!("/en/staff/receptions/{}/edit", r.id), Some(&s)).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("value=\"Мектеп көшесі, 5\""), "the form starts from the reception");
    let changed = with(with(plan(""), "host", &format!("h:{}", r.host_id)), "address", "Мектеп көшесі, 7");
    let saved = send(&app, &format!("/en/staff/receptions/{}/edit", r.id), &changed, &s).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let after = app.db.store.reception(r.id).await.unwrap().unwrap();
    assert_eq!(after.address, "Мектеп көшесі, 7");
    assert_eq!(after.starts_at, r.starts_at, "a change does not move it");
    assert!(after.sequence > r.sequence);

    let confirm = app.get(&format!("/en/staff/receptions/{}/postpone", r.id), Some(&s)).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("One person has booked"), "{}", confirm.body);
    let later = working_day(&app, 27);
    let postpone = vec![
        ("date", later.to_string()),
        ("start", "15:00".to_owned()),
        ("reason", "Әкім облысқа шақырылды".to_owned()),
    ];
    let moved = send(&app, &format!("/en/staff/receptions/{}/postpone", r.id), &postpone, &s).await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let after = app.db.store.reception(r.id).await.unwrap().unwrap();
    assert_eq!(after.status, ReceptionStatus::Postponed);
    assert_eq!(after.starts_at, local(later, 15, 0));
    assert_eq!(after.ends_at, local(later, 17, 0), "the same length");
    assert_eq!(after.status_reason.as_deref(), Some("Әкім облысқа шақырылды"));
    assert_eq!(after.seats_taken, 1, "the booking is carried over");
    let public = app.get(&format!("/en/receptions/{}", r.id), None).await;
    assert!(public.body.contains("Әкім облысқа шақырылды"), "the public page gives the reason");

    let no_reason = send(&app, &format!("/en/staff/receptions/{}/cancel", r.id), &[("reason", " ".into())], &s).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("Give the reason"));
    let reason = [("reason", "Су тасқыны".to_owned())];
    let cancelled = send(&app, &format!("/en/staff/receptions/{}/cancel", r.id), &reason, &s).await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER, "{}", cancelled.body);
    let after = app.db.store.reception(r.id).await.unwrap().unwrap();
    assert_eq!(after.status, ReceptionStatus::Cancelled);
    let bookings = app.db.store.bookings(r.id).await.unwrap();
    assert!(bookings.iter().all(|b| b.status.as_str() == "cancelled"), "the bookings are cancelled");
    let public = app.get(&format!("/en/receptions/{}", r.id), None).await;
    assert!(public.body.contains("Су тасқыны"));
    let gone = app.get(&format!("/en/staff/receptions/{}/edit", r.id), Some(&s)).await;
    assert_eq!(gone.status, StatusCode::CONFLICT, "a cancelled reception is not changed");
}

/// The session as the browser holds it after the redirect: with the
/// confirmation cookie the redirect set.
fn after_redirect(s: &Session, reply: &support::Reply) -> Session {
    let flash = reply
        .headers
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("adaldyq_flash="))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .expect("the redirect sets a confirmation");
    Session { cookie: format!("{}; {flash}", s.cookie), csrf: s.csrf.clone() }
}

async fn another_districts_coordinator_and_citizens_are_kept_out(app: TestApp) {
    let p = programme(&app).await;
    let day = working_day(&app, 20);
    let details = support::receptions::details(adaldyq_domain::reception::Mode::Place);
    let r = support::receptions::reception(&app, p.group, RURAL, p.host, local(day, 10, 0), 60, details).await;
    let other = other_coordinator(&app).await;
    let list = app.get("/en/staff/receptions", Some(&other)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.contains(&format!("reception-{r}\"")), "not listed outside the coordinator's district");
    for page in ["edit", "postpone", "cancel"] {
        let got = app.get(&format!("/en/staff/receptions/{r}/{page}"), Some(&other)).await;
        assert_eq!(got.status, StatusCode::FORBIDDEN, "{page}");
    }
    let tried = send(&app, &format!("/en/staff/receptions/{r}/cancel"), &[("reason", "x".into())], &other).await;
    assert_eq!(tried.status, StatusCode::FORBIDDEN);
    let form = app.get("/en/staff/receptions/new", Some(&other)).await;
    assert!(!form.body.contains(&format!("value=\"{RURAL}\"")), "not offered another district's places");
    let smuggled = send(&app, "/en/staff/receptions/new", &plan(&day.to_string()), &other).await;
    assert_eq!(smuggled.status, StatusCode::UNPROCESSABLE_ENTITY, "a place outside the scope is refused");
    assert_eq!(app.db.store.reception(r).await.unwrap().unwrap().status, ReceptionStatus::Planned);
    assert_eq!(receptions_in_rural(&app).await.len(), 1);

    let citizen = app.user(Role::Citizen).await;
    let citizen = app.sign_in(&citizen).await;
    assert_eq!(app.get("/en/staff/receptions", Some(&citizen)).await.status, StatusCode::FORBIDDEN);
    let officer = app.user(Role::Officer).await;
    let officer = app.sign_in(&officer).await;
    assert_eq!(app.get("/en/staff/receptions/new", Some(&officer)).await.status, StatusCode::FORBIDDEN);
    let staff = app.get("/en/staff", Some(&officer)).await;
    assert!(!staff.body.contains("/en/staff/receptions\""), "no link where the reader may not go");
    let inbox = app.get("/en/staff/appeals", Some(&officer)).await;
    assert!(!inbox.body.contains("/en/staff/receptions\""), "nor in the inbox");
    let anonymous = app.get("/en/staff/receptions", None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/en/sign-in"));
}

async fn field_errors_are_shown_and_what_was_typed_is_kept(app: TestApp) {
    programme(&app).await;
    let s = coordinator(&app).await;
    let day = working_day(&app, 20);
    let bad = with(
        with(with(with(plan(&day.to_string()), "address", ""), "end", "09:00"), "seats_per_slot", "0"),
        "host_name",
        "",
    );
    let bad = with(with(bad, "topics", "Жер мен су мәселелері"), "mode", "place");
    let got = send(&app, "/en/staff/receptions/new", &bad, &s).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(got.body.contains("<title>Error:"), "the title says there is an error");
    for message in [
        "Enter the host&#39;s name",
        "Enter the address, or the village of the field visit",
        "The end must be after the start",
        "Enter a whole number from 1 to 200",
    ] {
        assert!(got.body.contains(message), "{message}: {}", got.body);
    }
    assert!(got.body.contains("aria-invalid=\"true\" aria-describedby=\"address-error\""));
    assert!(got.body.contains("Жер мен су мәселелері"), "the topics typed are kept");
    assert!(got.body.contains("value=\"аудан әкімінің орынбасары\""), "the position typed is kept");
    assert!(got.body.contains("value=\"09:00\""));
    assert!(got.body.contains("value=\"ru\" checked"), "the languages chosen are kept");
    assert!(receptions_in_rural(&app).await.is_empty(), "nothing is scheduled");

    let ru = send(&app, "/ru/staff/receptions/new", &bad, &s).await;
    assert!(ru.body.contains("Укажите адрес или село выездного приёма"), "in the reader's language");
    let kk = send(&app, "/kk/staff/receptions/new", &with(bad, "date", "32.13.2026"), &s).await;
    assert!(kk.body.contains("Күнін жазыңыз"), "{}", kk.body);
    assert!(kk.body.contains("value=\"32.13.2026\""));
}

/// The next 16 December (Independence Day) that is still ahead.
fn independence_day() -> jiff::civil::Date {
    let today = in_days(0);
    let this_year = jiff::civil::date(today.year(), 12, 16);
    if this_year > today.checked_add(jiff::Span::new().days(1)).unwrap() {
        this_year
    } else {
        jiff::civil::date(today.year() + 1, 12, 16)
    }
}

async fn a_day_off_is_flagged_and_taken_only_when_confirmed(app: TestApp) {
    programme(&app).await;
    let s = coordinator(&app).await;
    let holiday = independence_day();
    let fields = plan(&holiday.strftime("%d.%m.%Y").to_string());
    let flagged = send(&app, "/en/staff/receptions/new", &fields, &s).await;
    assert_eq!(flagged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(flagged.body.contains(&format!("{} is a day off", holiday.strftime("%d.%m.%Y"))), "{}", flagged.body);
    assert!(flagged.body.contains("name=\"day_off_ok\""), "the coordinator may confirm it");
    assert!(receptions_in_rural(&app).await.is_empty());
    let confirmed = send(&app, "/en/staff/receptions/new", &with(fields, "day_off_ok", "1"), &s).await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER, "{}", confirmed.body);
    assert_eq!(receptions_in_rural(&app).await.len(), 1);
}

/// The first weekday off (a holiday, not a weekend) in the preview's range.
fn weekday_holiday(app: &TestApp) -> jiff::civil::Date {
    let cal = app.state.calendar();
    (2..85)
        .map(in_days)
        .find(|d| !cal.is_working_day(*d) && d.weekday().to_monday_one_offset() <= 5)
        .expect("a holiday on a weekday within three months")
}

async fn a_schedule_previews_its_days_off_and_generates_the_rest(app: TestApp) {
    programme(&app).await;
    let s = coordinator(&app).await;
    let holiday = weekday_holiday(&app);
    let weekday = holiday.weekday().to_monday_one_offset().to_string();
    let mut fields = with(with(plan(""), "week", "every"), "weekday", &weekday);
    fields.retain(|(k, _)| *k != "date");
    let empty = with(fields.clone(), "weekday", "9");
    let refused = send(&app, "/en/staff/receptions/schedules", &empty, &s).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Choose the day of the week"));
    assert!(app.db.store.schedules(None).await.unwrap().is_empty());

    let made = send(&app, "/en/staff/receptions/schedules", &fields, &s).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let schedules = app.db.store.schedules(None).await.unwrap();
    assert_eq!(schedules.len(), 1);
    let id = schedules[0].id;
    assert_eq!(made.location(), format!("/en/staff/receptions/schedules/{id}"));
    assert!(receptions_in_rural(&app).await.is_empty(), "a schedule makes nothing by itself");
    let listed = app.get("/en/staff/receptions/schedules", Some(&s)).await;
    assert!(listed.body.contains(&format!("schedule-{id}")), "{}", listed.body);

    // The host already receives on another of the schedule's dates.
    let week = jiff::Span::new().days(7);
    let busy_day = [holiday.checked_add(week).unwrap(), holiday.checked_sub(week).unwrap()]
        .into_iter()
        .find(|d| *d > in_days(1) && *d < in_days(85) && app.state.calendar().is_working_day(*d))
        .unwrap();
    let group = schedules[0].group_id;
    let details = support::receptions::details(adaldyq_domain::reception::Mode::Place);
    let one_off =
        support::receptions::reception(&app, group, RURAL, schedules[0].host_id, local(busy_day, 11, 0), 60, details)
            .await;
    let preview = app.get(&format!("/en/staff/receptions/schedules/{id}"), Some(&s)).await;
    let busy = format!("{}: <strong>the host is busy, not made</strong>", busy_day.strftime("%d.%m.%Y"));
    assert!(preview.body.contains(&busy), "the host's clash is named beforehand: {}", preview.body);
    assert_eq!(preview.status, StatusCode::OK);
    let flagged = format!("{}: <strong>day off, not made</strong>", holiday.strftime("%d.%m.%Y"));
    assert!(preview.body.contains(&flagged), "the holiday is flagged: {}", preview.body);
    let to_make = preview.body.matches("to be made").count();
    assert!(to_make >= 8, "about thirteen weeks, less the holiday: {to_make}");

    let generated = send(&app, &format!("/en/staff/receptions/schedules/{id}/generate"), &[], &s).await;
    assert_eq!(generated.status, StatusCode::SEE_OTHER, "{}", generated.body);
    let all: Vec<_> = receptions_in_rural(&app).await.into_iter().filter(|r| r.id != one_off).collect();
    assert_eq!(all.len(), to_make, "every date but the day off and the busy one is made");
    assert!(all.iter().all(|r| r.schedule_id == Some(id)));
    assert!(all.iter().all(|r| adaldyq_domain::reception::local_date(r.starts_at) != busy_day));
    assert!(
        all.iter().all(|r| adaldyq_domain::reception::local_date(r.starts_at) != holiday),
        "nothing on the holiday"
    );
    assert!(all.iter().all(|r| adaldyq_domain::reception::local_datetime(r.starts_at).hour() == 10));
    let after = app.get(&format!("/en/staff/receptions/schedules/{id}"), Some(&after_redirect(&s, &generated))).await;
    assert!(after.body.contains(&format!("Receptions made: {to_make}.")), "{}", after.body);
    assert!(!after.body.contains("to be made"));

    let stopped = send(&app, &format!("/en/staff/receptions/schedules/{id}/deactivate"), &[], &s).await;
    assert_eq!(stopped.status, StatusCode::SEE_OTHER);
    assert!(!app.db.store.schedule(id).await.unwrap().unwrap().active);
    let other = other_coordinator(&app).await;
    let theirs = app.get(&format!("/en/staff/receptions/schedules/{id}"), Some(&other)).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN, "another district's schedule is not theirs");
}
