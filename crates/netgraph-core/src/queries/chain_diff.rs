//! The chain diff of `netgraph whatif`: chains before and after a scenario (docs/whatif.md): the chains of the laundering query (or a
//! `--pattern`) that the scenario **breaks** (found before, not after), that **survive**, and that
//! are **new** (found after only: chains are all the simple matching paths, so new ones appear only
//! through added flows).
//!
//! Both sides run the same search as `netgraph chains` ([`chain_search::search`]) on their own view. A
//! chain is identified by its actors and its flows' (from, to, kind). Matching goes in two steps:
//! an after-chain made of the view's own flows is the very chain found before (same flows, by
//! their position in the file); an after-chain that follows an added flow survives a before-chain
//! with the same actors and the same (from, to, kind) sequence — a flow cut and added back with the
//! same kind leaves the chain standing — and is new otherwise. Everything else found before is
//! broken.

use super::chain_search::{self, Request};
use super::displacement::Displaced;
use super::evidence::{FlowEvidence, ShownChain};
use crate::budget::BudgetSpec;
use crate::error::{Error, Result};
use crate::model::{Flow, Network};
use crate::pattern::Pattern;
use crate::report;
use crate::run::Run;
use crate::view::View;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// Which chains to compare.
#[derive(Debug, Clone)]
pub struct ChainSettings {
    /// The pattern's text, `None` for the default laundering query.
    pub text: Option<String>,
    pattern: Pattern,
    /// The most flows in a chain.
    pub max_hops: usize,
    /// Stop each side's enumeration after this many chains.
    pub limit: usize,
    /// Drop the default start and end rules (`--anywhere`).
    pub anywhere: bool,
    /// The bound of each side's search (`--budget`, `--timeout`): every search gets its own, so a
    /// side is never left empty by the other's spending.
    pub budget: Option<BudgetSpec>,
}

impl ChainSettings {
    /// Parses `--pattern` (bad usage when malformed).
    pub fn new(text: Option<&str>, max_hops: usize, limit: usize) -> Result<Self> {
        let source = text.unwrap_or(chain_search::DEFAULT_PATTERN);
        let pattern = Pattern::parse(source)
            .map_err(|e| Error::Usage(format!("--pattern \"{source}\": {e}")))?;
        Ok(ChainSettings {
            text: text.map(String::from),
            pattern,
            max_hops,
            limit,
            anywhere: false,
            budget: None,
        })
    }

    /// Checks the names of an explicit pattern against the network (bad usage, with the closest
    /// names, for an unknown kind or class).
    pub fn check_names(&self, net: &Network) -> Result<()> {
        match self.text {
            Some(_) => chain_search::check_names(net, &self.pattern, "--pattern"),
            None => Ok(()),
        }
    }

    /// How the query reads in a report (as `chains` describes it).
    pub fn describe(&self) -> String {
        self.request().describe()
    }

    /// The chain search both sides run.
    fn request(&self) -> Request {
        let mut request = Request::new(self.text.clone(), self.max_hops, self.limit);
        request.anywhere = self.anywhere;
        request.budget = self.budget.as_ref().map(|b| std::sync::Arc::new(b.start()));
        request
    }
}

/// A chain found on one side, in terms of the original network.
#[derive(Debug, Clone)]
pub struct Record {
    /// The actors, by original position.
    pub actors: Vec<usize>,
    /// The flows followed, as the side has them.
    pub flows: Vec<Flow>,
    /// The chain's evidence (the product of its flows' confidences).
    pub evidence: f64,
    /// Its bottleneck volume, when its flows have volumes.
    pub bottleneck: Option<f64>,
    /// The flows' positions in the original file; `None` when the chain follows an added flow.
    pub origin: Option<Vec<usize>>,
}

/// A channel found on one side, in terms of the original network.
#[derive(Debug, Clone)]
pub struct ChannelRecord {
    /// The actor the entry flow leaves, by original position.
    pub from: usize,
    /// The actor it enters, by original position.
    pub to: usize,
    /// The entry flow, as the side has it.
    pub entry: Flow,
    /// Its position in the original file; `None` when the scenario added it.
    pub origin: Option<usize>,
    /// The first actors of its chains, by original position, by id.
    pub origins: Vec<usize>,
    /// How many chains feed it.
    pub chains: usize,
    /// The evidence of its best chain.
    pub evidence: f64,
}

/// The chains of one side, ranked by evidence, their channels, and whether the enumeration stopped
/// at the limit.
#[derive(Debug, Clone)]
pub struct ChainSet {
    /// The chains, ranked by evidence.
    pub chains: Vec<Record>,
    /// The channels, ranked.
    pub channels: Vec<ChannelRecord>,
    /// Whether the enumeration stopped at the limit (or at its budget).
    pub truncated: bool,
}

