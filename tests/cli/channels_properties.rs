//! Property tests of the default laundering query and of channels, end to end (`netgraph chains
//! --chains --all --format json`), against a naive reference written here: enumerate every simple
//! path of flows up to the hop bound, then keep those that start at a criminal actor, follow value
//! flows only (or match an explicit pattern, an input only last), respect time (pairwise: no flow
//! ends before an earlier one begins), and end with their first entry into the legal economy (a
//! flow into a legal actor or an asset flow) — or, with `--to`, at that actor. The channels must be
//! the distinct last flows of the reference, each with the first actors of its chains as origins, and
//! `centrality -m chain_betweenness` must count, per actor, the reference chains and channels that
//! pass through it.

use crate::common::{json_of, run, write};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Flow kinds: (name, carries value, is an asset, is an input).
const KINDS: [(&str, bool, bool, bool); 6] = [
    ("cocaine", true, false, false),
    ("cash", true, false, false),
    ("real-estate", true, true, false),
    ("alliance", false, false, false),
    ("weapons", false, false, true),
    ("arrest", false, false, false),
];
/// Actor kinds: (name, class).
const ACTORS: [(&str, &str); 3] = [("cartel", "criminal"), ("bank", "legal"), ("port", "hub")];

#[derive(Debug, Clone)]
struct Flow {
    from: usize,
    to: usize,
    kind: usize,
    since: Option<u16>,
    until: Option<u16>,
}

fn network(n: usize, actor_kinds: &[usize], flows: &[Flow]) -> Value {
    let actors: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("a{i}"), "kind": ACTORS[actor_kinds[i]].0}))
        .collect();
    let flows: Vec<Value> = flows
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut o = json!({"from": format!("a{}", f.from), "to": format!("a{}", f.to),
                               "kind": KINDS[f.kind].0, "volume": i});
            if let Some(y) = f.since {
                o["since"] = json!(y.to_string());
            }
            if let Some(y) = f.until {
                o["until"] = json!(y.to_string());
            }
            o
        })
        .collect();
    json!({"actors": actors, "flows": flows})
}

/// Every simple directed path of 1..=max flows, as (actors, flows).
fn all_simple(n: usize, flows: &[Flow], max: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    fn go(
        flows: &[Flow],
        max: usize,
        walk: &mut (Vec<usize>, Vec<usize>),
        out: &mut Vec<(Vec<usize>, Vec<usize>)>,
    ) {
        if walk.1.len() == max {
            return;
        }
        let v = *walk.0.last().unwrap();
        for (i, f) in flows.iter().enumerate() {
            if f.from != v || walk.0.contains(&f.to) {
                continue;
            }
            walk.0.push(f.to);
            walk.1.push(i);
            out.push(walk.clone());
            go(flows, max, walk, out);
            walk.0.pop();
            walk.1.pop();
        }
    }
    let mut out = Vec::new();
    for s in 0..n {
        go(flows, max, &mut (vec![s], Vec::new()), &mut out);
    }
    out
}

/// The reference: the chains of the query as (actors, flows), by brute force.
fn reference(
    n: usize,
    actor_kinds: &[usize],
    flows: &[Flow],
    max: usize,
    to: Option<usize>,
    ignore_time: bool,
) -> BTreeSet<(Vec<usize>, Vec<usize>)> {
    let class = |a: usize| ACTORS[actor_kinds[a]].1;
    let entry = |f: usize| class(flows[f].to) == "legal" || KINDS[flows[f].kind].2;
    let ends = |f: usize| match to {
        Some(t) => flows[f].to == t,
        None => entry(f),
    };
    let in_time = |w: &[usize]| {
        w.iter().enumerate().all(|(i, &a)| {
            w[i + 1..]
                .iter()
                .all(|&b| match (flows[a].since, flows[b].until) {
                    (Some(begin), Some(end)) => begin <= end,
                    _ => true,
                })
        })
    };
    all_simple(n, flows, max)
        .into_iter()
        .filter(|(actors, w)| {
            let last = w.len() - 1;
            class(actors[0]) == "criminal"
                && w.iter().all(|&f| KINDS[flows[f].kind].1)
                && ends(w[last])
                && w[..last].iter().all(|&f| !ends(f))
                && (ignore_time || in_time(w))
        })
        .collect()
}

