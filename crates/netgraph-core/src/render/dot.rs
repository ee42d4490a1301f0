//! The DOT syntax tree of a view (graphviz-rust's `dot_structures`), and its text.
//!
//! Nodes are the actors drawn, in file order (grouped by cluster, clusters sorted by name); edges
//! are the flows drawn, in file order (with `merge`, one edge per pair in the order the pairs first
//! appear). Nothing depends on hashing or timing, so the same view and options give the same bytes.

use super::legend::{self, Facts};
use super::{Cluster, ColorBy, Direction, Options, Pen, escape, evidence, style};
use crate::model::Network;
use crate::view::{Filters, View};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::BTreeMap;

/// A text attribute, escaped so that Graphviz reads back `value`.
pub(super) fn text(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.into()), Id::Escaped(escape::label(value)))
}

/// A numeric attribute.
pub(super) fn num(name: &str, value: f64) -> Attribute {
    Attribute(Id::Plain(name.into()), Id::Plain(style::number(value)))
}

/// The DOT node id of an actor (or of a legend mark) with this id.
pub(super) fn node_id(id: &str) -> NodeId {
    NodeId(Id::Escaped(escape::id(id)), None)
}

/// An edge between two node ids.
pub(super) fn edge(from: &str, to: &str, attributes: Vec<Attribute>) -> Edge {
    Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes,
    }
}

/// The SVG element id of the actor at position `v` when drawn for the explorer page.
pub fn actor_element(v: usize) -> String {
    format!("a{v}")
}

/// The SVG element id of the `k`-th edge drawn (in drawing order) for the explorer page.
pub fn edge_element(k: usize) -> String {
    format!("e{k}")
}

/// The DOT text of a view: a `digraph` (a `graph` when the view is undirected), ending in a newline.
pub fn dot(view: &View, options: &Options) -> String {
    let mut text = tree(view, options).print(&mut PrinterContext::default());
    text.push('\n');
    text
}

/// The DOT syntax tree of a view.
pub fn tree(view: &View, options: &Options) -> Graph {
    let scene = Scene::new(view, options);
    let net = scene.net;
    let mut title = vec![net.title()];
    title.extend(options.captions.iter().cloned());
    let rankdir = match options.direction {
        Direction::LeftRight => "LR",
        Direction::TopBottom => "TB",
    };
    let mut graph = vec![
        text("rankdir", rankdir),
        text("label", &title.join("\n")),
        text("labelloc", "t"),
        text("fontname", "Helvetica"),
        num("fontsize", 18.0),
    ];
    if !options.explorer {
        graph.push(text("tooltip", &title.join("\n")));
    }
    graph.extend([
        text("newrank", "true"),
        text("outputorder", "edgesfirst"),
        num("nodesep", 0.2),
        num("ranksep", 0.6),
    ]);
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            text("fontname", "Helvetica"),
            num("fontsize", 10.0),
            num("margin", 0.06),
            num("height", 0.3),
            text("color", "#333333"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            text("fontname", "Helvetica"),
            num("fontsize", 8.0),
            num("arrowsize", 0.6),
        ])),
    ];
    stmts.extend(scene.nodes(options));
    stmts.extend(scene.edges(options).into_iter().map(Stmt::Edge));
    if options.legend {
        stmts.push(Stmt::Subgraph(legend::legend(&scene.facts(options))));
    }
    let id = Id::Plain("netgraph".into());
    if view.is_directed() {
        Graph::DiGraph {
            id,
            strict: false,
            stmts,
        }
    } else {
        Graph::Graph {
            id,
            strict: false,
            stmts,
        }
    }
}

