//! iCalendar feeds of receptions (RFC 5545), written with the `icalendar`
//! crate from plain view structs. What a calendar program needs to keep a
//! subscribed reception right: a UID that never changes
//! (`reception-{id}@{host}`), SEQUENCE raised on every change, STATUS:CANCELLED
//! rather than a vanished event, local times with their zone (a VTIMEZONE for
//! Asia/Qyzylorda and DTSTART/DTEND with TZID) and a URL back to the page.

use super::times;
use adaldyq_domain::calendar::TIME_ZONE;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property, ValueType};

/// One reception as a feed gives it (public facts only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcalEvent {
    pub id: i64,
    pub sequence: i64,
    pub title: String,
    pub description: String,
    pub location: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub cancelled: bool,
    /// The reception's page, absolute.
    pub url: String,
    /// The last change: DTSTAMP and LAST-MODIFIED (a feed without METHOD
    /// takes DTSTAMP as the time the event's facts were last changed).
    pub updated_at: i64,
}

/// Asia/Qyzylorda as a VTIMEZONE. The zone has been UTC+5 without summer
/// time since 21 December 2018 (UTC+6 before it); receptions are later than
/// that, and a test checks the offsets against the tz database. It is
/// written as text: the crate gives every component it writes a DTSTAMP and
/// a random UID, which a VTIMEZONE must not have.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r
TZID:Asia/Qyzylorda\r
BEGIN:STANDARD\r
DTSTART:20181221T000000\r
TZOFFSETFROM:+0600\r
TZOFFSETTO:+0500\r
TZNAME:+05\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// The stable UID of a reception: it names the site that publishes it, so
/// two servers' feeds never collide in one calendar program.
pub fn uid(id: i64, public_url: &str) -> String {
    let host = url::Url::parse(public_url).ok().and_then(|u| u.host_str().map(str::to_owned));
    format!("reception-{id}@{}", host.unwrap_or_else(|| "localhost".into()))
}

