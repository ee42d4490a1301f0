//! `netgraph centrality`: scores per actor, ranked.

use super::{FilterArgs, GraphArgs, OutputArgs, UsageError, WeightArgs};
use crate::algo::spectral::Iteration;
use crate::measures::{self, Measure, MeasureOptions, Sampling};
use crate::model::Network;
use crate::report::{self, Format, Table};
use crate::view::View;
use clap::Args;
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
    /// Show only the N highest-ranked actors.
    #[arg(long, value_name = "N")]
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
    /// Iteration cap of the iterative measures.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
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
    /// Worker threads for the parallel kernels [default: all cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    #[command(flatten)]
    structure: super::structure_args::StructureArgs,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
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

/// Parses `--measure` values: names, or `all`.
fn measures(names: &[String], directed: bool) -> Result<(Vec<Measure>, bool), UsageError> {
    use clap::ValueEnum;
    let mut list = Vec::new();
    let mut all = false;
    for name in names {
        if name == "all" {
            all = true;
            list.extend(
                Measure::ALL
                    .iter()
                    .filter(|m| directed || !m.needs_direction()),
            );
            continue;
        }
        if name == "brokerage" {
            list.extend(Measure::BROKERAGE);
            continue;
        }
        let m = Measure::from_str(name, false).map_err(|_| {
            let known: Vec<_> = Measure::ALL.iter().map(|m| m.name()).collect();
            UsageError(format!(
                "unknown measure \"{name}\" (known: {}, brokerage, all)",
                known.join(", ")
            ))
        })?;
        list.push(m);
    }
    let mut seen = std::collections::HashSet::new();
    list.retain(|m| seen.insert(*m));
    Ok((list, all))
}

/// Runs the command.
pub fn run(args: &CentralityArgs) -> anyhow::Result<ExitCode> {
    let net = args.graph.load()?;
    let view = View::new(&net, &args.filters.filters());
    let (mut list, all) = measures(&args.measure, view.is_directed())?;
    let weighting = args.weights.weighting();
    let weighted = view.graph(&weighting)?;
    if weighted.missing > 0 {
        super::note(&format!(
            "{} of {} flows lack the weight field and count as 1",
            weighted.missing,
            view.flows().len()
        ));
    }
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
    args.structure
        .apply(&net, &weighted.graph, &mut list, all, &mut options)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, usize::from))
        .build()?;
    let mut columns: Vec<(Measure, Option<Vec<f64>>)> = Vec::new();
    for &m in &list {
        let n = weighted.graph.n() as f64;
        // With --epsilon this bounds the work from above (sampling when cheaper than the exact
        // algorithm); the sampler sets the bar's length to its sample size.
        let work = if m.uses_paths() {
            n * weighted.graph.out().arc_count() as f64
        } else {
            0.0
        };
        let _bar = crate::progress::start(m.name(), weighted.graph.n() as u64, work);
        match pool.install(|| measures::compute_with_note(m, &weighted, &options)) {
            Ok(scores) => {
                if let Some(note) = &scores.note {
                    super::note(note);
                }
                columns.push((m, Some(scores.values)));
            }
            Err(why) if all => {
                super::warn(&format!("{m} cannot be computed: {why}"));
                columns.push((m, None));
            }
            Err(why) => anyhow::bail!("{m} cannot be computed: {why}"),
        }
    }
    let order = ranking(&net, columns.first().and_then(|c| c.1.as_deref()));
    let shown = &order[..args.top.unwrap_or(order.len()).min(order.len())];
    let text = match args.output.format() {
        Format::Table => table(&net, &columns, shown),
        Format::Csv => csv(&net, &columns, shown)?,
        Format::Json => json_out(&net, &columns, shown),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Actor positions sorted by score, descending; scores within 1e-12 (relative) of the first of a run
/// are ties, ordered by id bytewise. Missing scores come last, by id.
pub fn ranking(net: &Network, scores: Option<&[f64]>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..net.actor_count()).collect();
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
    let mut start = 0;
    while start < order.len() {
        let lead = s[order[start]];
        let mut end = start + 1;
        while end < order.len() && tie(lead, s[order[end]]) {
            end += 1;
        }
        if end - start > 1 {
            order[start..end].sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
        }
        start = end;
    }
    order
}

fn tie(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn table(net: &Network, columns: &[(Measure, Option<Vec<f64>>)], shown: &[usize]) -> String {
    let mut header = vec!["rank", "actor", "name", "kind"];
    header.extend(columns.iter().map(|(m, _)| m.name()));
    let mut right = vec![true, false, false, false];
    right.extend(columns.iter().map(|_| true));
    let mut t = Table::new(&header, &right);
    for (rank, &i) in shown.iter().enumerate() {
        let a = &net.actors[i];
        let mut row = vec![
            (rank + 1).to_string(),
            a.id.to_string(),
            a.display_name().to_string(),
            a.kind().to_string(),
        ];
        row.extend(columns.iter().map(|(_, s)| match s {
            Some(s) if !s[i].is_nan() => report::rounded(s[i]),
            _ => "-".into(),
        }));
        t.push(row);
    }
    t.render()
}

fn csv(
    net: &Network,
    columns: &[(Measure, Option<Vec<f64>>)],
    shown: &[usize],
) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["actor"];
    header.extend(columns.iter().map(|(m, _)| m.name()));
    w.write_record(&header)?;
    for &i in shown {
        let mut row = vec![net.actors[i].id.to_string()];
        row.extend(columns.iter().map(|(_, s)| match s {
            Some(s) if !s[i].is_nan() => report::number(s[i]),
            _ => String::new(),
        }));
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}

fn json_out(net: &Network, columns: &[(Measure, Option<Vec<f64>>)], shown: &[usize]) -> String {
    let actors: Vec<Value> = shown
        .iter()
        .map(|&i| {
            let a = &net.actors[i];
            let mut o = Map::new();
            o.insert("id".into(), json!(a.id));
            o.insert("name".into(), json!(a.display_name()));
            o.insert("kind".into(), json!(a.kind()));
            for (m, s) in columns {
                o.insert(
                    m.name().into(),
                    report::json_number(s.as_ref().map(|s| s[i])),
                );
            }
            Value::Object(o)
        })
        .collect();
    let measures: Vec<&str> = columns.iter().map(|(m, _)| m.name()).collect();
    report::json_text(&json!({"measures": measures, "actors": actors}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    #[test]
    fn ranking_breaks_near_ties_by_id() {
        let mut net = Network::new();
        net.actors = ["d", "b", "a", "c"]
            .iter()
            .map(|i| Actor::new(*i))
            .collect();
        let s = [0.5, 0.5 + 1e-15, 0.25, 0.5 - 1e-15];
        let order: Vec<&str> = ranking(&net, Some(&s))
            .into_iter()
            .map(|i| net.actors[i].id.as_str())
            .collect();
        assert_eq!(order, ["b", "c", "d", "a"]);
    }

    #[test]
    fn unknown_measures_are_usage_errors() {
        assert!(measures(&["pagerankk".into()], true).is_err());
        let (m, all) = measures(&["all".into()], false).unwrap();
        assert!(all && !m.contains(&Measure::InDegree));
        let (m, _) = measures(
            &["degree".into(), "in-degree".into(), "degree".into()],
            true,
        )
        .unwrap();
        assert_eq!(m, [Measure::Degree, Measure::InDegree]);
    }
}
