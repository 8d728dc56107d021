//! The demo installation: Kyzylorda oblast's territory tree (from the KATO
//! classifier), a few institutions per district, one account per role, and
//! the programme with a working group per rural district (`programme`)
//! and a month of its receptions either side of today (`receptions`).
//! Institutions and people are made up, so each is marked as demo data; the
//! places are real and keep their classifier names.

use adaldyq_domain::territory::{demo_territories, TerritoryKind};
use adaldyq_domain::translit::to_latin;
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::{DynStore, NewInstitution, NewUser};
use std::path::Path;

mod programme;
mod receptions;

/// Baikonur is inside the oblast but leased: shown, never routed to.
pub const BAIKONUR: &str = "431900000";
/// The district whose institutions the demo officer and head work for.
pub const DEMO_DISTRICT: &str = "433200000";
pub const ACCOUNTS_FILE: &str = "demo-accounts.txt";
const LOADED: &str = "demo_loaded";

/// One demo account: e-mail, role, password.
pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub password: String,
}

fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source");
    let s: String = bytes.iter().map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char).collect();
    format!("{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16])
}

/// Loads the demo into an empty installation, once. Returns the accounts
/// made (empty when the demo was already there).
pub async fn load(store: &DynStore, data_dir: &Path, now: i64) -> anyhow::Result<Vec<DemoAccount>> {
    if store.meta(LOADED).await?.is_some() {
        // A demo loaded before receptions existed gets the programme now.
        programme::load(store, &demo_territories()).await?;
        receptions::load(store, now).await?;
        return Ok(vec![]);
    }
    let territories = demo_territories();
    store.upsert_territories(&territories).await?;
    store.set_routable(BAIKONUR, false).await?;
    let mut officer_institution = None;
    for t in &territories {
        if t.code == BAIKONUR || t.parent_code.as_deref() == Some(BAIKONUR) {
            continue;
        }
        let latin = to_latin(&t.name_kk);
        let made: Vec<(String, String, String)> = match t.kind {
            TerritoryKind::District | TerritoryKind::City if t.level == 2 => vec![
                (
                    format!("{} әкімдігі (демо)", t.name_kk),
                    format!("Акимат: {} (демо)", t.name_ru),
                    format!("Akimat: {latin} (demo)"),
                ),
                (
                    format!("{} білім бөлімі (демо)", t.name_kk),
                    format!("Отдел образования: {} (демо)", t.name_ru),
                    format!("Education department: {latin} (demo)"),
                ),
                (
                    format!("{} тұрғын үй-коммуналдық шаруашылық бөлімі (демо)", t.name_kk),
                    format!("Отдел ЖКХ: {} (демо)", t.name_ru),
                    format!("Housing and utilities department: {latin} (demo)"),
                ),
            ],
            TerritoryKind::RuralOkrug | TerritoryKind::SettlementAdmin => vec![(
                format!("{} әкімінің аппараты (демо)", t.name_kk),
                format!("Аппарат акима: {} (демо)", t.name_ru),
                format!("Akim's office: {latin} (demo)"),
            )],
            _ => vec![],
        };
        for (kk, ru, en) in made {
            let id = store
                .create_institution(&NewInstitution {
                    territory_code: t.code.clone(),
                    name_kk: kk,
                    name_ru: ru,
                    name_en: en,
                    is_demo: true,
                })
                .await?;
            if t.code == DEMO_DISTRICT && officer_institution.is_none() {
                officer_institution = Some(id);
            }
        }
    }
    let institution = officer_institution.ok_or_else(|| anyhow::anyhow!("the demo district has no institution"))?;
    programme::load(store, &territories).await?;
    receptions::load(store, now).await?;
    let people: [(Role, &str, Scope); 8] = [
        (Role::Citizen, "Демо азамат", Scope::Own),
        (Role::Officer, "Демо орындаушы", Scope::Institution(institution)),
        (Role::Head, "Демо басшы", Scope::Institution(institution)),
        (Role::Coordinator, "Демо үйлестіруші", Scope::Territory(DEMO_DISTRICT.into())),
        (Role::Monitor, "Демо бақылаушы", Scope::Territory(DEMO_DISTRICT.into())),
        (Role::Inspector, "Демо инспектор", Scope::Territory("430000000".into())),
        (Role::CommissionSecretary, "Демо хатшы", Scope::Territory("430000000".into())),
        (Role::Administrator, "Демо әкімші", Scope::All),
    ];
    let mut accounts = Vec::new();
    for (role, name, scope) in people {
        let email = format!("{}@demo.adaldyq.example", role.as_str().replace('_', "-"));
        let password = random_password();
        let id = store
            .create_user(&NewUser {
                email: email.clone(),
                name: name.into(),
                password_hash: adaldyq_web::auth::password::hash_async(password.clone()).await,
                created_at: now,
                is_demo: true,
            })
            .await?;
        store.add_grant(id, &Grant { role, scope }, &adaldyq_store::Actor::system()).await?;
        accounts.push(DemoAccount { email, role, password });
    }
    write_accounts(data_dir, &accounts)?;
    store.claim_meta(LOADED, "kyzylorda-2026").await?;
    Ok(accounts)
}

/// Keeps the demo passwords readable by the operator only, so that every
/// start can show them again.
fn write_accounts(data_dir: &Path, accounts: &[DemoAccount]) -> anyhow::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let path = data_dir.join(ACCOUNTS_FILE);
    let mut text = String::new();
    for a in accounts {
        text.push_str(&format!("{:<22} {:<42} {}\n", a.role.as_str(), a.email, a.password));
    }
    write_private(&path, text.as_bytes())
}

/// Writes a file only its owner can read (mode 0600 on Unix).
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

/// The demo accounts as written on first start, if this data folder has them.
pub fn read_accounts(data_dir: &Path) -> Option<String> {
    std::fs::read_to_string(data_dir.join(ACCOUNTS_FILE)).ok()
}
