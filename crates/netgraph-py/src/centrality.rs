//! `netgraph.centrality`: `netgraph centrality` ([`netgraph_core::queries::centrality`]).

use crate::args::{self, Filters};
use crate::{PyNetwork, query};
use netgraph_core::queries::centrality::{CentralityOptions, ChainOptions, centrality as run};
use netgraph_core::queries::periods::centrality::centrality_by;
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
#[pyfunction]
#[pyo3(signature = (
    net, measure = None, *, top = None, raw = false, damping = 0.85, katz_alpha = 0.1,
    tol = 1e-10, max_iter = 10_000, epsilon = None, delta = None, seed = None, endpoints = false,
    personalize = None, groups = None, pattern = None, max_hops = None, limit = None,
    ignore_time = false, budget = None, timeout = None, weight = None, strength = None,
    layer = None, flows = None, r#where = None, since = None, until = None, min_confidence = None,
    undirected = false, active = false, by = None, track = None, threads = None, as_frame = false
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
    if epsilon.is_none() && (delta.is_some() || seed.is_some()) {
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
        top_k: None,
        endpoints,
        personalize: args::names(personalize)?,
        groups,
        chains: ChainOptions {
            pattern,
            max_hops: args::natural(max_hops, "--max-hops <H>")?,
            limit: args::natural(limit, "--limit <L>")?,
            ignore_time,
            budget: args::budget(py, budget, timeout)?,
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
    let net = &net.net;
    query(py, threads, as_frame, |r| match &by {
        Some(by) => Ok(centrality_by(net, &options, by, &track, r)?.to_json()),
        None => Ok(run(net, &options, r)?.to_json()),
    })
}
