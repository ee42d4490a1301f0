//! `netgraph.whatif` and `netgraph.keyplayers`: `netgraph whatif` (with `attack`, its disruption
//! experiment) and `netgraph keyplayers` ([`netgraph_core::queries::whatif`],
//! [`attack`](netgraph_core::queries::attack), [`keyplayers`](netgraph_core::queries::keyplayers)).

use crate::args::{self, Filters};
use crate::{PyNetwork, query};
use netgraph_core::algo::attack::Mode;
use netgraph_core::measures::Measure;
use netgraph_core::queries::attack::{AttackOptions, attack as run_attack};
use netgraph_core::queries::keyplayers::{Goal, KeyplayersOptions, keyplayers as run_keyplayers};
use netgraph_core::queries::periods::keyplayers::keyplayers_by;
use netgraph_core::queries::resample::keyplayers::resample_keyplayers;
use netgraph_core::queries::resample::whatif::resample_whatif;
use netgraph_core::queries::whatif::{WhatifOptions, whatif as run_whatif};
use netgraph_core::scenario::Edit;
use pyo3::prelude::*;
use std::path::PathBuf;

/// `--watch A:B`: two sides, each an id, an actor kind or `@class`.
fn watch(text: &str) -> PyResult<(String, String)> {
    match text.split_once(':') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(':') => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(args::invalid(
            text,
            "--watch <A:B[,C:D…]>",
            &format!("\"{text}\" is not A:B"),
        )),
    }
}

/// Edits written `A:B[:kind]` (`cut`) or `A:B:kind` (`add`), one per text.
fn edits(
    value: Option<&Bound<'_, PyAny>>,
    parse: fn(&str) -> Result<Edit, String>,
    option: &str,
) -> PyResult<Vec<Edit>> {
    args::texts(value)?
        .iter()
        .map(|t| parse(t).map_err(|why| args::invalid(t, option, &why)))
        .collect()
}

