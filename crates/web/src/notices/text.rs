//! What a notice says, in its recipient's language: a subject, a plain
//! text and an HTML body for e-mail, and a short text for SMS that fits
//! one Cyrillic SMS (70 characters) where it can and says where to read
//! more. Texts are the `notice-…` Fluent messages; kk-Latn is the Kazakh
//! text transliterated, as the pages are. The receipt secret is never in
//! a notice: it is not stored, and the tracking page asks for it. Staff
//! notices link to the staff pages instead of the tracking page; an
//! optional notice's e-mail says how to switch it off (and carries the
//! same link as `List-Unsubscribe`, see mail.rs).

use crate::i18n::Tr;
use crate::state::AppState;
use adaldyq_domain::notice::{is_for_staff, is_optional, NoticeKind};
use adaldyq_domain::{translit, Locale};
use adaldyq_store::{Channel, Notice};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub sms: String,
    /// The one-click switch-off link of an optional notice (RFC 8058);
    /// none for a legal one, which cannot be switched off.
    pub unsubscribe: Option<String>,
}

/// What a notice says beyond its facts: the digest's lines, and the link
/// that switches an optional notice off.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub lines: Vec<String>,
    /// How many appeals a digest counts (its lines may show fewer).
    pub count: usize,
    pub unsubscribe: Option<String>,
}

/// The applicant's notice kinds with texts of their own.
pub const APPLICANT_KINDS: [&str; 8] = [
    "registered",
    "forwarded",
    "clarification_requested",
    "extended",
    "answered",
    "escalated",
    "disputed",
    "term_recomputed",
];

/// The staff's notice kinds: they link to the workspace, not the receipt.
pub const STAFF_KINDS: [&str; 3] = ["assigned", "escalated_to_you", "digest"];

/// The notices of a person booked at a reception (the store's
/// `BookingNotice` kinds): they link to the reception's page, never to a
/// manage link (its token is not stored).
pub const BOOKING_KINDS: [&str; 8] = [
    "booking_confirmed",
    "booking_moved",
    "booking_cancelled",
    "reception_postponed",
    "reception_cancelled",
    "waitlist_promoted",
    "reminder_24h",
    "reminder_2h",
];

/// Every kind with texts of its own, as the administrator's preview lists
/// them: the applicant's, the staff's, then the booked people's.
pub const KINDS: [&str; 19] = [
    APPLICANT_KINDS[0],
    APPLICANT_KINDS[1],
    APPLICANT_KINDS[2],
    APPLICANT_KINDS[3],
    APPLICANT_KINDS[4],
    APPLICANT_KINDS[5],
    APPLICANT_KINDS[6],
    APPLICANT_KINDS[7],
    STAFF_KINDS[0],
    STAFF_KINDS[1],
    STAFF_KINDS[2],
    BOOKING_KINDS[0],
    BOOKING_KINDS[1],
    BOOKING_KINDS[2],
    BOOKING_KINDS[3],
    BOOKING_KINDS[4],
    BOOKING_KINDS[5],
    BOOKING_KINDS[6],
    BOOKING_KINDS[7],
];

/// Whether a kind is a booked person's notice.
pub fn is_booking_kind(kind: &str) -> bool {
    BOOKING_KINDS.contains(&kind)
}

/// The message-key stem of a notice's kind; unknown kinds get a general one.
fn stem(kind: &str) -> &'static str {
    match kind {
        "registered" => "registered",
        "forwarded" => "forwarded",
        "clarification_requested" => "clarification",
        "extended" => "extended",
        "answered" => "answered",
        "escalated" => "escalated",
        "disputed" => "disputed",
        "assigned" => "assigned",
        "term_recomputed" => "recomputed",
        "escalated_to_you" => "escalated-to-you",
        "digest" => "digest",
        "booking_confirmed" => "booking-confirmed",
        "booking_moved" => "booking-moved",
        "booking_cancelled" => "booking-cancelled",
        "reception_postponed" => "reception-postponed",
        "reception_cancelled" => "reception-cancelled",
        "waitlist_promoted" => "waitlist-promoted",
        "reminder_24h" => "reminder-24h",
        "reminder_2h" => "reminder-2h",
        _ => "other",
    }
}

