//! The native module `netgraph._netgraph` of the Python package `netgraph` (python/): networks
//! loaded or built in memory, and the core's analyses with the command line's options as keyword
//! arguments. Each analysis returns the dict the command prints with `--format json`; a core error
//! raises `ValueError` with the command's one-line message; notes and warnings become Python
//! warnings (`netgraph.NetgraphNote`, `netgraph.NetgraphWarning`).
//!
//! The pure-Python layer (python/netgraph/__init__.py) adds `frame` (pandas), `from_networkx` and
//! `to_networkx`.

mod args;
mod centrality;
mod chains;
mod draw;
mod groups;
mod partial;
mod paths;
mod whatif;

use netgraph_core::io::{self, GraphSource, ReadOptions};
use netgraph_core::model::Network;
use netgraph_core::run::Message;
use netgraph_core::{Error, Run};
use pyo3::exceptions::{PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;
use std::ffi::CString;
use std::path::PathBuf;

pyo3::create_exception!(
    netgraph,
    NetgraphWarning,
    PyUserWarning,
    "Something to check in a result: a name that selects nothing, a search stopped early (the \
     command line's `warning:` lines)."
);

pyo3::create_exception!(
    netgraph,
    NetgraphNote,
    PyUserWarning,
    "How a result was computed: what was counted, how a measure sampled (the command line's \
     `note:` lines). Silence with `warnings.simplefilter(\"ignore\", netgraph.NetgraphNote)`."
);

/// A network of actors and flows: `netgraph.load(path)`, `netgraph.peru()` or
/// `netgraph.from_networkx(G)`. `len(net)` is the number of actors.
#[pyclass(name = "Network", module = "netgraph", frozen)]
pub struct PyNetwork {
    pub(crate) net: Network,
}

#[pymethods]
impl PyNetwork {
    /// The number of actors.
    fn __len__(&self) -> usize {
        self.net.actor_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "<netgraph.Network {:?}: {} actors, {} flows, {}>",
            self.net.title(),
            self.net.actor_count(),
            self.net.flow_count(),
            if self.net.is_directed() {
                "directed"
            } else {
                "undirected"
            }
        )
    }

    /// The number of actors.
    #[getter]
    fn actor_count(&self) -> usize {
        self.net.actor_count()
    }

    /// The number of flows.
    #[getter]
    fn flow_count(&self) -> usize {
        self.net.flow_count()
    }

    /// Whether flows have a direction.
    #[getter]
    fn directed(&self) -> bool {
        self.net.is_directed()
    }

    /// The network's title: its name, else the file's name.
    #[getter]
    fn title(&self) -> String {
        self.net.title()
    }

    /// Where the network was read from (a file, `peru.json (built in)`, `<networkx>`).
    #[getter]
    fn origin(&self) -> String {
        self.net.origin().to_string()
    }

    /// The network in netgraph's JSON format (as `netgraph convert` writes it).
    fn to_json(&self) -> String {
        io::json::to_string(&self.net)
    }

    /// The network as a NetworkX graph: a MultiDiGraph (MultiGraph when undirected) with the
    /// actors' fields as node attributes and the flows' as edge attributes; `multigraph=False`
    /// gives a DiGraph (Graph) and refuses a network with parallel flows.
    #[pyo3(signature = (multigraph = true))]
    fn to_networkx<'py>(slf: &Bound<'py, Self>, multigraph: bool) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("netgraph._networkx")?
            .getattr("to_networkx")?
            .call1((slf, multigraph))
    }
}

/// Loads a network file: JSON, CSV edge list, GraphML or GEXF (by extension), checked as the
/// command line checks it. `nodes`: a CSV of actor attributes for a CSV edge list; `kinds`: a JSON
/// file with a `kinds` section applied over the network's own.
#[pyfunction]
#[pyo3(signature = (path, *, nodes = None, kinds = None))]
fn load(
    py: Python<'_>,
    path: PathBuf,
    nodes: Option<PathBuf>,
    kinds: Option<PathBuf>,
) -> PyResult<PyNetwork> {
    let gexf = io::extension(&path) == "gexf" && kinds.is_none();
    let source = GraphSource::File(path);
    let options = ReadOptions { nodes, kinds };
    // Reading happens on this thread (detach only releases the GIL), so its renamed-field warnings
    // are this thread's to collect.
    let read = py.detach(|| io::load(&source, &options));
    let renamed = netgraph_core::model::reserved::take_warnings();
    emit(py, renamed.into_iter().map(Message::Warning).collect())?;
    let net = read.map_err(|e| error(&Error::from(e)))?;
    if gexf {
        warn_gexf(py, &source)?;
    }
    loaded(py, net)
}

