//! A progress bar on stderr for long computations, shown only when stderr is a terminal: the
//! command starts one around a computation it expects to take more than a couple of seconds and
//! hands the core a [`Progress`] that moves it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use netgraph_core::progress::{Event, Progress};
use std::io::IsTerminal;

/// A bar on stderr (or none); removed when dropped.
pub struct Bar(Option<ProgressBar>);

impl Bar {
    /// Where kernels report to move this bar ([`Progress::none`] when no bar is shown).
    pub fn progress(&self) -> Progress {
        match &self.0 {
            Some(bar) => {
                let bar = bar.clone();
                Progress::new(move |e| match e {
                    Event::Length(n) => bar.set_length(n),
                    Event::Advance(n) => bar.inc(n),
                })
            }
            None => Progress::none(),
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(b) = self.0.take() {
            b.finish_and_clear();
        }
    }
}

/// Shows a bar of `total` units labelled `what` when stderr is a terminal and `work` (a rough
/// count of elementary steps) suggests more than a couple of seconds.
pub fn start(what: &str, total: u64, work: f64) -> Bar {
    if work > 2e8 && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(what.to_string());
        return Bar(Some(bar));
    }
    Bar(None)
}
