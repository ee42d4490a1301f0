//! Uncertain networks (`--resample N`): the same analysis on N networks drawn from the view, and
//! how much each answer moves (docs/uncertainty.md).
//!
//! A draw is a multiset of the view's flows, made by one of the [`Mode`]s:
//!
//! - `confidence`: each flow is kept independently with probability equal to its confidence (1
//!   when the flow states none), so a flow of confidence 0.6 is in 60% of the draws;
//! - `drop:P`: as `confidence`, and each kept flow is then dropped with probability P (missing
//!   data: a share P of the flows was never observed);
//! - `drop-actors:P`: as `confidence`, and each actor is removed with probability P, taking all
//!   its flows with it (it stays counted in `n`, isolated, as filters never remove actors);
//! - `bootstrap`: m flows drawn with replacement from the view's m flows (Efron's bootstrap over
//!   flows; confidences are not read), a flow drawn twice counting as two parallel flows.
//!
//! Draw `i` of seed `s` reads the ChaCha8 stream `i` of the key `s` (`ChaCha8Rng::seed_from_u64(s)`
//! then `set_stream(i)`): a draw depends on (seed, index) only, never on which thread made it or
//! when, so a seed reproduces byte for byte on any `--threads`. The draws run in parallel on the
//! run's threads (each draw's own kernels on one thread), and their results are gathered in draw
//! order. Every figure is summarised by [`Summary`]: the mean and the 5th and 95th percentiles
//! (linear interpolation between order statistics, NumPy's default).
//!
//! Resampling is a search that can take long: `--budget N` stops after N draws and `--timeout`
//! after the draws finished by then (the longest run of draws 0, 1, … that finished), with a
//! warning and `"truncated": true`; the summaries count the draws done.

pub mod centrality;
pub mod chains;
pub mod keyplayers;
pub mod whatif;

use super::FlowFilter;
use crate::budget::{Budget, BudgetSpec};
use crate::error::{Error, Result};
use crate::model::Network;
use crate::run::{Messages, Run};
use crate::view::View;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::sync::Arc;

/// The most draws `--resample` takes.
pub const MAX_DRAWS: usize = 1_000_000;

/// How a draw is made from the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// Each flow kept with probability its confidence.
    Confidence,
    /// As `Confidence`, then each kept flow dropped with probability P.
    Drop(f64),
    /// As `Confidence`, and each actor removed (with its flows) with probability P.
    DropActors(f64),
    /// m flows drawn with replacement from the m flows of the view.
    Bootstrap,
}

impl Mode {
    /// Parses `confidence`, `drop:P`, `drop-actors:P` or `bootstrap` (P from 0 to 1, 1 excluded);
    /// anything else is [`Error::Usage`] saying what is known.
    pub fn parse(text: &str) -> Result<Mode> {
        let share = |p: &str, name: &str| -> Result<f64> {
            match p.trim().parse::<f64>() {
                Ok(x) if (0.0..1.0).contains(&x) => Ok(x),
                _ => Err(Error::Usage(format!(
                    "--resample-mode {text}: \"{p}\" is not a share from 0 to 1 (1 excluded), as in {name}:0.1"
                ))),
            }
        };
        let text = text.trim();
        match text.split_once(':') {
            None if text == "confidence" => Ok(Mode::Confidence),
            None if text == "bootstrap" => Ok(Mode::Bootstrap),
            Some(("drop", p)) => Ok(Mode::Drop(share(p, "drop")?)),
            Some(("drop-actors", p)) => Ok(Mode::DropActors(share(p, "drop-actors")?)),
            _ => {
                let head = text.split(':').next().unwrap_or(text);
                let known = ["confidence", "drop", "drop-actors", "bootstrap"];
                let mut why = crate::suggest::unknown("resample mode", head, known);
                if matches!(head, "drop" | "drop-actors") {
                    why = format!("{head} needs a share: {head}:P, as in {head}:0.1");
                }
                Err(Error::Usage(format!(
                    "--resample-mode {text}: {why} (known: confidence, drop:P, drop-actors:P, bootstrap)"
                )))
            }
        }
    }

