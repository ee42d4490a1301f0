//! `netgraph info`: what a network holds — counts of actors and flows by class and kind,
//! components, density, dates, the evidence of the flows, the documents cited and the layers
//! declared ([`info`]); with `--documents`, the documents and what each supports ([`documents`]).

use super::FlowFilter;
use crate::algo::components::weak_components;
use crate::error::{Error, Result};
use crate::model::{FlowRef, Network, PartialDate, Source};
use crate::report::json_number;
use crate::run::Run;
use crate::view::{Layer, View, Weighting};
use serde::ser::{Serialize, Serializer};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Options of [`info`] and [`documents`], named as the command line's.
#[derive(Debug, Clone, Default)]
pub struct InfoOptions {
    /// Which flows count. Unless a layer is named, every flow's layer (`all`) is used: a
    /// network's default layer is not applied (the layers are listed instead).
    pub filter: FlowFilter,
    /// Count only the actors with at least one kept flow (components, isolated actors, density).
    pub active: bool,
}

impl InfoOptions {
    /// The filter `info` applies: the user's, over the whole network (`--layer all`) unless a
    /// layer is asked for.
    pub fn filter(&self, net: &Network) -> FlowFilter {
        let layer = match (&self.filter.layer, net.kinds.layers.is_empty()) {
            (None, false) => Some("all".to_string()),
            (asked, _) => asked.clone(),
        };
        FlowFilter {
            layer,
            ..self.filter.clone()
        }
    }

    /// The view `info` describes: the whole network unless a layer is asked for.
    fn view<'a>(&self, net: &'a Network, run: &Run) -> Result<View<'a>> {
        self.filter(net).view(net, self.active, run)
    }
}

/// What a network holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    /// What was counted, in words.
    pub view_line: String,
    /// What was counted, as the JSON `"view"` object.
    pub view: Value,
    /// The network's title ([`Network::title`]).
    pub name: String,
    /// Whether the view is directed.
    pub directed: bool,
    /// Actors counted.
    pub actors: usize,
    /// Flows kept.
    pub flows: usize,
    /// Actors counted by (class, kind).
    pub actor_kinds: BTreeMap<(String, String), usize>,
    /// Flows kept by (class, kind).
    pub flow_kinds: BTreeMap<(String, String), usize>,
    /// Weak components of the counted actors.
    pub components: usize,
    /// Size of the largest weak component (0 without actors).
    pub largest: usize,
    /// Counted actors without a kept flow to another actor.
    pub isolated: usize,
    /// Distinct arcs (ties when undirected) over the possible ones; 0 with fewer than 2 actors.
    pub density: f64,
    /// Citations per document: of the counted actors and the kept flows.
    pub documents: BTreeMap<String, usize>,
    /// How outputs name each cited document: `citation (file)`, or the file name.
    pub doc_labels: BTreeMap<String, String>,
    /// The earliest date a kept flow gives (`since` or `until`), as written.
    pub first: Option<String>,
    /// The latest date a kept flow gives.
    pub last: Option<String>,
    /// What the kept flows say about their evidence.
    pub evidence: Evidence,
    /// The layers the network declares.
    pub layers: Vec<LayerRow>,
}

/// What the kept flows say about their evidence: dates, basis, events, volumes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Flows with `since` or `until`.
    pub dated: usize,
    /// Flows whose basis is `stated`.
    pub stated: usize,
    /// Flows whose basis is `inferred`.
    pub inferred: usize,
    /// Flows that give no basis.
    pub no_basis: usize,
    /// Flows with an event.
    pub event_flows: usize,
    /// Distinct events among them.
    pub events: usize,
    /// Total volume and number of flows per flow kind and unit ("" for none), each event counted
    /// once in its kind and unit (its largest volume).
    pub volumes: BTreeMap<(String, String), (f64, usize)>,
}

/// A layer the network declares, as `info` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerRow {
    /// The layer's name.
    pub name: String,
    /// Whether it is the network's default layer.
    pub default: bool,
    /// Its description.
    pub description: Option<String>,
    /// Flows of the whole network the layer keeps.
    pub flows: usize,
}

/// Totals per class of a count by (class, kind).
pub fn class_totals(map: &BTreeMap<(String, String), usize>) -> BTreeMap<&str, usize> {
    let mut totals = BTreeMap::new();
    for ((class, _), count) in map {
        *totals.entry(class.as_str()).or_insert(0) += count;
    }
    totals
}

