//! The Atom feed of newly scheduled receptions (RFC 4287), written with the
//! `atom_syndication` crate from plain view structs. An entry's id is a tag
//! URI of the reception (`tag:{host},2026:reception:{id}`): the same in every
//! language and for ever, so a feed reader shows a changed reception as
//! updated, not as new. Times are given with the local offset (+05:00).

use super::times;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use std::str::FromStr;

/// One reception as the feed gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtomEntry {
    pub id: i64,
    pub title: String,
    /// When, where and who, in one line of plain text.
    pub summary: String,
    /// The reception's page, absolute.
    pub url: String,
    /// When it was scheduled.
    pub published: i64,
    pub updated: i64,
}

/// What the feed says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtomFeed {
    pub title: String,
    /// The feed's own address, absolute: its id and its `self` link.
    pub self_url: String,
    /// The page the feed belongs to, absolute.
    pub page_url: String,
    /// The publisher (the programme's project office).
    pub author: String,
    /// `kk`, `ru`, `en` (xml:lang).
    pub lang: String,
}

/// The tag URI of a reception (RFC 4151).
pub fn entry_id(id: i64, public_url: &str) -> String {
    let host = url::Url::parse(public_url).ok().and_then(|u| u.host_str().map(str::to_owned));
    format!("tag:{},2026:reception:{id}", host.unwrap_or_else(|| "localhost".into()))
}

fn when(seconds: i64) -> FixedDateTime {
    FixedDateTime::from_str(&times::rfc3339(seconds)).unwrap_or_default()
}

fn link(href: &str, rel: &str, mime: Option<&str>) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(mime.map(str::to_owned));
    l
}

/// The feed as XML. `updated` is the feed's last change: the latest entry's,
/// or, for an empty feed, whatever the caller knows (it is not "now", so
/// the same facts give the same bytes).
pub fn render(feed: &AtomFeed, public_url: &str, entries: &[AtomEntry], updated: i64) -> String {
    let mut f = Feed::default();
    f.set_title(Text::plain(feed.title.clone()));
    f.set_id(feed.self_url.clone());
    f.set_lang(Some(feed.lang.clone()));
    f.set_updated(when(entries.iter().map(|e| e.updated).max().unwrap_or(updated)));
    let mut author = Person::default();
    author.set_name(feed.author.clone());
    f.set_authors(vec![author]);
    f.set_links(vec![
        link(&feed.self_url, "self", Some("application/atom+xml")),
        link(&feed.page_url, "alternate", Some("text/html")),
    ]);
    f.set_entries(
        entries
            .iter()
            .map(|e| {
                let mut entry = Entry::default();
                entry.set_id(entry_id(e.id, public_url));
                entry.set_title(Text::plain(e.title.clone()));
                entry.set_summary(Some(Text::plain(e.summary.clone())));
                entry.set_links(vec![link(&e.url, "alternate", Some("text/html"))]);
                entry.set_published(Some(when(e.published)));
                entry.set_updated(when(e.updated));
                entry
            })
            .collect::<Vec<_>>(),
    );
    f.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_are_tag_uris_of_the_host() {
        assert_eq!(entry_id(5, "https://adaldyq.kz"), "tag:adaldyq.kz,2026:reception:5");
    }

    fn at(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    /// Read back by feed-rs: ids, titles, links, times, the language.
    #[test]
    fn a_feed_reads_back() {
        let feed = AtomFeed {
            title: "Жаңа қабылдаулар".into(),
            self_url: "https://adaldyq.kz/kk/receptions/feed.atom".into(),
            page_url: "https://adaldyq.kz/kk/receptions".into(),
            author: "«Адалдық алаңы» жобалық кеңсесі".into(),
            lang: "kk".into(),
        };
        let entries = [
            AtomEntry {
                id: 9,
                title: "Қабылдау <жаңа> & ашық".into(),
                summary: "01.03.2026, 00:30–02:00".into(),
                url: "https://adaldyq.kz/kk/receptions/9".into(),
                published: at("2026-02-20T10:00:00Z"),
                updated: at("2026-02-28T19:30:00Z"),
            },
            AtomEntry {
                id: 4,
                title: "Екінші".into(),
                summary: String::new(),
                url: "https://adaldyq.kz/kk/receptions/4".into(),
                published: at("2026-02-10T10:00:00Z"),
                updated: at("2026-02-10T10:00:00Z"),
            },
        ];
        let xml = render(&feed, "https://adaldyq.kz", &entries, 0);
        let parsed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs reads it");
        assert_eq!(parsed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(parsed.id, "https://adaldyq.kz/kk/receptions/feed.atom");
        assert_eq!(parsed.title.unwrap().content, "Жаңа қабылдаулар");
        assert_eq!(parsed.language.as_deref(), Some("kk"));
        assert_eq!(parsed.updated.unwrap().to_rfc3339(), "2026-02-28T19:30:00+00:00");
        assert_eq!(parsed.entries.len(), 2);
        let e = &parsed.entries[0];
        assert_eq!(e.id, "tag:adaldyq.kz,2026:reception:9");
        assert_eq!(e.title.as_ref().unwrap().content, "Қабылдау <жаңа> & ашық");
        assert_eq!(e.links[0].href, "https://adaldyq.kz/kk/receptions/9");
        assert_eq!(e.published.unwrap().to_rfc3339(), "2026-02-20T10:00:00+00:00");
        assert_eq!(e.updated.unwrap().to_rfc3339(), "2026-02-28T19:30:00+00:00");
        assert!(xml.contains("<updated>2026-03-01T00:30:00+05:00</updated>"), "{xml}");
        let again = render(&feed, "https://adaldyq.kz", &entries, 0);
        assert_eq!(xml, again, "the same facts give the same bytes");
    }

    #[test]
    fn times_carry_the_local_offset() {
        let t = "2026-02-28T19:30:00Z".parse::<jiff::Timestamp>().unwrap().as_second();
        assert_eq!(when(t).to_rfc3339(), "2026-03-01T00:30:00+05:00");
    }
}
