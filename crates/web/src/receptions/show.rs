//! `GET /{lang}/receptions/{id}`: one reception for the public — who
//! receives, where and when (local time, with the year), topics, languages,
//! the place's accessibility, the status with its reason, seats left and
//! the way to book; once held, its summary in counts. Never the online
//! link, never a booked person.

use super::public::Names;
use super::view::{Booking, Mode, PublicReception, Shown};
use super::{times, Feeds};
use crate::appeals::date_text;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::{now, AppState};
use adaldyq_domain::reception::ReceptionStatus;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

/// `GET /{lang}/receptions/{id}`: an unknown or malformed id is the 404
/// page in the reader's language.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let id: i64 = id.parse().ok().filter(|i| *i > 0).ok_or(AppError::NotFound)?;
    let r = state.store.reception(id).await?.ok_or(AppError::NotFound)?;
    let now = now();
    let summary = if r.status == ReceptionStatus::Held { state.store.public_summary(id, now).await? } else { None };
    let names = Names::load(&state).await?;
    let view = names.reception(ctx.locale, &r, now, summary.as_ref());
    let tr = ctx.tr();
    // The calendar of the working group's rural district (a field visit's
    // village lies under it), and the host's.
    let group = state.store.working_group(r.group_id).await?;
    let code = group.map(|g| g.territory_code).unwrap_or_else(|| r.territory_code.clone());
    let feeds = Feeds::new(tr).territory(tr, &code, &names.territory_name(ctx.locale, &code)).host(
        tr,
        view.host_id,
        &view.host.name,
    );
    let mut body = page(ctx.page("receptions-title"), &view, feeds);
    // The coordinator of its territory sees the record and the day page.
    if super::staff::may_run(&state, &ctx, &r).await? {
        body.staff = Some(StaffPart {
            day_href: ctx.href(&super::staff::day_path(&r)),
            questions: super::staff::record_rows(&state, r.id).await?,
        });
    }
    Ok(ok(&body.page, &body))
}

#[derive(Template)]
#[template(path = "receptions/show.html")]
pub struct ShowPage {
    pub page: Page,
    /// The status in a banner, when it is news: cancelled (with the
    /// reason), postponed (with the reason), held, or the host absent.
    pub banner: Option<String>,
    pub cancelled: bool,
    /// «01.03.2026, 00:30–02:00 (Qyzylorda time)».
    pub when: String,
    /// (label, value, typed) rows of the facts; `typed` marks what a
    /// coordinator typed (names, places, topics), in whatever language it
    /// was typed, so the page's language checks pass over it.
    pub facts: Vec<(String, String, bool)>,
    /// `<time datetime>` of the start.
    pub datetime: String,
    /// Why one can or cannot book, in a sentence.
    pub booking: String,
    /// The booking page, when a place (or one on the waiting list) can be
    /// booked now, and the link's words.
    pub book_href: Option<String>,
    pub book_label: String,
    /// (label, count) of a held reception's summary.
    pub summary: Vec<(String, String)>,
    pub group_href: String,
    pub feeds: Feeds,
    /// For the coordinator who runs its day only: the record (it names
    /// people) and the link to the day page.
    pub staff: Option<StaffPart>,
}

/// What the reception's coordinator sees on its page.
pub struct StaffPart {
    pub day_href: String,
    pub questions: Vec<super::staff::QuestionRow>,
}

/// The page of `r`, in the reader's language.
pub fn page(mut page: Page, r: &PublicReception, feeds: Feeds) -> ShowPage {
    let tr = page.tr;
    let lang = page.locale.segment();
    page.title = r.title(tr);
    page.alternates = feeds.alternates();
    let when = format!("{} ({})", r.when(), tr.t("reception-local-time"));
    let mut facts = vec![(tr.t("reception-host"), r.host.line(), true)];
    for c in &r.co_hosts {
        facts.push((tr.t("reception-co-host"), c.line(), true));
    }
    let place_label = match r.mode {
        Mode::Place => "reception-where",
        Mode::Online => "reception-how",
        Mode::FieldVisit => "reception-where",
    };
    facts.push((tr.t(place_label), r.place(tr), r.mode == Mode::Place));
    if r.mode == Mode::Online {
        facts.push((tr.t("reception-online-link"), tr.t("reception-online-link-booked"), false));
    }
    facts.push((tr.t("reception-territory"), [r.territory.as_str(), r.district.as_str()].join(", "), false));
    if !r.topics.is_empty() {
        facts.push((tr.t("reception-topics"), r.topics.clone(), true));
    }
    if !r.languages.is_empty() {
        facts.push((tr.t("reception-languages"), r.languages_text(tr), false));
    }
    if r.mode != Mode::Online {
        let typed = !r.accessibility.is_empty();
        let access = if typed { r.accessibility.clone() } else { tr.t("reception-accessibility-unknown") };
        facts.push((tr.t("reception-accessibility"), access, typed));
    }
    facts.push((tr.t("reception-status"), r.status.words(tr), false));
    let banner = match r.status {
        Shown::Cancelled => Some(tr.with("reception-cancelled-because", &[("reason", reason(tr, r))])),
        Shown::Postponed => Some(tr.with("reception-postponed-because", &[("reason", reason(tr, r))])),
        Shown::Held if r.summary.and_then(|s| s.host_attended) == Some(false) => Some(tr.t("reception-host-absent")),
        Shown::Held => Some(tr.t("reception-was-held")),
        _ => None,
    };
    let booking = booking_sentence(tr, r);
    let book_href = matches!(r.booking, Booking::Open | Booking::Waitlist).then(|| format!("{}/book", r.path(lang)));
    let book_label = tr.t(if r.booking == Booking::Waitlist { "reception-join-waitlist" } else { "reception-book" });
    let summary = match (r.status, r.summary) {
        (Shown::Held, Some(s)) => vec![
            (tr.t("reception-summary-received"), s.received.to_string()),
            (tr.t("reception-summary-questions"), s.questions.to_string()),
            (tr.t("reception-summary-appeals"), s.appeals.to_string()),
            (tr.t("reception-summary-in-time"), s.answered_in_time.to_string()),
        ],
        _ => Vec::new(),
    };
    ShowPage {
        page,
        banner,
        cancelled: r.status == Shown::Cancelled,
        when,
        facts,
        datetime: times::rfc3339(r.starts_at),
        booking,
        book_href,
        book_label,
        summary,
        group_href: format!("/{lang}/receptions/groups/{}", r.group_id),
        feeds,
        staff: None,
    }
}