/// The notice's facts as message arguments: the number, a due date, to
/// whom it went, the reason for an extension.
pub struct Facts {
    pub number: String,
    pub due: String,
    pub to: String,
    pub reason: String,
    /// A booked person's notice: the booking and its reception.
    pub booking: Option<BookingFacts>,
}

/// What a booked person's notice says: the code, the reception (who,
/// when, where), the time it was moved from, and the online link only
/// when the store put it in (a seat held at an online reception).
#[derive(Debug, Clone, Default)]
pub struct BookingFacts {
    pub code: String,
    pub reception_id: i64,
    /// The slot's (or the reception's) local time, `dd.mm.yyyy hh:mm`.
    pub when: String,
    /// The time before a move or a postponement.
    pub from: String,
    /// The host: name, position.
    pub host: String,
    pub place: String,
    pub online_link: String,
    /// Booked on the waiting list rather than in a seat.
    pub waitlisted: bool,
}

/// Reads a booked person's notice's facts: the payload the store wrote
/// (code, reception, slot time, status, a reason, the earlier time) and
/// the reception's host and place in the recipient's language.
async fn booking_facts(
    state: &AppState,
    payload: &serde_json::Value,
    locale: Locale,
) -> adaldyq_store::Result<(BookingFacts, String)> {
    let field = |k: &str| payload.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
    let moment = |k: &str| payload.get(k).and_then(|x| x.as_i64()).map(crate::receptions::times::moment_text);
    let reception_id = payload.get("reception").and_then(|x| x.as_i64()).unwrap_or(0);
    let mut b = BookingFacts {
        code: field("code"),
        reception_id,
        when: moment("slot_starts_at").unwrap_or_default(),
        from: moment("from").unwrap_or_default(),
        online_link: field("online_link"),
        waitlisted: field("status") == "waitlisted",
        ..BookingFacts::default()
    };
    if let Some(r) = state.store.reception(reception_id).await? {
        let names = crate::receptions::public::Names::load(state).await.map_err(|e| {
            adaldyq_store::StoreError::Invalid(format!("the reception's names could not be read: {e:?}"))
        })?;
        let shown = names.reception(locale, &r, crate::state::now(), None);
        let tr = Tr(locale);
        b.host = shown.host.line();
        b.place = shown.place(tr);
        if b.when.is_empty() {
            b.when = crate::receptions::times::moment_text(r.starts_at);
        }
    }
    Ok((b, field("reason")))
}

/// Reads a notice's facts: the payload written with it, the event's body
/// (a reason, the institution it went to), that institution's name in the
/// recipient's language.
pub async fn facts(state: &AppState, notice: &Notice, locale: Locale) -> adaldyq_store::Result<Facts> {
    let payload: serde_json::Value = serde_json::from_str(&notice.payload).unwrap_or_default();
    if is_booking_kind(&notice.kind) {
        let (booking, reason) = booking_facts(state, &payload, locale).await?;
        let none = String::new;
        return Ok(Facts { number: none(), due: none(), to: none(), reason, booking: Some(booking) });
    }
    let body: serde_json::Value =
        notice.event_body.as_deref().and_then(|b| serde_json::from_str(b).ok()).unwrap_or_default();
    let field = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
    let due = match field(&payload, "due_on") {
        d if d.is_empty() => field(&body, "to"),
        d => d,
    };
    let due = crate::appeals::parse_date(&due).map(crate::appeals::date_text).unwrap_or_default();
    let mut to = String::new();
    if notice.kind == "forwarded" {
        if let Some(id) = body.get("to").and_then(|x| x.as_i64()) {
            if let Some(i) = state.store.institution(id).await? {
                to = match locale {
                    Locale::Ru => i.name_ru,
                    Locale::En => i.name_en,
                    Locale::Kk | Locale::KkLatn => i.name_kk,
                };
            }
        }
        if to.is_empty() {
            to = field(&payload, "to");
        }
    }
    let reason = if notice.kind == "extended" { field(&body, "text") } else { String::new() };
    let number = notice.number.clone().unwrap_or_else(|| field(&payload, "number"));
    Ok(Facts { number, due, to, reason, booking: None })
}

