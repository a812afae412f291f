#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use jobboard::cli::{Cli, Command};
use jobboard::cmd::{self, Status};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => cmd::check::run(args, &cli.global),
        Command::Comment(args) => cmd::comment::run(args),
        Command::Build(args) => cmd::build::run(args, &cli.global),
        Command::Serve(args) => cmd::serve::run(args, &cli.global),
        Command::New(args) => cmd::new::run(args, &cli.global),
        Command::Prune(args) => cmd::prune::run(args, &cli.global),
        Command::Fill(args) => cmd::fill::run(args, &cli.global),
        Command::Expiring(args) => cmd::expiring::run(args, &cli.global),
        Command::Announce(args) => cmd::announce::run(args, &cli.global),
        Command::Theme(args) => cmd::theme::run(args, &cli.global),
        Command::Forms(args) => cmd::forms::run(args, &cli.global),
        Command::Links(args) => cmd::links::run(args, &cli.global),
    };
    match result {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Failure) => ExitCode::from(1),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
