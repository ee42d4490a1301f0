//! `netgraph.paths` and `netgraph.cut`: `netgraph paths` and `netgraph cut`
//! ([`netgraph_core::queries::paths`], [`netgraph_core::queries::cut`]).

use crate::args::{self, Filters};
use crate::{PyNetwork, query};
use netgraph_core::queries::cut::{CutOptions, cut as run_cut};
use netgraph_core::queries::paths::{PathsOptions, paths as run_paths};
use pyo3::prelude::*;

/// The k shortest (Yen) or widest simple paths from `from_` to `to` (ids, actor kinds or
/// @class: the best paths from any to any), each hop with its flow and sources: the dict
/// `netgraph paths --format json` prints, or a DataFrame of the paths with `as_frame=True`.
///
/// `capacity` (default "volume") goes with `widest`; `via` and `avoid` take actors as `from_`
/// does; `limit` bounds the paths tried with `via`. The other keywords are the command's options
/// in snake_case.
#[pyfunction]
#[pyo3(signature = (
    net, from_, to, *, k = 1, widest = false, capacity = None, via = None, avoid = None,
    limit = 10_000, budget = None, timeout = None, weight = None, strength = None, layer = None,
    flows = None, r#where = None, since = None, until = None, min_confidence = None,
    undirected = false, as_frame = false
))]
#[allow(clippy::too_many_arguments)]
pub fn paths<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    k: i64,
    widest: bool,
    capacity: Option<String>,
    via: Option<&Bound<'py, PyAny>>,
    avoid: Option<&Bound<'py, PyAny>>,
    limit: i64,
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
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let defaults = PathsOptions::default();
    let k = args::u32_from_1(k, "--k <N>")?;
    if capacity.is_some() && !widest {
        return Err(args::requires("--widest"));
    }
    let limit = args::u32_from_1(limit, "--limit <L>")?;
    let options = PathsOptions {
        from: args::names(Some(from_))?,
        to: args::names(Some(to))?,
        k,
        widest,
        capacity: capacity.unwrap_or(defaults.capacity),
        via: args::names(via)?,
        avoid: args::names(avoid)?,
        limit,
        budget: args::budget(py, budget, timeout)?,
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
        Ok(run_paths(net, &options, r)?.to_json())
    })
}

/// The maximum flow from `from_` to `to` (ids, actor kinds or @class) and a minimum set of
/// flows — or with `actors=True` of actors — whose removal severs every route: the dict `netgraph
/// cut --format json` prints, or a DataFrame of what is cut with `as_frame=True`.
///
/// `capacity`: the flow field read as each flow's capacity (default 1 per flow: the fewest
/// flows); not with `actors`.
#[pyfunction]
#[pyo3(signature = (
    net, from_, to, *, capacity = None, actors = false, layer = None, flows = None,
    r#where = None, since = None, until = None, min_confidence = None, undirected = false,
    as_frame = false
))]
#[allow(clippy::too_many_arguments)]
pub fn cut<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    capacity: Option<String>,
    actors: bool,
    layer: Option<String>,
    flows: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
    since: Option<&Bound<'py, PyAny>>,
    until: Option<&Bound<'py, PyAny>>,
    min_confidence: Option<f64>,
    undirected: bool,
    as_frame: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if capacity.is_some() && actors {
        return Err(args::conflict("--capacity <FIELD>", "--actors"));
    }
    let options = CutOptions {
        from: args::names(Some(from_))?,
        to: args::names(Some(to))?,
        capacity,
        actors,
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
        Ok(run_cut(net, &options, r)?.to_json())
    })
}
