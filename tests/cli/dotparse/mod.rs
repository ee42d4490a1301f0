//! Reading back what netgraph writes, independently of its code: DOT through graphviz-rust's parser
//! with attribute values decoded as Graphviz reads them (escString sequences, then HTML entities), and
//! the text an SVG draws in each node.

use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Vertex};
use std::collections::BTreeMap;

/// Attribute values by name, decoded.
pub type Attrs = BTreeMap<String, String>;

/// A DOT graph read back: nodes and edges with decoded attribute values, and the clusters.
#[derive(Debug, Default)]
pub struct Dot {
    pub directed: bool,
    pub title: String,
    pub nodes: Vec<(String, Attrs)>,
    pub edges: Vec<(String, String, Attrs)>,
    pub clusters: Vec<(String, Vec<String>)>,
}

impl Dot {
    pub fn parse(text: &str) -> Dot {
        let graph = graphviz_rust::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let (directed, stmts) = match graph {
            Graph::DiGraph { stmts, .. } => (true, stmts),
            Graph::Graph { stmts, .. } => (false, stmts),
        };
        let mut dot = Dot {
            directed,
            ..Dot::default()
        };
        dot.walk(&stmts, None);
        dot
    }

    fn walk(&mut self, stmts: &[Stmt], cluster: Option<usize>) {
        for s in stmts {
            match s {
                Stmt::Node(n) => {
                    let id = id_text(&n.id.0);
                    if let Some(c) = cluster {
                        self.clusters[c].1.push(id.clone());
                    }
                    self.nodes.push((id, attrs(&n.attributes)));
                }
                Stmt::Edge(e) => {
                    let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &e.ty else {
                        panic!("unexpected edge {e:?}")
                    };
                    self.edges
                        .push((id_text(&a.0), id_text(&b.0), attrs(&e.attributes)));
                }
                Stmt::Subgraph(g) => {
                    let label = g.stmts.iter().find_map(|s| match s {
                        Stmt::Attribute(Attribute(k, v)) if id_text(k) == "label" => {
                            Some(value_text(v))
                        }
                        _ => None,
                    });
                    self.clusters.push((label.unwrap_or_default(), Vec::new()));
                    self.walk(&g.stmts, Some(self.clusters.len() - 1));
                }
                Stmt::GAttribute(graphviz_rust::dot_structures::GraphAttributes::Graph(a)) => {
                    if let Some(t) = attrs(a).get("label") {
                        self.title = t.clone();
                    }
                }
                _ => {}
            }
        }
    }

    /// Actor nodes (legend marks left out).
    pub fn actors(&self) -> Vec<&(String, Attrs)> {
        self.nodes
            .iter()
            .filter(|(id, _)| !id.starts_with("legend:"))
            .collect()
    }

    /// Flow edges (legend marks left out).
    pub fn flows(&self) -> Vec<&(String, String, Attrs)> {
        self.edges
            .iter()
            .filter(|(a, _, _)| !a.starts_with("legend:"))
            .collect()
    }
}

/// An id as written in the DOT: quotes removed, `\"` and `\\` undone.
pub fn id_text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => {
            let inner = &s[1..s.len() - 1];
            let mut out = String::new();
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                match (c, chars.clone().next()) {
                    ('\\', Some(n @ ('"' | '\\'))) => {
                        out.push(n);
                        chars.next();
                    }
                    _ => out.push(c),
                }
            }
            out
        }
        Id::Plain(s) | Id::Html(s) => s.clone(),
        Id::Anonymous(_) => String::new(),
    }
}

/// An attribute value as Graphviz draws it: escString sequences, then HTML entities, decoded.
pub fn value_text(id: &Id) -> String {
    let Id::Escaped(s) = id else {
        return id_text(id);
    };
    let inner = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'l' | 'r') => out.push('\n'),
            Some(n) => out.push(n),
            None => out.push('\\'),
        }
    }
    entities(&out)
}

pub fn entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e < 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16).ok()?.try_into().ok(),
            n if n.starts_with('#') => n[1..].parse::<u32>().ok()?.try_into().ok(),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn attrs(list: &[Attribute]) -> Attrs {
    list.iter()
        .map(|Attribute(k, v)| (id_text(k), value_text(v)))
        .collect()
}

/// The text lines drawn in each node group of an SVG, in order.
pub fn svg_node_texts(svg: &str) -> Vec<Vec<String>> {
    let mut nodes: Vec<Vec<String>> = Vec::new();
    for chunk in svg.split("<g id=\"").skip(1) {
        let texts = chunk.split("<text").skip(1).filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(entities(&body[..body.find("</text>")?]))
        });
        if chunk.starts_with("node") {
            nodes.push(texts.collect());
        } else if chunk.starts_with("a_node") {
            nodes
                .last_mut()
                .expect("a node before its link")
                .extend(texts);
        }
    }
    nodes
}
