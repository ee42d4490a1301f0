//! The analyses as the commands run them, callable from Rust and Python: each takes a network,
//! its options (names as the user types them, checked here with suggestions) and a [`Run`], and
//! returns a result that serialises to the command's JSON. The command line only parses and
//! renders.

pub mod attack;
pub mod centrality;
pub mod chain_diff;
pub mod chain_search;
pub mod chains;
pub mod cut;
pub mod displacement;
pub mod draw;
pub mod evidence;
pub mod groups;
pub mod info;
pub mod keyplayers;
pub mod pairs;
pub mod partial;
pub mod paths;
pub mod periods;
pub mod resample;
pub mod validate;
pub mod whatif;

use crate::algo::max_flow::{Capacities, CapacityError};
use crate::error::{Error, Result};
use crate::model::{Network, PartialDate};
use crate::run::Run;
use crate::selector::Selector;
use crate::view::{
    Condition, Filters, View, Weighting, check_field, check_filters, flow_name, view_warnings,
};

/// Which flows to analyse, as the user names them. Filters remove flows, never actors.
#[derive(Debug, Clone, Default)]
pub struct FlowFilter {
    /// The layer: one the network declares, or `all`; `None`: the network's default layer (with
    /// `flows`, every flow).
    pub layer: Option<String>,
    /// Flow kinds, or classes written `@class`, to keep.
    pub flows: Vec<String>,
    /// Keep flows whose period overlaps a window from this date.
    pub since: Option<PartialDate>,
    /// Keep flows whose period overlaps a window up to this date (inclusive).
    pub until: Option<PartialDate>,
    /// Keep flows with at least this confidence.
    pub min_confidence: Option<f64>,
    /// Keep only flows that give a date (`since` or `until`).
    pub dated: bool,
    /// Conditions `FIELD OP VALUE`, all of which must hold.
    pub conditions: Vec<String>,
    /// Ignore flow directions.
    pub undirected: bool,
    /// One draw of `--resample`: the view holds exactly these flows (positions in the file, a
    /// flow repeated once per copy), which the draw took from the view of the other filters.
    pub draw: Option<resample::Draw>,
}

impl FlowFilter {
    /// The view these filters ask for: every name checked against the network (an unknown kind,
    /// class, field, operator or layer is [`Error::Usage`] with the closest known names), the
    /// layer resolved, and warnings for names that select nothing, a filter that leaves no flow,
    /// and unclassified kinds left out. `active`: count only actors with a kept flow.
    pub fn view<'a>(&self, net: &'a Network, active: bool, run: &Run) -> Result<View<'a>> {
        let mut conditions = Vec::with_capacity(self.conditions.len());
        for text in &self.conditions {
            conditions.push(Condition::parse(text).map_err(Error::Usage)?);
        }
        let typed = Filters {
            layer: None,
            kinds: self
                .flows
                .iter()
                .filter(|k| !k.is_empty())
                .cloned()
                .collect(),
            since: self.since,
            until: self.until,
            min_confidence: self.min_confidence,
            dated: self.dated,
            conditions,
            undirected: self.undirected,
            active,
        };
        let checked = check_filters(net, self.layer.as_deref(), typed)?;
        if let Some(draw) = &self.draw {
            // The user's filters were checked, and their warnings given, on the whole view.
            return Ok(View::drawn(net, &checked.filters, draw.flows().to_vec()));
        }
        for w in checked.warnings {
            run.warn(w);
        }
        let view = View::new(net, &checked.filters);
        for w in view_warnings(&view) {
            run.warn(w);
        }
        Ok(view)
    }
}

/// How flows are weighted, as the user names the field: `weight` read as a distance by path
/// measures and as a strength by spectral ones, or `strength` (path measures use 1/strength).
#[derive(Debug, Clone, Default)]
pub struct WeightSpec {
    /// `--weight FIELD`.
    pub weight: Option<String>,
    /// `--strength FIELD`.
    pub strength: Option<String>,
}

