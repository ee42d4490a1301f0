//! `netgraph.dot`: `netgraph dot` ([`netgraph_core::queries::draw`]).

use crate::args::{self, Filters};
use crate::{PyNetwork, analysed};
use netgraph_core::measures::Measure;
use netgraph_core::queries::draw::{DrawOptions, dot as draw};
use netgraph_core::render::{Cluster, ColorBy, Direction, Pen};
use pyo3::prelude::*;

/// The network as Graphviz DOT text, as `netgraph dot` writes it (render it with Graphviz, e.g.
/// `graphviz.Source(text)`).
///
/// `highlight_chains`: True for the chains of the default laundering query, or a pattern. The
/// other keywords are the command's options in snake_case: `cluster` (none, country, region,
/// community), `color_by` (class, community), `pen` (confidence, volume), `size_by` (a
/// measure), `rankdir` (LR, TB, …); `depth` goes with `focus`, the `chain_*` options with
/// `highlight_chains`; `budget` and `timeout` bound the chain search.
#[pyfunction]
#[pyo3(signature = (
    net, *, merge = false, cluster = "none", color_by = "class", pen = "confidence",
    size_by = None, focus = None, depth = None, highlight_path = None, highlight_chains = None,
    chain_from = None, chain_to = None, chain_max_hops = None, chain_top = None,
    chain_limit = None, fade = None, hide_isolated = false, rankdir = "LR", wrap = 18,
    no_edge_labels = false, no_legend = false, budget = None, timeout = None, weight = None,
    strength = None, layer = None, flows = None, r#where = None, since = None, until = None,
    min_confidence = None, undirected = false
))]
#[allow(clippy::too_many_arguments)]
pub fn dot<'py>(
    py: Python<'py>,
    net: PyRef<'py, PyNetwork>,
    merge: bool,
    cluster: &str,
    color_by: &str,
    pen: &str,
    size_by: Option<&str>,
    focus: Option<&Bound<'py, PyAny>>,
    depth: Option<i64>,
    highlight_path: Option<String>,
    highlight_chains: Option<&Bound<'py, PyAny>>,
    chain_from: Option<&Bound<'py, PyAny>>,
    chain_to: Option<&Bound<'py, PyAny>>,
    chain_max_hops: Option<i64>,
    chain_top: Option<i64>,
    chain_limit: Option<i64>,
    fade: Option<&Bound<'py, PyAny>>,
    hide_isolated: bool,
    rankdir: &str,
    wrap: i64,
    no_edge_labels: bool,
    no_legend: bool,
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
) -> PyResult<String> {
    let defaults = DrawOptions::default();
    // True: the default query; a string: a pattern; None or False: no highlighted chains.
    let highlight_chains = match highlight_chains {
        None => None,
        Some(v) if v.is_instance_of::<pyo3::types::PyBool>() => {
            v.extract::<bool>()?.then_some(None)
        }
        Some(v) => Some(Some(v.extract::<String>()?)),
    };
    let focus = args::names(focus)?;
    if depth.is_some() && focus.is_empty() {
        return Err(args::requires("--focus <A[,B…]>"));
    }
    if highlight_chains.is_some() && highlight_path.is_some() {
        return Err(args::conflict(
            "--highlight-chains [<P>]",
            "--highlight-path <A:B>",
        ));
    }
    let chain_from = args::names(chain_from)?;
    let chain_to = args::names(chain_to)?;
    let chain_options_given = !chain_from.is_empty()
        || !chain_to.is_empty()
        || chain_max_hops.is_some()
        || chain_top.is_some()
        || chain_limit.is_some();
    if chain_options_given && highlight_chains.is_none() {
        return Err(args::requires("--highlight-chains [<P>]"));
    }
    let options = DrawOptions {
        merge,
        cluster: args::choice::<Cluster>(cluster, "--cluster <CLUSTER>")?,
        color_by: args::choice::<ColorBy>(color_by, "--color-by <COLOR_BY>")?,
        pen: args::choice::<Pen>(pen, "--pen <PEN>")?,
        size_by: size_by
            .map(|m| args::choice::<Measure>(m, "--size-by <MEASURE>"))
            .transpose()?,
        focus,
        depth: args::natural(depth, "--depth <D>")?.unwrap_or(defaults.depth),
        highlight_path,
        highlight_chains,
        chain_from,
        chain_to,
        chain_max_hops: args::natural(chain_max_hops, "--chain-max-hops <H>")?
            .unwrap_or(defaults.chain_max_hops),
        chain_top: args::natural(chain_top, "--chain-top <N>")?,
        chain_limit: args::natural(chain_limit, "--chain-limit <L>")?
            .unwrap_or(defaults.chain_limit),
        chain_budget: args::budget(py, budget, timeout)?,
        fade: args::names(fade)?,
        hide_isolated,
        rankdir: args::choice::<Direction>(rankdir, "--rankdir <RANKDIR>")?,
        wrap: args::natural(Some(wrap), "--wrap <N>")?.unwrap_or(defaults.wrap),
        no_edge_labels,
        no_legend,
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
    analysed(py, None, |r| draw(net, &options, r))
}
