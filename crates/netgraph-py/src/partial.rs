//! `netgraph.betweenness_block` and `netgraph.merge`: `netgraph centrality --measure betweenness
//! --raw --sources I/N` and `netgraph merge` ([`netgraph_core::queries::partial`]).

use crate::args::{self, Filters};
use crate::{PyNetwork, query};
use netgraph_core::Error;
use netgraph_core::queries::centrality::CentralityOptions;
use netgraph_core::queries::partial::{self, Partial};
use pyo3::prelude::*;

/// Exact betweenness over block `block` of `blocks` of the source actors (those at positions p
/// with p mod blocks = block − 1): the partial result (a dict) that `netgraph centrality --measure
/// betweenness --raw --sources BLOCK/BLOCKS` prints, for [`merge`]. The other keywords are the
/// command's options in snake_case and must be the same for every block.
#[pyfunction]
#[pyo3(signature = (
    net, block, blocks, *, endpoints = false, weight = None, strength = None, layer = None,
    flows = None, r#where = None, since = None, until = None, min_confidence = None,
    undirected = false, active = false, threads = None
))]
#[allow(clippy::too_many_arguments)]
pub fn betweenness_block<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    block: i64,
    blocks: i64,
    endpoints: bool,
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
    threads: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = format!("{block}/{blocks}");
    let sources =
        partial::parse_block(&text).map_err(|why| args::invalid(&text, "--sources <I/N>", &why))?;
    let threads = args::threads(threads)?;
    let options = CentralityOptions {
        measures: vec![partial::MEASURE.into()],
        raw: true,
        endpoints,
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
        ..CentralityOptions::default()
    };
    let net = &net.net;
    query(py, threads, false, |r| {
        let part = partial::betweenness_block(net, &options, sources, r)?;
        serde_json::to_value(&part).map_err(|e| Error::input(format!("partial result: {e}")))
    })
}

/// The blocks of a split added up into the scores: the dict `netgraph merge --format json` prints
/// (that of `netgraph centrality --measure betweenness`), or a DataFrame with `as_frame=True`.
/// `parts`: the partial results of every block once, in any order, each a dict (as
/// [`betweenness_block`] returns it or `json.load` reads it) or JSON text; errors name them
/// "part 1", "part 2", … in the order given. `raw` and `top` as in `centrality`.
#[pyfunction]
#[pyo3(signature = (parts, *, raw = false, top = None, as_frame = false))]
pub fn merge<'py>(
    py: Python<'py>,
    parts: &Bound<'py, PyAny>,
    raw: bool,
    top: Option<i64>,
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let top = args::count(top, "--top <N>")?;
    let dumps = py.import("json")?.getattr("dumps")?;
    let mut texts = Vec::new();
    for (i, part) in parts.try_iter()?.enumerate() {
        let part = part?;
        let text = match part.extract::<String>() {
            Ok(text) => text,
            Err(_) => dumps.call1((part,))?.extract::<String>()?,
        };
        texts.push((format!("part {}", i + 1), text));
    }
    query(py, None, as_frame, |r| {
        let parts = texts
            .iter()
            .map(|(name, text)| Ok((name.clone(), Partial::from_json(text, name)?)))
            .collect::<netgraph_core::Result<Vec<_>>>()?;
        Ok(partial::merge(&parts, raw, top, r)?.to_json())
    })
}
