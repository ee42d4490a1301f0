//! Progress of long computations, reported to whoever watches: the command line draws a bar on a
//! terminal, a notebook may draw its own, tests and library callers usually pass
//! [`Progress::none`].
//!
//! Kernels report finished units of work with [`Progress::advance`] (from any thread); a kernel
//! that learns its amount of work late (the sample size of approximate betweenness) announces it
//! with [`Progress::set_length`]. Reporting costs one branch when nobody watches.

use std::fmt;
use std::sync::Arc;

/// What an analysis reports: phases of work ([`crate::run::Run::phase`]) and, within them, units
/// done.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A phase of work starts: `what`, counted in `total` units, about `work` elementary steps.
    Start {
        /// What is computed.
        what: String,
        /// Units of work in all.
        total: u64,
        /// A rough count of elementary steps (how long it may take).
        work: f64,
    },
    /// The phase ends.
    Finish,
    /// The work is this many units in all.
    Length(u64),
    /// This many more units are done.
    Advance(u64),
}

/// Where progress goes: nowhere, or a callback (shared between threads).
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn Fn(Event) + Send + Sync>>);

impl Progress {
    /// Progress that nobody watches.
    pub fn none() -> Progress {
        Progress(None)
    }

    /// Progress reported to `callback`, which may be called from several threads at once.
    pub fn new(callback: impl Fn(Event) + Send + Sync + 'static) -> Progress {
        Progress(Some(Arc::new(callback)))
    }

    /// Reports `units` more units of finished work.
    pub fn advance(&self, units: u64) {
        self.send(Event::Advance(units));
    }

    /// Announces the total number of units.
    pub fn set_length(&self, total: u64) {
        self.send(Event::Length(total));
    }

    /// Reports an event.
    pub fn send(&self, event: Event) {
        if let Some(f) = &self.0 {
            f(event);
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Progress(watched)"),
            None => f.write_str("Progress(none)"),
        }
    }
}
