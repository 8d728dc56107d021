//! From the store's records to what the public sees: names in the reader's
//! language, the status and the booking state at `now`. The territory
//! tree, the hosts and the institutions are read once for a whole page or
//! feed, so a list of any length costs the same few queries.

use super::view::{Booking, Group, Member as MemberView, Person, PublicReception, Shown, Summary};
use crate::appeals::place::{institution_name, place_name};
use crate::error::AppResult;
use crate::state::AppState;
use adaldyq_domain::reception::{ReceptionStatus, Refusal};
use adaldyq_domain::{translit, Locale};
use adaldyq_store::{Host, Institution, Member, PublicSummary, Reception, TerritoryRecord, WorkingGroup};
use std::collections::HashMap;
use std::sync::Arc;

/// Everything a page needs to name what it lists.
pub struct Names {
    pub territories: Arc<Vec<TerritoryRecord>>,
    by_code: HashMap<String, usize>,
    hosts: HashMap<i64, Host>,
    institutions: HashMap<i64, Institution>,
}

impl Names {
    pub async fn load(state: &AppState) -> AppResult<Names> {
        let territories = state.territories().await?;
        let by_code = territories.iter().enumerate().map(|(i, t)| (t.code.clone(), i)).collect();
        let hosts = state.store.hosts(None).await?.into_iter().map(|h| (h.id, h)).collect();
        let institutions = state.store.institutions(None).await?.into_iter().map(|i| (i.id, i)).collect();
        Ok(Names { territories, by_code, hosts, institutions })
    }

    pub fn institutions(&self) -> Vec<Institution> {
        let mut all: Vec<Institution> = self.institutions.values().cloned().collect();
        all.sort_by_key(|i| i.id);
        all
    }

    pub fn territory(&self, code: &str) -> Option<&TerritoryRecord> {
        self.by_code.get(code).map(|i| &self.territories[*i])
    }

    /// A territory's name, spelled out, in the reader's language.
    pub fn territory_name(&self, locale: Locale, code: &str) -> String {
        self.territory(code).map(|t| place_name(locale, t)).unwrap_or_else(|| code.to_owned())
    }

    /// The district (or city) a territory lies in, by name.
    pub fn district_name(&self, locale: Locale, code: &str) -> String {
        self.district_code(code).map(|d| self.territory_name(locale, d)).unwrap_or_default()
    }

    pub fn district_code<'a>(&'a self, code: &'a str) -> Option<&'a str> {
        self.territory(code).and_then(|t| t.path.get(1)).map(String::as_str)
    }

    /// The region (the tree's top unit under which receptions are held).
    pub fn region(&self) -> Option<&TerritoryRecord> {
        self.territories.iter().find(|t| t.level == 1)
    }

    fn institution(&self, locale: Locale, id: Option<i64>, text: &str) -> String {
        match id.and_then(|i| self.institutions.get(&i)) {
            Some(i) => institution_name(locale, i),
            None => text.to_owned(),
        }
    }

    pub fn host(&self, locale: Locale, id: i64) -> Person {
        match self.hosts.get(&id) {
            Some(h) => Person {
                name: h.name.clone(),
                position: position(locale, &h.position_kk, &h.position_ru, &h.position_en),
                institution: self.institution(locale, h.institution_id, &h.institution_text),
            },
            None => Person::default(),
        }
    }