impl WeightSpec {
    /// The weighting, its field checked against the network: a field no flow has (and that the
    /// format does not define) is [`Error::Usage`] with the closest known fields.
    pub fn checked(&self, net: &Network) -> Result<Weighting> {
        let weighting = self.weighting();
        if let Weighting::Weight(field) | Weighting::Strength(field) = &weighting {
            let option = match self.weight.is_some() {
                true => "--weight",
                false => "--strength",
            };
            check_flow_field(net, option, Some(field))?;
        }
        Ok(weighting)
    }

    /// The weighting these options describe, unchecked.
    pub fn weighting(&self) -> Weighting {
        match (&self.weight, &self.strength) {
            (Some(f), _) => Weighting::Weight(f.clone()),
            (None, Some(f)) => Weighting::Strength(f.clone()),
            (None, None) => Weighting::Unweighted,
        }
    }
}

/// Checks a flow field named by `option` (`--capacity FIELD`): one that no flow has and the format
/// does not define is [`Error::Usage`] with the closest known fields.
pub fn check_flow_field(net: &Network, option: &str, field: Option<&str>) -> Result<()> {
    if let Some(field) = field {
        check_field(net, &format!("{option} {field}"), field)?;
    }
    Ok(())
}

/// Notes how many kept flows lack the field a weighting reads (they count as 1).
pub fn note_missing_weight(run: &Run, weighting: &Weighting, missing: usize, kept: usize) {
    let field = match weighting {
        Weighting::Weight(f) | Weighting::Strength(f) => f.as_str(),
        Weighting::Unweighted => return,
    };
    if missing > 0 {
        run.note(format!(
            "{missing} of {kept} flows lack the field \"{field}\" and count as 1"
        ));
    }
}

/// The position of an actor named by the user; an unknown id is [`Error::Usage`]
/// naming it and the closest known ids.
pub fn actor(net: &Network, id: &str) -> Result<usize> {
    net.position(id)
        .ok_or_else(|| Error::Usage(unknown_actor(net, id)))
}

/// The positions of a list of actor ids; unknown ids are [`Error::Usage`] naming every one,
/// each with the closest known ids.
pub fn actor_positions(net: &Network, ids: &[String]) -> Result<Vec<usize>> {
    let unknown: Vec<&String> = ids.iter().filter(|id| net.position(id).is_none()).collect();
    match unknown.as_slice() {
        [] => Ok(ids.iter().filter_map(|id| net.position(id)).collect()),
        [one] => Err(Error::Usage(unknown_actor(net, one))),
        many => {
            let known = || net.actors.iter().map(|a| a.id.as_str());
            let named: Vec<String> = many
                .iter()
                .map(|id| {
                    let close = crate::suggest::closest(id, known());
                    match close.as_slice() {
                        [] => format!("\"{id}\""),
                        _ => format!("\"{id}\" (did you mean \"{}\"?)", close.join("\", \"")),
                    }
                })
                .collect();
            Err(Error::Usage(format!("unknown actors {}", named.join(", "))))
        }
    }
}

/// The actors named by a selector (ids, actor kinds, `@class`; see [`Selector`]); an unknown term
/// is [`Error::Usage`] naming it and the closest known names.
pub fn selector(net: &Network, terms: &[String]) -> Result<Selector> {
    Selector::parse(net, terms).map_err(Error::Usage)
}

fn unknown_actor(net: &Network, id: &str) -> String {
    crate::suggest::unknown("actor", id, net.actors.iter().map(|a| a.id.as_str()))
}

/// Notes how many of the view's flows lack `field` and count as `counts_as` (`1`, `capacity 1`).
pub fn note_missing_field(run: &Run, view: &View, field: &str, missing: usize, counts_as: &str) {
    if missing > 0 {
        run.note(format!(
            "{missing} of {} flows lack \"{field}\" and count as {counts_as}",
            view.flows().len()
        ));
    }
}

