//! `netgraph centrality`: scores per actor, ranked.

use super::chain_search::{self, Request};
use super::{FilterArgs, GraphArgs, OutputArgs, UsageError, WeightArgs};
use clap::Args;
use netgraph_core::algo::channels;
use netgraph_core::algo::spectral::Iteration;
use netgraph_core::measures::{self, Measure, MeasureOptions, Sampling};
use netgraph_core::model::Network;
use netgraph_core::report::{self, Format, Table};
use netgraph_core::view::View;
use serde_json::{Map, Value, json};
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
    /// Approximate betweenness: error at most E on the normalised scale (Riondato–Kornaropoulos).
    #[arg(long, value_name = "E", value_parser = parse_open_unit)]
    epsilon: Option<f64>,
    /// Probability that the --epsilon bound fails.
    #[arg(long, value_name = "D", default_value_t = 0.1, value_parser = parse_open_unit, requires = "epsilon")]
    delta: f64,
    /// Seed of the --epsilon sampler.
    #[arg(long, value_name = "S", default_value_t = 0, requires = "epsilon")]
    seed: u64,
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
    /// The first chain option given, if any.
    fn given(&self) -> Option<&'static str> {
        [
            ("--pattern", self.pattern.is_some()),
            ("--max-hops", self.max_hops.is_some()),
            ("--limit", self.limit.is_some()),
            ("--ignore-time", self.ignore_time),
            ("--budget", self.budget.budget.is_some()),
            ("--timeout", self.budget.timeout.is_some()),
        ]
        .into_iter()
        .find_map(|(name, given)| given.then_some(name))
    }

    /// Chain betweenness: for every actor, the channels and the chains that pass through it as
    /// an intermediate actor, found as `netgraph chains` finds them on the view. Says on stderr
    /// what was counted.
    fn through(&self, net: &Network, view: &View) -> anyhow::Result<(Vec<f64>, Vec<f64>)> {
        let mut request = Request::new(
            self.pattern.clone(),
            self.max_hops.unwrap_or(6),
            self.limit.unwrap_or(10_000),
        );
        request.ignore_time = self.ignore_time;
        request.budget = Some(std::sync::Arc::new(self.budget.budget()));
        let pattern = chain_search::parse(&request, "--pattern")?;
        if !request.is_default() {
            chain_search::check_names(net, &pattern, "--pattern")?;
        }
        let outcome = chain_search::search(view, &pattern, &request);
        let (channels, chains) =
            channels::through(&outcome.chains, &outcome.channels, net.actor_count());
        super::note(&format!(
            "{CHAIN_BETWEENNESS}: of {} channels, those passing through each actor (as neither first nor last actor); chains: of {} chains, likewise; {}",
            outcome.channels.len(),
            outcome.chains.len(),
            request.describe()
        ));
        let float = |v: Vec<usize>| v.into_iter().map(|x| x as f64).collect();
        Ok((float(channels), float(chains)))
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

/// A column `--measure` asks for: a measure of the graph, or chain betweenness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Wanted {
    /// A centrality measure of the collapsed graph.
    Measure(Measure),
    /// `chain_betweenness`: the channels and chains through each actor.
    Chains,
}

/// The name of chain betweenness on the command line.
const CHAIN_BETWEENNESS: &str = "chain_betweenness";

/// Parses `--measure` values: names, or `all` (the graph measures).
fn measures(names: &[String], directed: bool) -> Result<(Vec<Wanted>, bool), UsageError> {
    use netgraph_core::choice::Choice;
    let mut list = Vec::new();
    let mut all = false;
    for name in names {
        if name == "all" {
            all = true;
            list.extend(
                Measure::ALL
                    .iter()
                    .filter(|m| directed || !m.needs_direction())
                    .map(|&m| Wanted::Measure(m)),
            );
            continue;
        }
        if name == CHAIN_BETWEENNESS || name == "chain-betweenness" {
            list.push(Wanted::Chains);
            continue;
        }
        if name == "brokerage" {
            list.extend(Measure::BROKERAGE.iter().map(|&m| Wanted::Measure(m)));
            continue;
        }
        let m = Measure::from_name(name).ok_or_else(|| {
            let mut known: Vec<_> = Measure::ALL.iter().map(|m| m.name()).collect();
            known.push(CHAIN_BETWEENNESS);
            UsageError(format!(
                "{} (known: {}, brokerage, all)",
                netgraph_core::suggest::unknown("measure", name, known.iter().copied()),
                known.join(", ")
            ))
        })?;
        list.push(Wanted::Measure(m));
    }
    let mut seen = std::collections::HashSet::new();
    list.retain(|m| seen.insert(*m));
    Ok((list, all))
}

