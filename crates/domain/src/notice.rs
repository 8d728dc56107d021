//! The kinds of notice the platform sends, whom each is for, and which the
//! law requires: a legal notice cannot be switched off, an optional one can,
//! per kind and channel, and only an optional one carries a way to stop it
//! (`List-Unsubscribe`).

/// A notice's kind, as stored in the outbox and named in message keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// The appeal is registered: its number and due date (Art. 64).
    Registered,
    /// Sent on to the competent body (Art. 76: the applicant is told).
    Forwarded,
    ClarificationRequested,
    /// The term is extended (Art. 76: the applicant is told, with reasons).
    Extended,
    Answered,
    /// Passed to the higher body after a missed term (Art. 91).
    Escalated,
    /// The applicant's dispute of the answer is received.
    Disputed,
    /// To a staff member: an appeal was assigned to them.
    Assigned,
    /// To the heads of a body: an appeal was escalated or disputed to it.
    EscalatedToYou,
    /// To a staff member: the morning list of what falls due soon.
    Digest,
}

/// Who a kind of notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    Applicant,
    Staff,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 10] = [
        NoticeKind::Registered,
        NoticeKind::Forwarded,
        NoticeKind::ClarificationRequested,
        NoticeKind::Extended,
        NoticeKind::Answered,
        NoticeKind::Escalated,
        NoticeKind::Disputed,
        NoticeKind::Assigned,
        NoticeKind::EscalatedToYou,
        NoticeKind::Digest,
    ];

    /// The stable name in the outbox, preferences and message keys.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Registered => "registered",
            NoticeKind::Forwarded => "forwarded",
            NoticeKind::ClarificationRequested => "clarification_requested",
            NoticeKind::Extended => "extended",
            NoticeKind::Answered => "answered",
            NoticeKind::Escalated => "escalated",
            NoticeKind::Disputed => "disputed",
            NoticeKind::Assigned => "assigned",
            NoticeKind::EscalatedToYou => "escalated_to_you",
            NoticeKind::Digest => "digest",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn audience(self) -> Audience {
        match self {
            NoticeKind::Assigned | NoticeKind::EscalatedToYou | NoticeKind::Digest => Audience::Staff,
            _ => Audience::Applicant,
        }
    }

    /// Whether the Administrative Procedural Code requires the applicant to
    /// be told (registration, Art. 64; forwarding and extension, Art. 76;
    /// the clarification asked and the answer, which the applicant must
    /// act on or may dispute). Everything else is a courtesy.
    pub fn is_legal(self) -> bool {
        matches!(
            self,
            NoticeKind::Registered
                | NoticeKind::Forwarded
                | NoticeKind::ClarificationRequested
                | NoticeKind::Extended
                | NoticeKind::Answered
        )
    }

    /// The kinds a person may switch off, for one audience, in the order a
    /// preferences page lists them.
    pub fn optional(audience: Audience) -> impl Iterator<Item = NoticeKind> {
        NoticeKind::ALL.into_iter().filter(move |k| !k.is_legal() && k.audience() == audience)
    }

    /// The kinds that are always sent to an audience.
    pub fn legal(audience: Audience) -> impl Iterator<Item = NoticeKind> {
        NoticeKind::ALL.into_iter().filter(move |k| k.is_legal() && k.audience() == audience)
    }
}

/// Whether a stored kind may be switched off. A kind this list does not
/// know (one added by a later capability, such as `term_recomputed`) is
/// treated as legal: it is always sent and never offers a way out, so a
/// new kind is never silently dropped by a preference.
pub fn is_optional(kind: &str) -> bool {
    NoticeKind::parse(kind).is_some_and(|k| !k.is_legal())
}

/// Whether a stored kind is a staff notice (those are never the applicant's
/// personal data, and are kept when an appeal is erased).
pub fn is_for_staff(kind: &str) -> bool {
    NoticeKind::parse(kind).is_some_and(|k| k.audience() == Audience::Staff)
}

/// How many working days ahead the morning digest looks.
pub const DIGEST_WORKING_DAYS: u32 = 3;

