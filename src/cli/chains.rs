//! `netgraph chains`: laundering chains — simple paths whose flow kinds match a pattern — ranked,
//! with the evidence behind every hop (docs/chains.md).

use super::hops;
use super::{FilterArgs, GraphArgs, OutputArgs};
use clap::Args;
use netgraph_core::algo::chains::RankBy;
use netgraph_core::queries::chains::{Chains, ChainsOptions, chains};
use netgraph_core::queries::evidence::ShownChain;
use netgraph_core::report::{self, Format};
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
    #[arg(long, value_parser = super::choice::choice::<RankBy>(), default_value = "evidence")]
    rank: RankBy,
    /// Stop the search as soon as L chains are found (and say so).
    #[arg(long, value_name = "L", default_value_t = 10_000)]
    limit: usize,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    resample: super::resample_args::ResampleArgs,
    /// Seed of the --resample draws [default: 0].
    #[arg(long, value_name = "S", requires = "resample")]
    seed: Option<u64>,
    /// Worker threads of --resample [default: all cores] (1 to 4 × the cores).
    #[arg(long, value_name = "N", value_parser = super::parse_threads, requires = "resample")]
    threads: Option<u16>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command.
pub fn run(args: &ChainsArgs) -> anyhow::Result<ExitCode> {
    let format = args.output.format()?;
    let top = match (args.all, args.top, format) {
        (true, _, _) | (false, None, Format::Json | Format::Csv) => None,
        (false, Some(n), _) => Some(n),
        (false, None, Format::Table) => Some(20),
    };
    let options = ChainsOptions {
        pattern: args.pattern.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        anywhere: args.anywhere,
        ignore_time: args.ignore_time,
        chains: args.chains,
        max_hops: args.max_hops,
        top,
        rank: args.rank,
        limit: args.limit,
        budget: args.budget.spec(),
        filter: args.filters.spec(),
    };
    options.check()?;
    let resample = args
        .resample
        .spec(args.seed.unwrap_or(0), args.budget.spec(), false)?;
    let net = args.graph.load()?;
    if let Some(spec) = &resample {
        let run = super::context(args.threads);
        let text = super::resample_args::chains(&net, &options, spec, &run, format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let result = chains(&net, &options, &super::context(None))?;
    let out = match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            super::note(&result.view_line);
            csv(&result)?
        }
        Format::Table => table(&result),
    };
    args.output.emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// One row per hop: of each channel's best chain, or (with --chains) of every chain, each row
/// led by the channel's number, its origins and chain count, and the chain's number.
fn csv(result: &Chains) -> anyhow::Result<String> {
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
    for (k, c) in result.channels.iter().enumerate() {
        for (j, s) in c.chains.iter().enumerate() {
            let lead = [
                (k + 1).to_string(),
                c.origins.join(" "),
                c.chain_count.to_string(),
                (j + 1).to_string(),
            ];
            hops::csv_hop_rows(&mut w, &lead, s.evidence, s.bottleneck, &s.flows, true)?;
        }
    }
    hops::csv_text(w)
}

fn table(result: &Chains) -> String {
    let mut out = format!("{}\n\n", result.view_line);
    for (k, c) in result.channels.iter().enumerate() {
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        out.push_str(&format!(
            "channel {}: evidence {}, {}, {}\n  entry: {} ─{}→ {}\n  origins: {}\n",
            k + 1,
            report::rounded(c.evidence),
            plural(c.origins.len(), "origin"),
            plural(c.chain_count, "chain"),
            c.from,
            c.entry.kind,
            c.to,
            c.origins.join(", "),
        ));
        for (j, s) in c.chains.iter().enumerate() {
            let title = if result.listed {
                format!("chain {}.{}", k + 1, j + 1)
            } else {
                "best chain".to_string()
            };
            chain_block(&mut out, s, &title);
        }
        out.push('\n');
    }
    let more = if result.truncated {
        " (the search stopped at --limit: more may exist)"
    } else {
        ""
    };
    out.push_str(&format!(
        "{} of {} channels shown, fed by {} chains{more}\n{}\n",
        result.channels.len(),
        result.channels_found,
        result.chains_found,
        result.query
    ));
    out
}

/// A chain in a table: its title, evidence, hops and bottleneck, the line of actors and kinds,
/// its conversions and every hop with its sources.
fn chain_block(out: &mut String, chain: &ShownChain, title: &str) {
    let hops_n = chain.flows.len();
    out.push_str(&format!(
        "  {title}: evidence {}, {hops_n} hop{}, bottleneck {}\n    {}\n",
        report::rounded(chain.evidence),
        if hops_n == 1 { "" } else { "s" },
        chain.bottleneck.map_or("-".to_string(), report::rounded),
        chain.line(),
    ));
    for c in &chain.conversions {
        out.push_str(&format!(
            "    conversion at {}: {} → {}\n",
            c.at, c.from, c.to
        ));
    }
    let mut hop_text = String::new();
    for (h, flow) in chain.flows.iter().enumerate() {
        hops::hop_lines(&mut hop_text, h + 1, flow);
    }
    for line in hop_text.lines() {
        out.push_str(&format!("  {line}\n"));
    }
}
