//! What a citizen sees when following an appeal: the rating and dispute
//! forms' errors and confirmations (Post/Redirect/Get, no secret in an
//! address), the due date in full sentences, and the log proof in words.

mod support;

use adaldyq_domain::appeal::{EventKind, Status};
use adaldyq_domain::calendar::Reason;
use adaldyq_domain::Role;
use axum::http::{header, StatusCode};
use support::TestApp;

both_backends!(
    a_missing_score_or_reason_is_named_at_the_top_in_each_language,
    every_refusal_on_the_status_page_says_why,
    a_rating_leads_to_a_confirmation_whose_address_holds_no_secret,
    a_dispute_shows_the_new_body_and_due_date_with_its_reason,
    due_dates_are_told_in_sentences,
    every_day_off_is_named_in_the_readers_language,
    terms_are_counted_in_the_right_plural,
    the_status_page_says_why_and_by_whom_the_date_moved,
    the_proof_is_one_sentence_with_the_detail_folded,
    the_track_form_names_each_empty_field_and_a_wrong_receipt,
);

/// An appeal to the test institution, answered by its officer.
async fn answered(app: &TestApp) -> (String, String) {
    let (number, secret) = support::file_to_institution(app).await;
    let officer = app.sign_in(&app.user(Role::Officer).await).await;
    let r = app.post_form(&format!("/en/staff/appeals/{number}/answer"), &[("text", "Done.")], Some(&officer)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (number, secret)
}

/// The text of the page's `<title>`.
fn title(html: &str) -> &str {
    support::between(html, "<title>", "</title>").unwrap_or("")
}

async fn a_missing_score_or_reason_is_named_at_the_top_in_each_language(app: TestApp) {
    let (number, secret) = answered(&app).await;
    for (lang, error, choose, write) in [
        ("kk", "Қате: ", "Жауап қаншалықты пайдалы болғанын", "Жауаппен неліктен келіспейтініңізді жазыңыз."),
        ("ru", "Ошибка: ", "Выберите, насколько полезным был ответ", "Напишите, почему Вы не согласны с ответом."),
        ("en", "Error: ", "Choose how useful the answer was", "Write why you disagree with the answer."),
    ] {
        // No score, a comment typed: the comment comes back.
        let fields = [("number", number.as_str()), ("secret", secret.as_str()), ("text", "Кеш, but «clear» & <ok>")];
        let r = app.post_form(&format!("/{lang}/track/rate"), &fields, None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        assert!(title(&r.body).starts_with(error), "{lang}: {}", title(&r.body));
        let summary = support::between(&r.body, "class=\"error-summary\"", "</div>").expect("a summary");
        assert!(summary.contains("autofocus") && summary.contains("tabindex=\"-1\""), "{lang}: focused: {summary}");
        assert!(summary.contains(&format!("<a href=\"#rating-1\">{choose}")), "{lang}: {summary}");
        assert!(r.body.contains("<fieldset aria-describedby=\"rating-1-error\">"), "{lang}");
        assert!(r.body.contains(&format!("<p class=\"error\" id=\"rating-1-error\">{choose}")), "{lang}");
        assert!(
            r.body.contains("id=\"rating-1\" name=\"rating\" value=\"1\" required aria-invalid=\"true\""),
            "{lang}"
        );
        let kept = support::between(&r.body, "id=\"rate-text\"", "</textarea>").unwrap_or("");
        assert!(kept.ends_with(">Кеш, but «clear» &#38; &#60;ok&#62;"), "{lang}: the comment is kept: {kept}");
        assert!(r.body.contains("action=\"/") && r.body.contains("/track/rate\" class=\"stack wide\" novalidate"));

        // An empty dispute, and one of spaces only: named, and what was typed kept.
        for typed in ["", "   "] {
            let fields = [("number", number.as_str()), ("secret", secret.as_str()), ("text", typed)];
            let r = app.post_form(&format!("/{lang}/track/dispute"), &fields, None).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
            assert!(title(&r.body).starts_with(error), "{lang}: {}", title(&r.body));
            assert!(r.body.contains(&format!("<a href=\"#dispute-text\">{write}</a>")), "{lang}: {}", r.body);
            assert!(r.body.contains(&format!("<p class=\"error\" id=\"dispute-text-error\">{write}</p>")), "{lang}");
            assert!(
                r.body.contains(&format!(
                    "aria-describedby=\"dispute-hint dispute-text-error\" required aria-invalid=\"true\">{typed}</textarea>"
                )),
                "{lang}: {}",
                r.body
            );
        }
        // Without an error the title has no prefix.
        let ok = app.post_form(&format!("/{lang}/track"), &[("number", &number), ("secret", &secret)], None).await;
        assert!(!title(&ok.body).contains(error.trim_end()), "{lang}: {}", title(&ok.body));
        assert!(!ok.body.contains("error-summary"));
    }
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    assert_eq!(a.status, Status::Answered, "nothing was recorded");
}

async fn every_refusal_on_the_status_page_says_why(app: TestApp) {
    let (number, secret) = answered(&app).await;
    // A wrong secret: the track form again, with its message, not a bare 404.
    for path in ["/en/track/rate", "/en/track/dispute"] {
        let r = app
            .post_form(path, &[("number", &number), ("secret", "WRONG"), ("rating", "3"), ("text", "x")], None)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("No appeal matches this number and secret."), "{path}: {}", r.body);
        assert!(r.body.contains(&format!("value=\"{number}\"")), "{path}: the number is kept");
    }
    let rate = [("number", number.as_str()), ("secret", secret.as_str()), ("rating", "5"), ("text", "")];
    assert_eq!(app.post_form("/en/track/rate", &rate, None).await.status, StatusCode::SEE_OTHER);
    let again = app.post_form("/en/track/rate", &rate, None).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(title(&again.body).starts_with("Error: "));
    assert!(again.body.contains("This answer has already been rated"), "{}", again.body);
    // Adding information to an answered appeal is refused with a reason.
    let info = app
        .post_form("/ru/track/information", &[("number", &number), ("secret", &secret), ("text", "ещё")], None)
        .await;
    assert_eq!(info.status, StatusCode::CONFLICT);
    assert!(info.body.contains("Дополнить обращение больше нельзя"), "{}", info.body);
    // Rated, and still within the window: a dispute goes through once; a
    // second one is refused with its reason.
    let late = app
        .post_form("/kk/track/dispute", &[("number", &number), ("secret", &secret), ("text", "келіспеймін")], None)
        .await;
    assert_eq!(late.status, StatusCode::SEE_OTHER, "{}", late.body);
    let twice =
        app.post_form("/kk/track/dispute", &[("number", &number), ("secret", &secret), ("text", "тағы")], None).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(twice.body.contains("Бұл жауапқа енді шағымдану мүмкін емес"), "{}", twice.body);
    assert!(title(&twice.body).starts_with("Қате: "));
}

async fn a_rating_leads_to_a_confirmation_whose_address_holds_no_secret(app: TestApp) {
    let (number, secret) = answered(&app).await;
    let fields = [("number", number.as_str()), ("secret", secret.as_str()), ("rating", "4"), ("text", "Good")];
    let r = app.post_form("/ru/track/rate", &fields, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.location().to_owned();
    assert!(to.starts_with("/ru/track?done=rated."), "{to}");
    let plain: String = secret.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    for part in [secret.as_str(), &plain, &plain[..8], &plain.to_lowercase()[..8]] {
        assert!(!to.to_uppercase().contains(&part.to_uppercase()), "no part of the secret in {to}");
    }
    let page = app.get(&to, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(
        page.body.contains(&format!("Спасибо: Ваша оценка ответа на обращение {number} записана.")),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"done\" autofocus"), "the confirmation takes the focus");
    assert!(page.body.contains(&format!("value=\"{number}\"")), "the track form has the number");
    assert!(!page.body.contains(&secret) && !page.body.contains("Done."), "neither the secret nor the answer");
    // The language switch keeps the confirmation.
    assert!(page.body.contains(&format!("href=\"/kk{}\"", &to[3..])), "{}", page.body);
    let kk = app.get(&format!("/kk{}", &to[3..]), None).await;
    assert!(kk.body.contains("бағаңыз жазылды"), "{}", kk.body);
    // The rating is recorded once; a forged or altered address shows nothing.
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let rated = app.db.store.appeal_events(a.id).await.unwrap().iter().filter(|e| e.kind == EventKind::Rated).count();
    assert_eq!(rated, 1);
    let forged = to.replace("rated.", "disputed.");
    let page = app.get(&forged, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("больше не показывается") && !page.body.contains("записана"), "{}", page.body);
}

async fn a_dispute_shows_the_new_body_and_due_date_with_its_reason(app: TestApp) {
    support::regional_body(&app).await;
    let (number, secret) = answered(&app).await;
    let before = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let sent = jiff::Timestamp::now();
    let r = app
        .post_form("/en/track/dispute", &[("number", &number), ("secret", &secret), ("text", "Still no water.")], None)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.location().to_owned();
    assert!(to.starts_with("/en/track?done=disputed.") && !to.contains(&secret), "{to}");
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let due: jiff::civil::Date = a.due_on.parse().unwrap();
    // Registered by Art. 64 as a filing is: a dispute sent after 18:30 or on
    // a day off counts from the next working day (it once counted from the
    // day itself, a day earlier than the filing's own term).
    let hours = adaldyq_domain::calendar::WorkingHours::default();
    assert_eq!(
        due,
        app.state.calendar().due_on_arrival(sent, &hours, 15).due,
        "the term from the dispute's registration"
    );
    let shown = format!("{:02}.{:02}.{}", due.day(), due.month(), due.year());
    let was: jiff::civil::Date = before.due_on.parse().unwrap();
    let was = format!("{:02}.{:02}.{}", was.day(), was.month(), was.year());
    let page = app.get(&to, None).await.body;
    assert!(page.contains(&format!("Your dispute of the answer to appeal {number} is recorded.")), "{page}");
    assert!(page.contains("The appeal is now handled by Regional akimat (demo)."), "{page}");
    assert!(page.contains(&format!("The answer is due by {shown} (")), "{page}");
    assert!(
        page.contains("you disputed the answer. The appeal went to the higher body, Regional akimat (demo), with a new term of 15 working days from the dispute: the answer is now due by ")
            && page.contains(&format!("now due by {shown}"))
            && page.contains(&format!("(it was {was}).")),
        "the reason: {page}"
    );
    // The status page says the same.
    let status = app.post_form("/ru/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(status.contains("<dt>Рассматривает</dt><dd>Акимат области (демо)</dd>"), "{status}");
    assert!(status.contains("Вы обжаловали ответ. Обращение передано в вышестоящий орган — Акимат области (демо) — с новым сроком в 15 рабочих дней"), "{status}");
    assert!(status.contains(&format!("Ответ нужно дать не позднее {shown}")), "{status}");
}

async fn due_dates_are_told_in_sentences(app: TestApp) {
    let en = app.get("/en/calendar?registered=2026-03-18T10%3A00&days=15", None).await.body;
    for sentence in [
        "The appeal was registered on 18.03.2026 (Wednesday).",
        "The term is 15 working days, counted from the next working day, 19.03.2026 (Thursday); Saturdays, Sundays and days off are not counted.",
        "23.03.2026–25.03.2026 are days off (Nauryz; Nauryz, moved from 22.03.2026) and are not counted.",
        "The answer is due by 13.04.2026 (Monday).",
    ] {
        assert!(en.contains(sentence), "{sentence}\n{en}");
    }
    // After hours on Friday 20 March 2026: the weekend and Nauryz pass.
    let late = app.get("/en/calendar?registered=2026-03-20T19%3A05&days=15", None).await.body;
    assert!(
        late.contains("The appeal arrived on 20.03.2026 (Friday) at 19:05, after the working day had ended (18:30), so it was registered on the next working day, 26.03.2026 (Thursday)."),
        "{late}"
    );
    let ru = app.get("/ru/calendar?registered=2026-03-20T19%3A05&days=15", None).await.body;
    assert!(ru.contains("Обращение поступило 20.03.2026 (пятница) в 19:05, после окончания рабочего дня (18:30), поэтому оно зарегистрировано в следующий рабочий день — 26.03.2026 (четверг)."), "{ru}");
    // On a day off: a holiday on a weekend, a plain weekend, a weekday off.
    let nauryz = app.get("/en/calendar?registered=2026-03-21T10%3A00&days=15", None).await.body;
    assert!(nauryz.contains("The appeal arrived on 21.03.2026 (Saturday), a day off (Nauryz), so it was registered on the next working day, 26.03.2026 (Thursday)."), "{nauryz}");
    let saturday = app.get("/kk/calendar?registered=2026-04-04T10%3A00&days=15", None).await.body;
    assert!(saturday.contains("Өтініш 04.04.2026 (сенбі) демалыс күні түсті, сондықтан ол келесі жұмыс күні — 06.04.2026 (дүйсенбі) тіркелді."), "{saturday}");
    let christmas = app.get("/ru/calendar?registered=2026-01-07T10%3A00&days=15", None).await.body;
    assert!(christmas.contains("в нерабочий день (Православное Рождество)"), "{christmas}");
    // In hours: no arrival sentence.
    assert!(!en.contains("arrived"));
    // A weekend worked by decree is named and counted.
    let worked = app.get("/en/calendar?registered=2024-12-30T10%3A00&days=15", None).await.body;
    assert!(worked.contains("05.01.2025 (Sunday) is a working day by government decree and is counted."), "{worked}");
    assert!(worked.contains("01.01.2025–03.01.2025 are days off (New Year; a day off moved by decree)"), "{worked}");
    // One day off alone reads in the singular.
    let one = app.get("/ru/calendar?registered=2026-03-02T10%3A00&days=5", None).await.body;
    assert!(
        one.contains(
            "09.03.2026 — нерабочий день (Международный женский день, перенос с 08.03.2026), он не считается."
        ),
        "{one}"
    );
}

async fn every_day_off_is_named_in_the_readers_language(app: TestApp) {
    // Two long terms: 2021 (with First President Day and 17 December) and
    // 2026 (with Kurban Ait on 27 May and Republic Day carried over).
    let terms = ["registered=2021-01-04T10%3A00&days=250", "registered=2025-12-29T10%3A00&days=250"];
    for (lang, nauryz) in [("kk", "Наурыз мейрамы"), ("ru", "Наурыз"), ("en", "Nauryz")] {
        for q in terms {
            let body = app.get(&format!("/{lang}/calendar?{q}"), None).await.body;
            assert!(body.contains(nauryz), "{lang}");
            for r in Reason::ALL {
                assert!(!has_word(&body, r.as_str()), "{lang}: the code {} shows raw", r.as_str());
            }
        }
        // Every holiday of those years is named, in its own words.
        let all: String = {
            let mut s = String::new();
            for q in terms {
                s.push_str(&app.get(&format!("/{lang}/calendar?{q}"), None).await.body);
            }
            s
        };
        // Every holiday the calendar knows, so a new one is checked too.
        let holidays = Reason::ALL
            .into_iter()
            .filter(|r| !matches!(r, Reason::HolidayCarryOver | Reason::Transfer | Reason::WorkingWeekend));
        for r in holidays {
            let name =
                adaldyq_web::i18n::message(lang_of(lang), &format!("reason-{}", r.as_str().replace('_', "-")), None);
            assert!(all.contains(&name.replace('\'', "&#39;")), "{lang}: {name} is named");
        }
    }
}

/// Whether `word` stands alone in `text` (not inside "transfers").
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let after = text[i + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '_');
        before && after
    })
}