/// The tracking page in the recipient's language, with the number filled in.
pub fn tracking_link(public_url: &str, locale: Locale, number: &str) -> String {
    let site = public_url.trim_end_matches('/');
    if site.is_empty() {
        return String::new();
    }
    crate::appeals::receipt::tracking_url(site, None, &format!("/{}/track", locale.segment()), number)
}

/// The tracking page's short form for SMS: host and path, no scheme.
fn sms_link(public_url: &str, locale: Locale) -> String {
    let site = public_url.trim_end_matches('/');
    let host = site.split("://").nth(1).unwrap_or(site);
    if host.is_empty() {
        String::new()
    } else {
        format!("{host}/{}/track", locale.segment())
    }
}

/// A staff page in the recipient's language: the appeal's, or the inbox
/// (soonest due first) for a digest.
pub fn staff_link(public_url: &str, locale: Locale, number: &str) -> String {
    let site = public_url.trim_end_matches('/');
    if site.is_empty() {
        return String::new();
    }
    match number {
        "" => format!("{site}/{}/staff/appeals", locale.segment()),
        n => format!("{site}/{}/staff/appeals/{n}", locale.segment()),
    }
}

/// The staff workspace's short form for SMS: host and path, no scheme.
fn staff_sms_link(public_url: &str, locale: Locale) -> String {
    let site = public_url.trim_end_matches('/');
    let host = site.split("://").nth(1).unwrap_or(site);
    if host.is_empty() {
        String::new()
    } else {
        format!("{host}/{}/staff", locale.segment())
    }
}

/// A paragraph of an e-mail: running text, or a list (a digest's appeals).
enum Paragraph {
    Text(String),
    List(Vec<String>),
}

/// Renders a notice's texts from its facts (pure, for previews and tests).
pub fn compose(locale: Locale, kind: &str, f: &Facts, public_url: &str) -> Message {
    compose_with(locale, kind, f, public_url, &Extra::default())
}

/// [`compose`], with a digest's lines and an optional notice's switch-off
/// link.
pub fn compose_with(locale: Locale, kind: &str, f: &Facts, public_url: &str, extra: &Extra) -> Message {
    if let (true, Some(b)) = (is_booking_kind(kind), &f.booking) {
        return compose_booking(locale, kind, b, &f.reason, public_url);
    }
    let tr = Tr(locale);
    let stem = stem(kind);
    let staff = is_for_staff(kind);
    let mut args =
        vec![("number", f.number.clone()), ("due", f.due.clone()), ("to", f.to.clone()), ("reason", f.reason.clone())];
    let count = extra.count as i64;
    let subject = crate::i18n::with_count(locale, &format!("notice-{stem}-subject"), count, &args);
    let mut paragraphs =
        vec![Paragraph::Text(crate::i18n::with_count(locale, &format!("notice-{stem}-body"), count, &args))];
    if !extra.lines.is_empty() {
        paragraphs.push(Paragraph::List(extra.lines.clone()));
    }
    if !f.reason.is_empty() {
        paragraphs.push(Paragraph::Text(tr.with("notice-reason", &args)));
    }
    let link = if staff {
        staff_link(public_url, locale, if kind == NoticeKind::Digest.as_str() { "" } else { &f.number })
    } else {
        tracking_link(public_url, locale, &f.number)
    };
    args.push(("link", link.clone()));
    let follow = match (staff, link.is_empty()) {
        (true, true) => tr.with("notice-staff-follow-here", &args),
        (true, false) => tr.with("notice-staff-follow", &args),
        (false, true) => tr.with("notice-follow-here", &args),
        (false, false) => tr.with("notice-follow", &[("number", f.number.clone()), ("link", link.clone())]),
    };
    paragraphs.push(Paragraph::Text(follow));
    let mut links = vec![link];
    if let Some(off) = &extra.unsubscribe {
        paragraphs.push(Paragraph::Text(tr.with("notice-unsubscribe", &[("link", off.clone())])));
        links.push(off.clone());
    }
    paragraphs.push(Paragraph::Text(tr.t("notice-automatic")));
    let short = crate::i18n::with_count(locale, &format!("notice-{stem}-sms"), count, &args);
    let more = if staff { staff_sms_link(public_url, locale) } else { sms_link(public_url, locale) };
    assemble(locale, subject, &paragraphs, &links, join_sms(short, &more), extra.unsubscribe.clone())
}

