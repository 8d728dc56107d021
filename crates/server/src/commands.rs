//! The operator's commands besides `serve`.

use crate::config::Settings;
use crate::demo;
use crate::serve::open_store;
use adaldyq_domain::account::{check_name, check_password, normalise_email};
use adaldyq_domain::{Grant, Role, Scope};
use adaldyq_store::NewUser;
use clap::Subcommand;
use std::io::{BufReader, Read};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user (the password is read from ADALDYQ_PASSWORD or standard input)
    Add {
        email: String,
        /// Full name
        #[arg(long)]
        name: String,
        /// A role to grant, as ROLE or ROLE@SCOPE (see `user role`)
        #[arg(long)]
        role: Vec<String>,
    },
    /// List users and their roles
    List,
    /// Set a user's password (read from ADALDYQ_PASSWORD or standard input)
    Passwd { email: String },
    /// Grant or revoke a role: ROLE@all, ROLE@own, ROLE@territory:KATO, ROLE@institution:ID
    Role {
        email: String,
        grant: String,
        /// Revoke instead of grant
        #[arg(long)]
        revoke: bool,
    },
}

pub async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    println!("The {} database is up to date.", store.backend());
    store.close().await;
    Ok(())
}

/// `adaldyq appeal hide|erase NUMBER --reason …`: done by the operator on an
/// administrator's decision, recorded as the administrator role.
pub async fn tombstone(
    settings: &Settings,
    number: &str,
    what: adaldyq_store::Tombstone,
    reason: &str,
) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let secret = crate::serve::secret_key(&settings.data_dir)?;
    let state = adaldyq_web::AppState::new(store.clone(), settings.web_config(secret, settings.log_key()?));
    let by = adaldyq_store::Actor { role: Role::Administrator.as_str().into(), user_id: None };
    let erase = what == adaldyq_store::Tombstone::Erase;
    let done =
        adaldyq_web::appeals::tombstone::apply(&state, number, what, reason, &by, adaldyq_web::state::now()).await;
    store.close().await;
    done?;
    println!(
        "{number}: {} The tombstone and its reason are in the appeal's history and the transparency log.",
        if erase { "personal data erased." } else { "content hidden." }
    );
    Ok(())
}

pub async fn demo(settings: &Settings) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let made = demo::load(&store, &settings.data_dir, adaldyq_web::state::now()).await?;
    if made.is_empty() {
        println!("The demo is already loaded.");
    } else {
        println!("Demo loaded. Accounts:");
        for a in made {
            println!("  {:<22} {:<42} {}", a.role.as_str(), a.email, a.password);
        }
    }
    store.close().await;
    Ok(())
}

/// Parses `ROLE` or `ROLE@SCOPE`. Without a scope, roles that take only one
/// kind of scope get it (citizen: own); others must say where.
pub fn parse_grant(s: &str) -> anyhow::Result<Grant> {
    let (role, scope) = s.split_once('@').map(|(r, s)| (r, Some(s))).unwrap_or((s, None));
    let role = Role::parse(role).ok_or_else(|| {
        let names: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        anyhow::anyhow!("unknown role {role:?}; roles: {}", names.join(", "))
    })?;
    let scope = match scope {
        None if role == Role::Citizen => Scope::Own,
        None => {
            anyhow::bail!("{role} needs a scope: {role}@territory:KATO, {role}@institution:ID or administrator@all")
        }
        Some("all") => Scope::All,
        Some("own") => Scope::Own,
        Some(s) => match s.split_once(':') {
            Some(("territory", code)) => Scope::Territory(code.to_owned()),
            Some(("institution", id)) => {
                Scope::Institution(id.parse().map_err(|_| anyhow::anyhow!("bad institution id {id:?}"))?)
            }
            _ => anyhow::bail!("bad scope {s:?}"),
        },
    };
    if !scope.fits(role) {
        anyhow::bail!("the scope {scope} does not fit the role {role}");
    }
    Ok(Grant { role, scope })
}