/// The feed: a VCALENDAR named `name`, the zone, and one VEVENT per reception.
pub fn render(name: &str, public_url: &str, events: &[IcalEvent]) -> String {
    let mut cal = Calendar::new();
    cal.properties.retain(|p| p.key() != "PRODID");
    cal.append_property(Property::new("PRODID", "-//Adaldyq//Receptions//EN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.append_property(Property::new("NAME", name).append_parameter(ValueType::Text).done());
    cal.append_property(Property::new("X-WR-CALNAME", name).append_parameter(ValueType::Text).done());
    cal.timezone(TIME_ZONE);
    // The calendar's own lines, then the zone, then the events.
    let head = cal.to_string();
    let head = head.strip_suffix("END:VCALENDAR\r\n").unwrap_or(&head);
    let mut out = String::with_capacity(head.len() + VTIMEZONE.len() + events.len() * 1024);
    out.push_str(head);
    out.push_str(VTIMEZONE);
    for e in events {
        out.push_str(&event(public_url, e).to_string());
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn event(public_url: &str, e: &IcalEvent) -> Event {
    let zoned = |key: &str, at: i64| Property::new(key, times::ical_local(at)).add_parameter("TZID", TIME_ZONE).done();
    let mut ev = Event::with_uid(&uid(e.id, public_url));
    ev.summary(&e.title)
        .description(&e.description)
        .location(&e.location)
        .url(&e.url)
        .sequence(u32::try_from(e.sequence).unwrap_or(0))
        .status(if e.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed })
        .append_property(zoned("DTSTART", e.starts_at))
        .append_property(zoned("DTEND", e.ends_at))
        .add_property("DTSTAMP", times::ical_utc(e.updated_at))
        .add_property("LAST-MODIFIED", times::ical_utc(e.updated_at));
    ev.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::parser::{read_calendar, unfold};
    use std::str::FromStr;

    fn at(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    fn sample(id: i64, cancelled: bool) -> IcalEvent {
        IcalEvent {
            id,
            sequence: 3,
            title: "Азаматтарды қабылдау: Айгүл Сейітова".into(),
            description: "Тақырыптар: жер, су; жолдар, мектеп\nТілдер: қазақ, орыс".into(),
            location: "Қызылорда, Әйтеке би көшесі, 1".into(),
            starts_at: at("2026-02-28T19:30:00Z"),
            ends_at: at("2026-02-28T21:00:00Z"),
            cancelled,
            url: format!("https://adaldyq.example.kz/kk/receptions/{id}"),
            updated_at: at("2026-02-20T10:00:00Z"),
        }
    }

    /// Read back by the crate's parser: the zone, the UID, SEQUENCE, STATUS
    /// and the local time with its zone; text with commas and new lines
    /// comes back as written.
    #[test]
    fn a_feed_reads_back() {
        let text = render("Қабылдаулар, Қызылорда", "https://adaldyq.example.kz", &[sample(7, false), sample(8, true)]);
        assert!(text.lines().all(|l| l.len() <= 75), "folded at 75 octets");
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).expect("the feed parses");
        let prop = |c: &icalendar::parser::Component, k: &str| {
            c.properties.iter().find(|p| p.name == k).map(|p| p.val.to_string()).unwrap_or_default()
        };
        let name = cal.properties.iter().find(|p| p.name == "NAME").map(|p| p.val.to_string());
        assert_eq!(name.as_deref(), Some("Қабылдаулар, Қызылорда"));
        assert!(text.contains("NAME;VALUE=TEXT:Қабылдаулар\\, Қызылорда\r\n"), "escaped as TEXT");
        assert!(!text.contains("BEGIN:VTIMEZONE\r\nDTSTAMP"), "no DTSTAMP or UID in the zone");
        let zones: Vec<_> = cal.components.iter().filter(|c| c.name == "VTIMEZONE").collect();
        assert_eq!(zones.len(), 1);
        assert_eq!(prop(zones[0], "TZID"), "Asia/Qyzylorda");
        let events: Vec<_> = cal.components.iter().filter(|c| c.name == "VEVENT").collect();
        assert_eq!(events.len(), 2);
        let first = events[0];
        assert_eq!(prop(first, "UID"), "reception-7@adaldyq.example.kz");
        assert_eq!(prop(first, "SEQUENCE"), "3");
        assert_eq!(prop(first, "STATUS"), "CONFIRMED");
        assert_eq!(prop(events[1], "STATUS"), "CANCELLED");
        assert_eq!(prop(first, "URL"), "https://adaldyq.example.kz/kk/receptions/7");
        let start = first.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        assert_eq!(start.val.as_ref(), "20260301T003000", "00:30 local on 1 March");
        let tzid = start.params.iter().find(|p| p.key == "TZID").and_then(|p| p.val.as_ref()).map(|v| v.to_string());
        assert_eq!(tzid.as_deref(), Some("Asia/Qyzylorda"));
        assert_eq!(prop(first, "DTEND"), "20260301T020000");
        assert_eq!(prop(first, "DTSTAMP"), "20260220T100000Z");
        assert_eq!(prop(first, "LAST-MODIFIED"), "20260220T100000Z");
        // The typed reader unescapes the text.
        let typed = Calendar::from_str(&text).unwrap();
        let ev = typed.events().next().unwrap();
        assert_eq!(ev.get_description(), Some(sample(7, false).description.as_str()));
        assert_eq!(ev.get_location(), Some("Қызылорда, Әйтеке би көшесі, 1"));
        assert_eq!(ev.get_sequence(), Some(3));
    }

    #[test]
    fn uids_are_stable_and_name_the_host() {
        assert_eq!(uid(12, "https://adaldyq.kz/"), "reception-12@adaldyq.kz");
        assert_eq!(uid(12, "http://127.0.0.1:8080"), "reception-12@127.0.0.1");
        let one = render("x", "https://a.kz", &[sample(1, false)]);
        let two = render("x", "https://a.kz", &[sample(1, false)]);
        assert_eq!(one, two, "the same facts give the same bytes (no time of rendering in them)");
    }
}
