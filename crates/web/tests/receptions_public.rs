//! Receptions on the public side, end to end on both backends: the list and
//! its filters, the month calendar, a reception's page, a working group's
//! page, the programme; the iCal feeds read back by Python's `icalendar`
//! (an independent parser, in a venv the tests make under target/), the Atom
//! feed read back by feed-rs; the public API's shape and refusals. A
//! reception at 00:30 local time is on its local day everywhere; no online
//! link and no booked person appears anywhere public.

mod support;

use adaldyq_domain::reception::{validate_booking, BookingInput, Mode, QuestionOutcome};
use adaldyq_store::{Actor, BookingOutcome, NewBooking, NewQuestion};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use support::receptions::{details, in_days, local, programme, reception, OTHER_RURAL, RURAL, VILLAGE};
use support::{TestApp, DISTRICT};

both_backends!(
    every_page_renders_and_announces_its_feeds,
    a_reception_at_half_past_midnight_is_on_its_local_day_everywhere,
    the_calendar_feeds_read_back_with_stable_uids_sequence_and_status,
    the_atom_feed_reads_back_newest_first,
    filters_narrow_the_list_and_a_bad_date_is_named_at_its_field,
    nothing_public_shows_an_online_link_or_a_booked_person,
    a_held_reception_shows_its_summary_and_an_absent_host,
    the_group_page_shows_only_agreed_contacts_and_splits_past_from_upcoming,
    unknown_receptions_groups_and_feeds_are_404_in_the_readers_language,
    the_api_answers_its_documented_shape_and_refuses_bad_parameters,
);

const ICALENDAR: &str = "7.3.0";

/// The venv with Python's icalendar, made once per run; why not, if it
/// cannot be (a failure under CI).
fn python() -> Option<PathBuf> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let made = VENV.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let target = std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| root.join("target"));
        let venv = target.join("ical-reader").join(format!("venv-{ICALENDAR}"));
        let python = venv.join("bin/python");
        let ready = || Command::new(&python).args(["-c", "import icalendar"]).status().is_ok_and(|s| s.success());
        if !ready() {
            let _ = std::fs::remove_dir_all(&venv);
            let made = Command::new("python3").arg("-m").arg("venv").arg(&venv).status();
            if !made.is_ok_and(|s| s.success()) {
                return Err("python3 cannot make a venv (Debian: apt-get install python3-venv)".into());
            }
            let pip = Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check", &format!("icalendar=={ICALENDAR}")])
                .status();
            if !pip.is_ok_and(|s| s.success()) || !ready() {
                return Err(format!("pip could not install icalendar {ICALENDAR}"));
            }
        }
        Ok(python)
    });
    match made {
        Ok(p) => Some(p.clone()),
        Err(why) if std::env::var("CI").as_deref() == Ok("true") => panic!("the iCalendar reader cannot run: {why}"),
        Err(why) => {
            eprintln!("skipped: the iCalendar reader cannot run: {why}");
            None
        }
    }
}

/// A feed as Python's icalendar reads it (scripts/ical-read.py).
fn read_ical(text: &str) -> Option<Value> {
    let python = python()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/ical-read.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "icalendar could not read the feed:\n{text}");
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn event(feed: &Value, uid_id: i64) -> Option<&Value> {
    let suffix = format!("reception-{uid_id}@");
    feed["events"].as_array().unwrap().iter().find(|e| e["uid"].as_str().unwrap().starts_with(&suffix))
}

async fn get_json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let r = app.send(Request::get(path).header(header::ACCEPT_LANGUAGE, "ru").body(Body::empty()).unwrap()).await;
    (r.status, serde_json::from_str(&r.body).unwrap_or(Value::Null))
}

