//! Bounded work: a [`Budget`] of expansions and a deadline for searches whose work can explode
//! (k shortest paths, attack experiments, random runs; the chain and key-player searches adopt it
//! the same way).
//!
//! A search calls [`Budget::tick`] once per unit of work it names in its documentation (a shortest
//! path search, an attack step, a random run); when `tick` returns `false` the search stops and
//! returns the best answer found so far, and [`Budget::truncated`] is set. The command then says so
//! on stderr ([`Budget::note`]) and sets `"truncated": true` in its JSON.
//!
//! The expansion count makes a stop reproducible (the same `--budget` stops at the same place on
//! every machine); the deadline keeps an interactive run under a minute whatever the machine, at
//! the price of a stop that depends on its speed (the note says which bound was hit).
//!
//! ## Adopting it in a command
//!
//! ```ignore
//! #[derive(clap::Args)]
//! struct MyArgs {
//!     #[command(flatten)]
//!     budget: crate::budget::BudgetArgs,
//! }
//! let budget = args.budget.budget();            // starts the clock
//! while more_work() {
//!     if !budget.tick(1) { break; }              // cheap: an atomic add, the clock every 256 ticks
//!     expand();
//! }
//! budget.note("paths");                          // one line on stderr when stopped early
//! json["truncated"] = budget.truncated().into(); // and in the JSON
//! ```

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
        }
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

    /// Prints [`Budget::message`] on stderr as a warning, when the search stopped early.
    pub fn note(&self, what: &str) {
        if let Some(m) = self.message(what) {
            eprintln!("warning: {m}");
        }
    }
}

/// `--budget N` and `--timeout SECONDS`, for every command whose search can explode.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct BudgetArgs {
    /// Stop the search after N expansions (what one is depends on the command; see
    /// docs/reliability.md) and report the best found so far, marked truncated [default: no
    /// count, only --timeout] (1 to 2^64−1)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub budget: Option<u64>,
    /// Stop the search after SECONDS and report the best found so far, marked truncated; 0 for no
    /// limit [default: 50] (0 to 31536000)
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    pub timeout: Option<f64>,
}

impl BudgetArgs {
    /// The budget these options describe; its clock starts now.
    pub fn budget(&self) -> Budget {
        let seconds = self.timeout.unwrap_or(DEFAULT_TIMEOUT_SECONDS);
        let timeout = (seconds > 0.0).then(|| Duration::from_secs_f64(seconds));
        Budget::new(self.budget, timeout)
    }
}

/// Seconds from 0 (no limit) to a year.
pub fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=31_536_000.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "\"{text}\" is not a number of seconds from 0 (no limit) to 31536000"
        )),
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

    #[test]
    fn timeouts_state_their_range() {
        assert_eq!(parse_timeout("0"), Ok(0.0));
        assert_eq!(parse_timeout("2.5"), Ok(2.5));
        assert!(
            parse_timeout("-1")
                .unwrap_err()
                .contains("0 (no limit) to 31536000")
        );
        assert!(parse_timeout("1e99").is_err());
        assert!(parse_timeout("NaN").is_err());
    }
}
