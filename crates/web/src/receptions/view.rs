//! What the public side knows of a reception, as plain structs the store's
//! records are turned into, and the sentences every page, feed and the API
//! make of them. No field here can hold a booked person, a priority or the
//! online link: what is not in these structs cannot leak.

use super::atom::AtomEntry;
use super::ical::IcalEvent;
use super::month::Item;
use super::times;
use crate::i18n::Tr;
use jiff::civil::Date;

/// A host or co-host: a person in office, named publicly by their office.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    pub name: String,
    pub position: String,
    /// The institution's name in the reader's language (or as typed).
    pub institution: String,
}

impl Person {
    /// «Айгүл Сейітова, ауылдық округ әкімі, Тереңөзек кенті әкімінің аппараты».
    pub fn line(&self) -> String {
        [&self.name, &self.position, &self.institution]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub use adaldyq_domain::reception::Mode;

/// The status the public is told. "Open" is planned and inside its booking
/// window (the domain decides it with the clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Planned,
    Open,
    Held,
    Cancelled,
    Postponed,
}

impl Shown {
    /// As the API and the filters write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Shown::Planned => "planned",
            Shown::Open => "open",
            Shown::Held => "held",
            Shown::Cancelled => "cancelled",
            Shown::Postponed => "postponed",
        }
    }

    pub fn words(self, tr: Tr) -> String {
        tr.t(&format!("reception-status-{}", self.as_str()))
    }
}

/// Whether a place can be booked now, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Booking {
    Open,
    /// Booking opens at this instant.
    NotYet(i64),
    /// The window has closed (shortly before the start).
    Closed,
    /// No seat left, but room on the waiting list.
    Waitlist,
    /// No seat left and no room on the waiting list.
    Full,
    /// Held, cancelled or past: nothing to book.
    Over,
}

/// The public summary of a held reception: counts only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub received: i64,
    pub questions: i64,
    pub appeals: i64,
    pub answered_in_time: i64,
    /// `Some(false)`: the host did not come, and the public is told so.
    pub host_attended: Option<bool>,
}

/// A reception as public pages, feeds and the API see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicReception {
    pub id: i64,
    pub group_id: i64,
    pub host_id: i64,
    pub host: Person,
    pub co_hosts: Vec<Person>,
    /// The rural district or village, its KATO code and its name in the
    /// reader's language; `district` is the district's name.
    pub territory_code: String,
    pub territory: String,
    pub district: String,
    pub mode: Mode,
    /// The address of the place, or the village of a field visit; empty
    /// online.
    pub address: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: Shown,
    /// Why it was cancelled or postponed.
    pub reason: String,
    pub topics: String,
    /// `kk`, `ru`.
    pub languages: Vec<String>,
    pub accessibility: String,
    pub seats_left: i64,
    pub booking: Booking,
    pub sequence: i64,
    /// When it was scheduled, and its last change.
    pub created_at: i64,
    pub updated_at: i64,
    pub summary: Option<Summary>,
}

impl PublicReception {
    /// «Азаматтарды қабылдау: Айгүл Сейітова» (feeds, the API, headings).
    pub fn title(&self, tr: Tr) -> String {
        tr.with("reception-title", &[("host", self.host.name.clone())])
    }

    /// Where, in words: the address, "online", or the village visited.
    pub fn place(&self, tr: Tr) -> String {
        let at =
            [&self.address, &self.territory].iter().filter(|s| !s.is_empty()).map(|s| s.as_str()).collect::<Vec<_>>();
        match self.mode {
            Mode::Place => at.join(", "),
            Mode::Online => tr.t("reception-online"),
            Mode::FieldVisit => tr.with("reception-field-visit-to", &[("place", at.join(", "))]),
        }
    }

    /// «қазақ, орыс».
    pub fn languages_text(&self, tr: Tr) -> String {
        self.languages.iter().map(|l| tr.t(&format!("reception-language-{l}"))).collect::<Vec<_>>().join(", ")
    }

    pub fn when(&self) -> String {
        times::span_text(self.starts_at, self.ends_at)
    }

    pub fn local_date(&self) -> Option<Date> {
        times::local_date(self.starts_at)
    }

