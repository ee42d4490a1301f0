//! `netgraph whatif`'s chain diff and displacement against independent references: `netgraph chains`
//! run on the network edited by hand (broken ∪ surviving are the chains before, surviving ∪ new the
//! chains after), and an Edmonds–Karp maximum flow written here (the displacement values), on random
//! small networks and on the documented Peru scenarios.

use crate::common::chains::multiset;
use crate::common::edits::{ACTOR_KINDS, IDS, case};
use crate::common::*;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, VecDeque};

/// Actor kinds of the built-in classes `criminal` and `legal` (docs/format.md).
const CRIMINAL: [&str; 8] = [
    "family-clan",
    "cartel",
    "gang",
    "mafia",
    "guerrilla",
    "criminal-group",
    "trafficker",
    "armed-group",
];
const LEGAL: [&str; 8] = [
    "business",
    "mining-company",
    "exporter",
    "bank",
    "money-changer",
    "real-estate",
    "retailer",
    "market",
];

/// Flow kinds that carry value (roles commodity, money, asset, docs/format.md): the illicit goods but the
/// inputs (weapons, mercury, precursors) and migrants, money, assets.
const VALUE: [&str; 18] = [
    "cocaine",
    "coca-base",
    "coca-leaf",
    "heroin",
    "gold",
    "timber",
    "wildlife",
    "counterfeit",
    "contraband",
    "cash",
    "bribes",
    "extortion",
    "campaign-finance",
    "ransom",
    "real-estate",
    "luxury-goods",
    "gold-export",
    "business-investment",
];

/// Edmonds–Karp (Edmonds & Karp 1972): shortest augmenting paths on a residual matrix, from every
/// criminal actor to every legal one of a network file, one unit per value-carrying flow and
/// direction.
fn edmonds_karp(net: &Value) -> i64 {
    edmonds_karp_from(net, None)
}