    /// The mode as `--resample-mode` takes it.
    pub fn name(&self) -> String {
        match self {
            Mode::Confidence => "confidence".into(),
            Mode::Drop(p) => format!("drop:{}", crate::report::number(*p)),
            Mode::DropActors(p) => format!("drop-actors:{}", crate::report::number(*p)),
            Mode::Bootstrap => "bootstrap".into(),
        }
    }
}

/// `--resample N --resample-mode M --seed S`, with the budget that bounds the draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Resample {
    /// How many draws (1 up).
    pub draws: usize,
    /// How each is made.
    pub mode: Mode,
    /// The seed of the draws.
    pub seed: u64,
    /// `--budget` (draws) and `--timeout` (seconds for all the draws).
    pub budget: BudgetSpec,
}

impl Resample {
    /// `draws` draws of `mode` with `seed`, bounded only by the default timeout.
    pub fn new(draws: usize, mode: Mode, seed: u64) -> Resample {
        Resample {
            draws,
            mode,
            seed,
            budget: BudgetSpec::default(),
        }
    }

    /// Checks the number of draws (1 to [`MAX_DRAWS`]).
    fn check(&self) -> Result<()> {
        if self.draws == 0 || self.draws > MAX_DRAWS {
            return Err(Error::Usage(format!(
                "--resample {}: the number of draws is from 1 to {MAX_DRAWS}",
                self.draws
            )));
        }
        Ok(())
    }
}

/// The flows of one draw: positions in the file, ascending, a flow repeated once per copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draw(Arc<[usize]>);

impl Draw {
    /// The flows, ascending, repeated once per copy.
    pub fn flows(&self) -> &[usize] {
        &self.0
    }
}

/// Draw `index` of `seed` from the flows of `view` (module documentation). O(E + n), or
/// O(E log E) for the bootstrap.
pub fn draw(view: &View, mode: Mode, seed: u64, index: u64) -> Draw {
    let net = view.network();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(index);
    let flows = view.flows();
    let confident = |rng: &mut ChaCha8Rng, i: usize| {
        let u: f64 = rng.random();
        u < net.flow(i).confidence()
    };
    let kept: Vec<usize> = match mode {
        Mode::Confidence => flows
            .iter()
            .copied()
            .filter(|&i| confident(&mut rng, i))
            .collect(),
        Mode::Drop(p) => flows
            .iter()
            .copied()
            .filter(|&i| {
                let keep = confident(&mut rng, i);
                let u: f64 = rng.random();
                keep && u >= p
            })
            .collect(),
        Mode::DropActors(p) => {
            let gone: Vec<bool> = (0..net.actor_count())
                .map(|_| rng.random::<f64>() < p)
                .collect();
            flows
                .iter()
                .copied()
                .filter(|&i| {
                    let (a, b) = net.ends(i);
                    confident(&mut rng, i) && !gone[a] && !gone[b]
                })
                .collect()
        }
        Mode::Bootstrap => {
            let m = flows.len();
            let mut picked: Vec<usize> = (0..m).map(|_| flows[rng.random_range(0..m)]).collect();
            picked.sort_unstable();
            picked
        }
    };
    Draw(kept.into())
}

/// The mean and the 5th and 95th percentiles of one figure over the draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The mean.
    pub mean: f64,
    /// The 5th percentile.
    pub p05: f64,
    /// The 95th percentile.
    pub p95: f64,
    /// How many draws gave the figure a number.
    pub count: usize,
}

impl Summary {
    /// The summary of `values` in draw order, NaN values left out; `None` when none is a number.
    /// The mean is x₀ + Σ(xᵢ − x₀)/k, so that k equal values give exactly that value.
    pub fn of(values: &[f64]) -> Option<Summary> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
        let first = *sorted.first()?;
        let k = sorted.len() as f64;
        let mean = first + sorted.iter().map(|x| x - first).sum::<f64>() / k;
        sorted.sort_by(f64::total_cmp);
        Some(Summary {
            mean,
            p05: percentile(&sorted, 0.05),
            p95: percentile(&sorted, 0.95),
            count: sorted.len(),
        })
    }

    /// `{"mean", "p05", "p95"}`.
    pub fn json(&self) -> Value {
        use crate::report::json_number;
        json!({
            "mean": json_number(Some(self.mean)),
            "p05": json_number(Some(self.p05)),
            "p95": json_number(Some(self.p95)),
        })
    }
}

