//! The `adaldyq` binary: serves the platform (the default), and the
//! operator's commands: migrate, demo, users, export and import, territories.

mod commands;
mod config;
mod demo;
mod serve;
mod transparency;

use clap::{Parser, Subcommand};
use config::{SettingArgs, Settings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "adaldyq", version, about = "Adaldyq: an open integrity platform for local government")]
struct Cli {
    #[command(flatten)]
    settings: SettingArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default)
    Serve,
    /// Create or update the database schema, then exit
    Migrate,
    /// Load the demo region and accounts into an empty database
    Demo,
    /// Manage user accounts
    #[command(subcommand)]
    User(commands::UserCommand),
    /// Write the whole installation to a file (JSON Lines), from either backend
    Export {
        /// Output file; `-` for standard output
        file: String,
    },
    /// Load an export into an empty database of either backend
    Import {
        /// Input file; `-` for standard input
        file: String,
    },
    /// Load or update territories from a KATO CSV (nothing changes if a line is bad)
    ImportTerritories {
        /// CSV with the header code,parent_code,level,kind,name_kk,name_ru
        file: String,
    },
    /// Hide an appeal's content or erase its filer's personal data (a logged tombstone with the reason)
    #[command(subcommand)]
    Appeal(AppealCommand),
    /// The transparency log
    #[command(subcommand)]
    Log(LogCommand),
    /// Receipts
    #[command(subcommand)]
    Receipt(ReceiptCommand),
    /// Run an independent witness: cosign a log's consistent checkpoints, refuse and report the others
    Witness {
        /// The log's address (https://…)
        #[arg(long)]
        log: String,
        /// The witness's name (its key is made on first run, in the data folder)
        #[arg(long, default_value = "adaldyq-witness")]
        name: String,
        /// The log's public key; without it, the one the log gives on first contact is kept
        #[arg(long)]
        log_key: Option<String>,
        /// Check once and exit (status 3 when the log is inconsistent)
        #[arg(long)]
        once: bool,
        /// Make the key if needed, print it and exit
        #[arg(long)]
        key_only: bool,
        /// Seconds between polls
        #[arg(long, default_value_t = 10)]
        interval: u64,
    },
}

#[derive(Subcommand)]
enum AppealCommand {
    /// Blank the subject, the text and the messages (abusive or unlawful content)
    Hide {
        number: String,
        /// Why (published in the appeal's history and the log)
        #[arg(long)]
        reason: String,
    },
    /// Erase the filer's personal data on request: contact, texts, files
    Erase {
        number: String,
        /// Why (published in the appeal's history and the log)
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
enum LogCommand {
    /// Rebuild the tree and check every checkpoint and event: the database, or a server's public endpoints
    Verify {
        /// Check a server through its public endpoints instead of the database
        #[arg(long)]
        url: Option<String>,
        /// The log's public key (default: the data folder's log.key, or the server's)
        #[arg(long)]
        key: Option<String>,
    },
}

#[derive(Subcommand)]
enum ReceiptCommand {
    /// Check a downloaded receipt against a server's current checkpoint (inclusion, then consistency)
    Verify {
        file: std::path::PathBuf,
        /// The server's address
        #[arg(long)]
        url: String,
    },
}

fn main() -> std::process::ExitCode {
    // Before anything is created: the database, its WAL, the keys, the
    // attachments, exports — every file this process makes is readable by
    // its own user only (0600, folders 0700), whatever the shell's umask.
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let cli = Cli::parse();
    let settings = match Settings::resolve(&cli.settings) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("adaldyq: {e:#}");
            return std::process::ExitCode::from(2);
        }
    };
    serve::init_logging(settings.log_json);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a Tokio runtime");
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve::run(settings).await,
            Command::Migrate => commands::migrate(&settings).await,
            Command::Demo => commands::demo(&settings).await,
            Command::User(cmd) => commands::user(&settings, cmd).await,
            Command::Export { file } => commands::export(&settings, &file).await,
            Command::Import { file } => commands::import(&settings, &file).await,
            Command::ImportTerritories { file } => commands::import_territories(&settings, &file).await,
            Command::Appeal(AppealCommand::Hide { number, reason }) => {
                commands::tombstone(&settings, &number, adaldyq_store::Tombstone::Hide, &reason).await
            }
            Command::Appeal(AppealCommand::Erase { number, reason }) => {
                commands::tombstone(&settings, &number, adaldyq_store::Tombstone::Erase, &reason).await
            }
            Command::Log(LogCommand::Verify { url, key }) => {
                transparency::log_verify(&settings, url.as_deref(), key.as_deref()).await
            }
            Command::Receipt(ReceiptCommand::Verify { file, url }) => transparency::receipt_verify(&file, &url),
            Command::Witness { log, name, log_key, once, key_only, interval } => {
                let args = transparency::WitnessArgs {
                    log: &log,
                    name: &name,
                    log_key: log_key.as_deref(),
                    once,
                    key_only,
                    interval: std::time::Duration::from_secs(interval.max(1)),
                };
                match transparency::witness(&settings.data_dir, &args) {
                    Ok(0) => Ok(()),
                    Ok(code) => return Err(code),
                    Err(e) => Err(e),
                }
            }
        }
        .map_err(|e| {
            eprintln!("adaldyq: {e:#}");
            1
        })
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(code) => std::process::ExitCode::from(code),
    }
}
