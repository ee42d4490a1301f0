//! `netgraph chains`: laundering chains — simple paths whose flow kinds match a pattern — ranked,
//! with the evidence behind every hop (DESIGN §4).

use super::hops::{self, flow_json};
use super::{FilterArgs, GraphArgs, OutputArgs};
use clap::{Args, ValueEnum};
use netgraph_core::algo::chains::{RankBy, Scored};
use netgraph_core::algo::channels::Channel;
use netgraph_core::model::Network;
use netgraph_core::queries::chain_search::{self, Outcome, Request};
use netgraph_core::queries::hops::Shown;
use netgraph_core::report::{self, Format};
use netgraph_core::view::View;
use serde_json::{Value, json};
use std::process::ExitCode;

/// Options of `netgraph chains`.
#[derive(Debug, Args)]
pub struct ChainsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    #[command(flatten)]
    budget: super::budget_args::BudgetArgs,
    /// Flow-kind pattern the whole chain must match, e.g. "@illicit @money+ @asset". The default
    /// start (a criminal actor) and end (the first entry into the legal economy) rules still apply
    /// unless --from, --to or --anywhere say otherwise [default: the laundering query, which
    /// follows value flows only: commodities, money, assets]
    #[arg(long, short = 'p', value_name = "P")]
    pattern: Option<String>,
    /// Only chains starting at these actors: ids, actor kinds or @class, comma-separated
    /// [default: criminal actors].
    #[arg(long, value_name = "A[,…]", value_delimiter = ',')]
    from: Vec<String>,
    /// Only chains ending at these actors (a chain ends at the first it reaches): ids, actor kinds
    /// or @class, comma-separated [default: the first entry into the legal economy].
    #[arg(long, value_name = "B[,…]", value_delimiter = ',')]
    to: Vec<String>,
    /// Drop the default start and end rules: chains start and end at any actor.
    #[arg(long)]
    anywhere: bool,
    /// Let chains run backwards in time (ignore the flows' dates).
    #[arg(long)]
    ignore_time: bool,
    /// List the chains themselves, grouped under their channel.
    #[arg(long)]
    chains: bool,
    /// The most flows in a chain.
    #[arg(long, value_name = "H", default_value_t = 6)]
    max_hops: usize,
    /// Show the N best channels [default: 20 in a table, all in JSON and CSV].
    #[arg(long, value_name = "N", conflicts_with = "all")]
    top: Option<usize>,
    /// Show every channel found.
    #[arg(long)]
    all: bool,
    /// How chains are ranked (and so which is each channel's best chain).
    #[arg(long, value_enum, default_value_t = Rank::Evidence)]
    rank: Rank,
    /// Stop the search as soon as L chains are found (and say so).
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
    let mut request = Request::new(args.pattern.clone(), args.max_hops, args.limit);
    request.anywhere = args.anywhere;
    request.ignore_time = args.ignore_time;
    request.rank = match args.rank {
        Rank::Evidence => RankBy::Evidence,
        Rank::Volume => RankBy::Volume,
        Rank::Hops => RankBy::Hops,
    };
    let format = args.output.format()?;
    let pattern = chain_search::parse(&request, "--pattern")?;
    let net = args.graph.load()?;
    if !request.is_default() {
        chain_search::check_names(&net, &pattern, "--pattern")?;
    }
    request.from = chain_search::actors(&net, &args.from, "--from", &super::context(None))?;
    request.to = chain_search::actors(&net, &args.to, "--to", &super::context(None))?;
    let view = args.filters.view(&net, false)?;
    // The clock starts with the search, not with loading the network.
    request.budget = Some(std::sync::Arc::new(args.budget.budget()));
    let outcome = chain_search::search(&view, &pattern, &request, &super::context(None));
    if outcome.chains.is_empty() {
        super::note(&format!("no chain found: {}", request.describe()));
    }
    let total = outcome.channels.len();
    let top = match (args.all, args.top, format) {
        (true, _, _) | (false, None, Format::Json | Format::Csv) => total,
        (false, Some(n), _) => n,
        (false, None, Format::Table) => 20,
    };
    let shown = Listing {
        net: &net,
        view: &view,
        outcome: &outcome,
        channels: &outcome.channels[..top.min(total)],
        chains: args.chains,
        query: request.describe(),
    };
    let out = match format {
        Format::Json => shown.json(),
        Format::Csv => {
            super::note_view(&view);
            shown.csv()?
        }
        Format::Table => shown.table(),
    };
    args.output.emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The channels shown (the best `--top`), with or without their chains.
struct Listing<'a> {
    net: &'a Network,
    view: &'a View<'a>,
    outcome: &'a Outcome,
    channels: &'a [Channel],
    chains: bool,
    query: String,
}

