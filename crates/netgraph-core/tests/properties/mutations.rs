//! Mutated networks never make netgraph panic: a network with one field removed, retyped, out of
//! range or pointing at an unknown actor either loads or is refused with an error, and a network
//! that loads runs every measure under every weighting and survives a JSON, CSV and GraphML round
//! trip unchanged.

use netgraph_core::io::{self, GraphSource, ReadOptions};
use netgraph_core::measures::{self, Measure, MeasureOptions};
use netgraph_core::model::Network;
use netgraph_core::view::{Filters, View, Weighting};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A small network using every field the format defines, two parallel flows and a self-loop.
fn base() -> Value {
    json!({
        "name": "mutations",
        "kinds": {"flows": {"levy": {"class": "money"}}},
        "actors": [
            {"id": "clan", "kind": "family-clan", "country": "PE", "sources": [{"doc": "d.txt", "quote": "q"}]},
            {"id": "gang", "kind": "gang", "name": "The Gang", "note": 3},
            {"id": "mine", "kind": "mine", "region": "Puno"},
            {"id": "bank", "kind": "business"},
            {"id": "pnp", "kind": "police"}
        ],
        "flows": [
            {"from": "clan", "to": "gang", "kind": "cash", "weight": 2, "volume": 10.5, "unit": "USD"},
            {"from": "gang", "to": "mine", "kind": "gold", "confidence": 0.5, "since": "2020", "until": "2024-06"},
            {"from": "gang", "to": "mine", "kind": "gold", "weight": 0.5},
            {"from": "mine", "to": "bank", "kind": "levy", "phase": 2, "sources": [{"doc": "d.txt", "quote": "r"}]},
            {"from": "pnp", "to": "gang", "kind": "arrest"},
            {"from": "bank", "to": "bank", "kind": "cash", "volume": 1}
        ]
    })
}

/// Values a mutation may put in a field.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(1.5)),
        Just(json!(1e308)),
        Just(json!("")),
        Just(json!("nobody")),
        Just(json!("clan")),
        Just(json!("2024-13")),
        Just(json!(true)),
        Just(json!([])),
        Just(json!({"doc": 1})),
        Just(json!([{"doc": "", "quote": ""}])),
    ]
}