fn kind_rows(map: &BTreeMap<(String, String), usize>) -> Vec<Value> {
    map.iter()
        .map(|((class, kind), count)| json!({"kind": kind, "class": class, "count": count}))
        .collect()
}

impl Info {
    /// The JSON of `netgraph info --format json`.
    pub fn to_json(&self) -> Value {
        let e = &self.evidence;
        let mut json = json!({
            "name": self.name,
            "directed": self.directed,
            "actors": self.actors,
            "flows": self.flows,
            "actor_classes": class_totals(&self.actor_kinds),
            "actor_kinds": kind_rows(&self.actor_kinds),
            "flow_classes": class_totals(&self.flow_kinds),
            "flow_kinds": kind_rows(&self.flow_kinds),
            "weak_components": self.components,
            "largest_component": self.largest,
            "isolated_actors": self.isolated,
            "density": json_number(Some(self.density)),
            "documents": self.documents,
            "dates": {"first": self.first, "last": self.last},
            "dated_flows": e.dated,
            "basis": {"stated": e.stated, "inferred": e.inferred, "none": e.no_basis},
            "events": {"flows": e.event_flows, "distinct": e.events},
            "volumes": e.volumes.iter().map(|((kind, unit), (total, flows))| json!({
                "kind": kind,
                "unit": (!unit.is_empty()).then_some(unit),
                "total": json_number(Some(*total)),
                "flows": flows,
            })).collect::<Vec<_>>(),
        });
        json["view"] = self.view.clone();
        json["layers"] = self
            .layers
            .iter()
            .map(|r| {
                json!({"name": r.name, "default": r.default, "description": r.description, "flows": r.flows})
            })
            .collect();
        json
    }
}

impl Serialize for Info {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// What a network holds: counts by class and kind, weak components, isolated actors, density,
/// dates, evidence (basis, events, volumes with each event once), citations per document, and the
/// layers it declares with the flows each keeps.
///
/// The view is the whole network unless `options.filter` names a layer. A layer whose actors name
/// nothing the network knows is [`Error::Input`]. Cost: O(A + F + S) for S sources.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::info::{InfoOptions, info};
/// let net = netgraph_core::io::peru().unwrap();
/// let result = info(&net, &InfoOptions::default(), &netgraph_core::Run::default()).unwrap();
/// assert_eq!(result.actors, net.actor_count());
/// assert_eq!(result.flows, net.flow_count());
/// assert!(result.components >= 1);
/// ```
pub fn info(net: &Network, options: &InfoOptions, run: &Run) -> Result<Info> {
    let view = options.view(net, run)?;
    let layers = layer_rows(net)?;
    summarise(net, &view, net.title(), layers)
}

/// The layers the network declares, each with the flows it keeps; a layer whose actors name
/// nothing the network knows is an error in the file.
fn layer_rows(net: &Network) -> Result<Vec<LayerRow>> {
    let mut rows = Vec::new();
    for (name, _) in crate::view::layer::declared(&net.kinds) {
        let layer =
            Layer::resolve(net, Some(&name), false).map_err(|e| Error::Input(e.to_string()))?;
        let Some(layer) = layer else {
            continue;
        };
        rows.push(LayerRow {
            flows: net.flows().filter(|&f| layer.keeps(net, f)).count(),
            default: net.kinds.default_layer.as_deref() == Some(name.as_str()),
            description: layer.description().map(str::to_string),
            name,
        });
    }
    Ok(rows)
}

/// O(F) over the kept flows.
fn evidence(net: &Network, view: &View) -> Evidence {
    let mut e = Evidence::default();
    let mut events = BTreeSet::new();
    let flows = || view.flows().iter().map(|&i| net.flow(i));
    for f in flows() {
        e.dated += usize::from(f.since().is_some() || f.until().is_some());
        match f.basis() {
            Some("stated") => e.stated += 1,
            Some("inferred") => e.inferred += 1,
            _ => e.no_basis += 1,
        }
        if let Some(ev) = f.event() {
            e.event_flows += 1;
            events.insert(ev);
        }
    }
    e.events = events.len();
    let with_volume: Vec<_> = flows().filter(|f| f.volume().is_some()).collect();
    let mut volumes: Vec<f64> = with_volume.iter().filter_map(|f| f.volume()).collect();
    fn key<'a>(f: &FlowRef<'a>) -> (&'a str, &'a str) {
        (f.kind(), f.unit().unwrap_or(""))
    }
    crate::multigraph::events_once(
        with_volume.iter().map(|f| (key(f), f.event())),
        &mut volumes,
    );
    for (f, v) in with_volume.iter().zip(volumes) {
        let (kind, unit) = key(f);
        let total = e
            .volumes
            .entry((kind.to_string(), unit.to_string()))
            .or_insert((0.0, 0));
        total.0 += v;
        total.1 += 1;
    }
    e
}