/// Before and after a scenario — actors removed, flows cut or added — or the named scenarios of a
/// file side by side: the measure per actor, components, the laundering chains broken and new,
/// where the value goes instead, watched routes. The dict `netgraph whatif --format json` prints,
/// or a DataFrame of the actors with `as_frame=True`.
///
/// `remove`: actors (ids, kinds, @class); `cut`: "A:B[:kind]" texts; `add`: "A:B:kind" texts;
/// `drop_kind`: kinds or @class; `watch`: "A:B" texts; `scenario`: a JSON file of named
/// scenarios. With `attack` (a measure or "random") and `steps`, the disruption experiment instead
/// (`mode`, `runs`, `seed` go with it). The other keywords are the command's options in
/// snake_case.
///
/// `resample` (a number of draws) compares the scenarios again on networks drawn from the view
/// (`resample_mode`: "confidence", "drop:P", "drop-actors:P" or "bootstrap"; `seed` seeds the
/// draws, default 0): the dict `--resample` prints, every figure of each side with its value on
/// the whole view and its mean and 5th and 95th percentiles over the draws (docs/uncertainty.md).
/// `budget` then counts draws and `timeout` bounds them all. Not with `attack`.
#[pyfunction]
#[pyo3(signature = (
    net, *, remove = None, cut = None, drop_kind = None, add = None, scenario = None,
    measure = None, watch = None, raw = false, top = None, pattern = None, anywhere = false,
    max_hops = None, limit = None, route_flows = None, capacity = None, attack = None,
    steps = None, mode = None, runs = None, seed = None, budget = None, timeout = None,
    weight = None, strength = None, layer = None, flows = None, r#where = None, since = None,
    until = None, min_confidence = None, undirected = false, resample = None,
    resample_mode = None, threads = None, as_frame = false
))]
#[allow(clippy::too_many_arguments)]
pub fn whatif<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    remove: Option<&Bound<'py, PyAny>>,
    cut: Option<&Bound<'py, PyAny>>,
    drop_kind: Option<&Bound<'py, PyAny>>,
    add: Option<&Bound<'py, PyAny>>,
    scenario: Option<PathBuf>,
    measure: Option<&str>,
    watch: Option<&Bound<'py, PyAny>>,
    raw: bool,
    top: Option<i64>,
    pattern: Option<String>,
    anywhere: bool,
    max_hops: Option<i64>,
    limit: Option<i64>,
    route_flows: Option<&Bound<'py, PyAny>>,
    capacity: Option<String>,
    attack: Option<String>,
    steps: Option<i64>,
    mode: Option<&str>,
    runs: Option<i64>,
    seed: Option<u64>,
    budget: Option<i64>,
    timeout: Option<f64>,
    weight: Option<String>,
    strength: Option<String>,
    layer: Option<String>,
    flows: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
    since: Option<&Bound<'py, PyAny>>,
    until: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<f64>,
    undirected: bool,
    resample: Option<i64>,
    resample_mode: Option<String>,
    threads: Option<i64>,
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let remove = args::names(remove)?;
    let cut = edits(cut, Edit::parse_cut, "--cut <A:B[:kind]>")?;
    let drop_kind = args::texts(drop_kind)?;
    let add = edits(add, Edit::parse_add, "--add <A:B:kind>")?;
    let watch: Vec<(String, String)> = args::names(watch)?
        .iter()
        .map(|t| self::watch(t))
        .collect::<PyResult<_>>()?;
    let measure = measure
        .map(|m| args::choice::<Measure>(m, "--measure <MEASURE>"))
        .transpose()?;
    let top = args::count(top, "--top <N>")?;
    let steps = match steps {
        Some(n) if n < 1 => {
            return Err(args::invalid(
                &n.to_string(),
                "--steps <K>",
                &format!("\"{n}\" is not a whole number from 1 up"),
            ));
        }
        other => other.map(|n| n as usize),
    };
    let mode = mode
        .map(|m| args::choice::<Mode>(m, "--mode <MODE>"))
        .transpose()?;
    let runs = runs
        .map(|r| args::u32_from_1(r, "--runs <R>").map(|r| r as u32))
        .transpose()?;
    let threads = args::threads(threads)?;
    let budget = args::budget(py, budget, timeout)?;
    let (draws, mode_of_draws) = args::resample(resample, resample_mode.as_deref())?;
    let weights = args::weights(weight, strength)?;
    // clap's check, after its conflicts: --resample-mode requires --resample.
    let requires = || {
        if mode_of_draws.is_some() && draws.is_none() {
            return Err(args::requires("--resample <N>"));
        }
        Ok(())
    };
    let filter = Filters {
        layer,
        flows,
        conditions: r#where,
        since,
        until,
        min_confidence,
        undirected,
    }
    .spec(py)?;
    if scenario.is_some() {
        for (name, given) in [
            ("--remove <A[,B…]>", !remove.is_empty()),
            ("--cut <A:B[:kind]>", !cut.is_empty()),
            ("--drop-kind <K>", !drop_kind.is_empty()),
            ("--add <A:B:kind>", !add.is_empty()),
        ] {
            if given {
                return Err(args::conflict("--scenario <FILE>", name));
            }
        }
    }
    let net = &net.net;
    if let Some(target) = attack {
        for (name, given) in [
            ("--scenario <FILE>", scenario.is_some()),
            ("--remove <A[,B…]>", !remove.is_empty()),
            ("--cut <A:B[:kind]>", !cut.is_empty()),
            ("--drop-kind <K>", !drop_kind.is_empty()),
            ("--add <A:B:kind>", !add.is_empty()),
            ("--watch <A:B[,C:D…]>", !watch.is_empty()),
            ("--measure <MEASURE>", measure.is_some()),
            ("--pattern <P>", pattern.is_some()),
            ("--max-hops <H>", max_hops.is_some()),
            ("--limit <L>", limit.is_some()),
            ("--capacity <FIELD>", capacity.is_some()),
            ("--route-flows <K[,K…]>", route_flows.is_some()),
            ("--anywhere", anywhere),
        ] {
            if given {
                return Err(args::conflict("--attack <MEASURE|random>", name));
            }
        }
        requires()?;
        if draws.is_some() {
            return Err(crate::error(&netgraph_core::Error::usage(
                "--resample applies to scenarios, not to --attack",
            )));
        }
        let options = AttackOptions {
            attack: target,
            steps,
            mode,
            runs,
            seed,
            raw,
            budget,
            weights,
            filter,
        };
        return query(py, threads, as_frame, |r| {
            options.validate()?;
            Ok(run_attack(net, &options, r)?.to_json())
        });
    }
    requires()?;
    for (flag, given) in [
        ("--steps", steps.is_some()),
        ("--mode", mode.is_some()),
        ("--runs", runs.is_some()),
        ("--seed", seed.is_some() && draws.is_none()),
    ] {
        if given {
            let needs = match flag {
                "--seed" => "--attack random or --resample",
                _ => "--attack",
            };
            return Err(args::value_error(format!("{flag} needs {needs}")));
        }
    }
    let defaults = WhatifOptions::default();
    let options = WhatifOptions {
        remove,
        cut,
        drop_kind,
        add,
        scenario,
        measure,
        watch,
        raw,
        top,
        pattern,
        anywhere,
        max_hops: args::natural(max_hops, "--max-hops <H>")?.unwrap_or(defaults.max_hops),
        limit: args::natural(limit, "--limit <L>")?.unwrap_or(defaults.limit),
        route_flows: args::names(route_flows)?,
        capacity,
        budget,
        weights,
        filter,
    };
    query(py, threads, as_frame, |r| {
        options.validate()?;
        match args::resample_spec(draws, mode_of_draws, seed.unwrap_or(0), budget, false)? {
            Some(spec) => Ok(resample_whatif(net, &options, &spec, r)?.to_json()),
            None => Ok(run_whatif(net, &options, r)?.to_json()),
        }
    })
}

