//! `netgraph dot|render --highlight-chains [P]` end to end: the DOT is parsed back and the bold flows
//! and actors are compared with chains enumerated here by brute force from the network file — every
//! simple path of at most H flows, its kinds matched against the pattern by a predicate written by
//! hand — never with netgraph's own chain search.
//!
//! tests/fixtures/laundering.json: flows 0 clan→miners cash (conf 1), 1 miners→mines gold (0.5),
//! 2 miners→border gold (0.8), 3 border→bmines gold (1), 4 clan→re real-estate (0.6),
//! 5 clan→miners cash (0.4), 6 police→clan arrest (1), 7 bmines→mines gold (1).

use crate::common::*;
use crate::dotparse::Dot;
use serde_json::Value;
use std::collections::{BTreeSet, VecDeque};

/// One flow of the file: from, to, kind, confidence.
#[derive(Debug, Clone)]
struct F {
    from: String,
    to: String,
    kind: String,
    /// The kind, or for a kind the file declares a built-in kind of its class (and role).
    builtin: String,
    confidence: f64,
}

struct Net {
    actors: Vec<(String, String)>,
    flows: Vec<F>,
}

fn load(path: &str) -> Net {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let s = |x: &Value, k: &str, d: &str| x[k].as_str().unwrap_or(d).to_string();
    // A kind the file's `kinds` section declares stands here for a built-in kind of its class (and,
    // for a flow, its role), so that the hand-written class lists below apply to it.
    let actor_kind = |k: String| match v["kinds"]["actors"][&k]["class"].as_str() {
        Some("criminal") => "criminal-group".to_string(),
        Some("legal") => "business".to_string(),
        Some(_) => "region".to_string(),
        None => k,
    };
    let flow_kind = |k: String| {
        let d = &v["kinds"]["flows"][&k];
        match (d["class"].as_str(), d["role"].as_str()) {
            (Some("illicit"), Some("input")) => "mercury".to_string(),
            (Some("illicit"), _) => "contraband".to_string(),
            (Some("money"), _) => "cash".to_string(),
            (Some("asset"), _) => "real-estate".to_string(),
            (Some("enforcement"), _) => "arrest".to_string(),
            (Some(_), _) => "alliance".to_string(),
            (None, _) => k,
        }
    };
    Net {
        actors: v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (s(a, "id", ""), actor_kind(s(a, "kind", ""))))
            .collect(),
        flows: v["flows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| F {
                from: s(f, "from", ""),
                to: s(f, "to", ""),
                kind: s(f, "kind", "link"),
                builtin: flow_kind(s(f, "kind", "link")),
                confidence: f["confidence"].as_f64().unwrap_or(1.0),
            })
            .collect(),
    }
}

fn laundering() -> (String, Net) {
    let p = repo("tests/fixtures/laundering.json");
    let n = load(&p);
    (p, n)
}

/// A chain found by brute force: the actors and the flows (positions in the file).
#[derive(Debug, Clone)]
struct Walk {
    actors: Vec<String>,
    flows: Vec<usize>,
}

/// Every simple path (no actor twice) of 1..=max_hops flows over the flows `usable` allows,
/// following each flow forwards (and backwards when undirected).
fn simple_paths(
    net: &Net,
    usable: &dyn Fn(usize) -> bool,
    max_hops: usize,
    undirected: bool,
) -> Vec<Walk> {
    let mut arcs: Vec<(String, String, usize)> = Vec::new();
    for (i, f) in net.flows.iter().enumerate().filter(|(i, _)| usable(*i)) {
        arcs.push((f.from.clone(), f.to.clone(), i));
        if undirected && f.from != f.to {
            arcs.push((f.to.clone(), f.from.clone(), i));
        }
    }
    let mut out = Vec::new();
    let mut stack: Vec<Walk> = net
        .actors
        .iter()
        .map(|(a, _)| Walk {
            actors: vec![a.clone()],
            flows: vec![],
        })
        .collect();
    while let Some(w) = stack.pop() {
        if w.flows.len() == max_hops {
            continue;
        }
        let here = w.actors.last().unwrap();
        for (a, b, i) in &arcs {
            if a == here && !w.actors.contains(b) {
                let mut next = w.clone();
                next.actors.push(b.clone());
                next.flows.push(*i);
                out.push(next.clone());
                stack.push(next);
            }
        }
    }
    out
}

/// What the picture shows: the flows drawn (asserted equal to `drawn`, in file order), which of them
/// are bold, which actors are bold, and the title.
struct Marks {
    bold_flows: BTreeSet<usize>,
    bold_actors: BTreeSet<String>,
    actors: BTreeSet<String>,
    title: String,
}

