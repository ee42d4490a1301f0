//! Bounded work: a [`Budget`] of expansions and a deadline for searches whose work can explode
//! (k shortest paths, attack experiments, random runs; the chain and key-player searches adopt it
//! the same way).
//!
//! A search calls [`Budget::tick`] once per unit of work it names in its documentation (a shortest
//! path search, an attack step, a random run); when `tick` returns `false` the search stops and
//! returns the best answer found so far, and [`Budget::truncated`] is set. The command then says so
//! on stderr ([`Budget::message`]) and sets `"truncated": true` in its JSON.
//!
//! The expansion count makes a stop reproducible (the same `--budget` stops at the same place on
//! every machine); the deadline keeps an interactive run under a minute whatever the machine, at
//! the price of a stop that depends on its speed (the note says which bound was hit).
//!
//! ## Adopting it in a search
//!
//! ```
//! use netgraph_core::budget::Budget;
//! let budget = Budget::new(Some(1_000), None);    // the clock starts now
//! let mut expanded = 0;
//! while expanded < 5_000 {
//!     if !budget.tick(1) { break; }               // cheap: an atomic add, the clock every 256 ticks
//!     expanded += 1;
//! }
//! assert!(budget.truncated());                     // `"truncated": true` in the JSON
//! assert!(budget.message("the search").unwrap().contains("after 1000 expansions"));
//! ```

use crate::progress::Progress;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The default deadline: an interactive run stays under a minute.
pub const DEFAULT_TIMEOUT_SECONDS: f64 = 50.0;

/// Why a search stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// `--budget` expansions were used.
    Expansions,
    /// `--timeout` seconds passed.
    Deadline,
}

/// A bound on a search's work: at most `max` expansions, and nothing after `deadline`. Shared by
/// reference between threads.
#[derive(Debug)]
pub struct Budget {
    max: u64,
    deadline: Option<Instant>,
    timeout: Option<Duration>,
    used: AtomicU64,
    stopped: AtomicBool,
    by_deadline: AtomicBool,
    progress: Progress,
}

impl Budget {
    /// A budget of `max` expansions (`None`: no count) and `timeout` from now (`None`: no
    /// deadline).
    pub fn new(max: Option<u64>, timeout: Option<Duration>) -> Budget {
        Budget {
            max: max.unwrap_or(u64::MAX),
            deadline: timeout.and_then(|t| Instant::now().checked_add(t)),
            timeout,
            used: AtomicU64::new(0),
            stopped: AtomicBool::new(false),
            by_deadline: AtomicBool::new(false),
            progress: Progress::none(),
        }
    }

    /// The same budget, reporting the search's progress to `progress`.
    pub fn with_progress(mut self, progress: Progress) -> Budget {
        self.progress = progress;
        self
    }

    /// Where the search reports its progress.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// No bound at all (library callers and tests that want the whole answer).
    pub fn unlimited() -> Budget {
        Budget::new(None, None)
    }

    /// Spends `n` expansions; `false` once the budget is exhausted (then and ever after), which
    /// marks the result truncated. The clock is read on every 256th call or so, and on every call
    /// that spends more than one expansion.
    pub fn tick(&self, n: u64) -> bool {
        if self.stopped.load(Ordering::Relaxed) {
            return false;
        }
        let before = self.used.fetch_add(n, Ordering::Relaxed);
        let after = before.saturating_add(n);
        if after > self.max {
            self.stopped.store(true, Ordering::Relaxed);
            return false;
        }
        !((n > 1 || before.is_multiple_of(256)) && self.past_deadline())
    }

    /// Like [`Budget::tick`], reading the clock on every call: for units of work that each take
    /// long (a measure computed over the whole graph, a random run).
    pub fn tick_slow(&self, n: u64) -> bool {
        self.tick(n) && !self.past_deadline()
    }

    fn past_deadline(&self) -> bool {
        let past = self.deadline.is_some_and(|d| Instant::now() >= d);
        if past {
            self.by_deadline.store(true, Ordering::Relaxed);
            self.stopped.store(true, Ordering::Relaxed);
        }
        past
    }

    /// Whether the budget ran out (the result is the best found before that).
    pub fn exhausted(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Whether a search stopped early: the `"truncated"` of the JSON output.
    pub fn truncated(&self) -> bool {
        self.exhausted()
    }

    /// Expansions spent so far.
    pub fn used(&self) -> u64 {
        self.used.load(Ordering::Relaxed).min(self.max)
    }

    /// Which bound stopped the search, if one did.
    pub fn stop(&self) -> Option<Stop> {
        match (self.exhausted(), self.by_deadline.load(Ordering::Relaxed)) {
            (false, _) => None,
            (true, true) => Some(Stop::Deadline),
            (true, false) => Some(Stop::Expansions),
        }
    }

    /// The stderr line saying that `what` stopped early, and how to let it run longer; `None`
    /// when it did not stop.
    pub fn message(&self, what: &str) -> Option<String> {
        Some(match self.stop()? {
            Stop::Expansions => format!(
                "{what} stopped after {} expansions (--budget): the result is the best found so far, marked truncated; raise --budget to search further",
                self.max
            ),
            Stop::Deadline => format!(
                "{what} stopped after {} s (--timeout): the result is the best found so far, marked truncated; raise --timeout (0: no limit) to search further",
                crate::report::number(self.timeout.map_or(0.0, |t| t.as_secs_f64()))
            ),
        })
    }
}

/// A budget as the user asks for it: at most `expansions`, within `timeout` seconds (`None`: the
/// default [`DEFAULT_TIMEOUT_SECONDS`]; 0: no deadline).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BudgetSpec {
    /// At most this many expansions (`--budget`); `None`: no count.
    pub expansions: Option<u64>,
    /// Seconds (`--timeout`); `None`: 50; 0: no deadline.
    pub timeout: Option<f64>,
}

impl BudgetSpec {
    /// The budget; its clock starts now.
    pub fn start(&self) -> Budget {
        let seconds = self.timeout.unwrap_or(DEFAULT_TIMEOUT_SECONDS);
        let timeout = (seconds > 0.0).then(|| Duration::from_secs_f64(seconds));
        Budget::new(self.expansions, timeout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_stops_exactly_at_the_budget() {
        let b = Budget::new(Some(3), None);
        assert!(b.tick(1) && b.tick(1) && b.tick(1));
        assert!(!b.exhausted());
        assert!(!b.tick(1));
        assert!(b.exhausted() && b.truncated());
        assert!(!b.tick(1), "stays stopped");
        assert_eq!(b.stop(), Some(Stop::Expansions));
        assert_eq!(b.used(), 3);
        assert!(b.message("paths").unwrap().contains("after 3 expansions"));
    }

    #[test]
    fn the_deadline_stops_a_search() {
        let b = Budget::new(None, Some(Duration::from_millis(20)));
        let start = Instant::now();
        while b.tick(1) {
            assert!(start.elapsed() < Duration::from_secs(5));
        }
        assert_eq!(b.stop(), Some(Stop::Deadline));
        assert!(start.elapsed() >= Duration::from_millis(20));
        assert!(b.message("x").unwrap().contains("--timeout"));
    }

    #[test]
    fn unlimited_never_stops_and_says_nothing() {
        let b = Budget::unlimited();
        for _ in 0..10_000 {
            assert!(b.tick(1));
        }
        assert_eq!(b.message("x"), None);
    }
}
