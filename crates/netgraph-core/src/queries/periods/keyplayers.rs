//! `netgraph keyplayers --by`: the key-player set of each period and its score.

use super::Periods;
use crate::error::Result;
use crate::model::Network;
use crate::queries::keyplayers::{Keyplayers, KeyplayersOptions, keyplayers};
use crate::run::Run;
use serde_json::Value;

impl Periods<Keyplayers<'_>> {
    /// The JSON of `netgraph keyplayers --by … --format json`: per period, its filter and counts,
    /// then the keys of `netgraph keyplayers --format json` on the period's view (or `"skipped"`).
    pub fn to_json(&self) -> Value {
        self.to_json_with(|k| match k.to_json() {
            Value::Object(o) => o,
            _ => Default::default(),
        })
    }
}

/// [`keyplayers`] in each period of `by` (see [`super`]): the period's filter added to the user's,
/// over the actors active in the period. A period with too few actors or candidates for `k` is
/// skipped, with a warning. Cost: that of the search, once per period.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::keyplayers::KeyplayersOptions;
/// use netgraph_core::queries::periods::keyplayers::keyplayers_by;
/// // Phase 1 is a star around b; phase 2 a star around c.
/// let text = r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
///   "flows": [{"from": "b", "to": "a", "phase": 1}, {"from": "b", "to": "c", "phase": 1},
///             {"from": "b", "to": "d", "phase": 1},
///             {"from": "c", "to": "a", "phase": 2}, {"from": "c", "to": "b", "phase": 2},
///             {"from": "c", "to": "d", "phase": 2}]}"#;
/// let mut net = netgraph_core::io::json::parse_str(text, "t.json").unwrap();
/// net.index().unwrap();
/// let options = KeyplayersOptions { exhaustive: true, ..KeyplayersOptions::default() };
/// let run = netgraph_core::Run::default();
/// let result = keyplayers_by(&net, &options, "phase", &run).unwrap();
/// let sets: Vec<Vec<&str>> = result
///     .made()
///     .map(|(_, k)| k.actors.iter().map(|&v| net.actors[v].id.as_str()).collect())
///     .collect();
/// assert_eq!(sets, [["b"], ["c"]]);
/// ```
pub fn keyplayers_by<'a>(
    net: &'a Network,
    options: &KeyplayersOptions,
    by: &str,
    run: &Run,
) -> Result<Periods<Keyplayers<'a>>> {
    options.validate()?;
    super::each(net, &options.filter, by, run, |filter, run| {
        let options = KeyplayersOptions {
            filter: filter.clone(),
            active: true,
            ..options.clone()
        };
        keyplayers(net, &options, run)
    })
}
