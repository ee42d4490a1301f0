//! `netgraph.chains`: `netgraph chains` ([`netgraph_core::queries::chains`]).

use crate::args::{self, Filters};
use crate::{PyNetwork, query};
use netgraph_core::algo::chains::RankBy;
use netgraph_core::queries::chains::{ChainsOptions, chains as run};
use netgraph_core::queries::resample::chains::resample_chains;
use pyo3::prelude::*;

/// Laundering channels — the flows by which criminal value enters the legal economy — with the
/// chains of flows that carry it there, ranked by evidence: the dict `netgraph chains --format
/// json` prints (every channel unless `top`), or a DataFrame of the channels with `as_frame=True`.
///
/// `pattern`: the flow-kind pattern the whole chain must match (e.g. "@illicit @money+ @asset");
/// `from_`, `to`: only chains starting (ending) at these actors (ids, kinds, @class); `rank`:
/// evidence, volume or hops; `chains`: list every chain of each channel. The other keywords are
/// the command's options in snake_case.
///
/// `resample` (a number of draws) searches the chains again on networks drawn from the view
/// (`resample_mode`: "confidence", "drop:P", "drop-actors:P" or "bootstrap"; `seed` seeds the
/// draws, default 0; `threads` runs them in parallel): the dict `--resample` prints, each channel
/// with the share of draws in which it exists (docs/uncertainty.md). `budget` then counts draws
/// and `timeout` bounds them all; `resample_mode`, `seed` and `threads` need `resample`.
#[pyfunction]
#[pyo3(signature = (
    net, pattern = None, *, from_ = None, to = None, anywhere = false, ignore_time = false,
    chains = false, max_hops = 6, top = None, rank = "evidence", limit = 10_000, budget = None,
    timeout = None, layer = None, flows = None, r#where = None, since = None, until = None,
    min_confidence = None, undirected = false, resample = None, resample_mode = None,
    seed = None, threads = None, as_frame = false
))]
#[allow(clippy::too_many_arguments)]
pub fn chains<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    pattern: Option<String>,
    from_: Option<&Bound<'py, PyAny>>,
    to: Option<&Bound<'py, PyAny>>,
    anywhere: bool,
    ignore_time: bool,
    chains: bool,
    max_hops: i64,
    top: Option<i64>,
    rank: &str,
    limit: i64,
    budget: Option<i64>,
    timeout: Option<f64>,
    layer: Option<String>,
    flows: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
    since: Option<&Bound<'py, PyAny>>,
    until: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<f64>,
    undirected: bool,
    resample: Option<i64>,
    resample_mode: Option<String>,
    seed: Option<u64>,
    threads: Option<i64>,
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    // The checks clap makes on the command line: the values, then what requires --resample.
    let (draws, mode) = args::resample(resample, resample_mode.as_deref())?;
    let threads = args::threads(threads)?;
    let options = ChainsOptions {
        pattern,
        from: args::names(from_)?,
        to: args::names(to)?,
        anywhere,
        ignore_time,
        chains,
        max_hops: args::natural(Some(max_hops), "--max-hops <H>")?.unwrap_or(6),
        top: args::natural(top, "--top <N>")?,
        rank: args::choice::<RankBy>(rank, "--rank <RANK>")?,
        limit: args::natural(Some(limit), "--limit <L>")?.unwrap_or(10_000),
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
    };
    if draws.is_none() && (mode.is_some() || seed.is_some() || threads.is_some()) {
        return Err(args::requires("--resample <N>"));
    }
    let net = &net.net;
    query(py, threads, as_frame, |r| {
        options.check()?;
        match args::resample_spec(draws, mode, seed.unwrap_or(0), options.budget, false)? {
            Some(spec) => Ok(resample_chains(net, &options, &spec, r)?.to_json()),
            None => Ok(run(net, &options, r)?.to_json()),
        }
    })
}