fn marks(net: &Net, args: &[&str], drawn: &[usize]) -> Marks {
    let mut all = vec!["dot"];
    all.extend_from_slice(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d = Dot::parse(&r.stdout);
    let edges = d.flows();
    let want: Vec<(String, String, String)> = drawn
        .iter()
        .map(|&i| {
            let f = &net.flows[i];
            (f.from.clone(), f.to.clone(), f.kind.clone())
        })
        .collect();
    let got: Vec<(String, String, String)> = edges
        .iter()
        .map(|(a, b, x)| (a.clone(), b.clone(), x["label"].clone()))
        .collect();
    assert_eq!(got, want, "the flows drawn, in file order");
    let mut bold_flows = BTreeSet::new();
    for (&i, (_, _, x)) in drawn.iter().zip(&edges) {
        let bold = x["penwidth"] == "5";
        // Everything not bold fades: its colour gains an alpha channel (#RRGGBBAA).
        assert_eq!(bold, x["color"].len() == 7, "flow {i}: {x:?}");
        if bold {
            bold_flows.insert(i);
        }
    }
    let mut bold_actors = BTreeSet::new();
    for (id, x) in d.actors() {
        let bold = x.contains_key("penwidth");
        assert_eq!(bold, x["fillcolor"].len() == 7, "actor {id}: {x:?}");
        if bold {
            bold_actors.insert(id.clone());
        }
    }
    Marks {
        bold_flows,
        bold_actors,
        actors: d.actors().iter().map(|(id, _)| id.clone()).collect(),
        title: d.title.clone(),
    }
}

fn kinds(net: &Net, w: &Walk) -> Vec<String> {
    w.flows
        .iter()
        .map(|&i| net.flows[i].builtin.clone())
        .collect()
}

fn flows_of(ws: &[Walk]) -> BTreeSet<usize> {
    ws.iter().flat_map(|w| w.flows.iter().copied()).collect()
}

fn actors_of(ws: &[Walk]) -> BTreeSet<String> {
    ws.iter().flat_map(|w| w.actors.iter().cloned()).collect()
}

fn all(net: &Net) -> Vec<usize> {
    (0..net.flows.len()).collect()
}

/// The kind of an actor.
fn kind_of<'a>(net: &'a Net, a: &str) -> &'a str {
    net.actors
        .iter()
        .find(|(id, _)| id == a)
        .unwrap()
        .1
        .as_str()
}

/// Whether flow `i` of a walk enters the legal economy: an asset flow, or a flow into a legal actor.
fn entry(net: &Net, w: &Walk, h: usize) -> bool {
    is(ASSET, &net.flows[w.flows[h]].builtin) || is(LEGAL, kind_of(net, &w.actors[h + 1]))
}

/// The default start and end rules (an explicit pattern keeps them): the walk starts at a criminal
/// actor and ends with its first entry into the legal economy; an input (weapons, mercury,
/// precursors) only as the last flow. (The fixtures carry no dates.)
fn laundering_rules(net: &Net, w: &Walk) -> bool {
    let last = w.flows.len() - 1;
    is(CRIMINAL, kind_of(net, &w.actors[0]))
        && entry(net, w, last)
        && (0..last).all(|h| !entry(net, w, h) && !is(INPUT, &net.flows[w.flows[h]].builtin))
}

#[test]
fn bold_flows_are_exactly_those_on_matching_chains() {
    let (p, net) = laundering();
    let every: Vec<Walk> = simple_paths(&net, &|_| true, 6, false)
        .into_iter()
        .filter(|w| laundering_rules(&net, w))
        .collect();
    // Each pattern with its meaning written by hand (the default start and end rules apply).
    type Matches = fn(&[String]) -> bool;
    let cases: [(&str, Matches); 5] = [
        ("cash gold+", |k| {
            k.len() >= 2 && k[0] == "cash" && k[1..].iter().all(|x| x == "gold")
        }),
        ("gold gold", |k| k == ["gold", "gold"]),
        ("real-estate", |k| k == ["real-estate"]),
        // @money is cash here; `.` any one kind.
        (". gold", |k| k.len() == 2 && k[1] == "gold"),
        ("(@illicit|@money)+ gold", |k| {
            k.len() >= 2
                && k.iter().all(|x| x == "gold" || x == "cash")
                && k.last().unwrap() == "gold"
        }),
    ];
    for (pattern, matches) in cases {
        let want: Vec<Walk> = every
            .iter()
            .filter(|w| matches(&kinds(&net, w)))
            .cloned()
            .collect();
        assert!(!want.is_empty(), "{pattern}");
        let m = marks(&net, &[&p, "--highlight-chains", pattern], &all(&net));
        assert_eq!(m.bold_flows, flows_of(&want), "{pattern}");
        assert_eq!(m.bold_actors, actors_of(&want), "{pattern}");
        let n = want.len();
        let noun = if n == 1 { "chain" } else { "chains" };
        assert!(
            m.title.ends_with(&format!(
                "{n} {noun} matching \"{pattern}\", at most 6 flows"
            )),
            "{pattern}: {}",
            m.title
        );
    }
    // Spot check of the brute force itself: cash gold+ uses every cash and gold flow but the one
    // out of bmines (value entered the legal economy there).
    let m = marks(&net, &[&p, "--highlight-chains", "cash gold+"], &all(&net));
    assert_eq!(m.bold_flows, BTreeSet::from([0, 1, 2, 3, 5]));
}