/// Runs the command.
pub fn run(args: &CentralityArgs) -> anyhow::Result<ExitCode> {
    let format = args.output.format()?;
    let net = args.graph.load()?;
    let view = args.filters.view(&net, args.active)?;
    let (mut list, all) = measures(&args.measure, view.is_directed())?;
    let weighting = args.weights.checked(&net)?;
    let (weighted, counted) = view.counted_graph(&weighting)?;
    super::note_missing_weight(&weighting, weighted.missing, view.flows().len());
    let mut options = MeasureOptions {
        raw: args.raw,
        damping: args.damping,
        katz_alpha: args.katz_alpha,
        iteration: Iteration {
            tol: args.tol,
            max_iter: args.max_iter,
        },
        approximate: args.epsilon.map(|epsilon| Sampling {
            epsilon,
            delta: args.delta,
            seed: args.seed,
        }),
        ..MeasureOptions::default()
    };
    // Communities (brokerage by community) are found on the view's graph over every actor.
    let full;
    let whole = if counted.len() == net.actor_count() {
        &weighted.graph
    } else {
        full = view.graph(&weighting)?;
        &full.graph
    };
    args.structure
        .apply(&net, whole, &counted, &mut list, all, &mut options)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, usize::from))
        .build()?;
    let chain_options = args.chains.given();
    if !list.contains(&Wanted::Chains)
        && let Some(option) = chain_options
    {
        return Err(UsageError(format!("{option} needs --measure {CHAIN_BETWEENNESS}")).into());
    }
    let mut columns: Vec<(&'static str, Option<Vec<f64>>)> = Vec::new();
    for &wanted in &list {
        let m = match wanted {
            Wanted::Measure(m) => m,
            Wanted::Chains => {
                let (channels, chains) = args.chains.through(&net, &view)?;
                columns.push((CHAIN_BETWEENNESS, Some(channels)));
                columns.push(("chains", Some(chains)));
                continue;
            }
        };
        let n = weighted.graph.n() as f64;
        // With --epsilon this bounds the work from above (sampling when cheaper than the exact
        // algorithm); the sampler sets the bar's length to its sample size.
        let work = if m.uses_paths() {
            n * weighted.graph.out().arc_count() as f64
        } else {
            0.0
        };
        let bar = super::progress::start(m.name(), weighted.graph.n() as u64, work);
        let options = MeasureOptions {
            progress: bar.progress(),
            ..options.clone()
        };
        match pool.install(|| measures::compute_with_note(m, &weighted, &options)) {
            Ok(scores) => {
                if let Some(note) = &scores.note {
                    super::note(note);
                }
                // Scores per actor position; actors not counted (--active) have none.
                let mut by_actor = vec![f64::NAN; net.actor_count()];
                for (k, &v) in counted.iter().enumerate() {
                    by_actor[v] = scores.values[k];
                }
                columns.push((m.name(), Some(by_actor)));
            }
            Err(why) if all => {
                super::warn(&format!("{m} cannot be computed: {why}"));
                columns.push((m.name(), None));
            }
            Err(why) => anyhow::bail!("{m} cannot be computed: {why}"),
        }
    }
    let first = columns.first().and_then(|c| c.1.as_deref());
    let order = ranking(&net, first, &counted);
    let ranks = shared_ranks(first, &order);
    let top = args.top.unwrap_or(order.len()).min(order.len());
    let rows = Rows {
        net: &net,
        columns: &columns,
        shown: &order[..top],
        ranks: &ranks[..top],
        active: view.active(),
    };
    let text = match format {
        Format::Table => table(&view, &rows),
        Format::Csv => {
            super::note_view(&view);
            csv(&rows)?
        }
        Format::Json => json_out(&view, &rows),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The rows to write: actors in rank order with their shared ranks, and which actors have a kept
/// flow.
struct Rows<'a> {
    net: &'a Network,
    columns: &'a [(&'a str, Option<Vec<f64>>)],
    shown: &'a [usize],
    ranks: &'a [usize],
    active: Vec<bool>,
}

/// The positions `actors` sorted by score, descending; scores within 1e-12 (relative) of the first of a run
/// are ties, ordered by id bytewise. Without scores, by id.
pub fn ranking(net: &Network, scores: Option<&[f64]>, actors: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = actors.to_vec();
    let id = |i: usize| net.actors[i].id.as_bytes();
    let Some(s) = scores else {
        order.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
        return order;
    };
    // An undefined score (NaN: e.g. constraint of an isolated actor) ranks last.
    let key = |i: usize| {
        if s[i].is_nan() {
            f64::NEG_INFINITY
        } else {
            s[i]
        }
    };
    order.sort_unstable_by(|&a, &b| key(b).total_cmp(&key(a)).then_with(|| id(a).cmp(id(b))));
    for run in tie_runs(s, &order) {
        order[run].sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
    }
    order
}

/// Ranks shared on ties (1, 2, 2, 4) for actors in [`ranking`] order: actors in one run of ties
/// (scores within 1e-12, relative, of the run's first) share the rank of the run's first place.
/// Without scores every actor ties (rank 1).
pub fn shared_ranks(scores: Option<&[f64]>, order: &[usize]) -> Vec<usize> {
    let Some(s) = scores else {
        return vec![1; order.len()];
    };
    let mut ranks = vec![0; order.len()];
    for run in tie_runs(s, order) {
        let rank = run.start + 1;
        ranks[run].fill(rank);
    }
    ranks
}

