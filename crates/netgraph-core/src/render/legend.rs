//! The legend: a cluster drawn with the same marks as the network — one sample node per actor class
//! and one sample edge per flow class that the picture shows — and the conventions in use.
//!
//! Legend node ids start with `legend:`; actor ids cannot contain `:`, so they never clash.

use super::dot::{edge, node_id, num, text};
use super::{Pen, style};
use graphviz_rust::dot_structures::{Id, Node, Stmt, Subgraph};

/// Prefix of every legend node id.
pub const PREFIX: &str = "legend:";

/// What a picture shows, for its legend.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Actor classes drawn, in legend order.
    pub actor_classes: Vec<String>,
    /// Flow classes drawn, in legend order.
    pub flow_classes: Vec<String>,
    /// Whether some flow is drawn dashed.
    pub dashed: bool,
    /// What line width shows.
    pub pen: Pen,
    /// The measure that scales actor labels, if any.
    pub sized_by: Option<String>,
    /// The kinds and classes drawn faintly, if any.
    pub faded: Option<String>,
    /// What the marks drawn bold are, if some are (e.g. the path named in the title).
    pub highlighted: Option<String>,
    /// What the fill colour shows when not the class (the class samples are then drawn white).
    pub colored_by: Option<String>,
}

/// The legend cluster.
pub fn legend(facts: &Facts) -> Subgraph {
    let mut stmts = vec![
        Stmt::Attribute(text("label", "Legend")),
        Stmt::Attribute(text("style", "rounded")),
        Stmt::Attribute(text("color", "#BBBBBB")),
        Stmt::Attribute(text("fontsize", "12")),
    ];
    for class in &facts.actor_classes {
        let look = style::actor(class);
        let styles = match look.extra_style {
            "" => "filled".to_string(),
            extra => format!("filled,{extra}"),
        };
        stmts.push(Stmt::Node(Node::new(
            node_id(&format!("{PREFIX}actor:{class}")),
            vec![
                text("label", class),
                text("tooltip", &format!("actor class {class}")),
                text("shape", look.shape),
                text("style", &styles),
                text(
                    "fillcolor",
                    if facts.colored_by.is_some() {
                        "#FFFFFF"
                    } else {
                        look.fill
                    },
                ),
                text(
                    "fontcolor",
                    if facts.colored_by.is_some() {
                        style::palette::BLACK
                    } else {
                        look.font
                    },
                ),
            ],
        )));
    }
    // Invisible links lay the class samples out in a row across the page.
    for pair in facts.actor_classes.windows(2) {
        stmts.push(Stmt::Edge(edge(
            &format!("{PREFIX}actor:{}", pair[0]),
            &format!("{PREFIX}actor:{}", pair[1]),
            vec![text("style", "invis")],
        )));
    }
    let mut samples: Vec<(String, Vec<_>)> = facts
        .flow_classes
        .iter()
        .map(|class| {
            (
                style::flow_class_title(class).to_string(),
                vec![
                    text("color", style::flow(class)),
                    text("fontcolor", style::flow(class)),
                ],
            )
        })
        .collect();
    if facts.dashed {
        samples.push((
            format!("confidence < {}", style::DASHED_BELOW),
            vec![text("color", "#333333"), text("style", "dashed")],
        ));
    }
    // The samples run in a second row, each from the point where the previous one ends.
    let point = |i: usize| format!("{PREFIX}point:{i}");
    if !samples.is_empty() {
        for i in 0..=samples.len() {
            stmts.push(Stmt::Node(Node::new(
                node_id(&point(i)),
                vec![
                    text("shape", "point"),
                    num("width", 0.05),
                    text("label", ""),
                ],
            )));
        }
    }
    let count = samples.len();
    for (i, (label, mut attributes)) in samples.into_iter().enumerate() {
        attributes.extend([
            text("label", &label),
            text("tooltip", &label),
            num("penwidth", 2.0),
            num("weight", 100.0),
        ]);
        stmts.push(Stmt::Edge(edge(&point(i), &point(i + 1), attributes)));
    }
    let notes = notes(facts);
    let notes_id = format!("{PREFIX}notes");
    if count > 0 {
        let last = point(count);
        stmts.push(Stmt::Edge(edge(
            &last,
            &notes_id,
            vec![text("style", "invis")],
        )));
    }
    stmts.push(Stmt::Node(Node::new(
        node_id(&notes_id),
        vec![
            text("shape", "plaintext"),
            text("style", ""),
            text("label", &notes.join("\n")),
            text("tooltip", &notes.join("\n")),
        ],
    )));
    Subgraph {
        id: Id::Plain("cluster_legend".into()),
        stmts,
    }
}

/// The conventions in use, one line each.
pub fn notes(facts: &Facts) -> Vec<String> {
    let mut lines = vec![match facts.pen {
        Pen::Confidence => "line width: confidence".to_string(),
        Pen::Volume => "line width: volume (log, per unit)".to_string(),
    }];
    if let Some(c) = &facts.colored_by {
        lines.push(format!("fill colour: {c}"));
    }
    if let Some(m) = &facts.sized_by {
        lines.push(format!("label size: {m}"));
    }
    if let Some(f) = &facts.faded {
        lines.push(format!("faint: {f}"));
    }
    if let Some(h) = &facts.highlighted {
        lines.push(format!("bold: {h}"));
    }
    lines.push("hover for sources".to_string());
    lines
}