/// `short` and where to read more, if the site has an address.
fn join_sms(short: String, more: &str) -> String {
    if more.is_empty() {
        short
    } else {
        format!("{short} {more}")
    }
}

/// A booked person's notice: the code, who, when, where, a reason or the
/// earlier time, the online link when given, and the reception's page.
/// No manage link: its token is only ever shown to the person once.
fn compose_booking(locale: Locale, kind: &str, b: &BookingFacts, reason: &str, public_url: &str) -> Message {
    let tr = Tr(locale);
    let stem = match stem(kind) {
        "booking-confirmed" if b.waitlisted => "booking-waitlisted",
        s => s,
    };
    let site = public_url.trim_end_matches('/');
    let path = format!("/{}/receptions/{}", locale.segment(), b.reception_id);
    let link = if site.is_empty() { String::new() } else { format!("{site}{path}") };
    let args = vec![
        ("code", b.code.clone()),
        ("when", b.when.clone()),
        ("from", b.from.clone()),
        ("host", b.host.clone()),
        ("place", b.place.clone()),
        ("reason", reason.to_owned()),
        ("online", b.online_link.clone()),
        ("link", link.clone()),
    ];
    let subject = tr.with(&format!("notice-{stem}-subject"), &args);
    let mut paragraphs = vec![Paragraph::Text(tr.with(&format!("notice-{stem}-body"), &args))];
    if !b.from.is_empty() && matches!(kind, "booking_moved" | "reception_postponed") {
        paragraphs.push(Paragraph::Text(tr.with("notice-booking-from", &args)));
    }
    if !reason.is_empty() {
        paragraphs.push(Paragraph::Text(tr.with("notice-reason", &args)));
    }
    let mut links = vec![link.clone()];
    if !b.online_link.is_empty() {
        paragraphs.push(Paragraph::Text(tr.with("notice-booking-online", &args)));
        links.push(b.online_link.clone());
    }
    let follow = if link.is_empty() { "notice-booking-follow-here" } else { "notice-booking-follow" };
    paragraphs.push(Paragraph::Text(tr.with(follow, &args)));
    paragraphs.push(Paragraph::Text(tr.t("notice-automatic")));
    let host = site.split("://").nth(1).unwrap_or(site);
    let more = if host.is_empty() { String::new() } else { format!("{host}{path}") };
    let short = tr.with(&format!("notice-{stem}-sms"), &args);
    assemble(locale, subject, &paragraphs, &links, join_sms(short, &more), None)
}

