//! Partitions of the actors by one of their fields: the groups that brokerage roles are read from.
//!
//! A FIELD is `kind`, `class` (the class of the actor's kind), `country`, `region`, `name`, or any
//! field the file gives actors beyond the format's own; communities come in through
//! [`Partition::from_labels`]. Actors without the field form one group of
//! their own ("missing"); the caller says how many there are. Groups are numbered in order of
//! their first actor.

use crate::model::{Actor, Network};
use crate::suggest;
use serde_json::Value;
use std::collections::HashMap;

/// The actors' groups by one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// The field the groups come from.
    pub field: String,
    /// Group number of every actor position.
    pub group: Vec<u32>,
    /// Each group's value of the field (`None` for the actors without it).
    pub labels: Vec<Option<String>>,
    /// How many actors lack the field.
    pub missing: usize,
}

const BUILT_IN: [&str; 5] = ["kind", "class", "country", "region", "name"];

fn value(net: &Network, a: &Actor, field: &str) -> Option<String> {
    match field {
        "kind" => Some(a.kind().to_string()),
        "class" => Some(net.actor_class(a).to_string()),
        "country" => a.country().map(str::to_string),
        "region" => a.region().map(str::to_string),
        "name" => Some(a.display_name().to_string()),
        _ => match a.extra().get(field)? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        },
    }
}

impl Partition {
    /// A partition already computed (e.g. communities), groups numbered 0.. in `group`.
    pub fn from_labels(field: &str, group: Vec<u32>) -> Partition {
        let count = group.iter().map(|&g| g as usize + 1).max().unwrap_or(0);
        Partition {
            field: field.to_string(),
            group,
            labels: (1..=count).map(|i| Some(format!("{field} {i}"))).collect(),
            missing: 0,
        }
    }

    /// Groups the actors by `field`. Fails, naming the closest known fields, when the field is
    /// neither built in nor given to any actor.
    pub fn by_field(net: &Network, field: &str) -> Result<Partition, String> {
        let known =
            BUILT_IN.contains(&field) || net.actors.iter().any(|a| a.extra().contains_key(field));
        if !known {
            // `community` is computed by the caller (see `cli::structure_args`).
            let mut fields: Vec<&str> = BUILT_IN.to_vec();
            fields.push("community");
            for a in &net.actors {
                fields.extend(a.extra().keys().map(String::as_str));
            }
            fields.sort_unstable();
            fields.dedup();
            let mut text = suggest::unknown("actor field", field, fields.iter().copied());
            text.push_str(&format!(" (actor fields: {})", fields.join(", ")));
            return Err(text);
        }
        let mut index: HashMap<Option<String>, u32> = HashMap::new();
        let mut labels = Vec::new();
        let mut missing = 0;
        let group = net
            .actors
            .iter()
            .map(|a| {
                let v = value(net, a, field);
                missing += usize::from(v.is_none());
                *index.entry(v.clone()).or_insert_with(|| {
                    labels.push(v);
                    labels.len() as u32 - 1
                })
            })
            .collect();
        Ok(Partition {
            field: field.to_string(),
            group,
            labels,
            missing,
        })
    }
}

/// The groups of a partition: member positions sorted by id, groups by size (largest first), then
/// by first id.
pub fn groups_of(net: &Network, label: &[u32]) -> Vec<Vec<usize>> {
    let count = label.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let mut groups = vec![Vec::new(); count];
    for (v, &l) in label.iter().enumerate() {
        groups[l as usize].push(v);
    }
    let id = |i: usize| net.actors[i].id.as_bytes();
    for g in &mut groups {
        g.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
    }
    groups.retain(|g| !g.is_empty());
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| id(a[0]).cmp(id(b[0]))));
    groups
}

/// Leiden communities of a view's graph (resolution 1, seed 0), numbered by [`groups_of`]'s order
/// (0: the largest): what `--groups community` and `--cluster community` use.
pub fn communities(net: &Network, g: &crate::graph::Graph) -> Vec<u32> {
    let label =
        crate::algo::leiden::leiden(&crate::algo::community::WGraph::from_graph(g), 1.0, 0, 2);
    let mut rank = vec![0u32; net.actor_count()];
    for (i, members) in groups_of(net, &label).iter().enumerate() {
        for &v in members {
            rank[v] = i as u32;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net() -> Network {
        let json = r#"{"actors": [
            {"id": "a", "kind": "family-clan", "country": "PE", "cell": 1},
            {"id": "b", "kind": "police", "country": "PE"},
            {"id": "c", "kind": "gang", "cell": 1},
            {"id": "d", "kind": "police", "country": "CO", "cell": "x"}
        ], "flows": []}"#;
        let mut net = crate::io::json::parse_str(json, "t.json").unwrap();
        net.index().unwrap();
        net
    }

    #[test]
    fn groups_by_built_in_and_extra_fields() {
        let net = net();
        let kind = Partition::by_field(&net, "kind").unwrap();
        assert_eq!(kind.group, [0, 1, 2, 1]);
        let class = Partition::by_field(&net, "class").unwrap();
        assert_eq!(class.group, [0, 1, 0, 1]);
        let country = Partition::by_field(&net, "country").unwrap();
        assert_eq!(country.group, [0, 0, 1, 2]);
        assert_eq!(country.missing, 1);
        assert_eq!(country.labels[1], None);
        let cell = Partition::by_field(&net, "cell").unwrap();
        assert_eq!(cell.group, [0, 1, 0, 2]);
        assert_eq!(cell.missing, 1);
    }

    #[test]
    fn unknown_fields_are_named() {
        let e = Partition::by_field(&net(), "cel").unwrap_err();
        assert!(e.contains("\"cel\"") && e.contains("cell"), "{e}");
    }
}
