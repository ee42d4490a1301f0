//! Random small networks and scenarios for the what-if property tests, with the scenario applied
//! by hand to the network file (the independent reference) and as `whatif` arguments.

use proptest::prelude::*;
use serde_json::{Value, json};

/// Actor ids.
pub const IDS: [&str; 7] = ["a", "b", "c", "d", "e", "f", "g"];
/// Flow kinds: illicit, money, asset, tie.
pub const KINDS: [&str; 4] = ["gold", "cash", "real-estate", "alliance"];
/// Actor kinds: criminal, legal, hub.
pub const ACTOR_KINDS: [&str; 3] = ["cartel", "bank", "city"];

/// A network (actors `IDS[..n]` of kinds `ACTOR_KINDS[actor_kinds[i]]`, flows `(from, to, kind)`)
/// and a scenario: removed actors, cuts `(from, to, kind?)`, a dropped kind, added flows.
#[derive(Debug, Clone)]
pub struct Case {
    pub n: usize,
    pub directed: bool,
    pub actor_kinds: Vec<usize>,
    pub flows: Vec<(usize, usize, usize)>,
    pub removed: Vec<usize>,
    pub cuts: Vec<(usize, usize, Option<usize>)>,
    pub drop: Option<usize>,
    pub adds: Vec<(usize, usize, usize)>,
}

/// Cases of 3 to 7 actors, up to 13 flows, up to n − 2 removals, 2 cuts, a dropped kind and 2
/// added flows (never touching a removed actor).
pub fn case() -> impl Strategy<Value = Case> {
    (3usize..=7, any::<bool>()).prop_flat_map(|(n, directed)| {
        let k = KINDS.len();
        let flow = (0..n, 0..n, 0..k);
        (
            prop::collection::vec(0..ACTOR_KINDS.len(), n),
            prop::collection::vec(flow.clone(), 0..14),
            prop::sample::subsequence((0..n).collect::<Vec<_>>(), 0..=n - 2),
            prop::collection::vec((0..n, 0..n, prop::option::of(0..k)), 0..3),
            prop::option::of(0..k),
            prop::collection::vec(flow, 0..3),
        )
            .prop_map(move |(actor_kinds, flows, removed, cuts, drop, adds)| {
                let adds = adds
                    .into_iter()
                    .filter(|(a, b, _)| !removed.contains(a) && !removed.contains(b))
                    .collect();
                Case {
                    n,
                    directed,
                    actor_kinds,
                    flows,
                    removed,
                    cuts,
                    drop,
                    adds,
                }
            })
    })
}

impl Case {
    /// The network file before the scenario.
    pub fn network(&self) -> Value {
        self.file((0..self.n).collect(), &self.flows)
    }

    fn file(&self, actors: Vec<usize>, flows: &[(usize, usize, usize)]) -> Value {
        json!({
            "directed": self.directed,
            "actors": actors.iter().map(|&i| json!({"id": IDS[i], "kind": ACTOR_KINDS[self.actor_kinds[i]]})).collect::<Vec<_>>(),
            "flows": flows.iter().map(|&(a, b, k)| json!({"from": IDS[a], "to": IDS[b], "kind": KINDS[k]})).collect::<Vec<_>>(),
        })
    }

    /// The flows the scenario leaves, by hand: without removed actors' flows, cut flows (either
    /// way when undirected) and the dropped kind; then the added flows.
    pub fn edited_flows(&self) -> Vec<(usize, usize, usize)> {
        let cut = |&(a, b, k): &(usize, usize, usize)| {
            self.cuts.iter().any(|&(x, y, kind)| {
                let ends = (x, y) == (a, b) || (!self.directed && (y, x) == (a, b));
                ends && kind.is_none_or(|kind| kind == k)
            })
        };
        self.flows
            .iter()
            .filter(|(a, b, k)| {
                !self.removed.contains(a) && !self.removed.contains(b) && self.drop != Some(*k)
            })
            .filter(|f| !cut(f))
            .chain(self.adds.iter())
            .copied()
            .collect()
    }

    /// The network file after the scenario, edited by hand.
    pub fn edited(&self) -> Value {
        let actors = (0..self.n).filter(|i| !self.removed.contains(i)).collect();
        self.file(actors, &self.edited_flows())
    }

    /// The scenario as `whatif` arguments (a no-op edit when the scenario is empty).
    pub fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if !self.removed.is_empty() {
            let ids: Vec<&str> = self.removed.iter().map(|&i| IDS[i]).collect();
            args.extend(["--remove".to_string(), ids.join(",")]);
        }
        for &(a, b, k) in &self.cuts {
            let kind = k.map(|k| format!(":{}", KINDS[k])).unwrap_or_default();
            args.extend(["--cut".to_string(), format!("{}:{}{kind}", IDS[a], IDS[b])]);
        }
        if let Some(k) = self.drop {
            args.extend(["--drop-kind".to_string(), KINDS[k].to_string()]);
        }
        for &(a, b, k) in &self.adds {
            args.extend([
                "--add".to_string(),
                format!("{}:{}:{}", IDS[a], IDS[b], KINDS[k]),
            ]);
        }
        if args.is_empty() {
            args.extend(["--drop-kind".into(), "nothing".into()]);
        }
        args
    }
}
