//! The programme's public structure: `GET /{lang}/receptions/programme`
//! lists the working groups by district, and `GET
//! /{lang}/receptions/groups/{id}` is one group's page — its members (their
//! contact only where they agreed), its contact, its upcoming and past
//! receptions.

use super::list::Row;
use super::public::Names;
use super::view::{Group, PublicReception};
use super::Feeds;
use crate::error::{AppError, AppResult};
use crate::pages::Ctx;
use crate::render::{ok, Page};
use crate::state::{now, AppState};
use adaldyq_domain::reception::ReceptionStatus;
use adaldyq_domain::Locale;
use adaldyq_store::{Programme, ReceptionFilter};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

/// How many past receptions a group's page lists (each with its summary).
pub const PAST_SHOWN: usize = 12;

/// `GET /{lang}/receptions/groups/{id}`.
pub async fn group(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((_, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let id: i64 = id.parse().ok().filter(|i| *i > 0).ok_or(AppError::NotFound)?;
    let g = state.store.working_group(id).await?.ok_or(AppError::NotFound)?;
    let members = state.store.public_members(id).await?;
    let now = now();
    let names = Names::load(&state).await?;
    let all = state
        .store
        .receptions(&ReceptionFilter { group_id: Some(id), limit: 500, ..ReceptionFilter::default() })
        .await?;
    let past_from = all.iter().filter(|r| r.ends_at < now).count().saturating_sub(PAST_SHOWN);
    let mut shown = Vec::new();
    let mut past_seen = 0;
    for r in &all {
        let past = r.ends_at < now;
        if past {
            past_seen += 1;
            if past_seen <= past_from {
                continue;
            }
        }
        let summary =
            if past && r.status == ReceptionStatus::Held { state.store.public_summary(r.id, now).await? } else { None };
        shown.push(names.reception(ctx.locale, r, now, summary.as_ref()));
    }
    let view = names.group(ctx.locale, &g, &members);
    let body = group_page(ctx.page("receptions-title"), &view, &shown, now);
    Ok(ok(&body.page, &body))
}

/// The programme's name in the reader's language, and its project office.
fn programme_text(locale: Locale, p: &Programme) -> (String, Vec<String>) {
    let (name, office) = match locale {
        Locale::Ru => (&p.name_ru, &p.office_name_ru),
        Locale::En => (&p.name_en, &p.office_name_en),
        _ => (&p.name_kk, &p.office_name_kk),
    };
    (name.clone(), vec![office.clone(), p.office_address.clone(), p.office_phone.clone(), p.office_email.clone()])
}

/// `GET /{lang}/receptions/programme`.
pub async fn programme(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let p = state.store.programmes().await?.into_iter().next().ok_or(AppError::NotFound)?;
    let names = Names::load(&state).await?;
    let groups: Vec<Group> = state
        .store
        .working_groups(None)
        .await?
        .iter()
        .filter(|g| g.programme_id == p.id)
        .map(|g| names.group(ctx.locale, g, &[]))
        .collect();
    let (name, office) = programme_text(ctx.locale, &p);
    let tr = ctx.tr();
    let feeds = match names.region() {
        Some(r) => Feeds::new(tr).territory(tr, &r.code, &names.territory_name(ctx.locale, &r.code)),
        None => Feeds::new(tr),
    };
    let body = programme_page(ctx.page("receptions-title"), &name, office, &groups, feeds);
    Ok(ok(&body.page, &body))
}

/// A member as the page lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberLine {
    pub line: String,
    pub contact: Option<String>,
}

#[derive(Template)]
#[template(path = "receptions/group.html")]
pub struct GroupPage {
    pub page: Page,
    pub place: String,
    pub contact: Vec<String>,
    pub members: Vec<MemberLine>,
    pub upcoming: Vec<Row>,
    /// Past receptions, with their summary in a sentence where held.
    pub past: Vec<(Row, String)>,
    pub feeds: Feeds,
}

/// The page of `g`; `receptions` are its own, in time order, split at `now`.
pub fn group_page(mut page: Page, g: &Group, receptions: &[PublicReception], now: i64) -> GroupPage {
    let tr = page.tr;
    let lang = page.locale.segment();
    let feeds = Feeds::new(tr).territory(tr, &g.territory_code, &g.territory);
    page.title = g.name.clone();
    page.alternates = feeds.alternates();
    let members = g
        .members
        .iter()
        .map(|m| MemberLine { line: m.person.line(), contact: m.contact.clone().filter(|c| !c.trim().is_empty()) })
        .collect();
    let upcoming = receptions.iter().filter(|r| r.ends_at >= now).map(|r| Row::of(tr, lang, r)).collect();
    let past = receptions
        .iter()
        .rev()
        .filter(|r| r.ends_at < now)
        .map(|r| {
            let said = match r.summary {
                Some(s) if s.host_attended == Some(false) => tr.t("reception-host-absent"),
                Some(s) => tr.with(
                    "group-past-summary",
                    &[
                        ("received", s.received.to_string()),
                        ("questions", s.questions.to_string()),
                        ("appeals", s.appeals.to_string()),
                    ],
                ),
                None => String::new(),
            };
            (Row::of(tr, lang, r), said)
        })
        .collect();
    GroupPage {
        page,
        place: [g.territory.as_str(), g.district.as_str()].join(", "),
        contact: g.contact.iter().filter(|c| !c.trim().is_empty()).cloned().collect(),
        members,
        upcoming,
        past,
        feeds,
    }
}

/// A district and its working groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    pub name: String,
    /// (group page, group name, rural district)
    pub groups: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "receptions/programme.html")]
