//! Chains as `netgraph chains` and `whatif` print them in JSON: readable lines and identities.

use serde_json::Value;
use std::collections::BTreeMap;

/// A chain as a line of actor ids.
pub fn line(chain: &Value) -> String {
    let ids: Vec<&str> = chain["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    ids.join("-")
}

/// A chain's identity: its actors and its flows' (from, to, kind).
pub fn key(chain: &Value) -> String {
    let flows: Vec<String> = chain["flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}>{}:{}", f["from"], f["to"], f["kind"]))
        .collect();
    format!("{} [{}]", line(chain), flows.join(" "))
}

/// Chains counted by identity, over several JSON lists.
pub fn multiset<'a>(lists: impl IntoIterator<Item = &'a Value>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for list in lists {
        for c in list.as_array().unwrap() {
            *m.entry(key(c)).or_insert(0) += 1;
        }
    }
    m
}