/// `dd.mm.yyyy`.
fn dotted(d: jiff::civil::Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

async fn every_page_renders_and_announces_its_feeds(app: TestApp) {
    let p = programme(&app).await;
    let id = reception(&app, p.group, RURAL, p.host, local(in_days(5), 10, 0), 180, details(Mode::Place)).await;
    let month = format!("{}-{:02}", in_days(5).year(), in_days(5).month());
    for lang in ["kk", "kk-latn", "ru", "en"] {
        for rest in [
            "/receptions".to_owned(),
            format!("/receptions?view=month&month={month}"),
            format!("/receptions/{id}"),
            format!("/receptions/groups/{}", p.group),
            "/receptions/programme".into(),
        ] {
            let r = app.get(&format!("/{lang}{rest}"), None).await;
            assert_eq!(r.status, StatusCode::OK, "/{lang}{rest}: {}", r.body);
            assert!(!r.body.contains('⟦'), "/{lang}{rest}: a message is missing");
            let head = r.body.split("</head>").next().unwrap();
            assert!(
                head.contains(&format!(
                    r#"<link rel="alternate" type="application/atom+xml" href="/{lang}/receptions/feed.atom""#
                )),
                "/{lang}{rest}: no Atom link in the head"
            );
            assert!(
                head.contains(r#"<link rel="alternate" type="text/calendar" href=""#),
                "/{lang}{rest}: no calendar link"
            );
        }
    }
    // The reception's page: the calendars of its rural district and of its host.
    let page = app.get(&format!("/en/receptions/{id}"), None).await.body;
    assert!(page.contains(&format!(r#"type="text/calendar" href="/en/receptions/territory/{RURAL}.ics""#)));
    assert!(page.contains(&format!(r#"type="text/calendar" href="/en/receptions/hosts/{}.ics""#, p.host)));
    assert!(page.contains(&format!(r#"href="/en/receptions/{id}/book""#)), "open: the way to book");
    assert!(page.contains("Ғалия Әлімқұлова"), "the co-host");
    assert!(page.contains("Пандус бар, бірінші қабат"), "access to the place");
    // Every announced feed answers with its type.
    let mut feeds: Vec<String> = page
        .split(r#"<link rel="alternate" type=""#)
        .skip(1)
        .map(|s| s.split("href=\"").nth(1).unwrap().split('"').next().unwrap().to_owned())
        .collect();
    feeds.dedup();
    assert_eq!(feeds.len(), 3);
    for f in feeds {
        let r = app.get(&f, None).await;
        assert_eq!(r.status, StatusCode::OK, "{f}");
        let ct = r.headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(
            ct.starts_with(if f.ends_with(".ics") { "text/calendar" } else { "application/atom+xml" }),
            "{f}: {ct}"
        );
    }
}

async fn a_reception_at_half_past_midnight_is_on_its_local_day_everywhere(app: TestApp) {
    let p = programme(&app).await;
    let day = in_days(12);
    let at = local(day, 0, 30);
    let id = reception(&app, p.group, RURAL, p.host, at, 90, details(Mode::Place)).await;
    let iso = day.to_string();
    // The page: its local day and time, with the year.
    let page = app.get(&format!("/en/receptions/{id}"), None).await.body;
    assert!(page.contains(&format!("{}, 00:30–02:00", dotted(day))), "{page}");
    assert!(page.contains(&format!(r#"datetime="{iso}T00:30:00+05:00""#)));
    // The month calendar: in its local day's cell, not the UTC day before.
    let month = format!("{}-{:02}", day.year(), day.month());
    let cal = app.get(&format!("/en/receptions?view=month&month={month}"), None).await.body;
    let cell = cal.split(&format!(r#"<time datetime="{iso}">"#)).nth(1).unwrap().split("</td>").next().unwrap();
    assert!(cell.contains(&format!(r#"href="/en/receptions/{id}""#)), "{cell}");
    let before = day.yesterday().unwrap().to_string();
    if let Some(cell) = cal.split(&format!(r#"<time datetime="{before}">"#)).nth(1) {
        assert!(!cell.split("</td>").next().unwrap().contains(&format!("/receptions/{id}\"")));
    }
    // The list filtered to that local day has it; the day before has not.
    let on = app.get(&format!("/en/receptions?from={iso}&to={iso}"), None).await.body;
    assert!(on.contains(&format!(r#"href="/en/receptions/{id}""#)));
    let off = app.get(&format!("/en/receptions?from={before}&to={before}"), None).await.body;
    assert!(!off.contains(&format!(r#"href="/en/receptions/{id}""#)));
    // The API.
    let (s, v) = get_json(&app, &format!("/api/v1/receptions?from={iso}&to={iso}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["receptions"][0]["starts_at"], format!("{iso}T00:30:00+05:00"));
    assert_eq!(v["receptions"][0]["ends_at"], format!("{iso}T02:00:00+05:00"));
    let (_, v) = get_json(&app, &format!("/api/v1/receptions?from={before}&to={before}")).await;
    assert_eq!(v["receptions"], serde_json::json!([]));
    // The calendar feed, read by an independent parser.
    let ics = app.get(&format!("/en/receptions/territory/{RURAL}.ics"), None).await.body;
    if let Some(feed) = read_ical(&ics) {
        let e = event(&feed, id).unwrap();
        assert_eq!(e["start"], format!("{iso}T00:30:00+05:00"));
        assert_eq!(e["start_tzid"], "Asia/Qyzylorda");
    }
    // The Atom feed says it in words too.
    let atom = app.get("/en/receptions/feed.atom", None).await.body;
    let parsed = feed_rs::parser::parse(atom.as_bytes()).unwrap();
    let entry = parsed.entries.iter().find(|e| e.id.ends_with(&format!(":reception:{id}"))).unwrap();
    assert!(entry.summary.as_ref().unwrap().content.contains(&format!("{}, 00:30–02:00", dotted(day))));
}

async fn the_calendar_feeds_read_back_with_stable_uids_sequence_and_status(app: TestApp) {
    let p = programme(&app).await;
    let here = reception(&app, p.group, RURAL, p.host, local(in_days(3), 10, 0), 120, details(Mode::Place)).await;
    let village =
        reception(&app, p.group, VILLAGE, p.host, local(in_days(4), 10, 0), 120, details(Mode::FieldVisit)).await;
    let there =
        reception(&app, p.other_group, OTHER_RURAL, p.other_host, local(in_days(3), 10, 0), 120, details(Mode::Place))
            .await;
    let district = app.get(&format!("/ru/receptions/territory/{DISTRICT}.ics"), None).await;
    assert_eq!(district.status, StatusCode::OK);
    assert!(district.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/calendar"));
    let Some(feed) = read_ical(&district.body) else { return };
    // The district's subtree: the rural district and its village, not the other district.
    assert!(event(&feed, here).is_some() && event(&feed, village).is_some());
    assert!(event(&feed, there).is_none());
    assert_eq!(feed["timezones"][0]["tzid"], "Asia/Qyzylorda");
    for offset in feed["timezones"][0]["offsets"].as_object().unwrap().values() {
        assert_eq!(offset, "+05:00");
    }
    let first = event(&feed, here).unwrap().clone();
    assert_eq!(first["status"], "CONFIRMED");
    assert!(first["uid"].as_str().unwrap().starts_with(&format!("reception-{here}@")));
    assert!(first["url"].as_str().unwrap().ends_with(&format!("/ru/receptions/{here}")));
    assert!(first["summary"].as_str().unwrap().contains("Айгүл Сейітова"));
    assert!(first["description"].as_str().unwrap().contains("жер, су, жолдар"), "text with commas comes back whole");
    // Cancelled: the same UID, STATUS:CANCELLED, a higher SEQUENCE.
    app.db
        .store
        .cancel_reception(here, "Әкім облыстық кеңеске шақырылды", &Actor::system(), adaldyq_web::state::now())
        .await
        .unwrap();
    let again = read_ical(&app.get(&format!("/ru/receptions/territory/{DISTRICT}.ics"), None).await.body).unwrap();
    let cancelled = event(&again, here).unwrap();
    assert_eq!(cancelled["uid"], first["uid"]);
    assert_eq!(cancelled["status"], "CANCELLED");
    assert!(cancelled["sequence"].as_i64().unwrap() > first["sequence"].as_i64().unwrap());
    assert!(cancelled["description"].as_str().unwrap().contains("Әкім облыстық кеңеске шақырылды"));
    // The host's calendar: only their receptions.
    let host = read_ical(&app.get(&format!("/kk/receptions/hosts/{}.ics", p.other_host), None).await.body).unwrap();
    assert!(event(&host, there).is_some());
    assert!(event(&host, here).is_none() && event(&host, village).is_none());
    assert!(host["name"].as_str().unwrap().contains("Бақыт Жанғазиев"));
}

async fn the_atom_feed_reads_back_newest_first(app: TestApp) {
    let p = programme(&app).await;
    let older = reception(&app, p.group, RURAL, p.host, local(in_days(20), 10, 0), 60, details(Mode::Place)).await;
    let newer =
        reception(&app, p.other_group, OTHER_RURAL, p.other_host, local(in_days(2), 10, 0), 60, details(Mode::Place))
            .await;
    let r = app.get("/kk/receptions/feed.atom", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/atom+xml"));
    let feed = feed_rs::parser::parse(r.body.as_bytes()).unwrap();
    assert_eq!(feed.language.as_deref(), Some("kk"));
    assert!(feed.id.ends_with("/kk/receptions/feed.atom"));
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    let pos = |id: i64| ids.iter().position(|e| e.ends_with(&format!(":reception:{id}"))).unwrap();
    assert!(pos(newer) < pos(older), "the newest scheduled first: {ids:?}");
    let e = &feed.entries[pos(older)];
    assert!(e.links[0].href.ends_with(&format!("/kk/receptions/{older}")));
    assert!(e.title.as_ref().unwrap().content.contains("Айгүл Сейітова"));
    assert!(e.published.is_some() && e.updated.is_some());
    // Ids are the same in another language and on another request.
    let ru = feed_rs::parser::parse(app.get("/ru/receptions/feed.atom", None).await.body.as_bytes()).unwrap();
    let ru_ids: Vec<&str> = ru.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ru_ids);
}

async fn filters_narrow_the_list_and_a_bad_date_is_named_at_its_field(app: TestApp) {
    let p = programme(&app).await;
    let here = reception(&app, p.group, RURAL, p.host, local(in_days(3), 10, 0), 60, details(Mode::Place)).await;
    let there =
        reception(&app, p.other_group, OTHER_RURAL, p.other_host, local(in_days(6), 10, 0), 60, details(Mode::Place))
            .await;
    let shows = |body: &str, id: i64| body.contains(&format!(r#"href="/en/receptions/{id}""#));
    let all = app.get("/en/receptions", None).await.body;
    assert!(shows(&all, here) && shows(&all, there));
    let district = app.get(&format!("/en/receptions?district={DISTRICT}"), None).await.body;
    assert!(shows(&district, here) && !shows(&district, there));
    let rural = app.get(&format!("/en/receptions?rural={OTHER_RURAL}"), None).await.body;
    assert!(!shows(&rural, here) && shows(&rural, there));
    let institution = app.get(&format!("/en/receptions?institution={}", app.institution), None).await.body;
    assert!(shows(&institution, here) && !shows(&institution, there), "the host works for the test institution");
    let d = in_days(5).to_string();
    let later = app.get(&format!("/en/receptions?from={d}"), None).await.body;
    assert!(!shows(&later, here) && shows(&later, there));
    let m = format!("{}-{:02}", in_days(5).year(), in_days(5).month());
    let month_link = later.replace("&#38;", "&").replace("&amp;", "&");
    assert!(month_link.contains(&format!("view=month&month={m}")), "the calendar opens on the list's month");
    let typed = dotted(in_days(4));
    let until = app.get(&format!("/en/receptions?to={typed}"), None).await.body;
    assert!(shows(&until, here) && !shows(&until, there), "a date typed as dd.mm.yyyy");
    // A bad date: 422, the error at its field in the reader's language, what was typed kept.
    let bad = app.get(&format!("/kk/receptions?district={DISTRICT}&from=31.02.2026"), None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("<title>Қате: "), "the title starts with Error in Kazakh");
    assert!(bad.body.contains(r##"<a href="#from">Күнді мына түрде енгізіңіз: 01.03.2026</a>"##));
    assert!(bad.body.contains(r#"value="31.02.2026" aria-invalid="true""#));
    assert!(bad.body.contains(&format!(r#"<option value="{DISTRICT}" selected>"#)));
    let reversed = app.get(&format!("/ru/receptions?from={d}&to={}", in_days(1)), None).await;
    assert_eq!(reversed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reversed.body.contains("Дата окончания не может быть раньше даты начала"));
}

async fn nothing_public_shows_an_online_link_or_a_booked_person(app: TestApp) {
    let p = programme(&app).await;
    let id = reception(&app, p.group, RURAL, p.host, local(in_days(4), 11, 0), 60, details(Mode::Online)).await;
    let person = validate_booking(&BookingInput {
        name: "Сәуле Жасырынова".into(),
        phone: "8 (701) 765-43-21".into(),
        email: "saule.hidden@example.kz".into(),
        topic: "Көрші жер телімі".into(),
        priority: "veteran".into(),
    })
    .unwrap();
    let placed = app
        .db
        .store
        .book(
            &NewBooking {
                reception_id: id,
                slot_id: None,
                booking: person,
                manage_token_hash: vec![7; 32],
                idempotency_key: None,
                user_id: None,
                language: "kk".into(),
            },
            adaldyq_web::state::now(),
        )
        .await
        .unwrap();
    let BookingOutcome::Placed(placed) = placed else { panic!("not booked: {placed:?}") };
    let secrets = [
        "meet.example",
        "secret-room-42",
        "Сәуле",
        "Жасырынова",
        "7017654321",
        "765-43-21",
        "saule.hidden",
        "Көрші жер телімі",
        "veteran",
        placed.code.as_str(),
    ];
    let month = format!("{}-{:02}", in_days(4).year(), in_days(4).month());
    let mut answers = Vec::new();
    for lang in ["kk", "ru", "en"] {
        for path in [
            format!("/{lang}/receptions"),
            format!("/{lang}/receptions?view=month&month={month}"),
            format!("/{lang}/receptions/{id}"),
            format!("/{lang}/receptions/groups/{}", p.group),
            format!("/{lang}/receptions/programme"),
            format!("/{lang}/receptions/territory/{RURAL}.ics"),
            format!("/{lang}/receptions/hosts/{}.ics", p.host),
            format!("/{lang}/receptions/feed.atom"),
        ] {
            answers.push((path.clone(), app.get(&path, None).await));
        }
    }
    answers.push(("/api/v1/receptions".into(), app.get("/api/v1/receptions", None).await));
    for (path, r) in &answers {
        assert_eq!(r.status, StatusCode::OK, "{path}");
        for s in secrets {
            assert!(!r.body.contains(s), "{path} shows {s:?}");
        }
    }
    // It is the online reception, and its seat is taken.
    let page = &answers.iter().find(|(p, _)| p == &format!("/en/receptions/{id}")).unwrap().1.body;
    assert!(page.contains("Online") && page.contains("Sent only to people who booked a place"));
    let (_, v) = get_json(&app, "/api/v1/receptions").await;
    let item = v["receptions"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(item["seats_left"], 3, "four seats (two slots of two), one taken");
}

async fn a_held_reception_shows_its_summary_and_an_absent_host(app: TestApp) {
    let p = programme(&app).await;
    let s = &app.db.store;
    let starts = local(in_days(1), 10, 0);
    let held = reception(&app, p.group, RURAL, p.host, starts, 60, details(Mode::Place)).await;
    let absent = reception(&app, p.other_group, OTHER_RURAL, p.other_host, starts, 60, details(Mode::Place)).await;
    let person = validate_booking(&BookingInput {
        name: "Ерлан Келген".into(),
        phone: "+77019998877".into(),
        topic: "Су".into(),
        ..BookingInput::default()
    })
    .unwrap();
    let outcome = s
        .book(
            &NewBooking {
                reception_id: held,
                slot_id: None,
                booking: person,
                manage_token_hash: vec![9; 32],
                idempotency_key: None,
                user_id: None,
                language: "ru".into(),
            },
            adaldyq_web::state::now(),
        )
        .await
        .unwrap();
    let BookingOutcome::Placed(placed) = outcome else { panic!("{outcome:?}") };
    // The day comes: checked in, a question answered on the spot, held.
    let later = starts + 30 * 60;
    s.check_in(held, &placed.code, later).await.unwrap();
    s.add_question(
        &NewQuestion {
            booking_id: placed.booking_id,
            text: "Су құбыры қашан жөнделеді?".into(),
            outcome: QuestionOutcome::AnsweredOnTheSpot,
            answer: "Келесі айда.".into(),
        },
        later,
    )
    .await
    .unwrap()
    .unwrap();
    s.hold_reception(held, true, &Actor::system(), starts + 3600).await.unwrap().unwrap();
    s.hold_reception(absent, false, &Actor::system(), starts + 3600).await.unwrap().unwrap();
    let page = app.get(&format!("/en/receptions/{held}"), None).await.body;
    assert!(page.contains("This reception has been held"));
    let summary = page.split("summary-heading").nth(2).unwrap();
    assert!(summary.contains("<dt>People received</dt><dd>1</dd>"), "{summary}");
    assert!(summary.contains("<dt>Questions raised</dt><dd>1</dd>"));
    assert!(summary.contains("<dt>Questions registered as appeals</dt><dd>0</dd>"));
    assert!(!page.contains("Су құбыры") && !page.contains("Ерлан"), "no question text, no name");
    assert!(!page.contains("/book\""), "nothing to book");
    let page = app.get(&format!("/ru/receptions/{absent}"), None).await.body;
    assert!(page.contains("Принимающее должностное лицо не пришло на этот приём."));
    let (_, v) = get_json(&app, &format!("/api/v1/receptions?from={}", in_days(1))).await;
    let statuses: Vec<&str> =
        v["receptions"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["held", "held"]);
}

async fn the_group_page_shows_only_agreed_contacts_and_splits_past_from_upcoming(app: TestApp) {
    let p = programme(&app).await;
    let now = adaldyq_web::state::now();
    let past = reception(&app, p.group, RURAL, p.host, now - 10 * 86_400, 60, details(Mode::Place)).await;
    let coming = reception(&app, p.group, RURAL, p.host, now + 10 * 86_400, 60, details(Mode::Place)).await;
    let page = app.get(&format!("/kk/receptions/groups/{}", p.group), None).await.body;
    assert!(page.contains("<h1>Аманөткел жұмыс тобы</h1>"));
    assert!(page.contains("Асқар Келісті") && page.contains("+77010000001"));
    assert!(page.contains("Дана Құпиялы") && !page.contains("+77010000002"), "a contact shown only where agreed");
    assert!(page.contains("+7 724 000 11 22"), "the group's own contact");
    let upcoming = page.split("upcoming-heading").nth(2).unwrap().split("past-heading").next().unwrap();
    assert!(
        upcoming.contains(&format!("/kk/receptions/{coming}\""))
            && !upcoming.contains(&format!("/kk/receptions/{past}\""))
    );
    let gone = page.split("past-heading").nth(2).unwrap();
    assert!(gone.contains(&format!("/kk/receptions/{past}\"")));
    // The programme lists both groups under their districts.
    let prog = app.get("/ru/receptions/programme", None).await.body;
    assert!(prog.contains("<h1>Акмешит — адалдық алаңы</h1>"));
    assert!(prog.contains(&format!("/ru/receptions/groups/{}\"", p.group)));
    assert!(prog.contains(&format!("/ru/receptions/groups/{}\"", p.other_group)));
    assert!(prog.contains("Аральский район") || prog.contains("Арал"), "districts by name");
    assert!(prog.contains("Проектный офис «Адалдық алаңы»"));
}

async fn unknown_receptions_groups_and_feeds_are_404_in_the_readers_language(app: TestApp) {
    let p = programme(&app).await;
    for (path, words) in [
        ("/kk/receptions/999999".to_owned(), "табылмады"),
        ("/ru/receptions/abc".into(), "не найден"),
        ("/en/receptions/0".into(), "not found"),
        ("/ru/receptions/groups/999999".into(), "не найден"),
        ("/kk/receptions/hosts/999999.ics".into(), "табылмады"),
        (format!("/en/receptions/hosts/{}.txt", p.host), "not found"),
        ("/en/receptions/territory/123.ics".into(), "not found"),
        ("/en/receptions/territory/439999999.ics".into(), "not found"),
    ] {
        let r = app.get(&path, None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(r.body.to_lowercase().contains(words), "{path}: {}", r.body);
    }
}

async fn the_api_answers_its_documented_shape_and_refuses_bad_parameters(app: TestApp) {
    let p = programme(&app).await;
    let day = in_days(7);
    let id = reception(&app, p.group, VILLAGE, p.host, local(day, 10, 0), 120, details(Mode::FieldVisit)).await;
    reception(&app, p.other_group, OTHER_RURAL, p.other_host, local(day, 10, 0), 120, details(Mode::Place)).await;
    let (s, v) = get_json(&app, &format!("/api/v1/receptions?territory={RURAL}&from={day}&to={day}")).await;
    assert_eq!(s, StatusCode::OK);
    let list = v["receptions"].as_array().unwrap();
    assert_eq!(list.len(), 1, "the rural district's subtree only: {v}");
    let r = &list[0];
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["ends_at", "host", "id", "seats_left", "starts_at", "status", "territory", "title"]);
    assert_eq!(r["id"], id);
    assert_eq!(r["territory"], VILLAGE);
    assert_eq!(r["starts_at"], format!("{day}T10:00:00+05:00"));
    assert_eq!(r["ends_at"], format!("{day}T12:00:00+05:00"));
    assert_eq!(r["status"], "open");
    assert_eq!(r["seats_left"], 8);
    assert_eq!(r["host"]["name"], "Айгүл Сейітова");
    assert_eq!(r["host"]["position"], "аким сельского округа", "in the language asked for (ru)");
    assert_eq!(r["host"]["institution"], "Демо учреждение", "in the language asked for (ru)");
    assert_eq!(r["title"], "Приём граждан: Айгүл Сейітова");
    // Refusals, as the document says: 422 naming the parameter, 400 for a repeat.
    for (query, field) in [
        ("territory=12345", "territory"),
        ("from=2026-02-30", "from"),
        ("to=01.03.2026", "to"),
        ("from=2026-03-05&to=2026-03-01", "to"),
    ] {
        let (s, v) = get_json(&app, &format!("/api/v1/receptions?{query}")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(v["errors"][0]["field"], field, "{query}: {v}");
        assert!(v["detail"].as_str().unwrap().contains("Параметр"), "in the reader's language: {v}");
    }
    let (s, _) = get_json(&app, "/api/v1/receptions?from=2026-03-01&from=2026-03-02").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // The document describes the answer.
    let (_, doc) = get_json(&app, "/api/v1/openapi.json").await;
    let op = &doc["paths"]["/api/v1/receptions"]["get"];
    let names: Vec<&str> = op["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["territory", "from", "to"]);
    let schema = &doc["components"]["schemas"]["Reception"];
    let mut required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    required.sort();
    assert_eq!(required, keys);
}
