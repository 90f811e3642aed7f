//! What the binary shows on a terminal: errors and warnings in colour (none
//! when `NO_COLOR` is set or the output is not a terminal: anstream decides),
//! and a progress line for builds that take longer than a second.

use std::io::IsTerminal;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use anstyle::{AnsiColor, Style};
use dossier::error::Severity;
use dossier::{Diagnostic, Error, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// Prints a diagnostic on stderr, its label coloured.
pub fn print_diagnostic(diagnostic: &Diagnostic) {
    let (label, style) = match diagnostic.severity {
        Severity::Error => ("error", ERROR),
        Severity::Warning => ("warning", WARNING),
    };
    let text = diagnostic.to_string();
    match text.strip_prefix(label) {
        Some(rest) => anstream::eprintln!("{style}{label}{style:#}{rest}\n"),
        None => anstream::eprintln!("{text}\n"),
    }
}

/// Prints a one-line warning on stderr, its label coloured.
pub fn print_warning(message: &str) {
    anstream::eprintln!("{WARNING}warning{WARNING:#}: {message}");
}

/// Prints an error on stderr: each of its diagnostics, or the I/O failure.
pub fn print_error(error: &Error) {
    match error {
        Error::Invalid(diagnostics) => {
            for diagnostic in diagnostics {
                print_diagnostic(diagnostic);
            }
            if diagnostics.len() > 1 {
                anstream::eprintln!("{} problems found", diagnostics.len());
            }
        }
        Error::Io { .. } => anstream::eprintln!("{ERROR}error{ERROR:#}: {error}"),
    }
}

/// A progress line on stderr, drawn only on a terminal and only once the
/// work has lasted a second (quick builds print nothing but their summary).
pub struct TermProgress {
    bar: ProgressBar,
    done: Option<mpsc::Sender<()>>,
    waiter: Option<thread::JoinHandle<()>>,
}

impl TermProgress {
    /// A progress display, or `None` when stderr is not a terminal.
    pub fn start() -> Option<TermProgress> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(stage_style(false));
        let (done, wait) = mpsc::channel::<()>();
        let shown = bar.clone();
        let waiter = thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(Duration::from_secs(1))
            {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Some(TermProgress {
            bar,
            done: Some(done),
            waiter: Some(waiter),
        })
    }

    /// Clears the line, if it was drawn.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        drop(self.done.take());
        if let Some(waiter) = self.waiter.take() {
            let _ = waiter.join();
        }
        self.bar.finish_and_clear();
    }
}

impl Drop for TermProgress {
    fn drop(&mut self) {
        self.stop();
    }
}

fn stage_style(counted: bool) -> ProgressStyle {
    let template = if counted {
        "{spinner} {prefix:>8} {bar:30} {pos}/{len}  {elapsed}"
    } else {
        "{spinner} {prefix:>8}  {elapsed}"
    };
    ProgressStyle::with_template(template).expect("a valid progress template")
}

impl Progress for TermProgress {
    fn stage(&self, name: &'static str, total: u64) {
        self.bar.set_length(total);
        self.bar.set_position(0);
        self.bar.set_prefix(name);
        self.bar.set_style(stage_style(total > 0));
    }

    fn advance(&self, count: u64) {
        self.bar.inc(count);
    }
}