fn lang_of(lang: &str) -> adaldyq_domain::Locale {
    match lang {
        "kk" => adaldyq_domain::Locale::Kk,
        "ru" => adaldyq_domain::Locale::Ru,
        _ => adaldyq_domain::Locale::En,
    }
}

async fn terms_are_counted_in_the_right_plural(app: TestApp) {
    for (days, ru, en, kk) in [
        (1, "Срок ответа — 1 рабочий день,", "The term is 1 working day,", "Жауап беру мерзімі — 1 жұмыс күні;"),
        (2, "Срок ответа — 2 рабочих дня,", "The term is 2 working days,", "Жауап беру мерзімі — 2 жұмыс күні;"),
        (5, "Срок ответа — 5 рабочих дней,", "The term is 5 working days,", "Жауап беру мерзімі — 5 жұмыс күні;"),
        (21, "Срок ответа — 21 рабочий день,", "The term is 21 working days,", "Жауап беру мерзімі — 21 жұмыс күні;"),
    ] {
        let q = format!("registered=2026-04-06T10%3A00&days={days}");
        for (lang, phrase) in [("ru", ru), ("en", en), ("kk", kk)] {
            let body = app.get(&format!("/{lang}/calendar?{q}"), None).await.body;
            assert!(body.contains(phrase), "{lang}, {days} days: {phrase}\n{body}");
        }
    }
}