pub struct ProgrammePage {
    pub page: Page,
    /// The project office: its name, then its contact lines.
    pub office: Vec<String>,
    pub districts: Vec<District>,
    pub group_count: usize,
    pub feeds: Feeds,
}

/// The programme's page: `name` is its title; groups come sorted by
/// district, then name; `feeds` are the region's.
pub fn programme_page(
    mut page: Page,
    name: &str,
    office: Vec<String>,
    groups: &[Group],
    feeds: Feeds,
) -> ProgrammePage {
    let lang = page.locale.segment();
    page.title = name.to_owned();
    page.alternates = feeds.alternates();
    let mut districts: Vec<District> = Vec::new();
    let mut sorted: Vec<&Group> = groups.iter().collect();
    sorted.sort_by(|a, b| (&a.district, &a.name).cmp(&(&b.district, &b.name)));
    for g in sorted {
        let entry = (format!("/{lang}/receptions/groups/{}", g.id), g.name.clone(), g.territory.clone());
        match districts.last_mut() {
            Some(d) if d.name == g.district => d.groups.push(entry),
            _ => districts.push(District { name: g.district.clone(), groups: vec![entry] }),
        }
    }
    ProgrammePage {
        page,
        office: office.into_iter().filter(|l| !l.trim().is_empty()).collect(),
        districts,
        group_count: groups.len(),
        feeds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::receptions::view::{Member, Person, Summary};
    use crate::receptions::{anonymous_page, sample};
    use adaldyq_domain::Locale;
    use askama::Template;

    fn group() -> Group {
        let person = |n: &str| Person { name: n.into(), position: "мүше".into(), institution: String::new() };
        Group {
            id: 3,
            name: "Тереңөзек жұмыс тобы".into(),
            territory_code: "433220100".into(),
            territory: "Тереңөзек".into(),
            district_code: "433200000".into(),
            district: "Сырдария ауданы".into(),
            contact: vec!["+7 724 000 00 00".into()],
            members: vec![
                Member { person: person("Асқар Демо"), contact: Some("askar@example.kz".into()) },
                Member { person: person("Дана Демо"), contact: None },
            ],
        }
    }

    #[test]
    fn a_group_page_splits_upcoming_from_past_and_shows_only_agreed_contacts() {
        let upcoming = sample();
        let mut past = sample();
        past.id = 6;
        past.starts_at -= 30 * 86_400;
        past.ends_at -= 30 * 86_400;
        past.status = crate::receptions::view::Shown::Held;
        past.summary =
            Some(Summary { received: 9, questions: 11, appeals: 4, answered_in_time: 4, host_attended: Some(true) });
        let html = group_page(
            anonymous_page(Locale::En, "/receptions/groups/3"),
            &group(),
            &[past, upcoming.clone()],
            upcoming.starts_at - 86_400,
        )
        .render()
        .unwrap();
        assert!(html
            .contains(r#"<link rel="alternate" type="text/calendar" href="/en/receptions/territory/433220100.ics""#));
        let up = html.split("upcoming-heading").nth(2).unwrap().split("past-heading").next().unwrap();
        assert!(up.contains("/en/receptions/7") && !up.contains("/en/receptions/6"));
        let gone = html.split("past-heading").nth(2).unwrap();
        assert!(gone.contains("/en/receptions/6") && gone.contains("People received: 9"));
        assert!(html.contains("askar@example.kz"));
        assert_eq!(html.matches("class=\"contact\"").count(), 1, "Дана did not agree to show a contact");
        assert!(!html.contains('⟦'));
    }

    #[test]
    fn the_programme_lists_groups_by_district() {
        let mut other = group();
        other.id = 4;
        other.name = "Абай жұмыс тобы".into();
        other.district = "Арал ауданы".into();
        let tr = Tr(Locale::Ru);
        let feeds = Feeds::new(tr).territory(tr, "430000000", "Кызылординская область");
        let office = vec!["Жобалық кеңсе".into()];
        let html = programme_page(
            anonymous_page(Locale::Ru, "/receptions/groups/3"),
            "Ақмешіт — адалдық алаңы",
            office,
            &[group(), other],
            feeds,
        )
        .render()
        .unwrap();
        let aral = html.find("Арал ауданы").unwrap();
        let syr = html.find("Сырдария ауданы").unwrap();
        assert!(aral < syr, "districts in order");
        assert!(html.contains("2 рабочие группы"));
        assert!(html.contains(r#"href="/ru/receptions/groups/4""#));
        assert!(html.contains(r#"type="application/atom+xml""#));
        assert!(html
            .contains(r#"<link rel="alternate" type="text/calendar" href="/ru/receptions/territory/430000000.ics""#));
        assert!(!html.contains('⟦'));
    }
}
