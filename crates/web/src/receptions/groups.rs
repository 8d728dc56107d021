//! The programme's public structure: `GET /{lang}/receptions/programme`
//! lists the working groups by district, and `GET
//! /{lang}/receptions/groups/{id}` is one group's page — its members (their
//! contact only where they agreed), its contact, its upcoming and past
//! receptions.

use super::list::Row;
use super::view::{Group, PublicReception};
use super::Feeds;
use crate::render::Page;
use askama::Template;

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
/// district, then name.
pub fn programme_page(mut page: Page, name: &str, office: Vec<String>, groups: &[Group]) -> ProgrammePage {
    let tr = page.tr;
    let lang = page.locale.segment();
    let feeds = Feeds::new(tr);
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
    use crate::receptions::sample;
    use crate::receptions::view::{Member, Person, Summary};
    use adaldyq_domain::Locale;
    use askama::Template;

    fn blank(locale: Locale) -> Page {
        Page {
            tr: Tr(locale),
            locale,
            title: String::new(),
            rest: "/receptions/groups/3".into(),
            user_name: None,
            is_staff: false,
            is_admin: false,
            csrf: String::new(),
            alternates: Vec::new(),
        }
    }

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
        let html = group_page(blank(Locale::En), &group(), &[past, upcoming.clone()], upcoming.starts_at - 86_400)
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
        let html = programme_page(
            blank(Locale::Ru),
            "Ақмешіт — адалдық алаңы",
            vec!["Жобалық кеңсе".into()],
            &[group(), other],
        )
        .render()
        .unwrap();
        let aral = html.find("Арал ауданы").unwrap();
        let syr = html.find("Сырдария ауданы").unwrap();
        assert!(aral < syr, "districts in order");
        assert!(html.contains("2 рабочие группы"));
        assert!(html.contains(r#"href="/ru/receptions/groups/4""#));
        assert!(html.contains(r#"type="application/atom+xml""#));
        assert!(!html.contains('⟦'));
    }
}