/// Capacities of arcs that follow flows (arc `a` follows flow `arc_flow[a]`, as
/// [`View::flow_arcs`] gives them): 1 each without a field, else the field's value (1 for a flow
/// lacking it). Returns them and how many of the view's flows lacked the field; a value that is not
/// a number ≥ 0 is [`Error::Input`] naming the flow.
///
/// Arcs with the same ends whose flows report one event share one capacity (docs/format.md,
/// "Events"): the one with the largest value keeps it, the others get 0.
pub fn capacities(
    view: &View,
    field: Option<&str>,
    arcs: &[(u32, u32)],
    arc_flow: &[usize],
) -> Result<(Capacities, usize)> {
    let Some(field) = field else {
        return Ok((Capacities::unit(arc_flow.len()), 0));
    };
    let net = view.network();
    let (values, missing) = view.numbers(field, 1.0)?;
    let mut per_arc: Vec<f64> = arc_flow.iter().map(|&i| values[i]).collect();
    let keys = arcs
        .iter()
        .zip(arc_flow)
        .map(|(&ends, &i)| (ends, net.flow(i).event()));
    // An invalid value is reported below, by the flow it belongs to, before any sharing.
    if per_arc.iter().all(|x| x.is_finite() && *x >= 0.0) {
        crate::multigraph::events_once(keys, &mut per_arc);
    }
    let capacity = Capacities::exact(&per_arc).map_err(|e| match e {
        CapacityError::Invalid { arc, value } => Error::Input(format!(
            "{}: capacity {} from \"{field}\" is not a number ≥ 0",
            flow_name(net, arc_flow[arc]),
            crate::report::number(value)
        )),
        range => Error::Input(format!("\"{field}\": {range}")),
    })?;
    Ok((capacity, missing))
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::model::Network;

    /// The hand-built laundering network of the command-line tests (tests/fixtures/laundering.json):
    /// clan reaches mines only through miners, along two parallel cash flows, then miners →gold→
    /// mines (4 kg) or miners → border (6) → bmines (5) → mines (3). Flows: 0 clan→miners cash
    /// (conf 1, weight 2, 10 USD), 1 miners→mines gold (0.5, 1, 4 kg), 2 miners→border gold (0.8,
    /// 1, 6 kg), 3 border→bmines gold (1, 1, 5 kg), 4 clan→re real-estate (0.6, 5), 5 clan→miners
    /// cash (0.4, 1), 6 police→clan arrest, 7 bmines→mines gold (1, 1, 3 kg).
    pub(crate) fn laundering() -> Network {
        let text = r#"{
          "actors": [
            {"id": "clan", "kind": "family-clan"},
            {"id": "miners", "kind": "criminal-group"},
            {"id": "mines", "kind": "mining-company"},
            {"id": "border", "kind": "border-crossing"},
            {"id": "bmines", "kind": "mining-company"},
            {"id": "re", "kind": "real-estate"},
            {"id": "police", "kind": "police"}
          ],
          "flows": [
            {"from": "clan", "to": "miners", "kind": "cash", "weight": 2, "volume": 10, "unit": "USD",
             "sources": [{"doc": "a.txt", "quote": "the clan buys gold with cash"}]},
            {"from": "miners", "to": "mines", "kind": "gold", "confidence": 0.5, "weight": 1, "volume": 4, "unit": "kg"},
            {"from": "miners", "to": "border", "kind": "gold", "confidence": 0.8, "weight": 1, "volume": 6, "unit": "kg"},
            {"from": "border", "to": "bmines", "kind": "gold", "weight": 1, "volume": 5, "unit": "kg"},
            {"from": "clan", "to": "re", "kind": "real-estate", "confidence": 0.6, "weight": 5},
            {"from": "clan", "to": "miners", "kind": "cash", "confidence": 0.4, "weight": 1},
            {"from": "police", "to": "clan", "kind": "arrest"},
            {"from": "bmines", "to": "mines", "kind": "gold", "weight": 1, "volume": 3, "unit": "kg"}
          ]
        }"#;
        let mut net = crate::io::json::parse_str(text, "laundering.json").unwrap();
        net.index().unwrap();
        net
    }
}