#[test]
fn hops_ends_top_filters_and_direction_narrow_the_chains() {
    let (p, net) = laundering();
    let cash_gold =
        |k: &[String]| k.len() >= 2 && k[0] == "cash" && k[1..].iter().all(|x| x == "gold");
    let matching = |ws: Vec<Walk>, f: &dyn Fn(&Walk) -> bool| -> Vec<Walk> {
        ws.into_iter()
            .filter(|w| cash_gold(&kinds(&net, w)) && f(w))
            .collect()
    };
    let rules = |w: &Walk| laundering_rules(&net, w);
    let bold = |args: &[&str], drawn: &[usize]| {
        let mut a = vec![p.as_str(), "--highlight-chains", "cash gold+"];
        a.extend_from_slice(args);
        marks(&net, &a, drawn).bold_flows
    };
    // At most two flows.
    let want = matching(simple_paths(&net, &|_| true, 2, false), &rules);
    assert_eq!(
        bold(&["--chain-max-hops", "2"], &all(&net)),
        flows_of(&want)
    );
    // Ending at mines (--chain-to replaces the end rule: the chain may pass bmines); starting at
    // clan (--chain-from replaces the start rule).
    let want = matching(simple_paths(&net, &|_| true, 6, false), &|w| {
        w.actors.last().unwrap() == "mines" && is(CRIMINAL, kind_of(&net, &w.actors[0]))
    });
    assert!(
        want.iter()
            .any(|w| w.actors.contains(&"bmines".to_string()))
    );
    assert_eq!(bold(&["--chain-to", "mines"], &all(&net)), flows_of(&want));
    let want = matching(simple_paths(&net, &|_| true, 6, false), &|w| {
        w.actors[0] == "clan" && rules(w)
    });
    assert_eq!(bold(&["--chain-from", "clan"], &all(&net)), flows_of(&want));
    // --min-confidence 0.6 removes flows 1 (0.5) and 5 (0.4) before the search.
    let sure = |i: usize| net.flows[i].confidence >= 0.6;
    let kept: Vec<usize> = all(&net).into_iter().filter(|&i| sure(i)).collect();
    let want = matching(simple_paths(&net, &sure, 6, false), &rules);
    assert_eq!(bold(&["--min-confidence", "0.6"], &kept), flows_of(&want));
    // The best chain by evidence (product of confidences), found here by brute force.
    let every = matching(simple_paths(&net, &|_| true, 6, false), &rules);
    let evidence = |w: &Walk| {
        w.flows
            .iter()
            .map(|&i| net.flows[i].confidence)
            .product::<f64>()
    };
    let best = every.iter().map(evidence).fold(0.0, f64::max);
    let tops: Vec<Walk> = every
        .iter()
        .filter(|w| evidence(w) == best)
        .cloned()
        .collect();
    let shortest = tops.iter().map(|w| w.flows.len()).min().unwrap();
    let tops: Vec<Walk> = tops
        .into_iter()
        .filter(|w| w.flows.len() == shortest)
        .collect();
    assert_eq!(tops.len(), 1, "a unique best chain: {tops:?}");
    let m = marks(
        &net,
        &[&p, "--highlight-chains", "cash gold+", "--chain-top", "1"],
        &all(&net),
    );
    assert_eq!(m.bold_flows, flows_of(&tops));
    assert!(
        m.title
            .contains(&format!("the 1 best by evidence of {} chains", every.len())),
        "{}",
        m.title
    );
    // Undirected: flows are followed either way.
    let gold_gold = |k: &[String]| k == ["gold", "gold"];
    let want: Vec<Walk> = simple_paths(&net, &|_| true, 6, true)
        .into_iter()
        .filter(|w| gold_gold(&kinds(&net, w)) && rules(w))
        .collect();
    let m = marks(
        &net,
        &[&p, "--undirected", "--highlight-chains", "gold gold"],
        &all(&net),
    );
    assert_eq!(m.bold_flows, flows_of(&want));
    // Only miners –gold→ border –gold→ bmines: the other gold pairs from a criminal actor would
    // pass a legal mine (mines or bmines) before their end.
    assert_eq!(m.bold_flows, BTreeSet::from([2, 3]));
}