fn summarise(net: &Network, view: &View, name: String, layers: Vec<LayerRow>) -> Result<Info> {
    let (weighted, counted) = view.counted_graph(&Weighting::Unweighted)?;
    let g = weighted.graph;
    let (_, sizes) = weak_components(&g);
    let n = counted.len();
    let isolated = (0..n)
        .filter(|&v| g.out().degree(v) == 0 && g.incoming().degree(v) == 0)
        .count();
    let pairs = g.pair_count() as f64;
    let density = if n <= 1 {
        0.0
    } else if g.is_directed() {
        pairs / (n as f64 * (n as f64 - 1.0))
    } else {
        2.0 * pairs / (n as f64 * (n as f64 - 1.0))
    };
    let mut actor_kinds = BTreeMap::new();
    let mut documents: BTreeMap<String, usize> = BTreeMap::new();
    for a in counted.iter().map(|&v| &net.actors[v]) {
        *actor_kinds
            .entry((net.actor_class(a).to_string(), a.kind().to_string()))
            .or_insert(0) += 1;
        for s in a.sources() {
            *documents.entry(s.doc.clone()).or_insert(0) += 1;
        }
    }
    let mut flow_kinds = BTreeMap::new();
    let mut first: Option<PartialDate> = None;
    let mut last: Option<PartialDate> = None;
    for &i in view.flows() {
        let f = net.flow(i);
        *flow_kinds
            .entry((net.flow_class(f).to_string(), f.kind().to_string()))
            .or_insert(0) += 1;
        for s in f.sources() {
            *documents.entry(s.doc.clone()).or_insert(0) += 1;
        }
        for d in [&f.since(), &f.until()].into_iter().flatten() {
            if let Ok(d) = PartialDate::parse(d) {
                if first.is_none_or(|x| d.first_day() < x.first_day()) {
                    first = Some(d);
                }
                if last.is_none_or(|x| d.last_day() > x.last_day()) {
                    last = Some(d);
                }
            }
        }
    }
    Ok(Info {
        view_line: view.describe(),
        view: view.json(),
        name,
        directed: view.is_directed(),
        actors: n,
        flows: view.flows().len(),
        actor_kinds,
        flow_kinds,
        components: sizes.len(),
        largest: sizes.iter().copied().max().unwrap_or(0),
        isolated,
        density,
        first: first.map(|d| d.to_string()),
        last: last.map(|d| d.to_string()),
        doc_labels: documents
            .keys()
            .map(|d| (d.clone(), net.doc_label(d)))
            .collect(),
        documents,
        evidence: evidence(net, view),
        layers,
    })
}

/// The documents a network cites, with what each supports (`netgraph info --documents`).
#[derive(Debug, Clone, PartialEq)]
pub struct Documents {
    /// One row per document of the `documents` section (in file order), then one per document
    /// that sources cite but the section does not list (by file name).
    pub documents: Vec<DocumentRow>,
    /// Documents the `documents` section lists.
    pub listed: usize,
    /// Actors of the network.
    pub actors: usize,
    /// Flows of the view.
    pub flows: usize,
}

/// One document and what cites it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    /// The file name.
    pub file: String,
    /// Its short citation ([`Network::citation`]; the file name when it has none).
    pub cite: String,
    /// Title, when the section gives one.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Date, as written.
    pub date: Option<String>,
    /// Kind of text (the section's `type`).
    pub kind: Option<String>,
    /// Whether the `documents` section lists it.
    pub listed: bool,
    /// Actors citing it.
    pub actors: usize,
    /// Flows of the view citing it.
    pub flows: usize,
}

impl Documents {
    /// The JSON of `netgraph info --documents --format json`.
    pub fn to_json(&self) -> Value {
        let list: Vec<Value> = self
            .documents
            .iter()
            .map(|r| {
                json!({
                    "file": r.file, "cite": r.cite, "title": r.title, "author": r.author,
                    "publisher": r.publisher, "date": r.date, "type": r.kind,
                    "listed": r.listed, "actors": r.actors, "flows": r.flows,
                })
            })
            .collect();
        json!({
            "documents": list,
            "actors": self.actors,
            "flows": self.flows,
        })
    }
}