/// The local hour (Asia/Qyzylorda) from which a working day's digest is sent.
pub const DIGEST_HOUR: i8 = 8;

/// The longest subject a digest line carries, in characters.
pub const DIGEST_SUBJECT_CHARS: usize = 60;

/// A subject cut to `max` characters at a word where it can be, with an
/// ellipsis when anything was left out.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', '.', ';', ':']))
}

/// Why a field of one's notice settings was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileProblem {
    /// Not one of the platform's languages.
    BadLanguage,
    /// Not a Kazakhstan mobile number.
    BadPhone,
}

/// One's notice settings as checked: the language notices are written in,
/// and the phone SMS go to (none: no SMS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub language: crate::Locale,
    pub phone: Option<String>,
}

/// Checks the language and phone typed on the preferences page; the phone
/// is kept as `+7XXXXXXXXXX`, an empty one means no SMS.
pub fn check_profile(language: &str, phone: &str) -> Result<Profile, Vec<(&'static str, ProfileProblem)>> {
    let mut errors = Vec::new();
    let language = crate::Locale::from_segment(language.trim());
    if language.is_none() {
        errors.push(("language", ProfileProblem::BadLanguage));
    }
    let phone = match phone.trim() {
        "" => None,
        typed => {
            let normal = crate::appeal::normalise_phone(typed);
            if normal.is_none() {
                errors.push(("phone", ProfileProblem::BadPhone));
            }
            normal
        }
    };
    match language {
        Some(language) if errors.is_empty() => Ok(Profile { language, phone }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_kinds_are_legal() {
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.as_str()), Some(k));
        }
        assert!(!is_optional("term_recomputed"), "an unknown kind is always sent");
        assert!(!is_optional("registered") && !is_optional("extended") && !is_optional("answered"));
        assert!(is_optional("escalated") && is_optional("disputed") && is_optional("digest"));
        assert!(is_for_staff("assigned") && is_for_staff("escalated_to_you") && !is_for_staff("escalated"));
    }

    #[test]
    fn the_code_requires_the_applicant_notices_and_staff_ones_are_optional() {
        let legal: Vec<_> = NoticeKind::legal(Audience::Applicant).map(|k| k.as_str()).collect();
        assert_eq!(legal, ["registered", "forwarded", "clarification_requested", "extended", "answered"]);
        let optional: Vec<_> = NoticeKind::optional(Audience::Applicant).map(|k| k.as_str()).collect();
        assert_eq!(optional, ["escalated", "disputed"]);
        let staff: Vec<_> = NoticeKind::optional(Audience::Staff).map(|k| k.as_str()).collect();
        assert_eq!(staff, ["assigned", "escalated_to_you", "digest"]);
        assert_eq!(NoticeKind::legal(Audience::Staff).count(), 0);
    }

    #[test]
    fn a_profile_takes_a_kazakhstan_phone_or_none() {
        let p = check_profile("ru", "8 (701) 123-45-67").unwrap();
        assert_eq!((p.language, p.phone.as_deref()), (crate::Locale::Ru, Some("+77011234567")));
        assert_eq!(check_profile("kk-latn", " ").unwrap().phone, None);
        assert_eq!(check_profile("kk", "12345"), Err(vec![("phone", ProfileProblem::BadPhone)]));
        assert_eq!(
            check_profile("de", "abc"),
            Err(vec![("language", ProfileProblem::BadLanguage), ("phone", ProfileProblem::BadPhone)])
        );
    }

    #[test]
    fn subjects_are_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(shorten("Көше  шамдары\nжанбайды", 60), "Көше шамдары жанбайды");
        let long = "Жарық жоқ ".repeat(20);
        let cut = shorten(&long, 30);
        assert!(cut.chars().count() <= 30 && cut.ends_with('…'), "{cut}");
        assert!(!cut.contains("  ") && cut.starts_with("Жарық жоқ"), "{cut}");
        let word = "а".repeat(100);
        assert_eq!(shorten(&word, 10).chars().count(), 10);
    }
}
