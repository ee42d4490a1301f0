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
