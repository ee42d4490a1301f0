//! `netgraph chains`: laundering chains — simple paths whose flow kinds match a pattern — ranked,
//! with the evidence behind every hop (DESIGN §4).

use super::chain_search::{self, Outcome, Request};
use super::hops::{self, flow_json};
use super::{FilterArgs, GraphArgs, OutputArgs};
use crate::algo::chains::{RankBy, Scored};
use crate::model::{Flow, Network};
use crate::report::{self, Format};
use crate::view::View;
use clap::{Args, ValueEnum};
use serde_json::{Value, json};
use std::borrow::Cow;
use std::process::ExitCode;

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
    let mut request = Request {
        pattern: args.pattern.clone(),
        from: None,
        to: None,
        max_hops: args.max_hops,
        limit: args.limit,
        limit_option: "--limit",
        rank: match args.rank {
            Rank::Evidence => RankBy::Evidence,
            Rank::Volume => RankBy::Volume,
            Rank::Hops => RankBy::Hops,
        },
        warn_unmatched: true,
        note_limit: true,
    };
    let format = args.output.format()?;
    let pattern = chain_search::parse(&request, "--pattern")?;
    let net = args.graph.load()?;
    let mut ids: Vec<String> = Vec::new();
    ids.extend(args.from.iter().cloned());
    ids.extend(args.to.iter().cloned());
    super::actors(&net, &ids)?;
    request.from = args.from.as_deref().and_then(|a| net.position(a));
    request.to = args.to.as_deref().and_then(|a| net.position(a));
    let view = args.filters.view(&net, false)?;
    let Outcome {
        chains: scored,
        truncated,
    } = chain_search::search(&view, &pattern, &request);
    let top = match (args.all, args.top, format) {
        (true, _, _) | (false, None, Format::Json | Format::Csv) => scored.len(),
        (false, Some(n), _) => n,
        (false, None, Format::Table) => 20,
    };
    let shown = &scored[..top.min(scored.len())];
    let out = match format {
        Format::Json => json_out(&view, shown, truncated),
        Format::Csv => {
            super::note_view(&view);
            csv_out(&net, shown)?
        }
        Format::Table => format!(
            "{}\n\n{}",
            view.describe(),
            table(&net, shown, scored.len(), truncated)
        ),
    };
    args.output.emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A chain as reported: the actors' ids, the flows followed, the evidence and the bottleneck.
pub(super) struct Shown<'a> {
    pub actors: Vec<&'a str>,
    pub flows: Vec<Cow<'a, Flow>>,
    pub evidence: f64,
    pub bottleneck: Option<f64>,
}

impl<'a> Shown<'a> {
    /// A chain found in `net`.
    pub fn of(net: &'a Network, s: &Scored) -> Shown<'a> {
        Shown {
            actors: s
                .chain
                .actors
                .iter()
                .map(|&a| net.actors[a as usize].id.as_str())
                .collect(),
            flows: s
                .chain
                .flows
                .iter()
                .map(|&f| Cow::Owned(net.flow(f as usize).to_flow()))
                .collect(),
            evidence: s.evidence,
            bottleneck: s.bottleneck,
        }
    }

    /// Where the flow class changes: (actor between the two flows, class before, class after).
    /// `net` gives the classes of kinds.
    fn conversions<'n>(&self, net: &'n Network) -> Vec<(&'a str, &'n str, &'n str)> {
        (1..self.flows.len())
            .filter_map(|i| {
                let before = net.kind_class(self.flows[i - 1].kind());
                let after = net.kind_class(self.flows[i].kind());
                (before != after).then_some((self.actors[i], before, after))
            })
            .collect()
    }

    /// The chain as `chains` JSON shows it; with `evidence` false, each flow is only
    /// `{"from", "to", "kind"}` (no volume, confidence or sources).
    pub fn json(&self, net: &Network, evidence: bool) -> Value {
        let conv: Vec<Value> = self
            .conversions(net)
            .into_iter()
            .map(|(at, from, to)| json!({"at": at, "from": from, "to": to}))
            .collect();
        let flows: Vec<Value> = self
            .flows
            .iter()
            .map(|f| match evidence {
                true => flow_json(net, f, true),
                false => json!({"from": f.from, "to": f.to, "kind": f.kind()}),
            })
            .collect();
        json!({
            "actors": self.actors,
            "kinds": self.flows.iter().map(|f| f.kind()).collect::<Vec<_>>(),
            "hops": self.flows.len(),
            "confidence": report::json_number(Some(self.evidence)),
            "bottleneck": report::json_number(self.bottleneck),
            "conversions": conv,
            "flows": flows,
        })
    }

    /// `a ─kind→ b ─kind→ c`.
    pub fn line(&self) -> String {
        let mut line = self.actors.first().copied().unwrap_or("").to_string();
        for (f, to) in self.flows.iter().zip(&self.actors[1..]) {
            line.push_str(&format!(" ─{}→ {to}", f.kind()));
        }
        line
    }
}

fn json_out(view: &View, shown: &[Scored], truncated: bool) -> String {
    let net = view.network();
    let list: Vec<Value> = shown
        .iter()
        .map(|s| Shown::of(net, s).json(net, true))
        .collect();
    report::json_text(&json!({"view": view.json(), "chains": list, "truncated": truncated}))
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
        let flows = s.chain.flows.iter().map(|&f| net.flow(f as usize));
        hops::csv_hop_rows(net, &mut w, i + 1, s.evidence, s.bottleneck, flows, true)?;
    }
    hops::csv_text(w)
}

fn table(net: &Network, shown: &[Scored], total: usize, truncated: bool) -> String {
    let mut out = String::new();
    for (i, s) in shown.iter().enumerate() {
        let c = &s.chain;
        let chain = Shown::of(net, s);
        let line = chain.line();
        let bottleneck = s.bottleneck.map_or("-".to_string(), report::rounded);
        out.push_str(&format!(
            "chain {}: evidence {}, {} hop{}, bottleneck {bottleneck}\n  {line}\n",
            i + 1,
            report::rounded(s.evidence),
            c.flows.len(),
            if c.flows.len() == 1 { "" } else { "s" },
        ));
        for (at, from, to) in chain.conversions(net) {
            out.push_str(&format!("  conversion at {at}: {from} → {to}\n"));
        }
        for (h, &f) in c.flows.iter().enumerate() {
            hops::hop_lines(net, &mut out, h + 1, &net.flow(f as usize).to_flow());
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
