//! `netgraph chains`: laundering chains — simple paths whose flow kinds match a pattern — ranked,
//! with the evidence behind every hop (DESIGN §4).

use super::hops::{self, flow_json};
use super::{FilterArgs, GraphArgs, OutputArgs, UsageError};
use crate::algo::chains::{self, ChainQuery, LastHop, RankBy, Scored};
use crate::flows::{FlowFacts, FlowGraph, KindTable};
use crate::model::Network;
use crate::pattern::Pattern;
use crate::report::{self, Format};
use crate::view::View;
use clap::{Args, ValueEnum};
use serde_json::{Value, json};
use std::process::ExitCode;

/// The default query's pattern: an illicit good or money first, then anything.
pub const DEFAULT_PATTERN: &str = "(@illicit|@money) .*";

/// Options of `netgraph chains`.
#[derive(Debug, Args)]
pub struct ChainsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Flow-kind pattern the whole chain must match, e.g. "@illicit @money+ @asset" [default: the
    /// laundering query: from a criminal actor with an @illicit or @money flow to a legal actor or
    /// an @asset flow]
    #[arg(long, short = 'p', value_name = "P")]
    pattern: Option<String>,
    /// Only chains starting at this actor.
    #[arg(long, value_name = "A")]
    from: Option<String>,
    /// Only chains ending at this actor.
    #[arg(long, value_name = "B")]
    to: Option<String>,
    /// The most flows in a chain.
    #[arg(long, value_name = "H", default_value_t = 6)]
    max_hops: usize,
    /// Show the N best chains [default: 20 in a table, all in JSON and CSV].
    #[arg(long, value_name = "N", conflicts_with = "all")]
    top: Option<usize>,
    /// Show every chain found.
    #[arg(long)]
    all: bool,
    /// How chains are ranked.
    #[arg(long, value_enum, default_value_t = Rank::Evidence)]
    rank: Rank,
    /// Stop the enumeration after L chains (and say so).
    #[arg(long, value_name = "L", default_value_t = 10_000)]
    limit: usize,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// `--rank`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Rank {
    /// Product of the confidences, highest first.
    Evidence,
    /// Bottleneck volume, highest first (chains without one last).
    Volume,
    /// Fewest hops first.
    Hops,
}

/// Runs the command.
pub fn run(args: &ChainsArgs) -> anyhow::Result<ExitCode> {
    let text = args.pattern.as_deref().unwrap_or(DEFAULT_PATTERN);
    let pattern =
        Pattern::parse(text).map_err(|e| UsageError(format!("--pattern \"{text}\": {e}")))?;
    let net = args.graph.load()?;
    let mut ids: Vec<String> = Vec::new();
    ids.extend(args.from.iter().cloned());
    ids.extend(args.to.iter().cloned());
    super::actors(&net, &ids)?;
    let view = View::new(&net, &args.filters.filters());
    let g = FlowGraph::of_view(&view);
    let mut automaton = pattern.automaton(g.kinds());
    for term in automaton.unmatched_terms() {
        super::warn(&format!(
            "pattern term \"{term}\" matches no flow kind in this view"
        ));
    }
    let default = args.pattern.is_none();
    let class_of = |i: usize| net.actor_class(&net.actors[i]);
    let query = ChainQuery {
        from: args.from.as_deref().and_then(|a| net.position(a)),
        to: args.to.as_deref().and_then(|a| net.position(a)),
        starts: default.then(|| {
            (0..net.actor_count())
                .map(|i| class_of(i) == "criminal")
                .collect()
        }),
        last: default.then(|| LastHop {
            kinds: g.kinds().classes.iter().map(|c| c == "asset").collect(),
            actors: (0..net.actor_count())
                .map(|i| class_of(i) == "legal")
                .collect(),
        }),
        max_hops: args.max_hops,
        limit: args.limit,
    };
    let found = chains::find(&g, &mut automaton, &query);
    if found.truncated {
        super::note(&format!(
            "stopped after {} chains (--limit); raise --limit or narrow the query for the rest",
            args.limit
        ));
    }
    let facts = FlowFacts::of(&net);
    let mut scored: Vec<Scored> = found
        .chains
        .into_iter()
        .map(|c| chains::score(c, &facts))
        .collect();
    let by = match args.rank {
        Rank::Evidence => RankBy::Evidence,
        Rank::Volume => RankBy::Volume,
        Rank::Hops => RankBy::Hops,
    };
    chains::rank(&mut scored, by, g.rank());
    let format = args.output.format();
    let top = match (args.all, args.top, format) {
        (true, _, _) | (false, None, Format::Json | Format::Csv) => scored.len(),
        (false, Some(n), _) => n,
        (false, None, Format::Table) => 20,
    };
    let shown = &scored[..top.min(scored.len())];
    let out = match format {
        Format::Json => json_out(&net, g.kinds(), shown, found.truncated),
        Format::Csv => csv_out(&net, shown)?,
        Format::Table => table(&net, g.kinds(), shown, scored.len(), found.truncated),
    };
    args.output.emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Where a chain's flow class changes: (actor between the two flows, class before, class after).
fn conversions<'k>(
    net: &Network,
    kinds: &'k KindTable,
    s: &Scored,
) -> Vec<(String, &'k str, &'k str)> {
    let c = &s.chain;
    (1..c.kinds.len())
        .filter_map(|i| {
            let before = kinds.classes[c.kinds[i - 1] as usize].as_str();
            let after = kinds.classes[c.kinds[i] as usize].as_str();
            (before != after).then(|| (net.actors[c.actors[i] as usize].id.clone(), before, after))
        })
        .collect()
}

