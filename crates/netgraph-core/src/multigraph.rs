//! The kept flows of a view as a multigraph: for every actor, each flow it can follow out, one by one.
//!
//! The collapsed [`Graph`](crate::graph::Graph) merges parallel flows into one arc; paths, chains and
//! cuts need the flows themselves (their kinds, confidences, volumes and sources). A [`Multigraph`]
//! keeps one [`Hop`] per kept flow and direction it can be followed in: once when the view is
//! directed, both ways when it is undirected (a self-loop once). Actors' hops are ordered by the
//! target's id (bytewise), then by the flow's position in the file, so every walk over it is
//! deterministic.

use crate::model::{PartialDate, Role};
use crate::view::View;

/// One way out of an actor along one flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    /// The actor reached (position in the network).
    pub to: u32,
    /// The flow followed (position in the file).
    pub flow: u32,
    /// The flow's kind, as an index into [`Multigraph::kinds`].
    pub kind: u32,
}

/// The flow kinds of a view, sorted by name, with their classes and value roles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindTable {
    /// Kind names, sorted bytewise.
    pub names: Vec<String>,
    /// The class of each kind, aligned with `names`.
    pub classes: Vec<String>,
    /// The value role of each kind, aligned with `names`.
    pub roles: Vec<Role>,
}

impl KindTable {
    /// The index of a kind by name.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.binary_search_by(|k| k.as_str().cmp(name)).ok()
    }

    /// Number of kinds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no kinds.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// When a flow may have happened, as days (`year·10⁴ + month·100 + day`): from the first day of
/// its `since` to the last day of its `until`; an end without a date is open (0, `u32::MAX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day it may have happened.
    pub begin: u32,
    /// The last day it may have happened.
    pub end: u32,
}

impl Period {
    /// A period open at both ends (a flow without dates).
    pub const OPEN: Period = Period {
        begin: 0,
        end: u32::MAX,
    };

    /// The period of `since`..`until` (each a date of the file format; an unreadable or missing one
    /// leaves that end open — loading has already refused malformed dates).
    pub fn of(since: Option<&str>, until: Option<&str>) -> Period {
        let day = |d: (u16, u8, u8)| d.0 as u32 * 10_000 + d.1 as u32 * 100 + d.2 as u32;
        let parse = |t: Option<&str>| t.and_then(|t| PartialDate::parse(t).ok());
        Period {
            begin: parse(since).map_or(0, |d| day(d.first_day())),
            end: parse(until).map_or(u32::MAX, |d| day(d.last_day())),
        }
    }
}

/// The flows of a view, as hops out of each actor (compressed rows).
#[derive(Debug, Clone, PartialEq)]
pub struct Multigraph {
    offsets: Vec<usize>,
    hops: Vec<Hop>,
    kinds: KindTable,
    rank: Vec<u32>,
    directed: bool,
    periods: Vec<Period>,
}

