//! `netgraph centrality`: scores per actor, ranked.

use super::{FilterArgs, GraphArgs, OutputArgs, WeightArgs};
use clap::Args;
use netgraph_core::algo::betweenness::SourceBlock;
use netgraph_core::queries::centrality::{Centrality, CentralityOptions, ChainOptions, centrality};
use netgraph_core::queries::partial;
use netgraph_core::report::{self, Format, Table};
use std::process::ExitCode;

/// Options of `netgraph centrality`.
#[derive(Debug, Args)]
pub struct CentralityArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Measures to compute, comma-separated, or `all`; rows are ranked by the first.
    #[arg(
        long,
        short = 'm',
        value_name = "M[,M…]|all",
        value_delimiter = ',',
        default_value = "degree,betweenness"
    )]
    measure: Vec<String>,
    /// Show only the N highest-ranked actors (1 up).
    #[arg(long, value_name = "N", value_parser = super::parse_count)]
    top: Option<usize>,
    /// Unnormalised degree and betweenness.
    #[arg(long)]
    raw: bool,
    /// PageRank damping factor.
    #[arg(long, value_name = "ALPHA", default_value_t = 0.85, value_parser = parse_open_unit)]
    damping: f64,
    /// Katz attenuation factor α (must be below 1/λmax).
    #[arg(long, value_name = "ALPHA", default_value_t = 0.1, value_parser = parse_positive)]
    katz_alpha: f64,
    /// Convergence tolerance of the iterative measures (L1 change below n × TOL).
    #[arg(long, value_name = "TOL", default_value_t = 1e-10, value_parser = parse_positive)]
    tol: f64,
    /// Iteration cap of the iterative measures (1 to 1000000).
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = parse_max_iter)]
    max_iter: usize,
    /// Approximate betweenness: error at most E on the normalised scale (KADABRA adaptive sampling).
    #[arg(long, value_name = "E", value_parser = parse_open_unit)]
    epsilon: Option<f64>,
    /// Probability that the --epsilon bound fails.
    #[arg(long, value_name = "D", default_value_t = 0.1, value_parser = parse_open_unit, requires = "epsilon")]
    delta: f64,
    /// Seed of the --epsilon sampler and of the --resample draws [default: 0].
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// Exact betweenness over block I of N of the source actors (those at positions p with
    /// p mod N = I − 1), written as JSON for `netgraph merge`; with `--measure betweenness --raw`.
    #[arg(long, value_name = "I/N", value_parser = partial::parse_block, conflicts_with_all = ["epsilon", "top", "by", "resample"])]
    sources: Option<SourceBlock>,
    /// Worker threads for the parallel kernels [default: all cores] (1 to 4 × the cores).
    #[arg(long, value_name = "N", value_parser = super::parse_threads)]
    threads: Option<u16>,
    #[command(flatten)]
    chains: ChainArgs,
    #[command(flatten)]
    structure: super::structure_args::StructureArgs,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    /// Count only the actors with at least one kept flow: measures are normalised over the active
    /// network, and the others are not listed.
    #[arg(long)]
    active: bool,
    #[command(flatten)]
    periods: super::period_args::PeriodArgs,
    /// With --by: one row per period with these actors' ranks and scores.
    #[arg(long, value_name = "ID[,ID…]", value_delimiter = ',', requires = "by")]
    track: Vec<String>,
    #[command(flatten)]
    resample: super::resample_args::ResampleArgs,
    /// With --resample: the share of draws in which each actor ranks in the top K [default: 10];
    /// with --epsilon: KADABRA's top-k variant, the K most central actors, each with its rank
    /// certified or its interval reported (1 up)
    #[arg(long, value_name = "K", value_parser = super::parse_count)]
    top_k: Option<usize>,
    #[command(flatten)]
    output: OutputArgs,
}

/// The chain search of `--measure chain_betweenness` (the options of `netgraph chains`).
#[derive(Debug, Args)]
struct ChainArgs {
    /// chain_betweenness: the flow-kind pattern chains must match [default: the laundering query]
    #[arg(long, short = 'p', value_name = "P")]
    pattern: Option<String>,
    /// chain_betweenness: the most flows in a chain [default: 6]
    #[arg(long, value_name = "H")]
    max_hops: Option<usize>,
    /// chain_betweenness: stop the search after L chains [default: 10000]
    #[arg(long, value_name = "L")]
    limit: Option<usize>,
    /// chain_betweenness: let chains run backwards in time.
    #[arg(long)]
    ignore_time: bool,
    #[command(flatten)]
    budget: super::budget_args::BudgetArgs,
}

impl ChainArgs {
    /// The chain search as the core takes it.
    fn spec(&self) -> ChainOptions {
        ChainOptions {
            pattern: self.pattern.clone(),
            max_hops: self.max_hops,
            limit: self.limit,
            ignore_time: self.ignore_time,
            budget: self.budget.spec(),
        }
    }
}

fn parse_open_unit(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x < 1.0 => Ok(x),
        _ => Err(format!(
            "\"{text}\" is not a number strictly between 0 and 1"
        )),
    }
}

fn parse_positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(x),
        _ => Err(format!("\"{text}\" is not a positive number")),
    }
}

