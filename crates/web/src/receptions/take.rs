//! "Taken as an appeal": a question raised at a reception becomes a
//! registered appeal in the person's name (channel `reception`, linked to
//! the reception and to the question). The one place that does it: the
//! coordinator's record form and the demo's past receptions both call
//! [`take_as_appeal`].

use crate::appeals::{hash_secret, new_secret, Filed, TERM_DAYS};
use adaldyq_domain::appeal::{region_of, AppealChannel, AppealKind, AppealLanguage, Contact, ValidAppeal};
use adaldyq_domain::calendar::{Calendar, WorkingHours};
use adaldyq_domain::Role;
use adaldyq_store::{AppealOrigin, Booking, CreateOutcome, DynStore, NewAppeal};

/// How many characters of the question make the appeal's subject.
const SUBJECT_CHARS: usize = 60;

/// A question recorded as taken as an appeal, and who took it.
pub struct Taking<'a> {
    pub reception_id: i64,
    /// The reception's territory: where the appeal is about.
    pub territory_code: &'a str,
    /// The person who raised it: the appeal is filed in their name, with
    /// the contact they gave when booking (or at the desk).
    pub person: &'a Booking,
    pub question_id: i64,
    pub text: &'a str,
    pub kind: AppealKind,
    /// When it was taken: registration and the due date follow the
    /// calendar from this instant, as for any appeal received then.
    pub at: i64,
    /// The body to send it to when no routing rule covers the territory
    /// (the demo's rural-district office); `None` leaves it with the
    /// territory's project office, as the filing form does.
    pub fallback_institution: Option<i64>,
}

/// The appeal filed, with what its receipt shows.
pub struct Taken {
    pub appeal_id: i64,
    pub filed: Filed,
}

/// Files the question as an appeal and links it to the question. Routing
/// follows the usual rules for the reception's territory. With
/// `secret_key` a receipt secret is made (shown once on the receipt);
/// without it (the demo: nobody holds the receipt) the appeal has none.
/// Taking the same question twice files once: the second call answers with
/// the first appeal (and no secret).
pub async fn take_as_appeal(
    store: &DynStore,
    calendar: &Calendar,
    secret_key: Option<&[u8]>,
    t: Taking<'_>,
) -> anyhow::Result<Taken> {
    let path = store.territory(t.territory_code).await?.map(|x| x.path).unwrap_or_default();
    let (institution, routed_by_rule) = match store.route(None, &path).await? {
        Some(rule) => (Some(rule.institution_id), Some(rule.id)),
        None => (t.fallback_institution, None),
    };
    let received = jiff::Timestamp::from_second(t.at)?;
    let due = calendar.due_on_arrival(received, &WorkingHours::default(), TERM_DAYS);
    let secret = secret_key.map(|_| new_secret());
    let mut salt = vec![0u8; 16];
    getrandom::fill(&mut salt).expect("the OS random source");
    let person = t.person;
    let contact =
        Contact { name: person.name.clone(), email: person.email.clone(), phone: person.phone.clone(), iin: None };
    let new = NewAppeal {
        appeal: ValidAppeal {
            kind: t.kind,
            category: None,
            territory: t.territory_code.to_owned(),
            institution,
            subject: t.text.chars().take(SUBJECT_CHARS).collect(),
            text: t.text.to_owned(),
            language: AppealLanguage::parse(&person.language).unwrap_or(AppealLanguage::Kk),
            contact: Some(contact),
        },
        region: region_of(t.territory_code).to_owned(),
        year: due.registered.year() as i32,
        received_at: t.at,
        registered_on: due.registered.to_string(),
        due_on: due.due.to_string(),
        term_days: i64::from(TERM_DAYS),
        secret_hash: match (secret_key, &secret) {
            (Some(key), Some(s)) => Some(hash_secret(key, s)),
            _ => None,
        },
        // One question, one appeal, however often the form is sent.
        client_token: Some(format!("reception-question-{}", t.question_id)),
        salt,
        routed_by_rule,
        attachments: vec![],
        // Registered by the project office; not the coordinator's own
        // appeal (it is not listed under their "my appeals").
        actor_role: Role::Coordinator,
        actor_user_id: None,
        origin: AppealOrigin { channel: AppealChannel::Reception, reception_id: Some(t.reception_id) },
    };
    let (appeal_id, filed) = match store.create_appeal(&new).await? {
        CreateOutcome::Created { id, number } => (id, Filed { number, secret, due, duplicate: false }),
        CreateOutcome::Duplicate { number } => {
            let a = store.appeal_by_number(&number).await?.ok_or_else(|| anyhow::anyhow!("a filed appeal is lost"))?;
            (a.id, Filed { number, secret: None, due, duplicate: true })
        }
    };
    // False when linked before (the duplicate case): the link stands.
    store.link_question_appeal(t.question_id, appeal_id).await?;
    Ok(Taken { appeal_id, filed })
}

/// The kinds a question may be taken as, in the form's order.
pub const KINDS: [AppealKind; 5] = [
    AppealKind::Complaint,
    AppealKind::Proposal,
    AppealKind::InformationRequest,
    AppealKind::ServiceQuality,
    AppealKind::CorruptionReport,
];