fn reason(tr: Tr, r: &PublicReception) -> String {
    if r.reason.trim().is_empty() {
        tr.t("reception-no-reason")
    } else {
        r.reason.trim().to_owned()
    }
}

/// «4 places left.» / «Booking opens on 20.02.2026 at 10:00.» / …
pub fn booking_sentence(tr: Tr, r: &PublicReception) -> String {
    match r.booking {
        Booking::Open => tr.count("reception-booking-open", r.seats_left),
        Booking::NotYet(at) => {
            let when = times::local(at).map(|d| (date_text(d.date()), times::clock(d))).unwrap_or_default();
            tr.with("reception-booking-not-yet", &[("date", when.0), ("time", when.1)])
        }
        Booking::Closed => tr.t("reception-booking-closed"),
        Booking::Waitlist => tr.t("reception-booking-waitlist"),
        Booking::Full => tr.t("reception-booking-full"),
        Booking::Over => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receptions::view::{Person, Summary};
    use crate::receptions::{anonymous_page, sample};
    use adaldyq_domain::Locale;
    use askama::Template;

    fn render(locale: Locale, r: &PublicReception) -> String {
        let tr = Tr(locale);
        let feeds = Feeds::new(tr).territory(tr, &r.territory_code, &r.territory).host(tr, r.host_id, &r.host.name);
        page(anonymous_page(locale, "/receptions/7"), r, feeds).render().unwrap()
    }

    #[test]
    fn the_page_announces_its_feeds_and_links_to_booking() {
        let html = render(Locale::Kk, &sample());
        assert!(html
            .contains(r#"<link rel="alternate" type="text/calendar" href="/kk/receptions/territory/433220100.ics""#));
        assert!(html.contains(r#"<link rel="alternate" type="text/calendar" href="/kk/receptions/hosts/2.ics""#));
        assert!(html.contains(r#"<link rel="alternate" type="application/atom+xml" href="/kk/receptions/feed.atom""#));
        assert!(html.contains(r#"href="/kk/receptions/7/book""#));
        assert!(html.contains("01.03.2026, 00:30–02:00"), "local time with the year");
        assert!(html.contains(r#"datetime="2026-03-01T00:30:00+05:00""#));
        assert!(!html.contains('⟦'), "a message is missing: {html}");
    }

    #[test]
    fn a_cancelled_reception_says_why_and_offers_no_booking() {
        let mut r = sample();
        r.status = Shown::Cancelled;
        r.reason = "Әкім іссапарда".into();
        r.booking = Booking::Over;
        let html = render(Locale::Ru, &r);
        assert!(html.contains("Этот приём отменён. Причина: Әкім іссапарда"));
        assert!(!html.contains("/book"));
    }

    #[test]
    fn a_held_reception_shows_counts_and_an_absent_host() {
        let mut r = sample();
        r.status = Shown::Held;
        r.booking = Booking::Over;
        r.co_hosts = vec![Person {
            name: "Ғалия Әлімқұлова".into(),
            position: "агенттік өкілі".into(),
            institution: String::new(),
        }];
        r.summary =
            Some(Summary { received: 12, questions: 15, appeals: 6, answered_in_time: 5, host_attended: Some(true) });
        let html = render(Locale::En, &r);
        for s in [
            "People received",
            "<dd>12</dd>",
            "<dd>15</dd>",
            "<dd>6</dd>",
            "<dd>5</dd>",
            "Ғалия Әлімқұлова, агенттік өкілі",
        ] {
            assert!(html.contains(s), "{s}");
        }
        r.summary = Some(Summary { host_attended: Some(false), ..Summary::default() });
        assert!(render(Locale::En, &r).contains("The host did not come"));
    }

    #[test]
    fn an_online_reception_never_shows_its_link() {
        let mut r = sample();
        r.mode = Mode::Online;
        r.address = String::new();
        let html = render(Locale::En, &r);
        assert!(html.contains("Sent only to people who booked a place"));
        assert!(!html.contains("Access to the place"), "no place, no access line");
        assert!(render(Locale::Kk, &r).contains("Тек орынға жазылғандарға жіберіледі"));
    }
}