/// Runs the command.
pub fn run(args: &CentralityArgs) -> anyhow::Result<ExitCode> {
    // Only the trajectories of tracked actors and resampled intervals are drawn; otherwise .svg
    // is refused as before.
    let (format, chart) = match args.track.is_empty() && args.resample.resample.is_none() {
        true => (args.output.format()?, None),
        false => args.output.format_or_chart()?,
    };
    let net = args.graph.load()?;
    let mut options = CentralityOptions {
        measures: args.measure.clone(),
        top: args.top,
        raw: args.raw,
        damping: args.damping,
        katz_alpha: args.katz_alpha,
        tol: args.tol,
        max_iter: args.max_iter,
        epsilon: args.epsilon,
        delta: args.delta,
        seed: args.seed.unwrap_or(0),
        chains: args.chains.spec(),
        weights: args.weights.spec(),
        filter: args.filters.spec(),
        active: args.active,
        ..CentralityOptions::default()
    };
    args.structure.fill(&mut options);
    let resample = args.resample.spec(
        args.seed.unwrap_or(0),
        args.chains.budget.spec(),
        args.periods.by.is_some(),
    )?;
    if args.seed.is_some() && args.epsilon.is_none() && resample.is_none() {
        return Err(netgraph_core::Error::usage("--seed needs --epsilon or --resample").into());
    }
    if args.top_k.is_some() && resample.is_none() {
        // With --epsilon: KADABRA's top-k variant (the K most central, ranks certified or
        // intervals given), checked by the core.
        if args.epsilon.is_none() {
            return Err(
                netgraph_core::Error::usage("--top-k needs --epsilon or --resample").into(),
            );
        }
        if args.periods.by.is_some() {
            return Err(netgraph_core::Error::usage(
                "--top-k with --epsilon lists one network's top K; drop --by",
            )
            .into());
        }
        options.top_k = args.top_k;
    }
    if let Some(spec) = &resample {
        // --budget counts draws; a chain search keeps --timeout.
        let chains = args
            .measure
            .iter()
            .any(|m| m == "chain_betweenness" || m == "chain-betweenness");
        options.chains.budget = netgraph_core::budget::BudgetSpec {
            expansions: None,
            timeout: args.chains.budget.timeout.filter(|_| chains),
        };
        let run = super::context(args.threads);
        let top_k = args
            .top_k
            .unwrap_or(netgraph_core::queries::resample::centrality::DEFAULT_TOP_K);
        if let Some(kind) = chart {
            let result = netgraph_core::queries::resample::centrality::resample_centrality(
                &net, &options, spec, top_k, &run,
            )?;
            super::note(&result.full.view_line);
            super::note(&result.draws.describe());
            args.output
                .emit_chart(&super::charts::intervals(&result, args.top, kind)?)?;
            return Ok(ExitCode::SUCCESS);
        }
        let text = super::resample_args::centrality(&net, &options, spec, top_k, &run, format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(block) = args.sources {
        return super::merge::block(&net, &options, block, args.threads, &args.output);
    }
    if let Some(kind) = chart {
        let by = args.periods.by.as_deref();
        let run = super::context(args.threads);
        let bytes = super::charts::trajectories(&net, &options, by, &args.track, &run, kind)?;
        args.output.emit_chart(&bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(by) = &args.periods.by {
        let run = super::context(args.threads);
        let text = super::period_args::centrality(&net, &options, by, &args.track, &run, format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let result = centrality(&net, &options, &super::context(args.threads))?;
    let text = match format {
        Format::Table => table(&result),
        Format::Csv => {
            super::note(&result.view_line);
            csv(&result)?
        }
        Format::Json => report::json_text(&result.to_json()),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn table(result: &Centrality) -> String {
    let mut header = vec!["rank", "actor", "name", "kind"];
    header.extend(result.measures.iter().map(String::as_str));
    let marked = result.actors.iter().any(|a| !a.active);
    let intervals = result.actors.iter().any(|a| a.interval.is_some());
    if intervals {
        header.extend(["low", "high", "certified"]);
    }
    if marked {
        header.push("note");
    }
    let mut right = vec![true, false, false, false];
    right.extend(result.measures.iter().map(|_| true));
    if intervals {
        right.extend([true, true, false]);
    }
    let mut t = Table::new(&header, &right);
    for a in &result.actors {
        let mut row = vec![
            a.rank.to_string(),
            a.id.to_string(),
            a.name.to_string(),
            a.kind.to_string(),
        ];
        row.extend(a.scores.iter().map(|s| match s {
            Some(s) if !s.is_nan() => report::rounded(*s),
            _ => "-".into(),
        }));
        if let Some(i) = a.interval {
            row.push(report::rounded(i.low));
            row.push(report::rounded(i.high));
            row.push(if i.certified { "yes" } else { "no" }.into());
        }
        if marked && !a.active {
            row.push("no kept flow".into());
        }
        t.push(row);
    }
    format!("{}\n{}", result.view_line, t.render())
}

/// CSV: one row per actor in rank order, the scores only (the rows carry no view or rank; the view
/// line goes to stderr).
pub(super) fn csv(result: &Centrality) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["actor"];
    header.extend(result.measures.iter().map(String::as_str));
    let intervals = result.actors.iter().any(|a| a.interval.is_some());
    if intervals {
        header.extend(["betweenness_low", "betweenness_high", "rank_certified"]);
    }
    w.write_record(&header)?;
    for a in &result.actors {
        let mut row = vec![a.id.to_string()];
        row.extend(a.scores.iter().map(|s| match s {
            Some(s) if !s.is_nan() => report::number(*s),
            _ => String::new(),
        }));
        if let Some(i) = a.interval {
            row.push(report::number(i.low));
            row.push(report::number(i.high));
            row.push(i.certified.to_string());
        }
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}

/// `--max-iter`: 1 to a million (each iteration reads every flow; a cap beyond that only delays the
/// report that a measure did not converge).
fn parse_max_iter(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        _ => Err(format!(
            "\"{text}\" is not a whole number from 1 to 1000000"
        )),
    }
}