/// The runs of ties in a descending order of actors: each run starts at its best score and holds
/// the actors within 1e-12 (relative) of it; undefined scores (NaN) tie with each other.
fn tie_runs(s: &[f64], order: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let lead = s[order[start]];
        let mut end = start + 1;
        while end < order.len()
            && (tie(lead, s[order[end]]) || (lead.is_nan() && s[order[end]].is_nan()))
        {
            end += 1;
        }
        runs.push(start..end);
        start = end;
    }
    runs
}

fn tie(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn table(view: &View, rows: &Rows) -> String {
    let Rows {
        net,
        columns,
        shown,
        ranks,
        active,
    } = rows;
    let mut header = vec!["rank", "actor", "name", "kind"];
    header.extend(columns.iter().map(|(m, _)| *m));
    let marked = shown.iter().any(|&i| !active[i]);
    if marked {
        header.push("note");
    }
    let mut right = vec![true, false, false, false];
    right.extend(columns.iter().map(|_| true));
    let mut t = Table::new(&header, &right);
    for (&i, rank) in shown.iter().zip(ranks.iter()) {
        let a = &net.actors[i];
        let mut row = vec![
            rank.to_string(),
            a.id.to_string(),
            a.display_name().to_string(),
            a.kind().to_string(),
        ];
        row.extend(columns.iter().map(|(_, s)| match s {
            Some(s) if !s[i].is_nan() => report::rounded(s[i]),
            _ => "-".into(),
        }));
        if marked && !active[i] {
            row.push("no kept flow".into());
        }
        t.push(row);
    }
    format!("{}\n{}", view.describe(), t.render())
}

/// CSV: one row per actor in rank order, the scores only (the rows carry no view or rank; the view
/// line goes to stderr).
fn csv(rows: &Rows) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["actor"];
    header.extend(rows.columns.iter().map(|(m, _)| *m));
    w.write_record(&header)?;
    for &i in rows.shown {
        let mut row = vec![rows.net.actors[i].id.to_string()];
        row.extend(rows.columns.iter().map(|(_, s)| match s {
            Some(s) if !s[i].is_nan() => report::number(s[i]),
            _ => String::new(),
        }));
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}

fn json_out(view: &View, rows: &Rows) -> String {
    let actors: Vec<Value> = rows
        .shown
        .iter()
        .zip(rows.ranks)
        .map(|(&i, &rank)| {
            let a = &rows.net.actors[i];
            let mut o = Map::new();
            o.insert("id".into(), json!(a.id));
            o.insert("name".into(), json!(a.display_name()));
            o.insert("kind".into(), json!(a.kind()));
            o.insert("rank".into(), json!(rank));
            o.insert("active".into(), json!(rows.active[i]));
            for (m, s) in rows.columns {
                o.insert(m.to_string(), report::json_number(s.as_ref().map(|s| s[i])));
            }
            Value::Object(o)
        })
        .collect();
    let measures: Vec<&str> = rows.columns.iter().map(|(m, _)| *m).collect();
    report::json_text(&json!({"view": view.json(), "measures": measures, "actors": actors}))
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

#[cfg(test)]
mod tests {
    use super::*;
    use netgraph_core::model::Actor;

    #[test]
    fn ranking_breaks_near_ties_by_id() {
        let mut net = Network::new();
        net.actors = ["d", "b", "a", "c"]
            .iter()
            .map(|i| Actor::new(*i))
            .collect();
        let s = [0.5, 0.5 + 1e-15, 0.25, 0.5 - 1e-15];
        let order = ranking(&net, Some(&s), &[0, 1, 2, 3]);
        let ids: Vec<&str> = order.iter().map(|&i| net.actors[i].id.as_str()).collect();
        assert_eq!(ids, ["b", "c", "d", "a"]);
        // b, c and d tie (within 1e-12 of b's score): they share rank 1, and a comes 4th.
        assert_eq!(shared_ranks(Some(&s), &order), [1, 1, 1, 4]);
        assert_eq!(shared_ranks(None, &order), [1, 1, 1, 1]);
        // Only the actors asked for are ranked.
        assert_eq!(ranking(&net, Some(&s), &[2, 3]), [3, 2]);
    }

    #[test]
    fn unknown_measures_are_usage_errors() {
        assert!(measures(&["pagerankk".into()], true).is_err());
        let (m, all) = measures(&["all".into()], false).unwrap();
        assert!(all && !m.contains(&Wanted::Measure(Measure::InDegree)));
        assert!(!m.contains(&Wanted::Chains));
        let (m, _) = measures(
            &[
                "degree".into(),
                "in-degree".into(),
                "degree".into(),
                "chain_betweenness".into(),
            ],
            true,
        )
        .unwrap();
        assert_eq!(
            m,
            [
                Wanted::Measure(Measure::Degree),
                Wanted::Measure(Measure::InDegree),
                Wanted::Chains
            ]
        );
    }
}