    /// The reception's page, from the site's root (`/kk/receptions/7`).
    pub fn path(&self, lang: &str) -> String {
        format!("/{lang}/receptions/{}", self.id)
    }

    /// A feed's description: when, where, who, topics, languages and
    /// status, one fact a line.
    fn description(&self, tr: Tr) -> String {
        let mut lines = vec![
            format!("{}: {}", tr.t("reception-when"), self.when()),
            format!("{}: {}", tr.t("reception-where"), self.place(tr)),
            format!("{}: {}", tr.t("reception-host"), self.host.line()),
        ];
        for c in &self.co_hosts {
            lines.push(format!("{}: {}", tr.t("reception-co-host"), c.line()));
        }
        if !self.topics.is_empty() {
            lines.push(format!("{}: {}", tr.t("reception-topics"), self.topics));
        }
        if !self.languages.is_empty() {
            lines.push(format!("{}: {}", tr.t("reception-languages"), self.languages_text(tr)));
        }
        lines.push(format!("{}: {}", tr.t("reception-status"), self.status.words(tr)));
        if !self.reason.is_empty() {
            lines.push(format!("{}: {}", tr.t("reception-reason"), self.reason));
        }
        lines.join("\n")
    }

    pub fn to_ical(&self, tr: Tr, site: &str, lang: &str) -> IcalEvent {
        IcalEvent {
            id: self.id,
            sequence: self.sequence,
            title: self.title(tr),
            description: self.description(tr),
            location: self.place(tr),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            cancelled: self.status == Shown::Cancelled,
            url: format!("{}{}", site.trim_end_matches('/'), self.path(lang)),
            updated_at: self.updated_at,
        }
    }

    pub fn to_atom(&self, tr: Tr, site: &str, lang: &str) -> AtomEntry {
        AtomEntry {
            id: self.id,
            title: self.title(tr),
            summary: format!("{}. {}. {}.", self.when(), self.place(tr), self.host.line()),
            url: format!("{}{}", site.trim_end_matches('/'), self.path(lang)),
            published: self.created_at,
            updated: self.updated_at,
        }
    }

    /// Its entry in a day of the month calendar.
    pub fn to_item(&self, tr: Tr, lang: &str) -> Item {
        let marked = matches!(self.status, Shown::Held | Shown::Cancelled | Shown::Postponed);
        Item {
            href: self.path(lang),
            hours: times::hours_text(self.starts_at, self.ends_at),
            title: format!("{} — {}", self.host.name, self.territory),
            status: marked.then(|| self.status.words(tr)),
            cancelled: self.status == Shown::Cancelled,
        }
    }
}

/// A member of a working group. The contact is `None` unless they agreed
/// to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person: Person,
    pub contact: Option<String>,
}

/// A working group of the programme (one per rural district).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub territory_code: String,
    pub territory: String,
    pub district_code: String,
    pub district: String,
    /// The group's own contact (address, phone, e-mail), public.
    pub contact: Vec<String>,
    pub members: Vec<Member>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receptions::sample;
    use adaldyq_domain::Locale;

    #[test]
    fn places_in_words() {
        let tr = Tr(Locale::En);
        let mut r = sample();
        assert_eq!(r.place(tr), "Әйтеке би көшесі, 1, Тереңөзек");
        r.mode = Mode::Online;
        r.address = "https://meet.example/secret".into();
        assert!(!r.place(tr).contains("meet.example"), "the online link is never a place");
        assert!(!r.to_ical(tr, "https://a.kz", "en").description.contains("meet.example"));
        r.mode = Mode::FieldVisit;
        r.address = "Ақжарма ауылы".into();
        assert!(r.place(tr).contains("Ақжарма ауылы"));
    }

    #[test]
    fn feeds_point_back_to_the_page_in_the_feeds_language() {
        let r = sample();
        assert_eq!(r.to_ical(Tr(Locale::Ru), "https://a.kz/", "ru").url, "https://a.kz/ru/receptions/7");
        assert_eq!(r.to_atom(Tr(Locale::Kk), "https://a.kz", "kk").url, "https://a.kz/kk/receptions/7");
        assert!(!r.to_ical(Tr(Locale::Kk), "https://a.kz", "kk").cancelled);
    }
}