/// The message from its parts: plain text, HTML with its links made
/// links, and kk-Latn transliterated.
fn assemble(
    locale: Locale,
    subject: String,
    paragraphs: &[Paragraph],
    links: &[String],
    sms: String,
    unsubscribe: Option<String>,
) -> Message {
    let text = paragraphs
        .iter()
        .map(|p| match p {
            Paragraph::Text(t) => t.clone(),
            Paragraph::List(lines) => lines.iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n";
    let linked = |p: &str| {
        links.iter().filter(|l| !l.is_empty()).fold(escape(p), |html, l| {
            let l = escape(l);
            html.replace(&l, &format!("<a href=\"{l}\">{l}</a>"))
        })
    };
    let html_paragraphs: Vec<String> = paragraphs
        .iter()
        .map(|p| match p {
            Paragraph::Text(t) => format!("<p>{}</p>", linked(t)),
            Paragraph::List(lines) => {
                format!("<ul>{}</ul>", lines.iter().map(|l| format!("<li>{}</li>", escape(l))).collect::<String>())
            }
        })
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>{}</body></html>",
        locale.html_lang(),
        escape(&subject),
        html_paragraphs.join("")
    );
    let message = Message { subject, text, html, sms, unsubscribe };
    if locale == Locale::KkLatn {
        Message {
            subject: translit::to_latin(&message.subject),
            text: translit::to_latin(&message.text),
            html: translit::html_to_latin(&message.html),
            sms: translit::to_latin(&message.sms),
            unsubscribe: message.unsubscribe,
        }
    } else {
        message
    }
}

/// A digest's lines from its payload: one per appeal, with its number,
/// due date and subject (cut short when written).
pub fn digest_lines(locale: Locale, payload: &serde_json::Value) -> Vec<String> {
    let tr = Tr(locale);
    let field = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
    payload
        .get("appeals")
        .and_then(|a| a.as_array())
        .map(|list| {
            list.iter()
                .map(|a| {
                    let due = crate::appeals::parse_date(&field(a, "due_on")).map(crate::appeals::date_text);
                    let args = [
                        ("number", field(a, "number")),
                        ("due", due.unwrap_or_default()),
                        ("subject", field(a, "subject")),
                    ];
                    let key = if args[2].1.is_empty() { "notice-digest-line-bare" } else { "notice-digest-line" };
                    tr.with(key, &args)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A claimed notice's texts.
pub async fn render(state: &AppState, notice: &Notice) -> adaldyq_store::Result<Message> {
    let locale = Locale::from_segment(&notice.language).unwrap_or(Locale::Kk);
    let f = facts(state, notice, locale).await?;
    let payload: serde_json::Value = serde_json::from_str(&notice.payload).unwrap_or_default();
    let mut extra = Extra::default();
    if notice.kind == NoticeKind::Digest.as_str() {
        extra.lines = digest_lines(locale, &payload);
        extra.count = payload.get("total").and_then(|t| t.as_u64()).map_or(extra.lines.len(), |t| t as usize);
        if extra.count > extra.lines.len() {
            let more = (extra.count - extra.lines.len()) as i64;
            extra.lines.push(Tr(locale).count("notice-digest-more", more));
        }
    }
    if notice.channel == Channel::Email && is_optional(&notice.kind) {
        extra.unsubscribe = super::unsubscribe::link(state, notice, locale);
    }
    Ok(compose_with(locale, &notice.kind, &f, &state.config.public_url, &extra))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            number: "43-2026-000123".into(),
            due: "27.03.2026".into(),
            to: "Қызылорда қаласының әкімдігі".into(),
            reason: "Жерге барып тексеру керек".into(),
            booking: None,
        }
    }

    fn booked(kind: &str, online: bool) -> Facts {
        let moved = matches!(kind, "booking_moved" | "reception_postponed");
        let reason = matches!(kind, "reception_postponed" | "reception_cancelled");
        Facts {
            number: String::new(),
            due: String::new(),
            to: String::new(),
            reason: if reason { "Әкім кеңеске шақырылды".into() } else { String::new() },
            booking: Some(BookingFacts {
                code: "K7M4QXA".into(),
                reception_id: 12,
                when: "07.12.2026 10:30".into(),
                from: if moved { "07.12.2026 15:00".into() } else { String::new() },
                host: "Айгүл Сейітова, әкім".into(),
                place: "Тасбөгет, Абай көшесі, 12".into(),
                online_link: if online { "https://meet.example/r12".into() } else { String::new() },
                waitlisted: false,
            }),
        }
    }

    #[test]
    fn booked_people_get_their_own_texts_with_the_facts_and_no_manage_link() {
        for locale in Locale::ALL {
            for kind in BOOKING_KINDS {
                let f = booked(kind, false);
                let m = compose(locale, kind, &f, "https://e.kz");
                let all = format!("{}\n{}\n{}\n{}", m.subject, m.text, m.html, m.sms);
                assert!(!all.contains('⟦') && !all.contains("manage?t="), "{locale:?} {kind}: {all}");
                let general = compose(locale, "something_else", &f, "https://e.kz");
                assert_ne!(m.subject, general.subject, "{locale:?} {kind}: not the general text");
                assert!(m.text.contains("07.12.2026 10:30") && m.text.contains("K7M4QXA"), "{locale:?} {kind}");
                let host =
                    if locale == Locale::KkLatn { translit::to_latin("Айгүл") } else { "Айгүл".into() };
                assert!(m.text.contains(&host), "{locale:?} {kind}: who receives: {}", m.text);
                let page = format!("https://e.kz/{}/receptions/12", locale.segment());
                assert!(m.text.contains(&page) && m.html.contains(&format!("<a href=\"{page}\">")), "{}", m.text);
                assert!(m.unsubscribe.is_none(), "{kind}: a service message");
                assert!(m.sms.chars().count() <= 70, "{locale:?} {kind}: {} ({})", m.sms, m.sms.chars().count());
                assert!(m.sms.ends_with(&format!("e.kz/{}/receptions/12", locale.segment())), "{}", m.sms);
                if let Some(b) = &f.booking {
                    assert_eq!(m.text.contains("15:00"), !b.from.is_empty(), "{locale:?} {kind}: the earlier time");
                }
                assert_eq!(m.text.contains("кеңеске") || m.text.contains("keñeske"), !f.reason.is_empty());
                assert!(!m.text.contains("meet.example"), "no link unless the store gave one");
            }
        }
    }

    #[test]
    fn an_online_link_and_the_waiting_list_change_what_is_said() {
        let m = compose(Locale::Ru, "booking_confirmed", &booked("booking_confirmed", true), "https://e.kz");
        assert!(
            m.text.contains("https://meet.example/r12") && m.html.contains("<a href=\"https://meet.example/r12\">")
        );
        let mut f = booked("booking_confirmed", false);
        if let Some(b) = f.booking.as_mut() {
            b.waitlisted = true;
        }
        let m = compose(Locale::Ru, "booking_confirmed", &f, "");
        assert!(m.subject.contains("листе ожидания") && !m.text.contains("http"), "{}", m.text);
    }

    fn digest() -> Extra {
        Extra {
            lines: digest_lines(
                Locale::Ru,
                &serde_json::json!({ "appeals": [
                    { "number": "43-2026-000123", "due_on": "2026-03-27", "subject": "Көше шамдары" },
                    { "number": "43-2026-000124", "due_on": "2026-03-30", "subject": "" },
                ] }),
            ),
            count: 2,
            unsubscribe: Some("https://adaldyq.kz/ru/notices/unsubscribe?t=u1.digest.email.00".into()),
        }
    }

    #[test]
    fn every_kind_has_its_texts_in_every_language() {
        for locale in Locale::ALL {
            for kind in APPLICANT_KINDS {
                let m = compose(locale, kind, &facts(), "https://adaldyq.kz");
                for part in [&m.subject, &m.text, &m.html, &m.sms] {
                    assert!(!part.contains('⟦'), "{locale:?} {kind}: {part}");
                }
                assert!(m.subject.contains("43-2026-000123"), "{locale:?} {kind}: {}", m.subject);
                assert!(m.text.contains("https://adaldyq.kz/"), "{locale:?} {kind}: where to read more");
            }
        }
    }

    #[test]
    fn every_listed_kind_has_its_own_texts() {
        assert!(BOOKING_KINDS.iter().all(|k| KINDS.contains(k)));
        let store_kinds: Vec<&str> = adaldyq_domain::reception::BookingNotice::ALL.iter().map(|n| n.as_str()).collect();
        assert_eq!(store_kinds, BOOKING_KINDS, "every notice the store writes for a booking");
        for kind in KINDS {
            assert_ne!(stem(kind), "other", "{kind}");
        }
    }

    #[test]
    fn texts_carry_the_facts_of_their_kind() {
        let m = compose(Locale::Ru, "extended", &facts(), "https://adaldyq.kz");
        assert!(m.text.contains("27.03.2026") && m.text.contains("Жерге барып тексеру керек"), "{}", m.text);
        let m = compose(Locale::Kk, "forwarded", &facts(), "");
        assert!(m.text.contains("Қызылорда қаласының әкімдігі"), "{}", m.text);
        let m = compose(Locale::En, "registered", &facts(), "https://adaldyq.kz");
        assert!(m.text.contains("27.03.2026") && m.sms.contains("27.03.2026"));
        assert!(m.html.contains("<a href=\"https://adaldyq.kz/en/track?number=43-2026-000123\">"), "{}", m.html);
        let m = compose(Locale::En, "term_recomputed", &facts(), "https://adaldyq.kz");
        assert!(m.text.contains("27.03.2026") && m.text.contains("calendar"), "the new date and why: {}", m.text);
        let latin = compose(Locale::KkLatn, "registered", &facts(), "https://adaldyq.kz");
        assert!(!latin.text.chars().any(|c| ('а'..='я').contains(&c)), "{}", latin.text);
        assert!(latin.text.contains("/kk-latn/track"));
    }

    #[test]
    fn sms_texts_fit_one_cyrillic_sms_with_a_short_site_address() {
        for locale in Locale::ALL {
            for kind in APPLICANT_KINDS {
                let m = compose(locale, kind, &facts(), "https://e.kz");
                assert!(m.sms.chars().count() <= 70, "{locale:?} {kind}: {} ({})", m.sms, m.sms.chars().count());
                assert!(m.sms.ends_with(&format!("e.kz/{}/track", locale.segment())), "{}", m.sms);
            }
        }
    }

    #[test]
    fn staff_notices_link_to_the_workspace_in_every_language() {
        for locale in Locale::ALL {
            for kind in STAFF_KINDS {
                let extra = if kind == "digest" { digest() } else { Extra::default() };
                let m = compose_with(locale, kind, &facts(), "https://e.kz", &extra);
                for part in [&m.subject, &m.text, &m.html, &m.sms] {
                    assert!(!part.contains('⟦'), "{locale:?} {kind}: {part}");
                }
                assert!(!m.text.contains("/track"), "{locale:?} {kind}: staff have no receipt secret");
                assert!(m.text.contains(&format!("https://e.kz/{}/staff/appeals", locale.segment())), "{}", m.text);
                assert!(m.sms.chars().count() <= 70, "{locale:?} {kind}: {} ({})", m.sms, m.sms.chars().count());
                assert!(m.sms.ends_with(&format!("e.kz/{}/staff", locale.segment())), "{}", m.sms);
                if kind != "digest" {
                    assert!(m.subject.contains("43-2026-000123") && m.text.contains("27.03.2026"), "{}", m.text);
                }
            }
        }
        let m = compose(Locale::En, "assigned", &facts(), "https://e.kz");
        assert_eq!(m.subject, "Appeal 43-2026-000123 assigned to you");
        assert!(m.text.contains("https://e.kz/en/staff/appeals/43-2026-000123"), "{}", m.text);
    }

    #[test]
    fn a_digest_lists_its_appeals_one_per_line() {
        let m =
            compose_with(Locale::Ru, "digest", &Facts { number: String::new(), ..facts() }, "https://e.kz", &digest());
        assert!(m.subject.ends_with(": 2"), "{}", m.subject);
        assert!(m
            .text
            .contains("- №43-2026-000123, срок 27.03.2026: Көше шамдары\n- №43-2026-000124, срок 30.03.2026\n"));
        assert!(m.html.contains("<ul><li>№43-2026-000123, срок 27.03.2026: Көше шамдары</li>"), "{}", m.html);
        assert!(m.text.contains("https://e.kz/ru/staff/appeals\n"), "the inbox, soonest due first: {}", m.text);
    }

    #[test]
    fn only_an_optional_notice_says_how_to_switch_it_off() {
        let off = Extra {
            unsubscribe: Some("https://e.kz/kk/notices/unsubscribe?t=a1.escalated.email.00".into()),
            ..Extra::default()
        };
        let m = compose_with(Locale::Kk, "escalated", &facts(), "https://e.kz", &off);
        assert_eq!(m.unsubscribe, off.unsubscribe);
        assert!(m.text.contains("https://e.kz/kk/notices/unsubscribe?t=a1.escalated.email.00"), "{}", m.text);
        assert!(m.html.contains("<a href=\"https://e.kz/kk/notices/unsubscribe?t=a1.escalated.email.00\">"));
        let legal = compose(Locale::Kk, "answered", &facts(), "https://e.kz");
        assert!(legal.unsubscribe.is_none() && !legal.text.contains("unsubscribe"));
    }
}
