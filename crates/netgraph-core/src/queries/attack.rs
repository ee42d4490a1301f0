//! `netgraph whatif --attack MEASURE --steps K`: the disruption experiment (docs/whatif.md) as the
//! command runs it, over [`crate::algo::attack`].
//!
//! JSON: `{"view", "attack": [{"step", "removed", "lcc", "fragmentation"}], "truncated"}`, step 0
//! being the intact view. The random baseline (`--attack random --runs R --seed S`) reports per
//! step the mean `lcc` and `fragmentation` with their sample standard deviations `lcc_sd` and
//! `fragmentation_sd`, the 5th and 95th percentiles of `lcc` over the runs `lcc_p05` and `lcc_p95`,
//! plus `"runs"` and `"seed"`.

use super::{FlowFilter, WeightSpec};
use crate::algo::attack::{self, Mode, RandomStep, Step};
use crate::budget::BudgetSpec;
use crate::error::{Error, Result};
use crate::measures::{self, Measure, MeasureOptions};
use crate::model::Network;
use crate::rank::id_rank;
use crate::report;
use crate::run::Run;
use crate::view::Weighted;
use serde::ser::{Serialize, Serializer};
use serde_json::{Value, json};

/// Options of [`attack()`], named as the command line's.
#[derive(Debug, Clone, Default)]
pub struct AttackOptions {
    /// What to remove: the actor with the highest score of a measure (its name), or `random`.
    pub attack: String,
    /// Number of removals (required: `None` is [`Error::Usage`]).
    pub steps: Option<usize>,
    /// Recompute the measure after each removal or rank once (targeted attacks only; `None`:
    /// sequential).
    pub mode: Option<Mode>,
    /// Runs of the random baseline (`None`: 100).
    pub runs: Option<u32>,
    /// Seed of the random baseline (`None`: 0).
    pub seed: Option<u64>,
    /// Unnormalised degree and betweenness.
    pub raw: bool,
    /// The experiment's bound: an expansion is a removal step, or a random run.
    pub budget: BudgetSpec,
    /// How flows are weighted.
    pub weights: WeightSpec,
    /// Which flows count.
    pub filter: FlowFilter,
}

/// What the experiment removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The actor with the highest score of a measure.
    Measure(Measure),
    /// Uniformly random actors.
    Random,
}

impl AttackOptions {
    /// The checks that need no network: a known measure or `random`, `steps` given, `mode` only
    /// for a targeted attack, `runs` and `seed` only for a random one ([`Error::Usage`]).
    /// [`attack()`] makes them too; a front end may make them before loading the network.
    pub fn validate(&self) -> Result<(Target, usize)> {
        let target = target(&self.attack)?;
        let steps = self
            .steps
            .ok_or_else(|| Error::usage("--attack needs --steps K"))?;
        match target {
            Target::Random if self.mode.is_some() => Err(Error::usage(
                "--mode applies to a targeted attack, not random",
            )),
            Target::Measure(m) if self.runs.is_some() || self.seed.is_some() => Err(Error::Usage(
                format!("--runs and --seed apply to --attack random, not {m}"),
            )),
            _ => Ok((target, steps)),
        }
    }
}

fn target(name: &str) -> Result<Target> {
    if name == "random" {
        return Ok(Target::Random);
    }
    <Measure as crate::choice::Choice>::from_name(name)
        .map(Target::Measure)
        .ok_or_else(|| {
            let known: Vec<_> = Measure::ALL.iter().map(|m| m.name()).collect();
            Error::Usage(format!(
                "unknown attack \"{name}\" (known: {}, random)",
                known.join(", ")
            ))
        })
}

/// The curve of a disruption experiment.
#[derive(Debug, Clone, PartialEq)]
pub enum Curve {
    /// A targeted attack: the actor removed at each step and what remains.
    Targeted {
        /// The measure ranking the targets.
        measure: Measure,
        /// Recomputed after each removal, or ranked once.
        mode: Mode,
        /// Step 0 (intact) to the last step done.
        steps: Vec<Step>,
    },
    /// The random baseline: per step, means and sample standard deviations over the runs.
    Random {
        /// Runs done (all asked, unless the budget stopped them).
        runs: usize,
        /// The generator's seed.
        seed: u64,
        /// Step 0 (intact) to the last step.
        steps: Vec<RandomStep>,
    },
}

/// A disruption experiment's result.
#[derive(Debug, Clone)]
pub struct Attack<'a> {
    /// The network attacked.
    pub net: &'a Network,
    /// The view in words (the line above a table).
    pub view_line: String,
    /// The view, as the JSON `"view"` object.
    pub view: Value,
    /// The curve.
    pub curve: Curve,
    /// Whether the budget stopped the experiment early.
    pub truncated: bool,
}

