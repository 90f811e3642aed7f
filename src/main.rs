//! The `dossier` binary: parses the command line and calls the library.
//! Exit codes: 0 success, 1 a failed command, 2 a usage error.

mod cli;
mod term;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use cli::{Cli, Command, EntitiesCommand};
use dossier::serve::ServeOptions;
use dossier::{BuildOptions, Error};

// The build allocates many small strings on every core; mimalloc does that
// markedly faster than the system allocator (see bench/RESULTS.md). Its
// `no_thp` feature keeps it from asking for transparent huge pages: the
// kernel clears each 2 MiB page in full when first touched, and mimalloc
// returns and takes back memory often enough that this cost a sixth of a
// build's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How much a command prints besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, 0) => Verbosity::Normal,
        (false, _) => Verbosity::Verbose,
    };
    let result = match cli.command {
        Command::Build(args) => run_build(
            BuildOptions {
                root: args.root,
                out: args.out,
                site_url: args.site_url,
            },
            if args.timings {
                Verbosity::Verbose
            } else {
                verbosity
            },
        ),
        Command::Entities(EntitiesCommand::Suggest(args)) => run_suggest(args),
        Command::Init(args) => run_init(args, verbosity),
        Command::New(args) => run_new(args),
        Command::Completions(args) => {
            let mut command = Cli::command();
            clap_complete::generate(args.shell, &mut command, "dossier", &mut std::io::stdout());
            Ok(())
        }
        Command::Check(args) => return run_check(args, verbosity),
        Command::Import(args) => return run_import(args, verbosity),
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

fn run_build(options: BuildOptions, verbosity: Verbosity) -> Result<(), Error> {
    let progress = if verbosity > Verbosity::Quiet {
        term::TermProgress::start()
    } else {
        None
    };
    let report = match &progress {
        Some(progress) => dossier::build_with(&options, progress),
        None => dossier::build(&options),
    };
    if let Some(progress) = progress {
        progress.finish();
    }
    let report = report?;
    if verbosity == Verbosity::Quiet {
        return Ok(());
    }
    for warning in &report.warnings {
        term::print_diagnostic(warning);
    }
    if verbosity == Verbosity::Verbose {
        for (stage, took) in &report.timings {
            println!("{stage:>8}: {:8.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    println!("{}", report.summary());
    Ok(())
}

fn run_init(args: cli::InitArgs, verbosity: Verbosity) -> Result<(), Error> {
    let report = dossier::init::init(&dossier::init::InitOptions {
        dir: args.dir,
        title: args.title,
        force: args.force,
        theme: args.theme,
    })?;
    if verbosity == Verbosity::Quiet {
        return Ok(());
    }
    let dir = report.dir.display().to_string();
    println!(
        "Created a dossier site in {dir}: {} files written",
        report.written.len()
    );
    if !report.kept.is_empty() {
        println!("Kept {} files that were already there:", report.kept.len());
        for path in &report.kept {
            println!("  {}", path.display());
        }
    }
    let place = if report.dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!(" (cd {dir})")
    };
    println!(
        "\nNext{place}:\n\
         \x20 dossier serve    preview the site at http://127.0.0.1:3000/; it reloads as you edit\n\
         \x20 dossier build    write the site into book/\n\
         \x20 git init && git add . && git commit -m \"A new dossier\"\n\
         \x20                  then push it to GitHub and, in its settings, set Pages to\n\
         \x20                  \"GitHub Actions\": {} publishes every push",
        dossier::init::PAGES_WORKFLOW_PATH
    );
    Ok(())
}

fn run_new(args: cli::NewArgs) -> Result<(), Error> {
    let path = dossier::new::new_file(&dossier::new::NewOptions {
        root: args.root,
        kind: args.kind,
        title: args.title,
        date: args.date,
        outlet: args.outlet,
        source: args.source,
    })?;
    println!("{}", path.display());
    Ok(())
}

fn run_check(args: cli::CheckArgs, verbosity: Verbosity) -> ExitCode {
    let options = dossier::check::CheckOptions {
        root: args.root,
        out: args.out,
        site_url: args.site_url,
    };
    match dossier::check::check(&options) {
        Ok(report) => {
            for diagnostic in &report.errors {
                term::print_diagnostic(diagnostic);
            }
            if verbosity > Verbosity::Quiet {
                for diagnostic in &report.warnings {
                    term::print_diagnostic(diagnostic);
                }
                println!("{}", report.summary());
            }
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

fn run_import(args: cli::ImportArgs, verbosity: Verbosity) -> ExitCode {
    use dossier::import::{ImportOptions, Outcome};
    let options = ImportOptions {
        root: args.root,
        inputs: args.files,
        out: args.out,
        force: args.force,
        dry_run: args.dry_run,
        stub_authors: args.stub_authors,
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
    let progress = if verbosity > Verbosity::Quiet {
        term::TermProgress::start()
    } else {
        None
    };
    let mut stdin = std::io::stdin();
    let report = match &progress {
        Some(progress) => dossier::import::run_import_with(&options, &mut stdin, progress),
        None => dossier::import::run_import(&options, &mut stdin),
    };
    if let Some(progress) = progress {
        progress.finish();
    }
    let report = match report {
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
                if verbosity == Verbosity::Quiet {
                    continue;
                }
                println!("{input}: {verb} {} — {summary}", path.display());
                for warning in warnings {
                    term::print_warning(&format!("{input}: {warning}"));
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
    term::print_error(error);
}