/// Borgatti's key players: the `k` actors whose removal fragments the network most
/// (`objective="fragment"`), or who reach most of it within `distance` steps (`"reach"`): the
/// dict `netgraph keyplayers --format json` prints, or a DataFrame of the set with
/// `as_frame=True`.
///
/// `candidates`: choose among these actors only (ids, kinds, @class); `exhaustive`: examine every
/// set (small networks); `by`: one set per period (`netgraph keyplayers --by`). The other keywords
/// are the command's options in snake_case.
///
/// `resample` (a number of draws) searches the set again on networks drawn from the view
/// (`resample_mode`: "confidence", "drop:P", "drop-actors:P" or "bootstrap"; `seed`, which also
/// seeds the heuristic search, seeds the draws; `threads` runs them in parallel): the dict
/// `--resample` prints, every actor some draw chose with the share of draws that chose it, and
/// the spread of the set's score (docs/uncertainty.md). `budget` then counts draws and `timeout`
/// bounds them all; `resample_mode` and `threads` need `resample`, which `by` excludes.
#[pyfunction]
#[pyo3(signature = (
    net, k, *, objective = "fragment", distance = None, candidates = None, exhaustive = false,
    starts = 20, seed = 1, max_steps = 400_000_000, budget = None, timeout = None, layer = None,
    flows = None, r#where = None, since = None, until = None, min_confidence = None,
    undirected = false, active = false, by = None, resample = None, resample_mode = None,
    threads = None, as_frame = false
))]
#[allow(clippy::too_many_arguments)]
pub fn keyplayers<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    k: i64,
    objective: &str,
    distance: Option<i64>,
    candidates: Option<&Bound<'py, PyAny>>,
    exhaustive: bool,
    starts: i64,
    seed: u64,
    max_steps: u64,
    budget: Option<i64>,
    timeout: Option<f64>,
    layer: Option<String>,
    flows: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
    since: Option<&Bound<'py, PyAny>>,
    until: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<f64>,
    undirected: bool,
    active: bool,
    by: Option<String>,
    resample: Option<i64>,
    resample_mode: Option<String>,
    threads: Option<i64>,
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    // The checks clap makes on the command line: the values, then what requires --resample.
    let (draws, mode) = args::resample(resample, resample_mode.as_deref())?;
    let threads = args::threads(threads)?;
    let options = KeyplayersOptions {
        k: args::u32_from_1(k, "--k <N>")?,
        objective: args::choice::<Goal>(objective, "--objective <OBJECTIVE>")?,
        distance: args::natural(distance, "--distance <D>")?,
        candidates: args::names(candidates)?,
        exhaustive,
        starts: args::u32_from_1(starts, "--starts <N>")?,
        seed,
        max_steps,
        budget: args::budget(py, budget, timeout)?,
        filter: Filters {
            layer,
            flows,
            conditions: r#where,
            since,
            until,
            min_confidence,
            undirected,
        }
        .spec(py)?,
        active,
    };
    if draws.is_none() && (mode.is_some() || threads.is_some()) {
        return Err(args::requires("--resample <N>"));
    }
    let net = &net.net;
    query(py, threads, as_frame, |r| {
        options.validate()?;
        let resample = args::resample_spec(draws, mode, seed, options.budget, by.is_some())?;
        Ok(match (&resample, &by) {
            (Some(spec), _) => resample_keyplayers(net, &options, spec, r)?.to_json(),
            (None, Some(by)) => keyplayers_by(net, &options, by, r)?.to_json(),
            (None, None) => run_keyplayers(net, &options, r)?.to_json(),
        })
    })
}