#[test]
fn focus_limits_the_chains_to_the_actors_drawn() {
    let (p, net) = laundering();
    // Actors within one hop of miners, ignoring direction, by breadth-first search here.
    let mut near: BTreeSet<String> = BTreeSet::from(["miners".to_string()]);
    let mut queue = VecDeque::from([("miners".to_string(), 0)]);
    while let Some((v, d)) = queue.pop_front() {
        if d == 1 {
            continue;
        }
        for f in &net.flows {
            for (a, b) in [(&f.from, &f.to), (&f.to, &f.from)] {
                if *a == v && near.insert(b.clone()) {
                    queue.push_back((b.clone(), d + 1));
                }
            }
        }
    }
    let inside = |i: usize| near.contains(&net.flows[i].from) && near.contains(&net.flows[i].to);
    let drawn: Vec<usize> = all(&net).into_iter().filter(|&i| inside(i)).collect();
    let want: Vec<Walk> = simple_paths(&net, &inside, 6, false)
        .into_iter()
        .filter(|w| {
            let k = kinds(&net, w);
            k.len() >= 2
                && k[0] == "cash"
                && k[1..].iter().all(|x| x == "gold")
                && laundering_rules(&net, w)
        })
        .collect();
    let m = marks(
        &net,
        &[&p, "--focus", "miners", "--highlight-chains", "cash gold+"],
        &drawn,
    );
    assert_eq!(m.bold_flows, flows_of(&want));
    assert_eq!(m.actors, near, "the focus is not widened by the chains");
    assert!(!m.actors.contains("bmines"));
}

/// The docs/format.md classes of the kinds these tests meet, space-separated.
const CRIMINAL: &str =
    "family-clan cartel gang mafia guerrilla criminal-group trafficker armed-group";
const LEGAL: &str =
    "business mining-company exporter bank money-changer real-estate retailer market";
const ILLICIT: &str = "cocaine coca-base coca-leaf heroin gold mercury precursors timber wildlife \
                       counterfeit weapons contraband migrants";
const MONEY: &str = "cash bribes extortion campaign-finance ransom";
const ASSET: &str = "real-estate luxury-goods gold-export business-investment";
/// Inputs, consumed by their receiver; migrants carry no value either.
const INPUT: &str = "mercury precursors weapons";
const NO_VALUE: &str = "mercury precursors weapons migrants";

fn is(class: &str, kind: &str) -> bool {
    class.split_whitespace().any(|k| k == kind)
}

/// The default query by brute force: from a criminal actor, every flow carrying value (an illicit
/// good other than an input or migrants, money, an asset), ending with the first asset flow or
/// flow into a legal actor.
fn laundering_chains(net: &Net) -> Vec<Walk> {
    let value = |x: &String| (is(ILLICIT, x) && !is(NO_VALUE, x)) || is(MONEY, x) || is(ASSET, x);
    simple_paths(net, &|_| true, 6, false)
        .into_iter()
        .filter(|w| laundering_rules(net, w) && kinds(net, w).iter().all(value))
        .collect()
}

#[test]
fn default_query_highlights_the_laundering_chains() {
    let (p, net) = laundering();
    let want = laundering_chains(&net);
    let m = marks(&net, &[&p, "--highlight-chains"], &all(&net));
    assert_eq!(m.bold_flows, flows_of(&want));
    assert_eq!(
        m.bold_flows,
        BTreeSet::from([0, 1, 2, 3, 4, 5]),
        "as tests/cli/chains.rs lists them"
    );
    assert!(
        m.title.ends_with(&format!(
            "{} laundering chains, at most 6 flows",
            want.len()
        )),
        "{}",
        m.title
    );
}

