//! The `adaldyq` binary: serves the platform (the default), and the
//! operator's commands: migrate, demo, users, export and import, territories.

mod commands;
mod config;
mod demo;
mod serve;

use clap::{Parser, Subcommand};
use config::{SettingArgs, Settings};

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
}

fn main() -> std::process::ExitCode {
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
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("adaldyq: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
