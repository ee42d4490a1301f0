//! `netgraph info --by`: what each period holds — flows, active actors, components, density.

use super::Periods;
use crate::error::Result;
use crate::model::Network;
use crate::queries::info::{Info, InfoOptions, info};
use crate::run::Run;
use serde_json::Value;

impl Periods<Info> {
    /// The JSON of `netgraph info --by … --format json`: per period, its filter and counts, then
    /// the keys of `netgraph info --format json` on the period's view.
    pub fn to_json(&self) -> Value {
        self.to_json_with(|i| match i.to_json() {
            Value::Object(o) => o,
            _ => Default::default(),
        })
    }
}

/// [`info`] in each period of `by` (see [`super`]): the period's filter added to the user's, over
/// the actors active in the period. Cost: O(A + F + S) per period.
///
/// # Example
///
/// ```
/// use netgraph_core::queries::info::InfoOptions;
/// use netgraph_core::queries::periods::info::info_by;
/// let text = r#"{"actors": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
///   "flows": [{"from": "a", "to": "b", "since": "2019-11"}, {"from": "b", "to": "c", "since": "2020"}]}"#;
/// let mut net = netgraph_core::io::json::parse_str(text, "t.json").unwrap();
/// net.index().unwrap();
/// let result = info_by(&net, &InfoOptions::default(), "year", &netgraph_core::Run::default()).unwrap();
/// // a → b has no end: it runs on into 2020.
/// let counts: Vec<_> = result.made().map(|(p, i)| (p.label.as_str(), i.flows, i.actors)).collect();
/// assert_eq!(counts, [("2019", 1, 2), ("2020", 2, 3)]);
/// ```
pub fn info_by(net: &Network, options: &InfoOptions, by: &str, run: &Run) -> Result<Periods<Info>> {
    super::each(net, &options.filter(net), by, run, |filter, run| {
        let options = InfoOptions {
            filter: filter.clone(),
            active: true,
        };
        info(net, &options, run)
    })
}