#[test]
fn a_network_file_after_the_flag_is_read_as_the_network() {
    let (p, net) = laundering();
    let before = marks(&net, &[&p, "--highlight-chains"], &all(&net));
    let after = marks(&net, &["--highlight-chains", &p], &all(&net));
    assert_eq!(after.bold_flows, BTreeSet::from([0, 1, 2, 3, 4, 5]));
    assert_eq!(after.bold_flows, before.bold_flows);
    assert_eq!(after.title, before.title);
}

#[test]
fn default_query_on_peru_highlights_the_four_described_routes() {
    let path = repo("graphs/peru.json");
    let net = load(&path);
    let want = laundering_chains(&net);
    // Every flow drawn (--layer all), the chains of the default query bold.
    let m = marks(&net, &["--layer", "all", "--highlight-chains"], &all(&net));
    assert_eq!(m.bold_flows, flows_of(&want));
    assert_eq!(m.bold_actors, actors_of(&want));
    assert!(
        m.title.ends_with(&format!(
            "{} laundering chains, at most 6 flows",
            want.len()
        )),
        "{}",
        m.title
    );
    // The four routes docs/findings.md describes, every flow of them bold.
    let routes: [&[(&str, &str, &str)]; 4] = [
        &[
            ("peruvian-traffickers", "illegal-miners", "cash"),
            ("illegal-miners", "legit-mines", "gold"),
        ],
        &[
            ("se-illegal-miners", "peru-bolivia-border", "gold"),
            ("peru-bolivia-border", "bolivian-mines", "gold"),
        ],
        &[
            ("illegal-miners", "interior-clans", "cash"),
            ("coca-processors", "interior-clans", "cash"),
            ("interior-clans", "re-trujillo", "real-estate"),
            ("se-illegal-miners", "puno-clans", "cash"),
            ("puno-clans", "re-arequipa", "real-estate"),
            ("puno-clans", "re-tacna", "real-estate"),
            ("puno-clans", "re-moquegua", "real-estate"),
        ],
        &[("se-illegal-miners", "pm-money-changers", "cash")],
    ];
    for route in routes {
        for (a, b, k) in route {
            let i = net
                .flows
                .iter()
                .position(|f| (f.from.as_str(), f.to.as_str(), f.kind.as_str()) == (*a, *b, *k))
                .unwrap_or_else(|| panic!("{a} {k} {b} is in the network"));
            assert!(m.bold_flows.contains(&i), "{a} ─{k}→ {b} is bold");
        }
    }
    // The same input gives the same bytes.
    let twice: Vec<String> = (0..2)
        .map(|_| run(&["dot", "--highlight-chains"]).stdout)
        .collect();
    assert_eq!(twice[0], twice[1]);
    // Flows that carry no value towards the legal economy stay faint, e.g. an arrest.
    let arrest = net.flows.iter().position(|f| f.kind == "arrest").unwrap();
    assert!(!m.bold_flows.contains(&arrest));
}

#[test]
fn bad_patterns_and_impossible_requests() {
    let (p, _) = laundering();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    let out = out.to_str().unwrap();
    for cmd in [
        vec!["dot", p.as_str()],
        vec!["render", p.as_str(), "-o", out],
    ] {
        let mut a = cmd.clone();
        a.extend(["--highlight-chains", "cash (gold"]);
        let r = run(&a);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stdout.is_empty());
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("--highlight-chains \"cash (gold\"")
                && r.stderr.contains("position 11"),
            "{}",
            r.stderr
        );
        assert!(!std::path::Path::new(out).exists(), "no picture written");
    }
    for bad in [
        vec![
            "--highlight-chains",
            "cash",
            "--highlight-path",
            "clan:mines",
        ],
        vec!["--chain-top", "2"],
        vec!["--highlight-chains", "--chain-top", "0"],
        vec!["--highlight-chains", "+cash"],
    ] {
        let mut a = vec!["dot", p.as_str()];
        a.extend(&bad);
        let r = run(&a);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (2, ""),
            "{bad:?}: {}",
            r.stderr
        );
    }
    assert_user_error(
        &run(&["dot", &p, "--highlight-chains", "gold cash"]),
        &["no chain matching \"gold cash\" among the flows drawn"],
    );
    assert_usage_error(
        &run(&["dot", &p, "--highlight-chains", "--chain-from", "nobody"]),
        &["unknown actor \"nobody\""],
    );
    // A term matching no kind is a warning; the chains the rest of the pattern finds are drawn.
    let r = run(&["dot", &p, "--highlight-chains", "(cash|bribes) gold"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("\"bribes\" matches no flow kind"),
        "{}",
        r.stderr
    );
}