impl Listing<'_> {
    fn ids(&self, actors: &[u32]) -> Vec<&str> {
        actors
            .iter()
            .map(|&a| self.net.actors[a as usize].id.as_str())
            .collect()
    }

    /// `{"query", "channels": [{"entry", "origins", "chains", "best"}], "chains" (with --chains),
    /// "truncated"}`; each listed chain carries the number of its channel.
    fn json(&self) -> String {
        let net = self.net;
        let chains = &self.outcome.chains;
        let channels: Vec<Value> = self
            .channels
            .iter()
            .map(|c| {
                json!({
                    "entry": flow_json(net, &net.flow(c.flow as usize).to_flow(), true),
                    "origins": self.ids(&c.origins),
                    "chains": c.chains.len(),
                    "best": Shown::of(net, &chains[c.best()]).json(net, true),
                })
            })
            .collect();
        let mut out = json!({
            "view": self.view.json(),
            "query": self.query,
            "channels": channels,
            "truncated": self.outcome.truncated,
        });
        if self.chains {
            let mut list = Vec::new();
            for (k, c) in self.channels.iter().enumerate() {
                for &i in &c.chains {
                    let mut one = Shown::of(net, &chains[i]).json(net, true);
                    one["channel"] = json!(k + 1);
                    list.push(one);
                }
            }
            out["chains"] = Value::Array(list);
        }
        report::json_text(&out)
    }

    /// One row per hop: of each channel's best chain, or (with --chains) of every chain, each row
    /// led by the channel's number, its origins and chain count, and the chain's number.
    fn csv(&self) -> anyhow::Result<String> {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record([
            "channel",
            "origins",
            "chains",
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
        for (k, c) in self.channels.iter().enumerate() {
            let listed = if self.chains {
                &c.chains[..]
            } else {
                &c.chains[..1]
            };
            for (j, &i) in listed.iter().enumerate() {
                let s = &self.outcome.chains[i];
                let lead = [
                    (k + 1).to_string(),
                    self.ids(&c.origins).join(" "),
                    c.chains.len().to_string(),
                    (j + 1).to_string(),
                ];
                let flows = s.chain.flows.iter().map(|&f| self.net.flow(f as usize));
                hops::csv_hop_rows(
                    self.net,
                    &mut w,
                    &lead,
                    s.evidence,
                    s.bottleneck,
                    flows,
                    true,
                )?;
            }
        }
        hops::csv_text(w)
    }

    fn table(&self) -> String {
        let net = self.net;
        let mut out = format!("{}\n\n", self.view.describe());
        for (k, c) in self.channels.iter().enumerate() {
            let entry = net.flow(c.flow as usize);
            let plural =
                |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
            out.push_str(&format!(
                "channel {}: evidence {}, {}, {}\n  entry: {} ─{}→ {}\n  origins: {}\n",
                k + 1,
                report::rounded(c.evidence),
                plural(c.origins.len(), "origin"),
                plural(c.chains.len(), "chain"),
                net.actors[c.from as usize].id,
                entry.kind(),
                net.actors[c.to as usize].id,
                self.ids(&c.origins).join(", "),
            ));
            let listed = if self.chains {
                &c.chains[..]
            } else {
                &c.chains[..1]
            };
            for (j, &i) in listed.iter().enumerate() {
                let title = if self.chains {
                    format!("chain {}.{}", k + 1, j + 1)
                } else {
                    "best chain".to_string()
                };
                chain_block(&mut out, net, &self.outcome.chains[i], &title);
            }
            out.push('\n');
        }
        let more = if self.outcome.truncated {
            " (the search stopped at --limit: more may exist)"
        } else {
            ""
        };
        out.push_str(&format!(
            "{} of {} channels shown, fed by {} chains{more}\n{}\n",
            self.channels.len(),
            self.outcome.channels.len(),
            self.outcome.chains.len(),
            self.query
        ));
        out
    }
}

/// A chain in a table: its title, evidence, hops and bottleneck, the line of actors and kinds,
/// its conversions and every hop with its sources.
fn chain_block(out: &mut String, net: &Network, s: &Scored, title: &str) {
    let chain = Shown::of(net, s);
    let hops_n = s.chain.flows.len();
    out.push_str(&format!(
        "  {title}: evidence {}, {hops_n} hop{}, bottleneck {}\n    {}\n",
        report::rounded(s.evidence),
        if hops_n == 1 { "" } else { "s" },
        s.bottleneck.map_or("-".to_string(), report::rounded),
        chain.line(),
    ));
    for (at, from, to) in chain.conversions(net) {
        out.push_str(&format!("    conversion at {at}: {from} → {to}\n"));
    }
    let mut hop_text = String::new();
    for (h, &f) in s.chain.flows.iter().enumerate() {
        hops::hop_lines(net, &mut hop_text, h + 1, &net.flow(f as usize).to_flow());
    }
    for line in hop_text.lines() {
        out.push_str(&format!("  {line}\n"));
    }
}
