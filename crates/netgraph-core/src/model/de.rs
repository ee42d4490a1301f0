//! Reading a network from JSON while streaming its flows into the column store: each flow is
//! stored as soon as it is parsed, so a file of millions of flows never holds them all as
//! [`Flow`] records (≈ 300 bytes each) at once.

use super::{Flow, Network};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

impl<'de> Deserialize<'de> for Network {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(NetworkVisitor)
    }
}

struct NetworkVisitor;

impl<'de> Visitor<'de> for NetworkVisitor {
    type Value = Network;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a network (a JSON object with \"actors\" and \"flows\")")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Network, A::Error> {
        let mut net = Network::new();
        let mut seen: Vec<&'static str> = Vec::new();
        let mut once = |field: &'static str| {
            if seen.contains(&field) {
                return Err(de::Error::duplicate_field(field));
            }
            seen.push(field);
            Ok(())
        };
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => {
                    once("name")?;
                    net.name = map.next_value()?;
                }
                "directed" => {
                    once("directed")?;
                    net.directed = map.next_value()?;
                }
                "kinds" => {
                    once("kinds")?;
                    net.kinds = map.next_value()?;
                }
                "documents" => {
                    once("documents")?;
                    net.documents = map.next_value()?;
                }
                "actors" => {
                    once("actors")?;
                    // Flows read before the actors keep their ends by id until `Network::index`.
                    net.actors = map.next_value()?;
                }
                "flows" => {
                    once("flows")?;
                    map.next_value_seed(Flows(&mut net))?;
                }
                _ => {
                    let value = map.next_value()?;
                    net.extra.insert(key, value);
                }
            }
        }
        Ok(net)
    }
}

/// Stores each flow of a JSON list as it is read.
struct Flows<'a>(&'a mut Network);

impl<'de> DeserializeSeed<'de> for Flows<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Flows<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of flows")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(flow) = seq.next_element::<Flow>()? {
            self.0.push_flow(&flow);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flows_before_actors_are_resolved_by_index() {
        let text = r#"{"flows": [{"from": "a", "to": "b", "kind": "cash"}],
                       "actors": [{"id": "b"}, {"id": "a"}], "note": [1]}"#;
        let mut net: Network = serde_json::from_str(text).unwrap();
        net.index().unwrap();
        assert_eq!(net.ends(0), (1, 0));
        assert_eq!(net.flow(0).from(), "a");
        assert_eq!(net.extra["note"], serde_json::json!([1]));
    }

    #[test]
    fn duplicate_and_mistyped_sections_are_errors() {
        let dup = serde_json::from_str::<Network>(r#"{"actors": [], "actors": []}"#);
        assert!(
            dup.unwrap_err()
                .to_string()
                .contains("duplicate field `actors`")
        );
        let null = serde_json::from_str::<Network>(r#"{"actors": null}"#);
        assert!(null.is_err());
        let list = serde_json::from_str::<Network>("[]")
            .unwrap_err()
            .to_string();
        assert!(list.contains("expected a network"), "{list}");
    }
}