/// Edmonds–Karp from the actors `from` (every criminal actor when `None`) to every legal one.
fn edmonds_karp_from(net: &Value, from: Option<&[String]>) -> i64 {
    let actors = net["actors"].as_array().unwrap();
    let ids: Vec<&str> = actors.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let n = ids.len() + 2;
    let (s, t) = (n - 2, n - 1);
    let mut cap = vec![vec![0i64; n]; n];
    let at = |id: &str| ids.iter().position(|x| *x == id).unwrap();
    for f in net["flows"].as_array().unwrap() {
        if !VALUE.contains(&f["kind"].as_str().unwrap_or("link")) {
            continue;
        }
        let (a, b) = (
            at(f["from"].as_str().unwrap()),
            at(f["to"].as_str().unwrap()),
        );
        if a != b {
            cap[a][b] += 1;
            if net["directed"] == false {
                cap[b][a] += 1;
            }
        }
    }
    for (i, a) in actors.iter().enumerate() {
        let kind = a["kind"].as_str().unwrap_or("actor");
        let id = a["id"].as_str().unwrap();
        // A kind the file's `kinds` section declares has the declared class.
        let declared = net["kinds"]["actors"][kind]["class"].as_str();
        let is = |class: &str, builtin: &[&str]| match declared {
            Some(c) => c == class,
            None => builtin.contains(&kind),
        };
        let source = match from {
            Some(from) => from.iter().any(|f| f == id),
            None => is("criminal", &CRIMINAL),
        };
        if source {
            cap[s][i] = 100_000;
        } else if is("legal", &LEGAL) {
            cap[i][t] = 100_000;
        }
    }
    let mut total = 0;
    loop {
        let mut prev = vec![usize::MAX; n];
        prev[s] = s;
        let mut queue = VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for v in 0..n {
                if prev[v] == usize::MAX && cap[u][v] > 0 {
                    prev[v] = u;
                    queue.push_back(v);
                }
            }
        }
        if prev[t] == usize::MAX {
            return total;
        }
        let mut push = i64::MAX;
        let mut v = t;
        while v != s {
            push = push.min(cap[prev[v]][v]);
            v = prev[v];
        }
        let mut v = t;
        while v != s {
            cap[prev[v]][v] -= push;
            cap[v][prev[v]] += push;
            v = prev[v];
        }
        total += push;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn the_diff_partitions_both_sides_and_the_flow_is_maximum(
        c in case(),
        pattern in prop::sample::select(vec![None, Some("cash .*"), Some("(gold|cash)+ real-estate?")]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let before = c.network();
        let after = c.edited();
        let b = write(dir.path(), "before.json", &before.to_string());
        let a = write(dir.path(), "after.json", &after.to_string());
        let mut args: Vec<String> = vec!["whatif".into(), b.to_str().unwrap().into()];
        args.extend(c.args());
        let mut query: Vec<String> = vec!["--max-hops".into(), "4".into()];
        if let Some(p) = pattern {
            query.extend(["--pattern".into(), p.into()]);
        }
        args.extend(query.iter().cloned());
        args.extend(["--format".into(), "json".into()]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = json_of(&run(&argv));
        let run_chains = |path: &std::path::Path| {
            let mut argv = vec!["chains", path.to_str().unwrap(), "--all", "--chains", "--format", "json"];
            argv.extend(query.iter().map(String::as_str));
            json_of(&run(&argv))
        };
        let (cb, ca) = (run_chains(&b), run_chains(&a));
        let ch = &v["chains"];
        prop_assert_eq!(
            multiset([&ch["broken"], &ch["surviving"]]),
            multiset([&cb["chains"]])
        );
        prop_assert_eq!(multiset([&ch["surviving"], &ch["new"]]), multiset([&ca["chains"]]));
        prop_assert_eq!(ch["truncated"].clone(), json!({"before": false, "after": false}));
        // Channels likewise: broken ∪ surviving are the channels before, surviving ∪ new after.
        // A channel as "from>to:kind [origins] chains".
        let directed = c.directed;
        let entries = |lists: &[&Value]| -> BTreeMap<String, usize> {
            let mut m = BTreeMap::new();
            for list in lists {
                for c in list.as_array().unwrap() {
                    let e = &c["entry"];
                    let origins: Vec<&str> = c["origins"].as_array().unwrap().iter().map(|o| o.as_str().unwrap()).collect();
                    // Undirected, a→c and c→a are one tie: an added c→a matches a cut a→c.
                    let (mut x, mut y) = (e["from"].to_string(), e["to"].to_string());
                    if !directed && y < x {
                        std::mem::swap(&mut x, &mut y);
                    }
                    *m.entry(format!("{x}>{y}:{} {:?} {}", e["kind"], origins, c["chains"])).or_insert(0) += 1;
                }
            }
            m
        };
        let chn = &v["channels"];
        // Before, only the entries: surviving channels carry the after side's origins and counts.
        let split = |m: BTreeMap<String, usize>| -> BTreeMap<String, usize> {
            let mut out = BTreeMap::new();
            for (k, n) in m {
                *out.entry(k.split(' ').next().unwrap().to_string()).or_insert(0) += n;
            }
            out
        };
        prop_assert_eq!(split(entries(&[&chn["broken"], &chn["surviving"]])), split(entries(&[&cb["channels"]])));
        prop_assert_eq!(entries(&[&chn["surviving"], &chn["new"]]), entries(&[&ca["channels"]]));
        // Each broken channel: its origins left, and their max flow into the legal actors after.
        for k in chn["broken"].as_array().unwrap() {
            let x = &k["displaced"];
            let left: Vec<String> = x["origins"].as_array().unwrap().iter().map(|o| o.as_str().unwrap().to_string()).collect();
            let want: Vec<String> = k["origins"].as_array().unwrap().iter().map(|o| o.as_str().unwrap().to_string()).filter(|o| !c.removed.iter().any(|&r| IDS[r] == o)).collect();
            prop_assert_eq!(&left, &want);
            prop_assert_eq!(x["capacity"].as_i64(), Some(edmonds_karp_from(&after, Some(&left))));
        }

        let d = &v["displacement"];
        prop_assert_eq!(d["before"].as_i64(), Some(edmonds_karp(&before)));
        prop_assert_eq!(d["after"].as_i64(), Some(edmonds_karp(&after)));
        // The routes: criminal to legal along flows of the edited network, no flow used more than
        // once per direction, adding up to the value.
        let kind_of = |id: &str| {
            let i = IDS.iter().position(|x| *x == id).unwrap();
            ACTOR_KINDS[c.actor_kinds[i]]
        };
        // Each flow carries one unit per direction it is followed in.
        let mut used: BTreeMap<(String, String, String), i64> = BTreeMap::new();
        let mut total = 0;
        for r in d["routes"].as_array().unwrap() {
            let ids: Vec<&str> = r["actors"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
            prop_assert_eq!(kind_of(ids[0]), "cartel");
            prop_assert_eq!(kind_of(ids[ids.len() - 1]), "bank");
            for (j, f) in r["flows"].as_array().unwrap().iter().enumerate() {
                let (from, to) = (f["from"].as_str().unwrap(), f["to"].as_str().unwrap());
                let forward = (from, to) == (ids[j], ids[j + 1]);
                prop_assert!(forward || (after["directed"] == false && (to, from) == (ids[j], ids[j + 1])));
                let exists = after["flows"].as_array().unwrap().iter().filter(|g| g["from"] == from && g["to"] == to && g["kind"] == f["kind"]).count() as i64;
                let k = (format!("{}>{}", ids[j], ids[j + 1]), format!("{from}>{to}"), f["kind"].to_string());
                let u = used.entry(k).or_insert(0);
                *u += r["value"].as_i64().unwrap();
                prop_assert!(*u <= exists, "a flow carries more than its capacity");
            }
            total += r["value"].as_i64().unwrap();
        }
        prop_assert_eq!(Some(total), d["after"].as_i64());
    }
}

/// A scenario file's edits applied by hand to a network file: removals, cuts (each naming a kind,
/// as the documented file's do) and added flows.
fn apply_by_hand(net: &Value, edits: &Value) -> Value {
    let mut out = net.clone();
    for e in edits.as_array().unwrap() {
        let flows = out["flows"].as_array().unwrap().clone();
        if let Some(id) = e["remove"].as_str() {
            let actors = out["actors"].as_array().unwrap().clone();
            out["actors"] = actors.into_iter().filter(|a| a["id"] != id).collect();
            out["flows"] = flows
                .into_iter()
                .filter(|f| f["from"] != id && f["to"] != id)
                .collect();
        } else if let Some(cut) = e.get("cut") {
            out["flows"] = flows
                .into_iter()
                .filter(|f| {
                    !(f["from"] == cut["from"] && f["to"] == cut["to"] && f["kind"] == cut["kind"])
                })
                .collect();
        } else if let Some(add) = e.get("add") {
            out["flows"].as_array_mut().unwrap().push(add.clone());
        }
    }
    out
}

#[test]
fn the_documented_peru_scenarios_against_chains_and_edmonds_karp() {
    let peru: Value =
        serde_json::from_str(&std::fs::read_to_string(repo("graphs/peru.json")).unwrap()).unwrap();
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("docs/examples/peru-scenarios.json")).unwrap(),
    )
    .unwrap();
    // Every flow (`--layer all`), as the Edmonds–Karp reference counts them.
    let v = json_of(&run(&[
        "whatif",
        "--layer",
        "all",
        "--scenario",
        &repo("docs/examples/peru-scenarios.json"),
        "--format",
        "json",
    ]));
    let dir = tempfile::tempdir().unwrap();
    let chains_of = |net: &Value, name: &str| {
        let p = write(dir.path(), name, &net.to_string());
        json_of(&run(&[
            "chains",
            p.to_str().unwrap(),
            "--layer",
            "all",
            "--all",
            "--chains",
            "--format",
            "json",
        ]))["chains"]
            .clone()
    };
    let before = chains_of(&peru, "peru.json");
    let intact = edmonds_karp(&peru);
    for (i, s) in file["scenarios"].as_array().unwrap().iter().enumerate() {
        let edited = apply_by_hand(&peru, &s["edits"]);
        let got = &v["scenarios"][i];
        let ch = &got["chains"];
        assert_eq!(
            multiset([&ch["broken"], &ch["surviving"]]),
            multiset([&before])
        );
        let after = chains_of(&edited, &format!("{i}.json"));
        assert_eq!(multiset([&ch["surviving"], &ch["new"]]), multiset([&after]));
        let d = &got["displacement"];
        assert_eq!(d["before"].as_i64(), Some(intact));
        assert_eq!(
            d["after"].as_i64(),
            Some(edmonds_karp(&edited)),
            "{}",
            s["name"]
        );
    }
}