/// What is drawn: the actors and flows of the view that the options keep, and how each is marked.
pub(super) struct Scene<'a> {
    pub(super) net: &'a Network,
    undirected: bool,
    /// Actors drawn, in file order.
    pub(super) actors: Vec<usize>,
    /// Flows drawn, in file order.
    pub(super) flows: Vec<usize>,
    /// Per actor: the drawn flows at it.
    pub(super) at: Vec<Vec<usize>>,
    /// Per flow of the file: highlighted, faded.
    highlighted: Vec<bool>,
    faded_flow: Vec<bool>,
    /// Per actor: on the highlighted path, faded.
    on_path: Vec<bool>,
    faded_actor: Vec<bool>,
    /// Largest volume drawn per unit ("" for none).
    largest: BTreeMap<String, f64>,
    /// Largest `--size-by` score among the actors drawn (0 without one).
    top_score: f64,
}

impl<'a> Scene<'a> {
    pub(super) fn new(view: &View<'a>, options: &Options) -> Scene<'a> {
        let net = view.network();
        let n = view.n();
        let mut keep = match &options.keep {
            Some(k) if k.len() == n => k.clone(),
            _ => vec![true; n],
        };
        let mut highlighted = vec![false; net.flow_count()];
        let mut on_path = vec![false; n];
        if let Some(h) = &options.highlight {
            for &v in h.actors.iter().filter(|&&v| v < n) {
                on_path[v] = true;
                keep[v] = true;
            }
            for &i in h.flows.iter().filter(|&&i| i < net.flow_count()) {
                highlighted[i] = true;
                let (a, b) = net.ends(i);
                keep[a] = true;
                keep[b] = true;
            }
        }
        let flows: Vec<usize> = view
            .flows()
            .iter()
            .copied()
            .filter(|&i| {
                let (a, b) = net.ends(i);
                keep[a] && keep[b]
            })
            .collect();
        let mut at = vec![Vec::new(); n];
        for &i in &flows {
            let (a, b) = net.ends(i);
            at[a].push(i);
            if b != a {
                at[b].push(i);
            }
        }
        let actors: Vec<usize> = (0..n)
            .filter(|&v| keep[v])
            .filter(|&v| {
                !options.hide_isolated
                    || !at[v].is_empty()
                    || on_path[v]
                    || options.centres.contains(&v)
            })
            .collect();
        let fade = Filters {
            kinds: options.fade.clone(),
            ..Default::default()
        };
        let mut faded_flow = vec![false; net.flow_count()];
        for &i in &flows {
            faded_flow[i] = !highlighted[i]
                && (options.highlight.is_some()
                    || (!options.fade.is_empty() && fade.keeps(net, net.flow(i))));
        }
        let faded_actor = (0..n)
            .map(|v| match &options.highlight {
                Some(_) => !on_path[v],
                None => !at[v].is_empty() && at[v].iter().all(|&i| faded_flow[i]),
            })
            .collect();
        let mut largest: BTreeMap<String, f64> = BTreeMap::new();
        for &i in &flows {
            let f = net.flow(i);
            if let Some(v) = f.volume() {
                let max = largest
                    .entry(f.unit().unwrap_or_default().to_string())
                    .or_insert(v);
                *max = max.max(v);
            }
        }
        let top_score = match &options.sizes {
            Some((_, scores)) => actors
                .iter()
                .filter_map(|&v: &usize| scores.get(v).copied())
                .filter(|s| s.is_finite())
                .fold(0.0, f64::max),
            None => 0.0,
        };
        Scene {
            net,
            undirected: !view.is_directed(),
            actors,
            flows,
            at,
            highlighted,
            faded_flow,
            on_path,
            faded_actor,
            largest,
            top_score,
        }
    }

    /// Node statements: clusters first (sorted by name), then the actors outside any cluster.
    fn nodes(&self, options: &Options) -> Vec<Stmt> {
        let width = options.communities.as_ref().map_or(1, |c| {
            let boxed = c.iter().filter(|&&c| c != u32::MAX);
            boxed.max().map_or(1, |m| (m + 1).to_string().len())
        });
        let key = |v: usize| -> Option<String> {
            let a = &self.net.actors[v];
            match options.cluster {
                Cluster::None => None,
                Cluster::Country => a.country().map(str::to_string),
                Cluster::Region => a.region().map(str::to_string),
                Cluster::Community => options
                    .communities
                    .as_ref()
                    .and_then(|c| c.get(v))
                    .filter(|&&c| c != u32::MAX)
                    .map(|c| format!("community {:0width$}", c + 1)),
            }
        };
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut free = Vec::new();
        for &v in &self.actors {
            match key(v) {
                Some(k) if !k.is_empty() => groups.entry(k).or_default().push(v),
                _ => free.push(v),
            }
        }
        let mut stmts = Vec::new();
        for (i, (name, members)) in groups.iter().enumerate() {
            let mut inner = vec![
                Stmt::Attribute(text("label", name)),
                Stmt::Attribute(text("style", "rounded,filled")),
                Stmt::Attribute(text("fillcolor", "#F4F4F4")),
                Stmt::Attribute(text("color", "#BBBBBB")),
                Stmt::Attribute(text("fontsize", "12")),
            ];
            inner.extend(members.iter().map(|&v| Stmt::Node(self.node(v, options))));
            stmts.push(Stmt::Subgraph(Subgraph {
                id: Id::Plain(format!("cluster_{i}")),
                stmts: inner,
            }));
        }
        stmts.extend(free.into_iter().map(|v| Stmt::Node(self.node(v, options))));
        stmts
    }

    fn node(&self, v: usize, options: &Options) -> Node {
        let net = self.net;
        let a = &net.actors[v];
        let look = style::actor(net.actor_class(a));
        let faded = self.faded_actor[v];
        let tint = |c: &str| {
            if faded {
                style::faded(c)
            } else {
                c.to_string()
            }
        };
        let styles = match look.extra_style {
            "" => "filled".to_string(),
            extra => format!("filled,{extra}"),
        };
        let (fill, font) = match (options.color_by, &options.communities) {
            (ColorBy::Community, Some(c)) => style::group(c.get(v).copied().unwrap_or(u32::MAX)),
            _ => (look.fill, look.font),
        };
        let mut attributes = vec![text("label", &style::wrap(a.display_name(), options.wrap))];
        if options.explorer {
            attributes.push(text("id", &actor_element(v)));
        } else {
            attributes.push(text("tooltip", &evidence::actor(net, a, &self.at[v])));
        }
        attributes.extend([
            text("shape", look.shape),
            text("style", &styles),
            text("fillcolor", &tint(fill)),
            text("fontcolor", if faded { style::FADED_TEXT } else { font }),
        ]);
        if faded {
            attributes.push(text("color", &style::faded("#333333")));
        }
        if let Some((_, scores)) = &options.sizes {
            let top = self.top_score;
            let share = match scores.get(v) {
                Some(&s) if top > 0.0 && s.is_finite() => s / top,
                _ => 0.0,
            };
            attributes.push(num("fontsize", style::font_size(share)));
        }
        if options.centres.contains(&v) {
            attributes.push(num("peripheries", 2.0));
        }
        if self.on_path[v] {
            attributes.push(num("penwidth", 3.0));
        }
        Node::new(node_id(&a.id), attributes)
    }

    /// Edge statements: one per flow, or one per pair of actors when merging.
    fn edges(&self, options: &Options) -> Vec<Edge> {
        self.edge_groups(options)
            .iter()
            .enumerate()
            .map(|(k, g)| self.edge(k, g, options))
            .collect()
    }

    /// The flows of each edge drawn, in drawing order: one flow per edge, or the parallel flows
    /// of a pair of actors when merging.
    pub(super) fn edge_groups(&self, options: &Options) -> Vec<Vec<usize>> {
        if options.merge {
            let mut index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
            let mut groups: Vec<Vec<usize>> = Vec::new();
            for &i in &self.flows {
                let (a, b) = self.net.ends(i);
                let pair = if self.undirected {
                    (a.min(b), a.max(b))
                } else {
                    (a, b)
                };
                let g = *index.entry(pair).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(i);
            }
            groups
        } else {
            self.flows.iter().map(|&i| vec![i]).collect()
        }
    }

    fn pen(&self, i: usize, pen: Pen) -> f64 {
        let f = self.net.flow(i);
        match pen {
            Pen::Confidence => style::pen_by_confidence(f.confidence()),
            Pen::Volume => style::pen_by_volume(
                f.volume(),
                self.largest.get(f.unit().unwrap_or_default()).copied(),
            ),
        }
    }

    /// Edge `k` of the drawing, for a group of parallel flows (a single flow unless merging).
    fn edge(&self, k: usize, group: &[usize], options: &Options) -> Edge {
        let net = self.net;
        let (a, b) = net.ends(group[0]);
        let mut kinds: Vec<(&str, usize)> = Vec::new();
        let mut classes: Vec<&str> = Vec::new();
        for &i in group {
            let f = net.flow(i);
            match kinds.iter_mut().find(|(k, _)| *k == f.kind()) {
                Some((_, count)) => *count += 1,
                None => kinds.push((f.kind(), 1)),
            }
            let class = net.flow_class(f);
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
        let label: Vec<String> = kinds
            .iter()
            .map(|&(k, c)| {
                if c > 1 {
                    format!("{k} ×{c}")
                } else {
                    k.into()
                }
            })
            .collect();
        let highlighted = group.iter().any(|&i| self.highlighted[i]);
        let faded = !highlighted && group.iter().all(|&i| self.faded_flow[i]);
        let tint = |c: &str| {
            if faded {
                style::faded(c)
            } else {
                c.to_string()
            }
        };
        let colour: Vec<String> = classes.iter().map(|c| tint(style::flow(c))).collect();
        let font = match classes.as_slice() {
            [one] => tint(style::flow(one)),
            _ => tint("#333333"),
        };
        let pen = if highlighted {
            style::HIGHLIGHT_PEN
        } else {
            group
                .iter()
                .map(|&i| self.pen(i, options.pen))
                .fold(0.0, f64::max)
        };
        let mut attributes = Vec::new();
        if options.edge_labels {
            attributes.push(text("label", &label.join(", ")));
        }
        if options.explorer {
            attributes.push(text("id", &edge_element(k)));
        } else {
            attributes.push(text("tooltip", &evidence::flows(net, group)));
        }
        attributes.extend([
            text("color", &colour.join(":")),
            text("fontcolor", &font),
            num("penwidth", pen),
        ]);
        if group
            .iter()
            .all(|&i| net.flow(i).confidence() < style::DASHED_BELOW)
        {
            attributes.push(text("style", "dashed"));
        }
        edge(&net.actors[a].id, &net.actors[b].id, attributes)
    }

    /// What the legend needs to show: the classes drawn and the conventions in use.
    fn facts(&self, options: &Options) -> Facts {
        let net = self.net;
        let actor_classes = style::ACTOR_CLASSES
            .iter()
            .filter(|c| {
                self.actors
                    .iter()
                    .any(|&v| style::actor(net.actor_class(&net.actors[v])) == style::actor(c))
            })
            .map(|c| c.to_string())
            .collect();
        let flow_classes = style::FLOW_CLASSES
            .iter()
            .filter(|c| {
                self.flows
                    .iter()
                    .any(|&i| style::flow(net.flow_class(net.flow(i))) == style::flow(c))
            })
            .map(|c| c.to_string())
            .collect();
        Facts {
            actor_classes,
            flow_classes,
            dashed: self
                .flows
                .iter()
                .any(|&i| net.flow(i).confidence() < style::DASHED_BELOW),
            pen: options.pen,
            sized_by: options.sizes.as_ref().map(|(m, _)| m.clone()),
            faded: (!options.fade.is_empty() && options.highlight.is_none())
                .then(|| options.fade.join(", ")),
            highlighted: options.highlight.as_ref().map(|h| h.meaning.clone()),
            colored_by: (options.color_by == ColorBy::Community)
                .then(|| "Leiden community (grey: alone)".to_string()),
        }
    }
}