/// The `q`-quantile of ascending `sorted` (not empty) by linear interpolation between the order
/// statistics at (k − 1)·q (NumPy's default, Hyndman and Fan's type 7).
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let (a, b) = (sorted[lo], sorted[hi]);
    if a == b {
        return a;
    }
    a + (h - lo as f64) * (b - a)
}

/// The draws' results, in draw order, with what was done.
#[derive(Debug, Clone)]
pub struct Draws<T> {
    /// The result of each draw that gave one, with its index.
    pub results: Vec<(usize, T)>,
    /// How many draws were asked for.
    pub asked: usize,
    /// How many ran (those that failed included).
    pub done: usize,
    /// Draws whose analysis failed on its input (too few actors for `--k`, …), with the first
    /// reason.
    pub failed: Vec<usize>,
    /// Whether the budget stopped the draws early.
    pub truncated: bool,
    /// The options as asked.
    pub spec: Resample,
}

impl<T> Draws<T> {
    /// The same record without the results (once they are summarised).
    pub fn forget(self) -> Draws<()> {
        Draws {
            results: self.results.into_iter().map(|(i, _)| (i, ())).collect(),
            asked: self.asked,
            done: self.done,
            failed: self.failed,
            truncated: self.truncated,
            spec: self.spec,
        }
    }

    /// The `"resample"` object of the JSON: draws asked and done, mode, seed, truncated.
    pub fn json(&self) -> Value {
        json!({
            "draws": self.done,
            "asked": self.asked,
            "used": self.results.len(),
            "mode": self.spec.mode.name(),
            "seed": self.spec.seed,
            "truncated": self.truncated,
            "percentiles": "linear interpolation (NumPy's default)",
        })
    }

    /// The line tables show: `1000 draws (mode confidence, seed 0)`.
    pub fn describe(&self) -> String {
        let mut line = format!(
            "{} draw{} (--resample-mode {}, --seed {})",
            self.done,
            if self.done == 1 { "" } else { "s" },
            self.spec.mode.name(),
            self.spec.seed
        );
        if self.truncated {
            line.push_str(&format!(" of {} asked: truncated", self.asked));
        }
        line
    }
}