impl ChainSet {
    /// Whether no chain was found.
    pub fn is_empty(&self) -> bool {
        self.chains.is_empty()
    }
}

/// The chains of a view whose actor `i` is original actor `original[i]` and whose flow `f` is
/// original flow `flow_origin[f]` (`None`: added by the scenario). Warns about pattern terms that
/// match no flow when `warn_unmatched` and the pattern is the user's.
pub fn find(
    view: &View,
    original: &[usize],
    flow_origin: &[Option<usize>],
    settings: &ChainSettings,
    warn_unmatched: bool,
    run: &Run,
) -> ChainSet {
    let net = view.network();
    let mut request = settings.request();
    request.warn_unmatched = warn_unmatched;
    // `whatif` says once for both sides when an enumeration stops at the limit.
    request.note_limit = false;
    let found = chain_search::search(view, &settings.pattern, &request, run);
    let truncated = found.truncated;
    let channels = found
        .channels
        .iter()
        .map(|c| ChannelRecord {
            from: original[c.from as usize],
            to: original[c.to as usize],
            entry: net.flow(c.flow as usize).to_flow(),
            origin: flow_origin[c.flow as usize],
            origins: c.origins.iter().map(|&a| original[a as usize]).collect(),
            chains: c.chains.len(),
            evidence: c.evidence,
        })
        .collect();
    let scored = found.chains;
    let chains = scored
        .into_iter()
        .map(|s| Record {
            actors: s
                .chain
                .actors
                .iter()
                .map(|&a| original[a as usize])
                .collect(),
            flows: s
                .chain
                .flows
                .iter()
                .map(|&f| net.flow(f as usize).to_flow())
                .collect(),
            evidence: s.evidence,
            bottleneck: s.bottleneck,
            origin: s
                .chain
                .flows
                .iter()
                .map(|&f| flow_origin[f as usize])
                .collect(),
        })
        .collect();
    ChainSet {
        chains,
        channels,
        truncated,
    }
}

/// Positions of the broken (in the before set), surviving and new (in the after set) chains,
/// each list in rank order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainDiff {
    /// Found before, not after: indices into the before side.
    pub broken: Vec<usize>,
    /// Found on both sides: indices into the after side.
    pub surviving: Vec<usize>,
    /// Found after only: indices into the after side.
    pub new: Vec<usize>,
}

/// Compares two sides' chains (see the module documentation).
pub fn diff(before: &ChainSet, after: &ChainSet) -> ChainDiff {
    let same = |r: &Record| (r.actors.clone(), r.origin.clone().unwrap_or_default());
    let like = |r: &Record| -> (Vec<usize>, Vec<(String, String, String)>) {
        let flows = r
            .flows
            .iter()
            .map(|f| (f.from.to_string(), f.to.to_string(), f.kind().to_string()))
            .collect();
        (r.actors.clone(), flows)
    };
    let b: Vec<_> = before.chains.iter().map(|r| (same(r), like(r))).collect();
    let a: Vec<_> = after
        .chains
        .iter()
        .map(|r| (r.origin.is_some().then(|| same(r)), like(r)))
        .collect();
    matching(&b, &a)
}

/// Compares two sides' channels as [`diff`] compares chains: a channel is its entry flow (the
/// original flow, or for an added flow its ends and kind), so `broken` are channels no chain
/// reaches any more, `new` channels newly reachable.
pub fn diff_channels(before: &ChainSet, after: &ChainSet) -> ChainDiff {
    let like = |c: &ChannelRecord| (c.from, c.to, c.entry.kind().to_string());
    let b: Vec<_> = before
        .channels
        .iter()
        .map(|c| ((c.from, c.to, c.origin), like(c)))
        .collect();
    let a: Vec<_> = after
        .channels
        .iter()
        .map(|c| (c.origin.map(|o| (c.from, c.to, Some(o))), like(c)))
        .collect();
    matching(&b, &a)
}