fn read_password() -> anyhow::Result<String> {
    let password = match std::env::var("ADALDYQ_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut s = String::new();
            std::io::stdin().read_line(&mut s)?;
            s.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    check_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(password)
}

pub async fn user(settings: &Settings, cmd: UserCommand) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let result = async {
        match cmd {
            UserCommand::Add { email, name, role } => {
                let email = normalise_email(&email).map_err(|e| anyhow::anyhow!("{e}"))?;
                let name = check_name(&name).map_err(|e| anyhow::anyhow!("{e}"))?;
                let grants = role.iter().map(|r| parse_grant(r)).collect::<anyhow::Result<Vec<_>>>()?;
                let password = read_password()?;
                let id = store
                    .create_user(&NewUser {
                        email: email.clone(),
                        name,
                        password_hash: adaldyq_web::auth::password::hash_async(password).await,
                        created_at: adaldyq_web::state::now(),
                        is_demo: false,
                    })
                    .await
                    .map_err(|e| match e {
                        adaldyq_store::StoreError::Conflict(_) => {
                            anyhow::anyhow!("a user with the e-mail {email} exists")
                        }
                        other => other.into(),
                    })?;
                for g in &grants {
                    store.add_grant(id, g, &adaldyq_store::Actor::system()).await?;
                }
                println!("Added {email} (#{id}).");
            }
            UserCommand::List => {
                for u in store.users().await? {
                    let grants: Vec<String> =
                        store.grants(u.id).await?.iter().map(|g| format!("{}@{}", g.role, g.scope)).collect();
                    println!("{:<5} {:<42} {:<30} {}", u.id, u.email, u.name, grants.join(" "));
                }
            }
            UserCommand::Passwd { email } => {
                let user = find(&store, &email).await?;
                let password = read_password()?;
                store.set_password(user.id, &adaldyq_web::auth::password::hash_async(password).await).await?;
                store.clear_failed_sign_ins(user.id).await?;
                println!("The password of {} was changed.", user.email);
            }
            UserCommand::Role { email, grant, revoke } => {
                let user = find(&store, &email).await?;
                let g = parse_grant(&grant)?;
                if revoke {
                    if !store.remove_grant(user.id, &g, &adaldyq_store::Actor::system()).await? {
                        anyhow::bail!("{} does not hold {grant}", user.email);
                    }
                    println!("Revoked {grant} from {}.", user.email);
                } else {
                    store.add_grant(user.id, &g, &adaldyq_store::Actor::system()).await?;
                    println!("Granted {grant} to {}.", user.email);
                }
            }
        }
        Ok(())
    }
    .await;
    store.close().await;
    result
}

async fn find(store: &adaldyq_store::DynStore, email: &str) -> anyhow::Result<adaldyq_store::User> {
    let email = normalise_email(email).map_err(|e| anyhow::anyhow!("{e}"))?;
    store.user_by_email(&email).await?.ok_or_else(|| anyhow::anyhow!("no user with the e-mail {email}"))
}

pub async fn export(settings: &Settings, file: &str) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let n = if file == "-" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        adaldyq_store::export::export(store.as_ref(), &mut out).await?
    } else {
        // Written beside the target and renamed when complete, so a refused
        // or failed export never leaves a file that looks whole.
        let partial = format!("{file}.partial");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&partial)?);
        let written = adaldyq_store::export::export(store.as_ref(), &mut out).await;
        drop(out);
        match written {
            Ok(n) => {
                std::fs::rename(&partial, file)?;
                n
            }
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                store.close().await;
                return Err(e.into());
            }
        }
    };
    store.close().await;
    eprintln!("Exported {n} rows from {}.", store.backend());
    Ok(())
}

pub async fn import(settings: &Settings, file: &str) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let result = if file == "-" {
        adaldyq_store::export::import(store.as_ref(), &mut std::io::stdin().lock()).await
    } else {
        let f = std::fs::File::open(file).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
        adaldyq_store::export::import(store.as_ref(), &mut BufReader::new(f)).await
    };
    store.close().await;
    let n = result?;
    eprintln!("Imported {n} rows into {}.", store.backend());
    Ok(())
}

pub async fn import_territories(settings: &Settings, file: &str) -> anyhow::Result<()> {
    let mut text = String::new();
    if file == "-" {
        std::io::stdin().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
    }
    let store = open_store(settings).await?;
    let known: std::collections::HashMap<String, i32> =
        store.territories().await?.into_iter().map(|t| (t.code, t.level as i32)).collect();
    let result = match adaldyq_domain::territory::parse_kato_csv(&text, &|c| known.get(c).copied()) {
        Ok(rows) => {
            let r = store.upsert_territories(&rows).await?;
            println!("Territories loaded: {} added, {} updated.", r.added, r.updated);
            Ok(())
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{file}:{}: {}", e.line, e.problem);
            }
            Err(anyhow::anyhow!("nothing was changed: {} bad line(s)", errors.len()))
        }
    };
    store.close().await;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_parse_with_scopes() {
        assert_eq!(parse_grant("citizen").unwrap(), Grant { role: Role::Citizen, scope: Scope::Own });
        assert_eq!(parse_grant("administrator@all").unwrap(), Grant { role: Role::Administrator, scope: Scope::All });
        assert_eq!(parse_grant("coordinator@territory:433200000").unwrap().scope, Scope::Territory("433200000".into()));
        assert_eq!(parse_grant("officer@institution:4").unwrap().scope, Scope::Institution(4));
        assert!(parse_grant("officer@territory:433200000").is_err());
        assert!(parse_grant("officer").is_err());
        assert!(parse_grant("king@all").is_err());
        assert!(parse_grant("officer@institution:x").is_err());
    }
}
