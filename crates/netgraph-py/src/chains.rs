//! `netgraph.chains`: `netgraph chains` ([`netgraph_core::queries::chains`]).

use crate::args::{self, Filters};
use crate::{PyNetwork, query};
use netgraph_core::algo::chains::RankBy;
use netgraph_core::queries::chains::{ChainsOptions, chains as run};
use pyo3::prelude::*;

/// Laundering channels — the flows by which criminal value enters the legal economy — with the
/// chains of flows that carry it there, ranked by evidence: the dict `netgraph chains --format
/// json` prints (every channel unless `top`), or a DataFrame of the channels with `as_frame=True`.
///
/// `pattern`: the flow-kind pattern the whole chain must match (e.g. "@illicit @money+ @asset");
/// `from_`, `to`: only chains starting (ending) at these actors (ids, kinds, @class); `rank`:
/// evidence, volume or hops; `chains`: list every chain of each channel. The other keywords are
/// the command's options in snake_case.
#[pyfunction]
#[pyo3(signature = (
    net, pattern = None, *, from_ = None, to = None, anywhere = false, ignore_time = false,
    chains = false, max_hops = 6, top = None, rank = "evidence", limit = 10_000, budget = None,
    timeout = None, layer = None, flows = None, r#where = None, since = None, until = None,
    min_confidence = None, undirected = false, as_frame = false
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
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
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
    let net = &net.net;
    query(py, None, as_frame, |r| Ok(run(net, &options, r)?.to_json()))
}