impl Serialize for Documents {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// The documents the network lists or cites: its short citation, title, date, kind of text, file
/// name, and the number of actors and of the view's flows citing it (an actor or flow citing a
/// document twice counts once).
///
/// Notes say when no document is listed or cited, or when the network has no documents section.
/// Cost: O(S) for S sources.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::info::{InfoOptions, documents};
/// let net = netgraph_core::io::peru().unwrap();
/// let result = documents(&net, &InfoOptions::default(), &netgraph_core::Run::default()).unwrap();
/// assert_eq!(result.actors, net.actor_count());
/// assert!(result.documents.iter().all(|d| d.listed || d.actors + d.flows > 0));
/// ```
pub fn documents(net: &Network, options: &InfoOptions, run: &Run) -> Result<Documents> {
    let view = options.view(net, run)?;
    let rows = document_rows(net, &view);
    if rows.is_empty() {
        run.note("no document is listed or cited");
    } else if net.documents.is_empty() {
        run.note("the network has no documents section: documents are named by file only");
    }
    Ok(Documents {
        documents: rows,
        listed: net.documents.len(),
        actors: net.actor_count(),
        flows: view.flows().len(),
    })
}

/// The rows: listed documents in file order, then cited but unlisted ones by file name. O(S) for
/// S sources.
fn document_rows(net: &Network, view: &View) -> Vec<DocumentRow> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for a in &net.actors {
        tally(&mut counts, a.sources(), false);
    }
    for &i in view.flows() {
        tally(&mut counts, net.flow(i).sources(), true);
    }
    let row = |file: &str, listed: bool| {
        let (actors, flows) = counts.get(file).copied().unwrap_or_default();
        let d = net.documents.get(file);
        let text = |f: fn(&crate::model::Document) -> &Option<String>| {
            d.and_then(|d| f(d).clone()).filter(|s| !s.is_empty())
        };
        DocumentRow {
            file: file.to_string(),
            cite: net.citation(file).into_owned(),
            title: text(|d| &d.title),
            author: text(|d| &d.author),
            publisher: text(|d| &d.publisher),
            date: text(|d| &d.date),
            kind: text(|d| &d.kind),
            listed,
            actors,
            flows,
        }
    };
    let mut out: Vec<DocumentRow> = net.documents.keys().map(|f| row(f, true)).collect();
    out.extend(
        counts
            .keys()
            .filter(|f| !net.documents.contains_key(**f))
            .map(|f| row(f, false)),
    );
    out
}