/// A chain of the JSON output as (actors, flows), flows identified by their volume (= position).
fn walk(chain: &Value) -> (Vec<usize>, Vec<usize>) {
    let actors = chain["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap()[1..].parse().unwrap())
        .collect();
    let flows = chain["flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["volume"].as_u64().unwrap() as usize)
        .collect();
    (actors, flows)
}

fn case() -> impl Strategy<Value = (usize, Vec<usize>, Vec<Flow>)> {
    (2usize..7).prop_flat_map(|n| {
        // Value kinds (the first three) twice as likely as the others.
        let flow = (0..n, 0..n, 0..KINDS.len() + 3, any::<u8>(), any::<u8>()).prop_map(
            |(from, to, kind, a, b)| {
                let kind = kind % KINDS.len();
                let year = |x: u8| (x % 4) as u16 + 2000;
                let (lo, hi) = (year(a).min(year(b)), year(a).max(year(b)));
                Flow {
                    from,
                    to,
                    kind,
                    since: (a % 2 == 0).then_some(lo),
                    until: (b % 2 == 0).then_some(hi),
                }
            },
        );
        (
            Just(n),
            prop::collection::vec(0..ACTORS.len(), n),
            prop::collection::vec(flow, 0..16),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn default_query_and_channels_agree_with_enumerate_then_filter(
        (n, actor_kinds, flows) in case(),
        max_hops in 1usize..5,
        to in prop::option::of(0usize..7),
        ignore_time in any::<bool>(),
    ) {
        let to = to.filter(|&t| t < n);
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), "n.json", &network(n, &actor_kinds, &flows).to_string());
        let hops = max_hops.to_string();
        let mut args = vec!["chains", file.to_str().unwrap(), "--chains", "--all", "--format", "json", "--max-hops", &hops];
        let target = to.map(|t| format!("a{t}"));
        if let Some(t) = &target {
            args.extend(["--to", t.as_str()]);
        }
        if ignore_time {
            args.push("--ignore-time");
        }
        let r = run(&args);
        prop_assert_eq!(r.code, 0, "{}", r.stderr);
        let out = json_of(&r);
        prop_assert_eq!(&out["truncated"], &json!(false));
        let got: Vec<_> = out["chains"].as_array().unwrap().iter().map(walk).collect();
        let distinct: BTreeSet<_> = got.iter().cloned().collect();
        prop_assert_eq!(distinct.len(), got.len(), "a chain was reported twice");
        let want = reference(n, &actor_kinds, &flows, max_hops, to, ignore_time);
        prop_assert_eq!(&distinct, &want);

        // Channels: the distinct last flows of the reference, with the first actors as origins
        // and the number of chains ending there.
        let mut channels: BTreeMap<usize, (BTreeSet<String>, usize)> = BTreeMap::new();
        for (actors, w) in &want {
            let e = channels.entry(*w.last().unwrap()).or_default();
            e.0.insert(format!("a{}", actors[0]));
            e.1 += 1;
        }
        let listed: BTreeMap<usize, (BTreeSet<String>, usize)> = out["channels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let origins = c["origins"].as_array().unwrap().iter().map(|o| o.as_str().unwrap().to_string()).collect();
                (c["entry"]["volume"].as_u64().unwrap() as usize, (origins, c["chains"].as_u64().unwrap() as usize))
            })
            .collect();
        prop_assert_eq!(listed.len(), out["channels"].as_array().unwrap().len());
        prop_assert_eq!(listed, channels);
        // Chain betweenness: per actor, the reference chains (and their channels) that pass
        // through it as neither first nor last actor.
        if to.is_none() {
            let mut args = vec!["centrality", file.to_str().unwrap(), "-m", "chain_betweenness", "--format", "json", "--max-hops", &hops];
            if ignore_time {
                args.push("--ignore-time");
            }
            let r = run(&args);
            prop_assert_eq!(r.code, 0, "{}", r.stderr);
            let c = json_of(&r);
            for a in c["actors"].as_array().unwrap() {
                let id: usize = a["id"].as_str().unwrap()[1..].parse().unwrap();
                let inside: Vec<&(Vec<usize>, Vec<usize>)> = want
                    .iter()
                    .filter(|(actors, _)| actors[1..actors.len() - 1].contains(&id))
                    .collect();
                let through: BTreeSet<usize> = inside.iter().map(|(_, w)| *w.last().unwrap()).collect();
                prop_assert_eq!(a["chains"].as_u64().unwrap() as usize, inside.len());
                prop_assert_eq!(a["chain_betweenness"].as_u64().unwrap() as usize, through.len());
            }
        }
        // Each listed chain sits under the channel of its last flow, and the best chain is the
        // channel's first.
        for c in out["chains"].as_array().unwrap() {
            let k = c["channel"].as_u64().unwrap() as usize - 1;
            let entry = &out["channels"][k]["entry"]["volume"];
            prop_assert_eq!(c["flows"].as_array().unwrap().last().unwrap()["volume"].clone(), entry.clone());
        }
    }
}
