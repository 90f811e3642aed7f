//! The `dossier` binary: parses the command line and calls the library.
//! Exit codes: 0 success, 1 a failed command, 2 a usage error.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command, EntitiesCommand};
use dossier::serve::ServeOptions;
use dossier::{BuildOptions, Error};

// The build allocates many small strings on every core; mimalloc does that
// markedly faster than the system allocator (see bench/RESULTS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => run_build(
            BuildOptions {
                root: args.root,
                out: args.out,
                site_url: args.site_url,
            },
            args.timings,
        ),
        Command::Check(args) => return run_check(args),
        Command::Import(args) => return run_import(args),
        Command::Entities(EntitiesCommand::Suggest(args)) => run_suggest(args),
        Command::Serve(args) => dossier::serve::serve(&ServeOptions {
            root: args.root,
            bind: args.bind,
            port: args.port,
            open: args.open,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            print_error(&error);
            ExitCode::from(1)
        }
    }
}

fn run_build(options: BuildOptions, timings: bool) -> Result<(), Error> {
    let report = dossier::build(&options)?;
    for warning in &report.warnings {
        eprintln!("{warning}\n");
    }
    if timings {
        for (stage, took) in &report.timings {
            println!("{stage:>8}: {:8.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    println!("{}", report.summary());
    Ok(())
}

fn run_check(args: cli::CheckArgs) -> ExitCode {
    let options = dossier::check::CheckOptions {
        root: args.root,
        out: args.out,
        site_url: args.site_url,
    };
    match dossier::check::check(&options) {
        Ok(report) => {
            for diagnostic in report.errors.iter().chain(&report.warnings) {
                eprintln!("{diagnostic}\n");
            }
            println!("{}", report.summary());
            let failed =
                !report.errors.is_empty() || (args.deny_warnings && !report.warnings.is_empty());
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            print_error(&error);
            ExitCode::from(1)
        }
    }
}

fn run_import(args: cli::ImportArgs) -> ExitCode {
    use dossier::import::{ImportOptions, Outcome};
    let options = ImportOptions {
        root: args.root,
        inputs: args.files,
        out: args.out,
        force: args.force,
        dry_run: args.dry_run,
        overrides: dossier::import::Overrides {
            title: args.title,
            date: args.date,
            outlet: args.outlet,
            source: args.source,
            kind: args.kind,
            language: args.language,
        },
        timeout: Some(args.timeout),
    };
    let report = match dossier::import::run_import(&options, &mut std::io::stdin()) {
        Ok(report) => report,
        Err(error) => {
            print_error(&error);
            return ExitCode::from(1);
        }
    };
    let verb = if options.dry_run {
        "would write"
    } else {
        "wrote"
    };
    for outcome in &report.outcomes {
        match outcome {
            Outcome::Written {
                input,
                path,
                summary,
                warnings,
            } => {
                println!("{input}: {verb} {} — {summary}", path.display());
                for warning in warnings {
                    eprintln!("warning: {input}: {warning}");
                }
            }
            Outcome::Failed { input, error } => eprintln!("{input}: {error}"),
        }
    }
    if report.succeeded() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run_suggest(args: cli::SuggestArgs) -> Result<(), Error> {
    use dossier::suggest::{Outcome, SuggestOptions, suggest};
    let stubs = suggest(&SuggestOptions {
        root: args.root,
        dry_run: args.dry_run,
    })?;
    for stub in &stubs {
        let verb = match stub.outcome {
            Outcome::Written => "wrote",
            Outcome::WouldWrite => "would write",
            Outcome::Exists => "exists, left alone:",
        };
        let detail = stub
            .detail
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        println!(
            "{verb} {} — {} \"{}\"{detail}, seen in {}",
            stub.path.display(),
            stub.kind.to_lowercase(),
            stub.title,
            stub.places.join(", ")
        );
    }
    let new = stubs
        .iter()
        .filter(|s| s.outcome != Outcome::Exists)
        .count();
    println!(
        "{new} new {} to review",
        if new == 1 { "entity" } else { "entities" }
    );
    Ok(())
}

fn print_error(error: &Error) {
    match error {
        Error::Invalid(_) => eprintln!("{error}"),
        Error::Io { .. } => eprintln!("error: {error}"),
    }
}
