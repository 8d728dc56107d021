//! Receptions on the public side: the list and month calendar, a page per
//! reception, the working groups and the programme, and the feeds (iCal per
//! territory and per host, Atom of newly scheduled ones) that every such
//! page announces in its head. All of it is public: no booking, no online
//! link, no person but the hosts and the members who agreed to be shown.
//! Booking a place (`book`) and managing it with the manage link
//! (`manage`) are the citizen's side; `staff` is the coordinator's.

pub mod atom;
pub mod book;
pub mod feeds;
pub mod groups;
pub mod ical;
pub mod list;
pub mod manage;
pub mod month;
pub mod public;
pub mod show;
pub mod staff;
pub mod times;
pub mod view;

use crate::i18n::Tr;
use crate::render::Alternate;

pub const ICAL: &str = "text/calendar";
pub const ATOM: &str = "application/atom+xml";

/// One feed a page belongs to, with its label in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLink {
    pub mime: &'static str,
    pub href: String,
    pub label: String,
}

/// The feeds of a page: the calendar of its territory, of its host (on a
/// reception's page), and the Atom feed of new receptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feeds {
    pub links: Vec<FeedLink>,
}

impl Feeds {
    /// The Atom feed alone (every receptions page has it).
    pub fn new(tr: Tr) -> Feeds {
        let lang = tr.0.segment();
        Feeds {
            links: vec![FeedLink {
                mime: ATOM,
                href: format!("/{lang}/receptions/feed.atom"),
                label: tr.t("receptions-feed-new"),
            }],
        }
    }

    /// Adds the calendar of a territory (its subtree).
    pub fn territory(mut self, tr: Tr, code: &str, name: &str) -> Feeds {
        let lang = tr.0.segment();
        self.links.insert(
            self.links.len() - 1,
            FeedLink {
                mime: ICAL,
                href: format!("/{lang}/receptions/territory/{code}.ics"),
                label: tr.with("receptions-feed-territory", &[("place", name.to_owned())]),
            },
        );
        self
    }

    /// Adds the calendar of a host.
    pub fn host(mut self, tr: Tr, id: i64, name: &str) -> Feeds {
        let lang = tr.0.segment();
        self.links.insert(
            self.links.len() - 1,
            FeedLink {
                mime: ICAL,
                href: format!("/{lang}/receptions/hosts/{id}.ics"),
                label: tr.with("receptions-feed-host", &[("host", name.to_owned())]),
            },
        );
        self
    }

    /// The `<link rel="alternate">` list of the page's head.
    pub fn alternates(&self) -> Vec<Alternate> {
        self.links.iter().map(|l| Alternate { mime: l.mime, href: l.href.clone(), title: l.label.clone() }).collect()
    }
}

/// A page for the tests, as an anonymous reader at `rest` sees it.
#[cfg(test)]
pub(crate) fn anonymous_page(locale: adaldyq_domain::Locale, rest: &str) -> crate::render::Page {
    crate::render::Page {
        tr: Tr(locale),
        locale,
        title: String::new(),
        rest: rest.into(),
        user_name: None,
        is_staff: false,
        is_admin: false,
        csrf: String::new(),
        alternates: Vec::new(),
    }
}

/// A reception for the tests: 00:30–02:00 local on 1 March 2026, open.
#[cfg(test)]
pub(crate) fn sample() -> view::PublicReception {
    use view::*;
    PublicReception {
        id: 7,
        group_id: 3,
        host_id: 2,
        host: Person {
            name: "Айгүл Сейітова".into(), position: "әкім".into(), institution: "Әкімдік".into()
        },
        co_hosts: vec![],
        territory_code: "433220100".into(),
        territory: "Тереңөзек".into(),
        district: "Сырдария ауданы".into(),
        mode: Mode::Place,
        address: "Әйтеке би көшесі, 1".into(),
        starts_at: 1_772_307_000,
        ends_at: 1_772_312_400,
        status: Shown::Open,
        reason: String::new(),
        topics: "жер".into(),
        languages: vec!["kk".into(), "ru".into()],
        accessibility: String::new(),
        seats_left: 4,
        booking: Booking::Open,
        sequence: 1,
        created_at: 1_771_000_000,
        updated_at: 1_771_500_000,
        summary: None,
    }
}
