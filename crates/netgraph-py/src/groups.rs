//! `netgraph.groups`, `pairs`, `info` and `validate`: the commands of the same names
//! ([`netgraph_core::queries::groups`], [`pairs`](netgraph_core::queries::pairs),
//! [`info`](netgraph_core::queries::info), [`validate`](netgraph_core::queries::validate)).

use crate::args::{self, Filters};
use crate::{PyNetwork, analysed, error, query, to_python};
use netgraph_core::io::{self, GraphSource, ReadOptions};
use netgraph_core::queries::groups::{GroupsOptions, Method, groups as run_groups};
use netgraph_core::queries::info::{InfoOptions, documents as run_documents, info as run_info};
use netgraph_core::queries::pairs::{PairsOptions, pairs as run_pairs};
use netgraph_core::queries::periods::info::info_by;
use netgraph_core::queries::validate::{ValidateOptions, validate as run_validate};
use pyo3::prelude::*;
use std::path::PathBuf;

/// Groups of actors — Leiden or Louvain communities, weak or strong components, k-cores — with
/// their modularity: the dict `netgraph groups --format json` prints, or a DataFrame of the
/// groups with `as_frame=True`.
///
/// `method`: leiden, louvain, weak or strong (components), kcore (k-shells). The other
/// keywords are the command's options in snake_case.
#[pyfunction]
#[pyo3(signature = (
    net, method = "leiden", *, resolution = 1.0, seed = 0, iterations = 2, weight = None,
    strength = None, layer = None, flows = None, r#where = None, since = None, until = None,
    min_confidence = None, undirected = false, as_frame = false
))]
#[allow(clippy::too_many_arguments)]
pub fn groups<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    method: &str,
    resolution: f64,
    seed: u64,
    iterations: i64,
    weight: Option<String>,
    strength: Option<String>,
    layer: Option<String>,
    flows: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
    since: Option<&Bound<'py, PyAny>>,
    until: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<f64>,
    undirected: bool,
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let options = GroupsOptions {
        method: args::choice::<Method>(method, "--method <METHOD>")?,
        resolution: args::positive(py, resolution, "--resolution <R>")?,
        seed,
        iterations: args::natural(Some(iterations), "--iterations <N>")?.unwrap_or(2),
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
    };
    let net = &net.net;
    query(py, None, as_frame, |r| {
        Ok(run_groups(net, &options, r)?.to_json())
    })
}

/// Scores per connected actor pair — edge betweenness, bridges — ranked by the first measure:
/// the dict `netgraph pairs --format json` prints, or a DataFrame of the pairs with
/// `as_frame=True`.
///
/// `measure`: names (a list, or comma-separated text) among edge_betweenness and bridge, or
/// "all" [default: edge_betweenness, bridge].
#[pyfunction]
#[pyo3(signature = (
    net, measure = None, *, top = None, raw = false, threads = None, weight = None,
    strength = None, layer = None, flows = None, r#where = None, since = None, until = None,
    min_confidence = None, undirected = false, as_frame = false
))]
#[allow(clippy::too_many_arguments)]
pub fn pairs<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    measure: Option<&Bound<'py, PyAny>>,
    top: Option<i64>,
    raw: bool,
    threads: Option<i64>,
    weight: Option<String>,
    strength: Option<String>,
    layer: Option<String>,
    flows: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
    since: Option<&Bound<'py, PyAny>>,
    until: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<f64>,
    undirected: bool,
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let threads = args::threads(threads)?;
    let measures = match measure {
        None => PairsOptions::default().measures,
        Some(_) => args::names(measure)?,
    };
    let options = PairsOptions {
        measures,
        top: args::natural(top, "--top <N>")?,
        raw,
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
    };
    let net = &net.net;
    query(py, threads, as_frame, |r| {
        Ok(run_pairs(net, &options, r)?.to_json())
    })
}

/// What a network holds — counts of actors and flows by kind and class, components, density,
/// sources, dates, layers — as `netgraph info --format json` prints it; with `documents=True`
/// the documents cited, with the actors and flows each supports (`netgraph info --documents`).
///
/// Unless a layer is named every flow counts (the network's default layer is not applied). `by`
/// (a flow field, or "year", "quarter", "month"): one summary per period (`netgraph info --by`).
#[pyfunction]
#[pyo3(signature = (
    net, *, documents = false, active = false, layer = None, flows = None, r#where = None,
    since = None, until = None, min_confidence = None, undirected = false, by = None
))]
#[allow(clippy::too_many_arguments)]
pub fn info<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    documents: bool,
    active: bool,
    layer: Option<String>,
    flows: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
    since: Option<&Bound<'py, PyAny>>,
    until: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<f64>,
    undirected: bool,
    by: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    if documents && by.is_some() {
        return Err(args::conflict(
            "--by <FIELD|year|quarter|month>",
            "--documents",
        ));
    }
    let options = InfoOptions {
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
    query(py, None, false, |r| {
        Ok(match (documents, &by) {
            (true, _) => run_documents(net, &options, r)?.to_json(),
            (false, Some(by)) => info_by(net, &options, by, r)?.to_json(),
            (false, None) => run_info(net, &options, r)?.to_json(),
        })
    })
}

/// Every problem in a network — schema, references, numbers, dates, kinds; with `strict` an
/// actor or flow without a source; with `sources` (a folder) a quote not found in its document —
/// as `netgraph validate --format json` prints it (`"valid"` says whether there is an error).
///
/// `net`: a loaded Network, or the path of a file, read without the checks loading makes (so
/// that its errors are listed rather than raised); `nodes` and `kinds` as for `load`.
#[pyfunction]
#[pyo3(signature = (net, *, strict = false, sources = None, nodes = None, kinds = None))]
pub fn validate<'py>(
    py: Python<'py>,
    net: &Bound<'py, PyAny>,
    strict: bool,
    sources: Option<PathBuf>,
    nodes: Option<PathBuf>,
    kinds: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = ValidateOptions { strict, sources };
    let value = match net.cast::<PyNetwork>() {
        Ok(loaded) => {
            if nodes.is_some() || kinds.is_some() {
                return Err(args::value_error(
                    "nodes and kinds are read with a file: give validate a path, or load(path, nodes=…, kinds=…)",
                ));
            }
            let net = &loaded.get().net;
            analysed(py, None, |_| Ok(run_validate(net, &options)?.to_json()))?
        }
        Err(_) => {
            let path: PathBuf = net.extract()?;
            let gexf = io::extension(&path) == "gexf" && kinds.is_none();
            let source = GraphSource::File(path);
            let read = ReadOptions { nodes, kinds };
            let read = py
                .detach(|| io::read(&source, &read))
                .map_err(|e| error(&e.into()))?;
            if gexf {
                crate::warn_gexf(py, &source)?;
            }
            analysed(py, None, |_| Ok(run_validate(&read, &options)?.to_json()))?
        }
    };
    to_python(py, &value)
}