    /// A reception as the public sees it at `now`.
    pub fn reception(
        &self,
        locale: Locale,
        r: &Reception,
        now: i64,
        summary: Option<&PublicSummary>,
    ) -> PublicReception {
        let open = r.is_open(now);
        let status = match r.status {
            ReceptionStatus::Held => Shown::Held,
            ReceptionStatus::Cancelled => Shown::Cancelled,
            ReceptionStatus::Postponed => Shown::Postponed,
            ReceptionStatus::Planned if open => Shown::Open,
            ReceptionStatus::Planned => Shown::Planned,
        };
        let waitlist_room = r.capacity.waitlist_size - r.waitlisted > 0;
        let booking = match r.may_book(now) {
            Ok(()) if r.seats_left() > 0 => Booking::Open,
            Ok(()) if waitlist_room => Booking::Waitlist,
            Ok(()) => Booking::Full,
            Err(Refusal::NotYetOpen { opens_at }) => Booking::NotYet(opens_at),
            Err(Refusal::Closed { .. }) => Booking::Closed,
            Err(_) => Booking::Over,
        };
        PublicReception {
            id: r.id,
            group_id: r.group_id,
            host_id: r.host_id,
            host: self.host(locale, r.host_id),
            co_hosts: r
                .co_hosts
                .iter()
                .map(|c| Person {
                    name: c.name.clone(),
                    position: c.position.clone(),
                    institution: c.institution.clone(),
                })
                .collect(),
            territory_code: r.territory_code.clone(),
            territory: self.territory_name(locale, &r.territory_code),
            district: self.district_name(locale, &r.territory_code),
            mode: r.mode,
            address: r.address.clone(),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            status,
            reason: r.status_reason.clone().unwrap_or_default(),
            topics: r.topics.clone(),
            languages: r.languages.iter().map(|l| l.as_str().to_owned()).collect(),
            accessibility: r.accessibility.clone(),
            seats_left: r.seats_left(),
            booking,
            sequence: r.sequence,
            created_at: r.created_at,
            updated_at: r.updated_at,
            summary: summary.map(|s| Summary {
                received: s.people_received,
                questions: s.questions,
                appeals: s.appeals,
                answered_in_time: s.answered_in_time,
                host_attended: s.host_attended,
            }),
        }
    }

    /// A working group with its members as the public page shows them
    /// (`members` from the store's public read: contacts only where agreed).
    pub fn group(&self, locale: Locale, g: &WorkingGroup, members: &[Member]) -> Group {
        let district = self.district_code(&g.territory_code).unwrap_or_default().to_owned();
        Group {
            id: g.id,
            name: group_name(locale, g),
            territory_code: g.territory_code.clone(),
            territory: self.territory_name(locale, &g.territory_code),
            district: self.territory_name(locale, &district),
            district_code: district,
            contact: vec![g.address.clone(), g.phone.clone(), g.email.clone()],
            members: members
                .iter()
                .map(|m| {
                    // The store's public read already drops a contact not
                    // agreed to; the flag is checked here once more.
                    let contact = [m.phone.as_deref(), m.email.as_deref()]
                        .into_iter()
                        .flatten()
                        .filter(|c| m.contact_public && !c.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join(", ");
                    MemberView {
                        person: Person {
                            name: m.name.clone(),
                            position: position(locale, &m.position_kk, &m.position_ru, &m.position_en),
                            institution: self.institution(locale, m.institution_id, &m.institution_text),
                        },
                        contact: Some(contact).filter(|c| !c.is_empty()),
                    }
                })
                .collect(),
        }
    }
}

/// A position in the reader's language (Kazakh where the other is empty).
fn position(locale: Locale, kk: &str, ru: &str, en: &str) -> String {
    let chosen = match locale {
        Locale::Ru => ru,
        Locale::En => en,
        _ => kk,
    };
    if chosen.trim().is_empty() {
        kk.to_owned()
    } else {
        chosen.to_owned()
    }
}

/// A working group's name in the reader's language.
pub fn group_name(locale: Locale, g: &WorkingGroup) -> String {
    match locale {
        Locale::Ru => g.name_ru.clone(),
        Locale::En => g.name_en.clone(),
        _ => g.name_kk.clone(),
    }
}

/// Text for a feed in the reader's script: Kazakh in Latin letters on
/// `kk-latn` (pages are transliterated as a whole; feeds field by field).
pub fn script(locale: Locale, s: String) -> String {
    if locale == Locale::KkLatn {
        translit::to_latin(&s)
    } else {
        s
    }
}