/// Runs `analysis` on each draw of the view `filter` gives (`filter` with the draw's flows as its
/// [`FlowFilter::draw`]), in parallel on `run`'s threads, and gathers the results in draw order.
///
/// Each draw runs on a [`Run`] whose messages are dropped and whose kernels share the run's pool
/// ([`crate::run::inline`]) (the analysis of the
/// whole view, run before, has said them); a draw whose analysis fails on its input is counted
/// and warned about once; bad usage stops everything. The budget stops after whole draws (module
/// documentation). Cost: `spec.draws` times the analysis's, over the threads.
pub fn run_draws<T: Send>(
    net: &Network,
    filter: &FlowFilter,
    spec: &Resample,
    run: &Run,
    analysis: impl Fn(&FlowFilter, &Run) -> Result<T> + Sync,
) -> Result<Draws<T>> {
    spec.check()?;
    let quiet = Run {
        messages: Messages::default(),
        threads: Some(1),
        progress: crate::progress::Progress::none(),
    };
    let base = filter.view(net, false, &quiet)?;
    let asked = spec.draws;
    let count = spec
        .budget
        .expansions
        .map_or(asked, |b| asked.min(b.min(usize::MAX as u64) as usize));
    // The count is applied here, in draw order; the budget only keeps the deadline.
    let seconds = spec
        .budget
        .timeout
        .unwrap_or(crate::budget::DEFAULT_TIMEOUT_SECONDS);
    let budget = Budget::new(
        None,
        (seconds > 0.0).then(|| std::time::Duration::from_secs_f64(seconds)),
    );
    let phase = run.phase("resample", count as u64, 0.0);
    let progress = phase.progress();
    // Draws run a few per thread at a time, so that a deadline wastes little finished work
    // beyond the run of draws 0, 1, … that is kept.
    let outcomes: Vec<Option<Result<T>>> = run.install(|| {
        let batch = 8 * rayon::current_num_threads().max(1);
        let mut outcomes = Vec::with_capacity(count);
        let mut first = 0;
        while first < count && !budget.exhausted() {
            let last = (first + batch).min(count);
            let part: Vec<Option<Result<T>>> = (first..last)
                .into_par_iter()
                .map(|i| {
                    if !budget.tick_slow(1) {
                        return None;
                    }
                    let d = draw(&base, spec.mode, spec.seed, i as u64);
                    let drawn = FlowFilter {
                        draw: Some(d),
                        ..filter.clone()
                    };
                    let quiet = Run {
                        messages: Messages::default(),
                        threads: None,
                        progress: crate::progress::Progress::none(),
                    };
                    let out = crate::run::inline(|| analysis(&drawn, &quiet));
                    progress.advance(1);
                    Some(out)
                })
                .collect();
            outcomes.extend(part);
            first = last;
        }
        outcomes
    })?;
    drop(phase);
    let mut results = Vec::new();
    let mut failed = Vec::new();
    let mut done = 0;
    let mut reason = None;
    for (i, outcome) in outcomes.into_iter().enumerate() {
        let Some(outcome) = outcome else { break };
        done += 1;
        match outcome {
            Ok(t) => results.push((i, t)),
            Err(e) if e.is_usage() => return Err(e),
            Err(e) => {
                failed.push(i);
                reason.get_or_insert(e.to_string());
            }
        }
    }
    if let Some(reason) = reason {
        run.warn(format!(
            "--resample: {} of the {done} draws could not be analysed and are left out (draw {}: {reason})",
            failed.len(),
            failed[0]
        ));
    }
    let truncated = done < asked;
    if truncated {
        let why = match (done < count, count < asked) {
            (true, _) => format!(
                "--timeout: {} s",
                crate::report::number(
                    spec.budget
                        .timeout
                        .unwrap_or(crate::budget::DEFAULT_TIMEOUT_SECONDS)
                )
            ),
            (false, _) => format!("--budget {count}"),
        };
        run.warn(format!(
            "--resample stopped after {done} of {asked} draws ({why}): the figures summarise the draws done, marked truncated; raise the bound to draw more"
        ));
    }
    Ok(Draws {
        results,
        asked,
        done,
        failed,
        truncated,
        spec: spec.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_as_numpy() {
        // numpy.percentile([1, 2, 3, 4], [5, 95]) == [1.15, 3.85]
        let s = [1.0, 2.0, 3.0, 4.0];
        assert!((percentile(&s, 0.05) - 1.15).abs() < 1e-12);
        assert!((percentile(&s, 0.95) - 3.85).abs() < 1e-12);
        assert_eq!(percentile(&[7.0], 0.95), 7.0);
        let same = Summary::of(&[0.1; 1000]).unwrap();
        assert_eq!((same.mean, same.p05, same.p95), (0.1, 0.1, 0.1));
        assert_eq!(Summary::of(&[f64::NAN]), None);
    }

    #[test]
    fn modes_parse_with_their_ranges() {
        assert_eq!(Mode::parse("confidence").unwrap(), Mode::Confidence);
        assert_eq!(Mode::parse("drop:0.25").unwrap(), Mode::Drop(0.25));
        assert_eq!(Mode::parse("drop-actors:0").unwrap(), Mode::DropActors(0.0));
        assert_eq!(Mode::parse("bootstrap").unwrap(), Mode::Bootstrap);
        for bad in [
            "drop",
            "drop:1",
            "drop:-0.1",
            "drop:x",
            "bootstrapp",
            "conf",
        ] {
            assert!(Mode::parse(bad).unwrap_err().is_usage(), "{bad}");
        }
        assert!(
            Mode::parse("bootstrapp")
                .unwrap_err()
                .to_string()
                .contains("did you mean")
        );
    }
}
