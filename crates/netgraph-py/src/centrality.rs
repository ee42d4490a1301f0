//! `netgraph.centrality`: `netgraph centrality` ([`netgraph_core::queries::centrality`]).

use crate::args::{self, Filters};
use crate::{PyNetwork, query};
use netgraph_core::queries::centrality::{CentralityOptions, ChainOptions, centrality as run};
use netgraph_core::queries::periods::centrality::centrality_by;
use netgraph_core::queries::resample::centrality::{DEFAULT_TOP_K, resample_centrality};
use pyo3::prelude::*;

/// Centrality scores, one row per actor, ranked by the first measure (ties share a rank): the
/// dict `netgraph centrality --format json` prints, or a DataFrame of the actors with
/// `as_frame=True`.
///
/// `measure`: names (a list, or comma-separated text) among degree, in_degree, out_degree,
/// betweenness, closeness, harmonic, eigenvector, pagerank, katz, hub, authority, constraint,
/// effective_size, clustering, core_number, cutpoint, chain_betweenness, brokerage, or "all"
/// [default: degree, betweenness]. The other keywords are the command's options in snake_case:
/// `delta` (default 0.1) and `seed` (default 0) go with `epsilon`; `pattern`, `max_hops`,
/// `limit`, `ignore_time`, `budget`, `timeout` with chain_betweenness; `where` is one condition
/// or a list of them; `since`/`until` take "YYYY[-MM[-DD]]" or a date. `by` (a flow field, or
/// "year", "quarter", "month") runs one analysis per period, each over its active actors, and
/// `track` (ids) follows chosen actors through them: the dict `--by`/`--track` print.
/// `resample` (a number of draws) runs the measures on networks drawn from the view
/// (`resample_mode`: "confidence", "drop:P", "drop-actors:P" or "bootstrap"; `seed` seeds the
/// draws; `top_k`, default 10): the dict `--resample` prints, each actor with
/// `<measure>_mean`, `_p05`, `_p95` and `_topk` (docs/uncertainty.md). `top_k` with `epsilon`
/// instead is KADABRA's top k: the k most central actors with their intervals (docs/measures.md).
#[pyfunction]
#[pyo3(signature = (
    net, measure = None, *, top = None, raw = false, damping = 0.85, katz_alpha = 0.1,
    tol = 1e-10, max_iter = 10_000, epsilon = None, delta = None, seed = None, endpoints = false,
    personalize = None, groups = None, pattern = None, max_hops = None, limit = None,
    ignore_time = false, budget = None, timeout = None, weight = None, strength = None,
    layer = None, flows = None, r#where = None, since = None, until = None, min_confidence = None,
    undirected = false, active = false, by = None, track = None, resample = None,
    resample_mode = None, top_k = None, threads = None, as_frame = false
))]
#[allow(clippy::too_many_arguments)]
pub fn centrality<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    measure: Option<&Bound<'py, PyAny>>,
    top: Option<i64>,
    raw: bool,
    damping: f64,
    katz_alpha: f64,
    tol: f64,
    max_iter: i64,
    epsilon: Option<f64>,
    delta: Option<f64>,
    seed: Option<u64>,
    endpoints: bool,
    personalize: Option<&Bound<'py, PyAny>>,
    groups: Option<String>,
    pattern: Option<String>,
    max_hops: Option<i64>,
    limit: Option<i64>,
    ignore_time: bool,
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
    active: bool,
    by: Option<String>,
    track: Option<&Bound<'py, PyAny>>,
    resample: Option<i64>,
    resample_mode: Option<String>,
    top_k: Option<i64>,
    threads: Option<i64>,
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    // The checks clap makes on the command line, in its order of arguments.
    let top = args::count(top, "--top <N>")?;
    let damping = args::open_unit(py, damping, "--damping <ALPHA>")?;
    let katz_alpha = args::positive(py, katz_alpha, "--katz-alpha <ALPHA>")?;
    let tol = args::positive(py, tol, "--tol <TOL>")?;
    let max_iter = args::max_iter(max_iter)?;
    let epsilon = epsilon
        .map(|e| args::open_unit(py, e, "--epsilon <E>"))
        .transpose()?;
    let delta = delta
        .map(|d| args::open_unit(py, d, "--delta <D>"))
        .transpose()?;
    let (draws, mode) = args::resample(resample, resample_mode.as_deref())?;
    if mode.is_some() && draws.is_none() {
        return Err(args::requires("--resample <N>"));
    }
    let top_k = args::count(top_k, "--top-k <K>")?;
    if epsilon.is_none() && delta.is_some() {
        return Err(args::requires("--epsilon <E>"));
    }
    if epsilon.is_some() && endpoints {
        return Err(args::conflict("--epsilon <E>", "--endpoints"));
    }
    let track = args::names(track)?;
    if by.is_none() && !track.is_empty() {
        return Err(args::requires("--by <FIELD|year|quarter|month>"));
    }
    let threads = args::threads(threads)?;
    let budget_spec = args::budget(py, budget, timeout)?;
    let resample = args::resample_spec(draws, mode, seed.unwrap_or(0), budget_spec, by.is_some())
        .map_err(|e| crate::error(&e))?;
    if seed.is_some() && epsilon.is_none() && resample.is_none() {
        return Err(crate::error(&netgraph_core::Error::usage(
            "--seed needs --epsilon or --resample",
        )));
    }
    if top_k.is_some() && resample.is_none() && epsilon.is_none() {
        return Err(crate::error(&netgraph_core::Error::usage(
            "--top-k needs --epsilon or --resample",
        )));
    }
    let defaults = CentralityOptions::default();
    let mut measures = args::names(measure)?;
    if measure.is_none() {
        measures = defaults.measures.clone();
    }
    let options = CentralityOptions {
        measures,
        top,
        raw,
        damping,
        katz_alpha,
        tol,
        max_iter,
        epsilon,
        delta: delta.unwrap_or(defaults.delta),
        seed: seed.unwrap_or(defaults.seed),
        // With epsilon (and no resample): KADABRA's top k.
        top_k: top_k.filter(|_| resample.is_none()),
        endpoints,
        personalize: args::names(personalize)?,
        groups,
        chains: ChainOptions {
            pattern,
            max_hops: args::natural(max_hops, "--max-hops <H>")?,
            limit: args::natural(limit, "--limit <L>")?,
            ignore_time,
            budget: budget_spec,
        },
        weights: args::weights(weight, strength)?,
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
    let mut options = options;
    if resample.is_some() {
        // --budget counts draws; a chain search keeps --timeout.
        let chains = options
            .measures
            .iter()
            .any(|m| m == "chain_betweenness" || m == "chain-betweenness");
        options.chains.budget = netgraph_core::budget::BudgetSpec {
            expansions: None,
            timeout: budget_spec.timeout.filter(|_| chains),
        };
    }
    let net = &net.net;
    query(py, threads, as_frame, |r| match (&by, &resample) {
        (_, Some(spec)) => {
            Ok(
                resample_centrality(net, &options, spec, top_k.unwrap_or(DEFAULT_TOP_K), r)?
                    .to_json(),
            )
        }
        (Some(by), None) => Ok(centrality_by(net, &options, by, &track, r)?.to_json()),
        (None, None) => Ok(run(net, &options, r)?.to_json()),
    })
}