impl Multigraph {
    /// The kept flows of a view. O(V log V + E log E).
    pub fn of_view(view: &View) -> Multigraph {
        let net = view.network();
        let n = view.n();
        let mut kinds: Vec<(String, String)> = view
            .flows()
            .iter()
            .map(|&i| {
                let f = net.flow(i);
                (f.kind().to_string(), net.flow_class(f).to_string())
            })
            .collect();
        kinds.sort();
        kinds.dedup();
        let table = KindTable {
            names: kinds.iter().map(|k| k.0.clone()).collect(),
            roles: kinds.iter().map(|k| net.kind_role(&k.0)).collect(),
            classes: kinds.into_iter().map(|k| k.1).collect(),
        };
        let mut periods = vec![Period::OPEN; net.flow_count()];
        for &i in view.flows() {
            let f = net.flow(i);
            if f.since().is_some() || f.until().is_some() {
                periods[i] = Period::of(f.since(), f.until());
            }
        }
        let mut by_id: Vec<usize> = (0..n).collect();
        by_id.sort_by(|&a, &b| net.actors[a].id.cmp(&net.actors[b].id));
        let mut rank = vec![0u32; n];
        for (r, &a) in by_id.iter().enumerate() {
            rank[a] = r as u32;
        }
        let mut arcs: Vec<(u32, Hop)> = Vec::with_capacity(view.flows().len() * 2);
        for &i in view.flows() {
            let (from, to) = net.ends(i);
            let kind = table.index(net.flow(i).kind()).unwrap_or(0) as u32;
            let hop = |to: usize| Hop {
                to: to as u32,
                flow: i as u32,
                kind,
            };
            arcs.push((from as u32, hop(to)));
            if !view.is_directed() && from != to {
                arcs.push((to as u32, hop(from)));
            }
        }
        arcs.sort_by_key(|(from, h)| (*from, rank[h.to as usize], h.flow));
        let mut offsets = vec![0usize; n + 1];
        for (from, _) in &arcs {
            offsets[*from as usize + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        Multigraph {
            offsets,
            hops: arcs.into_iter().map(|(_, h)| h).collect(),
            kinds: table,
            rank,
            directed: view.is_directed(),
            periods,
        }
    }

    /// When flow `flow` (a position in the file) may have happened.
    pub fn period(&self, flow: usize) -> Period {
        self.periods[flow]
    }

    /// Number of actors.
    pub fn n(&self) -> usize {
        self.rank.len()
    }

    /// Whether flows are followed only in their direction.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// The hops out of actor `v`, by target id then flow position.
    pub fn hops(&self, v: usize) -> &[Hop] {
        &self.hops[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Every hop as `(from, hop)`, actor by actor.
    pub fn all_hops(&self) -> impl Iterator<Item = (usize, &Hop)> {
        (0..self.n()).flat_map(move |v| self.hops(v).iter().map(move |h| (v, h)))
    }

    /// The flow kinds present in the view.
    pub fn kinds(&self) -> &KindTable {
        &self.kinds
    }

    /// Each actor's rank when actors are sorted by id bytewise (for tie-breaking by id).
    pub fn rank(&self) -> &[u32] {
        &self.rank
    }
}

/// What paths and chains report about each flow, indexed by the flow's position in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlowFacts {
    /// Confidence (1 when missing).
    pub confidence: Vec<f64>,
    /// Volume, when given.
    pub volume: Vec<Option<f64>>,
    /// Unit of the volume, when given.
    pub unit: Vec<Option<String>>,
}

impl FlowFacts {
    /// The facts of every flow of a network.
    pub fn of(net: &crate::model::Network) -> FlowFacts {
        FlowFacts {
            confidence: net.flows().map(|f| f.confidence()).collect(),
            volume: net.flows().map(|f| f.volume()).collect(),
            unit: net.flows().map(|f| f.unit().map(str::to_string)).collect(),
        }
    }
}

/// Counts each event once in a sum (docs/format.md, "Events"): among the items that share a key and
/// an event id, the one with the largest value (the first of equals) keeps it and the others get 0,
/// so a sum over the items adds the event's value once. Items without an event are left as they are. `keys` gives
/// each item's key (the pair of actors of a collapsed arc, the unit of a volume total) and event,
/// aligned with `values`. O(n) expected.
pub fn events_once<'e, K: std::hash::Hash + Eq>(
    keys: impl IntoIterator<Item = (K, Option<&'e str>)>,
    values: &mut [f64],
) {
    let mut first: rustc_hash::FxHashMap<(K, &'e str), usize> = Default::default();
    for (i, (key, event)) in keys.into_iter().enumerate() {
        let Some(event) = event else { continue };
        match first.entry((key, event)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let j = *e.get();
                if values[i] > values[j] {
                    values[j] = 0.0;
                    e.insert(i);
                } else {
                    values[i] = 0.0;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Flow, Network};
    use crate::view::Filters;

    fn net() -> Network {
        let mut n = Network::new();
        n.actors = ["c", "a", "b"].iter().map(|id| Actor::new(*id)).collect();
        let flow = |f: &str, t: &str, k: &str| {
            let mut x = Flow::new(f, t);
            x.kind = Some(k.into());
            x
        };
        n.set_flows(vec![
            flow("a", "c", "gold"),
            flow("a", "b", "cash"),
            flow("a", "b", "gold"),
            flow("b", "b", "cash"),
        ]);
        n.index().unwrap();
        n
    }

    #[test]
    fn hops_are_ordered_by_target_id_then_flow() {
        let n = net();
        let g = Multigraph::of_view(&View::new(&n, &Filters::default()));
        assert_eq!(g.kinds().names, ["cash", "gold"]);
        assert_eq!(g.kinds().classes, ["money", "illicit"]);
        assert_eq!(g.kinds().roles, [Role::Money, Role::Commodity]);
        assert_eq!(g.rank(), [2, 0, 1]);
        let out: Vec<(u32, u32, u32)> = g.hops(1).iter().map(|h| (h.to, h.flow, h.kind)).collect();
        assert_eq!(out, [(2, 1, 0), (2, 2, 1), (0, 0, 1)]);
        assert_eq!(g.hops(2).len(), 1);
        assert!(g.hops(0).is_empty());
    }

    #[test]
    fn an_event_counts_once_per_key_with_its_largest_value() {
        // Items: (pair, event, value). Event "s" three times on pair 1 (4, 6 and 6: counted as
        // 6, held by the first 6), once on pair 2 (its own key), event "t" once; items 5 and 6
        // have no event.
        let items = [
            (1, Some("s"), 4.0),
            (1, Some("s"), 6.0),
            (1, Some("s"), 6.0),
            (2, Some("s"), 5.0),
            (1, Some("t"), 1.0),
            (1, None, 3.0),
            (1, None, 3.0),
        ];
        let mut values: Vec<f64> = items.iter().map(|i| i.2).collect();
        events_once(items.iter().map(|i| (i.0, i.1)), &mut values);
        assert_eq!(values, [0.0, 6.0, 0.0, 5.0, 1.0, 3.0, 3.0]);
        assert_eq!(values.iter().sum::<f64>(), 6.0 + 5.0 + 1.0 + 3.0 + 3.0);
    }

    #[test]
    fn periods_span_whole_truncated_dates_and_stay_open_without_one() {
        assert_eq!(Period::of(None, None), Period::OPEN);
        let p = Period::of(Some("2020-02"), Some("2021"));
        assert_eq!((p.begin, p.end), (20_200_201, 20_211_231));
        let p = Period::of(None, Some("2024-02"));
        assert_eq!((p.begin, p.end), (0, 20_240_229));
        let p = Period::of(Some("2019-03-04"), None);
        assert_eq!((p.begin, p.end), (20_190_304, u32::MAX));
    }

    #[test]
    fn undirected_views_follow_flows_both_ways() {
        let n = net();
        let f = Filters {
            undirected: true,
            kinds: vec!["gold".into(), "cash".into()],
            ..Default::default()
        };
        let g = Multigraph::of_view(&View::new(&n, &f));
        let into_c: Vec<u32> = g.hops(0).iter().map(|h| h.to).collect();
        assert_eq!(into_c, [1]);
        // b: back to a twice (two flows), and its self-loop once.
        assert_eq!(g.hops(2).len(), 3);
        assert_eq!(g.all_hops().count(), 7);
    }
}