fn json_out(net: &Network, kinds: &KindTable, shown: &[Scored], truncated: bool) -> String {
    let list: Vec<Value> = shown
        .iter()
        .map(|s| {
            let c = &s.chain;
            let conv: Vec<Value> = conversions(net, kinds, s)
                .into_iter()
                .map(|(at, from, to)| json!({"at": at, "from": from, "to": to}))
                .collect();
            json!({
                "actors": c.actors.iter().map(|&a| &net.actors[a as usize].id).collect::<Vec<_>>(),
                "kinds": c.kinds.iter().map(|&k| &kinds.names[k as usize]).collect::<Vec<_>>(),
                "hops": c.flows.len(),
                "confidence": hops::json_num(Some(s.evidence)),
                "bottleneck": hops::json_num(s.bottleneck),
                "conversions": conv,
                "flows": c.flows.iter().map(|&f| flow_json(&net.flows[f as usize], true)).collect::<Vec<_>>(),
            })
        })
        .collect();
    report::json_text(&json!({"chains": list, "truncated": truncated}))
}

fn csv_out(net: &Network, shown: &[Scored]) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "chain",
        "confidence",
        "bottleneck",
        "hop",
        "from",
        "to",
        "kind",
        "volume",
        "unit",
        "flow_confidence",
        "sources",
    ])?;
    for (i, s) in shown.iter().enumerate() {
        for (h, &f) in s.chain.flows.iter().enumerate() {
            let flow = &net.flows[f as usize];
            w.write_record([
                (i + 1).to_string(),
                report::number(s.evidence),
                s.bottleneck.map(report::number).unwrap_or_default(),
                (h + 1).to_string(),
                flow.from.clone(),
                flow.to.clone(),
                flow.kind().to_string(),
                flow.volume.map(report::number).unwrap_or_default(),
                flow.unit.clone().unwrap_or_default(),
                report::number(flow.confidence()),
                hops::sources_cell(flow),
            ])?;
        }
    }
    hops::csv_text(w)
}

fn table(
    net: &Network,
    kinds: &KindTable,
    shown: &[Scored],
    total: usize,
    truncated: bool,
) -> String {
    let mut out = String::new();
    for (i, s) in shown.iter().enumerate() {
        let c = &s.chain;
        let mut line = net.actors[c.actors[0] as usize].id.clone();
        for (h, &k) in c.kinds.iter().enumerate() {
            line.push_str(&format!(
                " ─{}→ {}",
                kinds.names[k as usize],
                net.actors[c.actors[h + 1] as usize].id
            ));
        }
        let bottleneck = s.bottleneck.map_or("-".to_string(), report::rounded);
        out.push_str(&format!(
            "chain {}: evidence {}, {} hop{}, bottleneck {bottleneck}\n  {line}\n",
            i + 1,
            report::rounded(s.evidence),
            c.flows.len(),
            if c.flows.len() == 1 { "" } else { "s" },
        ));
        for (at, from, to) in conversions(net, kinds, s) {
            out.push_str(&format!("  conversion at {at}: {from} → {to}\n"));
        }
        for (h, &f) in c.flows.iter().enumerate() {
            hops::hop_lines(&mut out, h + 1, &net.flows[f as usize]);
        }
        out.push('\n');
    }
    let more = if truncated {
        " (enumeration stopped at --limit)"
    } else {
        ""
    };
    out.push_str(&format!("{} of {total} chains shown{more}\n", shown.len()));
    out
}