/// The command line's warning on reading GEXF without a kinds file.
pub(crate) fn warn_gexf(py: Python<'_>, source: &GraphSource) -> PyResult<()> {
    emit(
        py,
        vec![Message::Warning(format!(
            "{source}: GEXF cannot carry a kinds section, so kinds declared elsewhere have the built-in class or \"other\"; give them with --kinds FILE"
        ))],
    )
}

/// The Peru reference network shipped with netgraph (the command line's default network).
#[pyfunction]
fn peru(py: Python<'_>) -> PyResult<PyNetwork> {
    let net = io::peru().map_err(|e| error(&Error::from(e)))?;
    loaded(py, net)
}

/// A network from netgraph's JSON text, checked as a file is; `name` names it in errors (used by
/// `from_networkx`).
#[pyfunction]
#[pyo3(signature = (text, name = "<json>"))]
fn from_json(py: Python<'_>, text: &str, name: &str) -> PyResult<PyNetwork> {
    let net = py
        .detach(|| io::load_json(text, name))
        .map_err(|e| error(&Error::from(e)))?;
    loaded(py, net)
}

/// A loaded network, after the warnings every command gives on loading (declared classes that
/// look like typos of built-in ones).
fn loaded(py: Python<'_>, net: Network) -> PyResult<PyNetwork> {
    let warnings = netgraph_core::model::kinds::suspicious_classes(&net.kinds);
    emit(py, warnings.into_iter().map(Message::Warning).collect())?;
    Ok(PyNetwork { net })
}

/// The error as Python sees it: `ValueError` with the command line's one-line message (the
/// error and its causes joined by ": ", on one line).
pub(crate) fn error(e: &Error) -> PyErr {
    let mut parts = vec![e.to_string()];
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    PyValueError::new_err(parts.join(": ").replace('\n', " "))
}

/// Sends notes and warnings to Python's `warnings`, in order, attributed to the caller.
fn emit(py: Python<'_>, messages: Vec<Message>) -> PyResult<()> {
    for m in messages {
        let (category, text) = match m {
            Message::Note(t) => (py.get_type::<NetgraphNote>(), t),
            Message::Warning(t) => (py.get_type::<NetgraphWarning>(), t),
        };
        let text = CString::new(text.replace('\0', " ")).unwrap_or_default();
        PyErr::warn(py, category.as_any(), &text, 1)?;
    }
    Ok(())
}

/// Runs an analysis without holding the GIL, on `threads` workers, then sends its messages to
/// Python's warnings (also when it failed: the command line prints them before the error).
pub(crate) fn analysed<T: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    analysis: impl FnOnce(&Run) -> netgraph_core::Result<T> + Send,
) -> PyResult<T> {
    let run = Run {
        threads,
        ..Run::default()
    };
    let result = py.detach(|| analysis(&run));
    emit(py, run.messages.taken())?;
    result.map_err(|e| error(&e))
}

/// [`analysed`], returning the analysis's JSON as Python objects — or as a pandas DataFrame
/// (`netgraph.frame`) when `as_frame`.
pub(crate) fn query<'py>(
    py: Python<'py>,
    threads: Option<usize>,
    as_frame: bool,
    analysis: impl FnOnce(&Run) -> netgraph_core::Result<Value> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    let value = to_python(py, &analysed(py, threads, analysis)?)?;
    if as_frame {
        return py.import("netgraph")?.getattr("frame")?.call1((value,));
    }
    Ok(value)
}

/// JSON as Python objects, as `json.loads` reads the command's output: integers as `int`, other
/// numbers as `float`, objects as dicts in the same key order.
pub(crate) fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// netgraph's analyses for Python: the native part of the `netgraph` package.
#[pymodule]
mod _netgraph {
    #[pymodule_export]
    use super::partial::{betweenness_block, merge};
    #[pymodule_export]
    use super::{
        NetgraphNote, NetgraphWarning, PyNetwork, centrality::centrality, chains::chains,
        draw::dot, from_json, groups::groups, groups::info, groups::pairs, groups::validate, load,
        paths::cut, paths::paths, peru, whatif::keyplayers, whatif::whatif,
    };
}