/// Matches chains: first an after-chain whose exact identity (`K1`) is a before-chain's, then the
/// rest by likeness (`K2`), each before-chain at most once, in order. Returns (before unmatched,
/// after matched, after unmatched), each ascending.
fn matching<K1: Hash + Eq, K2: Hash + Eq + Clone>(
    before: &[(K1, K2)],
    after: &[(Option<K1>, K2)],
) -> ChainDiff {
    let exact: HashMap<&K1, usize> = before.iter().enumerate().map(|(i, b)| (&b.0, i)).collect();
    let mut taken = vec![false; before.len()];
    let mut matched = vec![false; after.len()];
    for (j, (k1, _)) in after.iter().enumerate() {
        if let Some(&i) = k1.as_ref().and_then(|k| exact.get(k))
            && !taken[i]
        {
            taken[i] = true;
            matched[j] = true;
        }
    }
    let mut alike: HashMap<&K2, VecDeque<usize>> = HashMap::new();
    for (i, (_, k2)) in before.iter().enumerate() {
        if !taken[i] {
            alike.entry(k2).or_default().push_back(i);
        }
    }
    for (j, (_, k2)) in after.iter().enumerate() {
        if !matched[j]
            && let Some(i) = alike.get_mut(k2).and_then(VecDeque::pop_front)
        {
            taken[i] = true;
            matched[j] = true;
        }
    }
    ChainDiff {
        broken: (0..before.len()).filter(|&i| !taken[i]).collect(),
        surviving: (0..after.len()).filter(|&j| matched[j]).collect(),
        new: (0..after.len()).filter(|&j| !matched[j]).collect(),
    }
}

fn shown(net: &Network, r: &Record) -> ShownChain {
    ShownChain::new(
        net,
        r.actors.iter().copied(),
        &r.flows,
        r.evidence,
        r.bottleneck,
    )
}

/// The JSON section: broken and new chains in full (every flow with its sources, as `chains`
/// shows them), surviving chains compact (flows as `{"from", "to", "kind"}`), the counts of both
/// sides and whether either enumeration stopped at `--limit`.
pub fn json(net: &Network, settings: &ChainSettings, before: &ChainSet, after: &ChainSet) -> Value {
    let d = diff(before, after);
    let list = |set: &ChainSet, at: &[usize], evidence: bool| -> Vec<Value> {
        at.iter()
            .map(|&i| shown(net, &set.chains[i]).json(evidence))
            .collect()
    };
    json!({
        "pattern": settings.text,
        "max_hops": settings.max_hops,
        "before": before.chains.len(),
        "after": after.chains.len(),
        "broken": list(before, &d.broken, true),
        "surviving": list(after, &d.surviving, false),
        "new": list(after, &d.new, true),
        "truncated": {"before": before.truncated, "after": after.truncated},
    })
}

fn channel_line(net: &Network, c: &ChannelRecord) -> String {
    format!(
        "{} ─{}→ {}",
        net.actors[c.from].id,
        c.entry.kind(),
        net.actors[c.to].id
    )
}

fn ids(net: &Network, at: &[usize]) -> Vec<String> {
    at.iter().map(|&a| net.actors[a].id.to_string()).collect()
}

/// The JSON section on channels: counts of both sides; broken channels in full (entry flow with
/// its sources, origins, chains) with where their value can go instead (`displaced`: the origins
/// left, the channels they still feed, the capacity they keep); surviving channels compact (entry
/// `{"from", "to", "kind"}`); new channels in full.
pub fn channels_json(
    net: &Network,
    before: &ChainSet,
    after: &ChainSet,
    displaced: &[Displaced],
) -> Value {
    let d = diff_channels(before, after);
    let full = |c: &ChannelRecord| {
        json!({
            "entry": FlowEvidence::of(net, &c.entry).json(true),
            "origins": ids(net, &c.origins),
            "chains": c.chains,
        })
    };
    let broken: Vec<Value> = d
        .broken
        .iter()
        .map(|&k| {
            let mut o = full(&before.channels[k]);
            if let Some(x) = displaced.iter().find(|x| x.channel == k) {
                let reach: Vec<Value> = x
                    .reach
                    .iter()
                    .map(|&j| {
                        let c = &after.channels[j];
                        json!({"from": net.actors[c.from].id, "to": net.actors[c.to].id,
                               "kind": c.entry.kind()})
                    })
                    .collect();
                o["displaced"] = json!({
                    "origins": ids(net, &x.origins),
                    "reach": reach,
                    "capacity": report::json_number(Some(x.capacity)),
                });
            }
            o
        })
        .collect();
    let surviving: Vec<Value> = d
        .surviving
        .iter()
        .map(|&j| {
            let c = &after.channels[j];
            json!({
                "entry": {"from": c.entry.from, "to": c.entry.to, "kind": c.entry.kind()},
                "origins": ids(net, &c.origins),
                "chains": c.chains,
            })
        })
        .collect();
    let new: Vec<Value> = d.new.iter().map(|&j| full(&after.channels[j])).collect();
    json!({
        "before": before.channels.len(),
        "after": after.channels.len(),
        "broken": broken,
        "surviving": surviving,
        "new": new,
    })
}

/// The channel counts for the summary table: channels found, broken, surviving, new.
pub fn channel_counts(before: &ChainSet, after: &ChainSet) -> [usize; 4] {
    let d = diff_channels(before, after);
    [
        after.channels.len(),
        d.broken.len(),
        d.surviving.len(),
        d.new.len(),
    ]
}