async fn the_status_page_says_why_and_by_whom_the_date_moved(app: TestApp) {
    let (number, secret) = support::file_to_institution(&app).await;
    let head_email = app.user(Role::Head).await;
    let head = app.sign_in(&head_email).await;
    let before = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let calendar = app.state.calendar();
    let was: jiff::civil::Date = before.due_on.parse().unwrap();
    let new_due = calendar.add_working_days(was, 5);
    let dmy = |d: jiff::civil::Date| format!("{:02}.{:02}.{}", d.day(), d.month(), d.year());
    let r = app
        .post_form(
            &format!("/en/staff/appeals/{number}/extend"),
            &[("due", &new_due.to_string()), ("reason", "A site visit is needed.")],
            Some(&head),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let today = calendar.time_zone().to_datetime(jiff::Timestamp::now()).date();
    let status = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    let sentence =
        format!("On {} the head of the body extended the term from {} to {} (", dmy(today), dmy(was), dmy(new_due));
    assert!(status.contains(&sentence), "{sentence}\n{status}");
    assert!(status.contains("Reason: A site visit is needed."), "{status}");
    assert!(status.contains("The term is 15 working days"), "the first term, then the move: {status}");
    let staff_name = app.db.store.user_by_email(&head_email).await.unwrap().unwrap().name;
    assert!(!status.contains(&staff_name), "no staff member's name on the public page");
    let ru = app.post_form("/ru/track", &[("number", &number), ("secret", &secret)], None).await.body;
    assert!(
        ru.contains(&format!(
            "{} руководитель органа продлил срок ответа с {} до {}",
            dmy(today),
            dmy(was),
            dmy(new_due)
        )),
        "{ru}"
    );
    // The staff appeal page explains it the same way.
    let staff = app.get(&format!("/en/staff/appeals/{number}"), Some(&head)).await.body;
    assert!(staff.contains(&sentence), "{staff}");

    // A clarification asked seven working days ago stops the clock for them.
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let asked = today.checked_sub(jiff::Span::new().days(14)).unwrap();
    let stopped = calendar.working_days_between(asked, today);
    let ask = adaldyq_store::NewEvent {
        kind: EventKind::ClarificationRequested,
        at: adaldyq_web::state::now(),
        actor_role: "officer".into(),
        actor_user_id: None,
        body: serde_json::json!({ "text": "Which street?", "asked_on": asked.to_string() }).to_string(),
        internal: false,
        notice: None,
        staff_notice: None,
    };
    assert!(app.db.store.record_event(a.id, a.status, Status::AwaitingClarification, &ask).await.unwrap());
    let r = app
        .post_form(
            "/en/track/clarification",
            &[("number", &number), ("secret", &secret), ("text", "Abai street")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let moved: jiff::civil::Date = after.due_on.parse().unwrap();
    assert!(moved > new_due);
    let sentence = format!(
        "On {} the body asked you to clarify the appeal; the term stood still for {stopped} working days until your answer on {}, so the due date moved from {} to {} (",
        dmy(asked),
        dmy(today),
        dmy(new_due),
        dmy(moved)
    );
    assert!(r.body.contains(&sentence), "{sentence}\n{}", r.body);
    assert!(r.body.contains(&format!("The answer is due by {} (", dmy(moved))));
    // Staff read the same facts with the applicant in the third person.
    let staff = app.get(&format!("/en/staff/appeals/{number}"), Some(&head)).await.body;
    let for_staff = sentence
        .replace("asked you to clarify", "asked the applicant to clarify")
        .replace("until your answer", "until the applicant's answer");
    assert!(staff.contains(&for_staff.replace('\'', "&#39;")), "{for_staff}\n{staff}");
    assert!(!staff.contains("asked you to") && !staff.contains("you disputed"), "no \"you\" on a staff page");
}

async fn the_proof_is_one_sentence_with_the_detail_folded(app: TestApp) {
    let (number, secret) = support::file_to_institution(&app).await;
    app.state.checkpoint().await.unwrap().expect("a new checkpoint");
    let page = app.post_form("/en/track", &[("number", &number), ("secret", &secret)], None).await.body;
    let section = support::between(&page, "<section aria-labelledby=\"log-title\"", "</section>").unwrap();
    // Without the script, the sentence does not claim a check it did not make.
    let sentence = support::between(section, "id=\"log-verify\"", "</p>").unwrap();
    assert!(sentence.ends_with(
        ">This filing is recorded in the public log. To check it yourself, download your receipt and follow the steps on the transparency page."
    ), "{sentence}");
    assert!(!sentence.split('>').next_back().unwrap().contains("checked"), "{sentence}");
    assert!(sentence.contains("data-ok=\"This filing is recorded in the public log; your browser checked it.\""));
    let details = support::between(section, "<details>", "</details>").expect("the detail is folded");
    for part in ["Leaf hash (SHA-256)", "Tree size", "Inclusion proof", "Signed checkpoint", "<pre class=\"wrap\""] {
        assert!(details.contains(part), "{part} inside <details>: {details}");
    }
    // The leaf hash is the RFC 9162 one of the logged leaf.
    let a = app.db.store.appeal_by_number(&number).await.unwrap().unwrap();
    let events = app.db.store.appeal_events(a.id).await.unwrap();
    let index = events.iter().find(|e| e.kind == EventKind::Filed).and_then(|e| e.leaf_index).unwrap() as u64;
    let leaf = app.db.store.log_leaves(index, index + 1).await.unwrap().pop().unwrap().1;
    use sha2::Digest;
    let hash: String = sha2::Sha256::new()
        .chain_update([0u8])
        .chain_update(&leaf)
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(details.contains(&hash), "{details}");
    assert!(details.contains(&format!("Entry number (leaf index)</dt><dd>{index}</dd>")), "{details}");
    assert!(!section[..section.find("<details>").unwrap()].contains("Tree size"), "no detail outside");
    assert!(section.contains("href=\"/en/transparency\">How to check the log yourself</a>"));
}

async fn the_track_form_names_each_empty_field_and_a_wrong_receipt(app: TestApp) {
    // The browser does not check (novalidate): the server names each field.
    let form = app.get("/kk/track", None).await.body;
    assert!(form.contains("novalidate") && !form.contains(" required"), "no browser bubbles in the browser's language");
    let r = app.post_form("/kk/track", &[("number", ""), ("secret", " ")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("<title>Қате: "), "the title says there is an error: {}", r.body);
    assert!(r.body.contains("id=\"errors\" autofocus"), "the summary takes the focus");
    assert!(r.body.contains("<a href=\"#number\">Талон нөмірін жазыңыз"), "{}", r.body);
    assert!(r.body.contains("<a href=\"#secret\">Талондағы құпия кодты жазыңыз"), "{}", r.body);
    assert!(r.body.contains("aria-describedby=\"number-hint number-error\" aria-invalid=\"true\""), "{}", r.body);
    assert!(r.body.contains("aria-describedby=\"secret-hint secret-error\" aria-invalid=\"true\""), "{}", r.body);
    // Only the secret missing: the number is kept and only the secret named.
    let r = app.post_form("/ru/track", &[("number", "43-2026-000001"), ("secret", "")], None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("<title>Ошибка: ") && r.body.contains("value=\"43-2026-000001\""), "{}", r.body);
    assert!(r.body.contains("#secret\">Укажите секретный код") && !r.body.contains("#number\">"), "{}", r.body);
    // A receipt that matches nothing: the same summary, pointing at the number.
    let (number, _) = support::file_to_institution(&app).await;
    let r = app.post_form("/en/track", &[("number", &number), ("secret", "WRONG")], None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("<title>Error: "), "{}", r.body);
    assert!(r.body.contains("<a href=\"#number\">No appeal matches this number and secret."), "{}", r.body);
}
