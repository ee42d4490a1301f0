//! Progress bars on stderr for long computations, shown only when stderr is a terminal: the core
//! announces each phase of work ([`Event::Start`]) with a rough count of its steps, and a bar is
//! drawn for a phase that may take more than a couple of seconds.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use netgraph_core::progress::{Event, Progress};
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

/// Work (elementary steps) past which a phase gets a bar: about a couple of seconds.
const SLOW: f64 = 2e8;

/// Progress drawn as bars on stderr when it is a terminal; [`Progress::none`] otherwise.
pub fn terminal() -> Progress {
    if !std::io::stderr().is_terminal() {
        return Progress::none();
    }
    let bar: Arc<Mutex<Option<ProgressBar>>> = Arc::default();
    Progress::new(move |event| {
        let Ok(mut slot) = bar.lock() else { return };
        match event {
            Event::Start { what, total, work } => {
                if let Some(old) = slot.take() {
                    old.finish_and_clear();
                }
                if work > SLOW {
                    *slot = Some(new_bar(&what, total));
                }
            }
            Event::Finish => {
                if let Some(old) = slot.take() {
                    old.finish_and_clear();
                }
            }
            Event::Length(n) => {
                if let Some(b) = slot.as_ref() {
                    b.set_length(n);
                }
            }
            Event::Advance(n) => {
                if let Some(b) = slot.as_ref() {
                    b.inc(n);
                }
            }
        }
    })
}

fn new_bar(what: &str, total: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta} left)")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_string());
    bar
}