/// Readable lines: the broken channels of one scenario, each with where its value can go
/// instead, and the newly reachable channels.
pub fn channel_lines(
    net: &Network,
    name: &str,
    (before, after): (&ChainSet, &ChainSet),
    displaced: &[Displaced],
) -> String {
    let d = diff_channels(before, after);
    let mut out = String::new();
    if d.broken.is_empty() {
        out.push_str(&format!("broken channels, {name}: none\n"));
    } else {
        out.push_str(&format!("broken channels, {name} ({}):\n", d.broken.len()));
    }
    for &k in &d.broken {
        let c = &before.channels[k];
        out.push_str(&format!(
            "  {:>8}  {}  (origins: {}; {} chain{})\n",
            report::rounded(c.evidence),
            channel_line(net, c),
            ids(net, &c.origins).join(", "),
            c.chains,
            if c.chains == 1 { "" } else { "s" }
        ));
        let Some(x) = displaced.iter().find(|x| x.channel == k) else {
            continue;
        };
        if x.origins.is_empty() {
            out.push_str("            its origins are all removed\n");
            continue;
        }
        let reach: Vec<String> = x
            .reach
            .iter()
            .map(|&j| channel_line(net, &after.channels[j]))
            .collect();
        let goes = if reach.is_empty() {
            "no other channel".to_string()
        } else {
            reach.join("; ")
        };
        out.push_str(&format!(
            "            instead: origins left ({}) still feed {goes}; capacity left {}\n",
            ids(net, &x.origins).join(", "),
            report::rounded(x.capacity)
        ));
    }
    if d.new.is_empty() {
        out.push_str(&format!("newly reachable channels, {name}: none\n"));
    } else {
        out.push_str(&format!(
            "newly reachable channels, {name} ({}):\n",
            d.new.len()
        ));
        for &j in &d.new {
            let c = &after.channels[j];
            out.push_str(&format!(
                "  {:>8}  {}  (origins: {})\n",
                report::rounded(c.evidence),
                channel_line(net, c),
                ids(net, &c.origins).join(", ")
            ));
        }
    }
    out
}

/// The counts for the summary table: chains found, broken, surviving, new.
pub fn counts(before: &ChainSet, after: &ChainSet) -> [usize; 4] {
    let d = diff(before, after);
    [
        after.chains.len(),
        d.broken.len(),
        d.surviving.len(),
        d.new.len(),
    ]
}

/// How many chains a side found (with `+` when the enumeration stopped at the limit).
pub fn found_text(set: &ChainSet) -> String {
    format!(
        "{}{}",
        set.chains.len(),
        if set.truncated { "+" } else { "" }
    )
}

/// Readable lines: the `top` broken and new chains of one scenario, by evidence.
pub fn table_lines(
    net: &Network,
    name: &str,
    before: &ChainSet,
    after: &ChainSet,
    top: usize,
) -> String {
    let d = diff(before, after);
    let mut out = String::new();
    for (what, set, at) in [("broken", before, &d.broken), ("new", after, &d.new)] {
        if at.is_empty() {
            out.push_str(&format!("{what} chains, {name}: none\n"));
            continue;
        }
        let more = if at.len() > top {
            format!(", the {top} with most evidence")
        } else {
            String::new()
        };
        out.push_str(&format!("{what} chains, {name} ({}{more}):\n", at.len()));
        for &i in at.iter().take(top) {
            let c = shown(net, &set.chains[i]);
            out.push_str(&format!(
                "  {:>8}  {}\n",
                report::rounded(c.evidence),
                c.line()
            ));
        }
    }
    if before.truncated || after.truncated {
        out.push_str("(an enumeration stopped at --limit: the lists may be incomplete)\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_identity_first_then_likeness_in_order() {
        // Before: chains 0 (k1 a, k2 x), 1 (b, x), 2 (c, y). After: 0 (none, x) — an added flow
        // alike x; 1 (b, x) — the very chain 1; 2 (none, z).
        let before = [("a", "x"), ("b", "x"), ("c", "y")];
        let after = [(None, "x"), (Some("b"), "x"), (None, "z")];
        let d = matching(&before, &after);
        // Chain 1 matches exactly; after 0 takes the first unmatched before alike x (chain 0).
        assert_eq!(d.surviving, [0, 1]);
        assert_eq!(d.broken, [2]);
        assert_eq!(d.new, [2]);
        // Two alike after-chains for one before-chain: one survives, one is new.
        let d = matching(&[("a", "x")], &[(None, "x"), (None, "x")]);
        assert_eq!((d.broken, d.surviving, d.new), (vec![], vec![0], vec![1]));
        let d = matching::<&str, &str>(&[], &[]);
        assert!(d.broken.is_empty() && d.surviving.is_empty() && d.new.is_empty());
    }
}
