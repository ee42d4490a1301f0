//! A progress bar on stderr for long computations, shown only when stderr is a terminal.
//!
//! The command layer starts a bar around a computation it expects to take more than a couple of
//! seconds; kernels report finished units of work with [`advance`], which costs nothing when no bar is
//! shown. Keeping the bar here spares the pure algorithms a progress parameter.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;

static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Removes the bar when dropped.
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(b) = BAR.lock().ok().and_then(|mut bar| bar.take()) {
            b.finish_and_clear();
        }
    }
}

/// Shows a bar of `total` units labelled `what` when stderr is a terminal and `work` (a rough count of
/// elementary steps) suggests more than a couple of seconds.
pub fn start(what: &str, total: u64, work: f64) -> Guard {
    if work > 2e8 && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(what.to_string());
        if let Ok(mut slot) = BAR.lock() {
            *slot = Some(bar);
        }
    }
    Guard(())
}

/// Changes the number of units the bar counts to (a kernel that learns its amount of work late:
/// the sample size of approximate betweenness).
pub fn set_length(total: u64) {
    if let Some(b) = BAR.lock().ok().as_ref().and_then(|bar| bar.as_ref()) {
        b.set_length(total);
    }
}

/// Reports `units` of finished work.
pub fn advance(units: u64) {
    if let Some(b) = BAR.lock().ok().as_ref().and_then(|bar| bar.as_ref()) {
        b.inc(units);
    }
}