impl Attack<'_> {
    /// The id of the actor removed at a targeted step (`None` at step 0).
    pub fn removed_id(&self, step: &Step) -> Option<&str> {
        step.removed.map(|v| self.net.actors[v].id.as_str())
    }

    /// The JSON of `netgraph whatif --attack … --format json`.
    pub fn to_json(&self) -> Value {
        match &self.curve {
            Curve::Targeted { steps, .. } => {
                let steps: Vec<Value> = steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        json!({
                            "step": i,
                            "removed": self.removed_id(s),
                            "lcc": report::json_number(Some(s.lcc)),
                            "fragmentation": report::json_number(Some(s.fragmentation)),
                        })
                    })
                    .collect();
                json!({ "view": self.view, "attack": steps, "truncated": self.truncated })
            }
            Curve::Random { runs, seed, steps } => {
                let sd = |x: Option<f64>| report::json_number(x);
                let steps: Vec<Value> = steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        json!({
                            "step": i,
                            "removed": null,
                            "lcc": report::json_number(Some(s.lcc)),
                            "lcc_sd": sd(s.lcc_sd),
                            "lcc_p05": report::json_number(Some(s.lcc_p05)),
                            "lcc_p95": report::json_number(Some(s.lcc_p95)),
                            "fragmentation": report::json_number(Some(s.fragmentation)),
                            "fragmentation_sd": sd(s.fragmentation_sd),
                        })
                    })
                    .collect();
                json!({
                    "view": self.view,
                    "attack": steps,
                    "runs": runs,
                    "seed": seed,
                    "truncated": self.truncated
                })
            }
        }
    }
}

impl Serialize for Attack<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// The disruption experiment: remove, step by step, the actor with the highest score of a
/// measure (recomputed on what remains, or ranked once on the intact view), or random actors;
/// after each step record the largest weak component as a share of the intact one's (`lcc`) and
/// Borgatti's fragmentation.
///
/// Ties go to the actor first in id order. The budget bounds the work (an expansion is a removal
/// step, or a random run); when it stops the experiment the steps or runs done are returned,
/// `truncated` is set and a warning goes to `run`. Errors: [`Error::Usage`] for what
/// [`AttackOptions::validate`] checks, [`Error::Input`] for more steps than actors or a measure
/// that cannot be computed. Cost: sequential K × (the measure + O(E log E)), static one measure
/// plus O(K (V + E)), random O(R · K · (V + E)), for K steps and R runs.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::attack::{AttackOptions, Curve, attack};
/// let net = netgraph_core::io::peru().unwrap();
/// let options = AttackOptions {
///     attack: "degree".into(),
///     steps: Some(3),
///     ..AttackOptions::default()
/// };
/// let result = attack(&net, &options, &netgraph_core::Run::default()).unwrap();
/// let Curve::Targeted { steps, .. } = &result.curve else { unreachable!() };
/// assert_eq!(steps.len(), 4); // the intact view and three removals
/// assert_eq!(steps[0].lcc, 1.0);
/// assert!(steps[3].lcc < 1.0);
/// ```
pub fn attack<'a>(net: &'a Network, options: &AttackOptions, run: &Run) -> Result<Attack<'a>> {
    let (target, steps) = options.validate()?;
    let n = net.actor_count();
    if steps > n {
        return Err(Error::Input(format!(
            "--steps {steps} exceeds the {n} actors of the network"
        )));
    }
    let view = options.filter.view(net, false, run)?;
    let weighted = view.graph(&options.weights.checked(net)?)?;
    let size = (weighted.graph.n() + weighted.graph.pair_count()) as f64;
    let (curve, truncated) = match target {
        Target::Measure(m) => {
            let mode = options.mode.unwrap_or(Mode::Sequential);
            let measure_options = MeasureOptions {
                raw: options.raw,
                ..MeasureOptions::default()
            };
            let score = |g: &crate::graph::Graph| {
                let side = Weighted {
                    graph: g.clone(),
                    missing: 0,
                    bad_distance: weighted.bad_distance.clone(),
                    bad_strength: weighted.bad_strength.clone(),
                };
                measures::compute(m, &side, &measure_options)
                    .map_err(|why| Error::Input(format!("{m} cannot be computed: {why}")))
            };
            let per_step = match mode {
                Mode::Sequential => size * weighted.graph.n() as f64,
                Mode::Static => size,
            };
            let phase = run.phase("attack", steps as u64, per_step * steps as f64);
            let budget = options.budget.start().with_progress(phase.progress());
            let rank = id_rank(net);
            let curve = run.install(|| {
                attack::targeted_within(&weighted.graph, steps, mode, &rank, score, &budget)
            })??;
            if let Some(m) = budget.message("the attack") {
                run.warn(m);
            }
            let curve = Curve::Targeted {
                measure: m,
                mode,
                steps: curve,
            };
            (curve, budget.truncated())
        }
        Target::Random => {
            let runs = options.runs.unwrap_or(100) as usize;
            let seed = options.seed.unwrap_or(0);
            let phase = run.phase(
                "random runs",
                runs as u64,
                size * (steps + 1) as f64 * runs as f64,
            );
            let budget = options.budget.start().with_progress(phase.progress());
            let (curve, done) =
                run.install(|| attack::random_within(&weighted.graph, steps, runs, seed, &budget))?;
            if let Some(m) = budget.message("the random baseline") {
                run.warn(m);
                run.note(format!("{done} of the {runs} runs done"));
            }
            let curve = Curve::Random {
                runs: done,
                seed,
                steps: curve,
            };
            (curve, budget.truncated())
        }
    };
    Ok(Attack {
        net,
        view_line: view.describe(),
        view: view.json(),
        curve,
        truncated,
    })
}