/// One mutation: which list, which item, which field, and what happens to it.
#[derive(Debug, Clone)]
enum Mutation {
    Set(bool, usize, &'static str, Value),
    Remove(bool, usize, &'static str),
    Duplicate(bool, usize),
    Undirected,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    const FLOW_FIELDS: [&str; 11] = [
        "from",
        "to",
        "kind",
        "weight",
        "volume",
        "unit",
        "confidence",
        "since",
        "until",
        "sources",
        "phase",
    ];
    const ACTOR_FIELDS: [&str; 6] = ["id", "name", "kind", "country", "sources", "note"];
    prop_oneof![
        (any::<bool>(), 0..6usize, 0..11usize, any_value()).prop_map(|(flow, i, f, v)| {
            let field = if flow {
                FLOW_FIELDS[f]
            } else {
                ACTOR_FIELDS[f % 6]
            };
            Mutation::Set(flow, i, field, v)
        }),
        (any::<bool>(), 0..6usize, 0..11usize).prop_map(|(flow, i, f)| {
            let field = if flow {
                FLOW_FIELDS[f]
            } else {
                ACTOR_FIELDS[f % 6]
            };
            Mutation::Remove(flow, i, field)
        }),
        (any::<bool>(), 0..6usize).prop_map(|(flow, i)| Mutation::Duplicate(flow, i)),
        Just(Mutation::Undirected),
    ]
}

fn apply(net: &mut Value, m: &Mutation) {
    let list = |flow: bool| if flow { "flows" } else { "actors" };
    match m {
        Mutation::Set(flow, i, field, v) => {
            let items = net[list(*flow)].as_array_mut().unwrap();
            let n = items.len();
            items[i % n][*field] = v.clone();
        }
        Mutation::Remove(flow, i, field) => {
            let items = net[list(*flow)].as_array_mut().unwrap();
            let n = items.len();
            items[i % n].as_object_mut().unwrap().remove(*field);
        }
        Mutation::Duplicate(flow, i) => {
            let items = net[list(*flow)].as_array_mut().unwrap();
            let copy = items[i % items.len()].clone();
            items.push(copy);
        }
        Mutation::Undirected => net["directed"] = json!(false),
    }
}

/// Every measure under every weighting; errors are fine, panics are not.
fn exercise(net: &Network) {
    let view = View::new(net, &Filters::default());
    for weighting in [
        Weighting::Unweighted,
        Weighting::Weight("weight".into()),
        Weighting::Strength("volume".into()),
        Weighting::Weight("phase".into()),
    ] {
        let Ok(graph) = view.graph(&weighting) else {
            continue;
        };
        for m in Measure::ALL {
            let _ = measures::compute(m, &graph, &MeasureOptions::default());
        }
    }
}

fn round_trips(net: &Network) {
    let again = io::json::parse_str(&io::json::to_string(net), "again.json").unwrap();
    assert_eq!(&again, net, "JSON round trip");
    let gml =
        io::graphml::parse_str(&io::graphml::to_string(net).unwrap(), "again.graphml").unwrap();
    assert_eq!(gml.flow_count(), net.flow_count());
    // GraphML types a field once for all items and reads empty or null data as absent: compare
    // the extra fields as text, without the empty ones.
    fn as_text(extra: &serde_json::Map<String, Value>) -> Vec<(String, String)> {
        extra
            .iter()
            .filter(|(_, v)| !v.is_null() && *v != "")
            .map(|(k, v)| match v {
                Value::String(s) => (k.clone(), s.clone()),
                other => (k.clone(), other.to_string()),
            })
            .collect()
    }
    let text = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
    assert_eq!(gml.actor_count(), net.actor_count());
    for (a, b) in gml.actors.iter().zip(&net.actors) {
        assert_eq!(a.id, b.id);
        for (x, y) in [
            (a.name.as_deref(), b.name.as_deref()),
            (a.kind.as_deref(), b.kind.as_deref()),
            (a.country(), b.country()),
            (a.region(), b.region()),
        ] {
            assert_eq!(text(x), text(y), "GraphML round trip");
        }
        assert_eq!(a.sources(), b.sources());
        assert_eq!(as_text(a.extra()), as_text(b.extra()), "GraphML round trip");
    }
    for (a, b) in gml.flows().zip(net.flows()) {
        let (mut a, mut b) = (a.to_flow(), b.to_flow());
        assert_eq!(as_text(&a.extra), as_text(&b.extra), "GraphML round trip");
        for f in [&mut a, &mut b] {
            f.extra.clear();
            for field in [&mut f.kind, &mut f.unit, &mut f.since, &mut f.until] {
                *field = text(field.as_deref());
            }
        }
        assert_eq!(a, b, "GraphML round trip");
    }
    let csv = io::csv::edges_to_string(net).unwrap();
    assert_eq!(csv.lines().count(), net.flow_count() + 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn mutated_networks_load_or_fail_cleanly(ms in proptest::collection::vec(mutation(), 1..4)) {
        let mut value = base();
        for m in &ms {
            apply(&mut value, m);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
        let source = GraphSource::File(path);
        let read = io::read(&source, &ReadOptions::default());
        if let Ok(net) = &read {
            let _ = netgraph_core::model::validate::check(net, &Default::default());
        }
        match io::load(&source, &ReadOptions::default()) {
            Ok(net) => {
                exercise(&net);
                round_trips(&net);
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(msg.starts_with(&format!("{}:", source)), "{msg}");
                prop_assert!(!msg.contains('\n'), "one line: {msg}");
            }
        }
    }
}

#[test]
fn the_base_network_loads_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("base.json");
    std::fs::write(&path, base().to_string()).unwrap();
    let net = io::load(&GraphSource::File(path), &ReadOptions::default()).unwrap();
    assert_eq!((net.actor_count(), net.flow_count()), (5, 6));
    assert_eq!(net.flow(3).extra()["phase"], 2);
    assert_eq!(net.flow(1).stated_confidence(), Some(0.5));
    exercise(&net);
    round_trips(&net);
}