/// Counts one actor (or flow, when `flow`) for each distinct document among its sources.
fn tally<'a>(counts: &mut BTreeMap<&'a str, (usize, usize)>, sources: &'a [Source], flow: bool) {
    let mut docs: Vec<&str> = sources.iter().map(|s| s.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    for d in docs {
        let c = counts.entry(d).or_default();
        if flow {
            c.1 += 1;
        } else {
            c.0 += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow};
    use crate::view::Filters;

    /// Actors a, b, c, d (a a cartel); flows a → b (gold, since 2019-03), a → b (until 2024),
    /// b → c.
    fn tiny() -> Network {
        let mut net = Network::new();
        net.actors = ["a", "b", "c", "d"]
            .iter()
            .map(|i| Actor::new(*i))
            .collect();
        net.actors[0].kind = Some("cartel".into());
        let mut f = Flow::new("a", "b");
        f.kind = Some("gold".into());
        f.since = Some("2019-03".into());
        let mut g = Flow::new("a", "b");
        g.until = Some("2024".into());
        net.set_flows(vec![f, g, Flow::new("b", "c")]);
        net.index().unwrap();
        net
    }

    #[test]
    fn summary_by_hand() {
        let net = tiny();
        let view = View::new(&net, &Filters::default());
        let s = summarise(&net, &view, "t".into(), Vec::new()).unwrap();
        assert_eq!(
            (s.actors, s.flows, s.components, s.largest, s.isolated),
            (4, 3, 2, 3, 1)
        );
        // Two distinct arcs among 4·3 ordered pairs.
        assert_eq!(s.density, 2.0 / 12.0);
        assert_eq!(s.actor_kinds[&("criminal".into(), "cartel".into())], 1);
        assert_eq!(s.flow_kinds[&("other".into(), "link".into())], 2);
        assert_eq!(
            (s.first.as_deref(), s.last.as_deref()),
            (Some("2019-03"), Some("2024"))
        );
        assert_eq!(s.evidence.dated, 2);
    }

    #[test]
    fn info_counts_a_tiny_network() {
        let net = tiny();
        let result = info(&net, &InfoOptions::default(), &Run::default()).unwrap();
        assert_eq!((result.actors, result.flows, result.isolated), (4, 3, 1));
        assert!(result.directed && result.layers.is_empty());
        // --active drops d: 3 actors in one component, 2 arcs of 3·2.
        let active = InfoOptions {
            active: true,
            ..InfoOptions::default()
        };
        let result = info(&net, &active, &Run::default()).unwrap();
        assert_eq!(
            (
                result.actors,
                result.components,
                result.largest,
                result.isolated
            ),
            (3, 1, 3, 0)
        );
        assert_eq!(result.density, 2.0 / 6.0);
        // Only the gold flow: a and b of the counted actors.
        let gold = InfoOptions {
            filter: FlowFilter {
                flows: vec!["gold".into()],
                ..FlowFilter::default()
            },
            active: true,
        };
        let json = info(&net, &gold, &Run::default()).unwrap().to_json();
        assert_eq!(
            (json["actors"].as_u64(), json["flows"].as_u64()),
            (Some(2), Some(1))
        );
        assert_eq!(
            json["dates"],
            json!({"first": "2019-03", "last": "2019-03"})
        );
        assert_eq!(
            json["basis"],
            json!({"stated": 0, "inferred": 0, "none": 1})
        );
        assert_eq!(json["layers"], json!([]));
        assert_eq!(json["density"], 0.5);
    }

    #[test]
    fn volumes_count_each_event_once() {
        let mut net = Network::new();
        net.actors = ["p", "q", "t"].iter().map(|i| Actor::new(*i)).collect();
        let flow = |from: &str, v: f64, unit: &str, event: Option<&str>| {
            let mut f = Flow::new(from, "t");
            f.volume = Some(v);
            f.unit = Some(unit.into());
            if let Some(e) = event {
                f.extra.insert("event".into(), e.into());
            }
            f
        };
        // One seizure credited to p and q (29.7 t and 30 t: counted once, as 30), another of
        // 4 t, and the arrests of the first event (10 people) in their own unit.
        net.set_flows(vec![
            flow("p", 29.7, "t", Some("s1")),
            flow("q", 30.0, "t", Some("s1")),
            flow("q", 4.0, "t", None),
            flow("p", 10.0, "people", Some("s1")),
        ]);
        net.index().unwrap();
        let e = evidence(&net, &View::new(&net, &Filters::default()));
        assert_eq!((e.event_flows, e.events, e.no_basis), (3, 1, 4));
        let at = |unit: &str| e.volumes[&("link".to_string(), unit.to_string())];
        assert_eq!(at("t"), (34.0, 3));
        assert_eq!(at("people"), (10.0, 1));
    }

    #[test]
    fn counts_actors_and_flows_once_per_document() {
        let mut net = Network::new();
        net.actors = vec![Actor::new("a"), Actor::new("b")];
        net.actors[0].more_mut().sources = vec![Source::new("d2", ""), Source::new("d2", "")];
        net.actors[1].more_mut().sources = vec![Source::new("d1", ""), Source::new("x", "")];
        let mut f = Flow::new("a", "b");
        f.sources = vec![
            Source::new("d1", ""),
            Source::new("d2", ""),
            Source::new("d1", ""),
        ];
        let mut g = Flow::new("b", "a");
        g.sources = vec![Source::new("d1", "")];
        net.set_flows(vec![f, g]);
        for d in ["d2", "d1", "unused"] {
            net.documents.insert(d.into(), Default::default());
        }
        net.index().unwrap();
        let result = documents(&net, &InfoOptions::default(), &Run::default()).unwrap();
        let got: Vec<(String, bool, usize, usize)> = result
            .documents
            .into_iter()
            .map(|r| (r.file, r.listed, r.actors, r.flows))
            .collect();
        let want = |f: &str, l, a, fl| (f.to_string(), l, a, fl);
        assert_eq!(
            got,
            [
                want("d2", true, 1, 1),
                want("d1", true, 1, 2),
                want("unused", true, 0, 0),
                want("x", false, 1, 0),
            ]
        );
        assert_eq!((result.listed, result.actors, result.flows), (3, 2, 2));
    }
}
