//! `netgraph pairs`: scores per connected actor pair of the collapsed graph, ranked.
//!
//! One row per arc of the collapsed graph (per tie when the view is undirected; self-loops are not
//! pairs): `edge_betweenness` (NetworkX's `edge_betweenness_centrality`: ÷ n(n−1), `--raw` for the
//! counts, halved on undirected views) and `bridge` (1 when the tie is a bridge of the undirected
//! view: removing it splits a weak component).

use super::{FilterArgs, GraphArgs, OutputArgs, UsageError, WeightArgs};
use clap::Args;
use netgraph_core::algo::articulation::articulation;
use netgraph_core::algo::edge_betweenness::edge_betweenness_with;
use netgraph_core::algo::ties::Ties;
use netgraph_core::model::Network;
use netgraph_core::report::{self, Format, Table};
use netgraph_core::view::View;
use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::process::ExitCode;

/// A per-pair measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum PairMeasure {
    /// Share of shortest paths through the tie (NetworkX `edge_betweenness_centrality`).
    #[value(name = "edge_betweenness", alias = "edge-betweenness")]
    EdgeBetweenness,
    /// 1 for a bridge of the undirected view, else 0.
    #[value(name = "bridge")]
    Bridge,
}

impl PairMeasure {
    const ALL: [PairMeasure; 2] = [PairMeasure::EdgeBetweenness, PairMeasure::Bridge];

    fn name(self) -> &'static str {
        match self {
            PairMeasure::EdgeBetweenness => "edge_betweenness",
            PairMeasure::Bridge => "bridge",
        }
    }
}

/// Options of `netgraph pairs`.
#[derive(Debug, Args)]
pub struct PairsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Measures to compute, comma-separated, or `all`; rows are ranked by the first.
    #[arg(
        long,
        short = 'm',
        value_name = "M[,M…]|all",
        value_delimiter = ',',
        default_value = "edge_betweenness,bridge"
    )]
    measure: Vec<String>,
    /// Show only the N highest-ranked pairs.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Unnormalised edge betweenness (NetworkX normalized=False).
    #[arg(long)]
    raw: bool,
    /// Worker threads for the parallel kernels [default: all cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

fn measures(names: &[String]) -> Result<Vec<PairMeasure>, netgraph_core::Error> {
    use clap::ValueEnum;
    let mut list = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        if name == "all" {
            list.extend(PairMeasure::ALL);
            continue;
        }
        list.push(PairMeasure::from_str(name, false).map_err(|_| {
            let known: Vec<&str> = PairMeasure::ALL.iter().map(|m| m.name()).collect();
            UsageError(netgraph_core::suggest::unknown(
                "pair measure",
                name,
                known.iter().copied().chain(["all"]),
            ))
        })?);
    }
    let mut seen = HashSet::new();
    list.retain(|m| seen.insert(*m));
    if list.is_empty() {
        return Err(UsageError("--measure names no pair measure".into()));
    }
    Ok(list)
}

/// One row: the pair's actor positions and a score per measure.
struct Row {
    from: usize,
    to: usize,
    scores: Vec<f64>,
}

/// Runs the command.
pub fn run(args: &PairsArgs) -> anyhow::Result<ExitCode> {
    let list = measures(&args.measure)?;
    let net = args.graph.load()?;
    let view = args.filters.view(&net, false)?;
    let weighting = args.weights.checked(&net)?;
    let weighted = view.graph(&weighting)?;
    super::note_missing_weight(&weighting, weighted.missing, view.flows().len());
    let g = &weighted.graph;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, usize::from))
        .build()?;
    let ties = Ties::new(g);
    let bridges: HashSet<(u32, u32)> = articulation(&ties).bridges.into_iter().collect();
    let mut rows: Vec<Row> = Vec::with_capacity(g.pair_count());
    for v in 0..g.n() {
        for &w in g.out().neighbors(v) {
            let w = w as usize;
            if w != v && (g.is_directed() || v < w) {
                rows.push(Row {
                    from: v,
                    to: w,
                    scores: Vec::with_capacity(list.len()),
                });
            }
        }
    }
    for &m in &list {
        match m {
            PairMeasure::EdgeBetweenness => {
                let paths = weighted.for_paths()?;
                let work = g.n() as f64 * g.out().arc_count() as f64;
                let bar = super::progress::start(m.name(), g.n() as u64, work);
                let progress = bar.progress();
                let scores = pool.install(|| edge_betweenness_with(paths, !args.raw, &progress));
                // Both lists run over the arcs in (from, to) order; self-loops only in `scores`.
                let mut it = scores.into_iter().filter(|(a, b, _)| a != b);
                for row in &mut rows {
                    let score = it.next().map_or(f64::NAN, |s| s.2);
                    row.scores.push(score);
                }
            }
            PairMeasure::Bridge => {
                for row in &mut rows {
                    let key = (row.from.min(row.to) as u32, row.from.max(row.to) as u32);
                    row.scores
                        .push(if bridges.contains(&key) { 1.0 } else { 0.0 });
                }
            }
        }
    }
    if rows.is_empty() {
        super::note("the view has no flow between two different actors: no pairs");
    }
    let id = |i: usize| net.actors[i].id.as_bytes();
    rows.sort_by(|a, b| {
        b.scores[0]
            .total_cmp(&a.scores[0])
            .then_with(|| id(a.from).cmp(id(b.from)))
            .then_with(|| id(a.to).cmp(id(b.to)))
    });
    rows.truncate(args.top.unwrap_or(rows.len()));
    let text = match args.output.format()? {
        Format::Table => format!("{}\n{}", view.describe(), table(&net, &list, &rows)),
        Format::Csv => {
            super::note_view(&view);
            csv(&net, &list, &rows)?
        }
        Format::Json => json_out(&view, &list, &rows),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn table(net: &Network, list: &[PairMeasure], rows: &[Row]) -> String {
    let mut header = vec!["rank", "from", "to"];
    header.extend(list.iter().map(|m| m.name()));
    let mut right = vec![true, false, false];
    right.extend(list.iter().map(|_| true));
    let mut t = Table::new(&header, &right);
    // Ranks shared on ties (1, 2, 2, 4), by the first measure, as centrality ranks actors.
    let first: Vec<f64> = rows.iter().map(|r| r.scores[0]).collect();
    let order: Vec<usize> = (0..rows.len()).collect();
    let ranks = netgraph_core::rank::shared_ranks(Some(&first), &order);
    for (r, rank) in rows.iter().zip(ranks) {
        let mut cells = vec![
            rank.to_string(),
            net.actors[r.from].id.to_string(),
            net.actors[r.to].id.to_string(),
        ];
        cells.extend(r.scores.iter().map(|&x| report::rounded(x)));
        t.push(cells);
    }
    t.render()
}

fn csv(net: &Network, list: &[PairMeasure], rows: &[Row]) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["from", "to"];
    header.extend(list.iter().map(|m| m.name()));
    w.write_record(&header)?;
    for r in rows {
        let mut cells = vec![
            net.actors[r.from].id.to_string(),
            net.actors[r.to].id.to_string(),
        ];
        cells.extend(r.scores.iter().map(|&x| report::number(x)));
        w.write_record(&cells)?;
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}

fn json_out(view: &View, list: &[PairMeasure], rows: &[Row]) -> String {
    let net = view.network();
    let pairs: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut o = Map::new();
            o.insert("from".into(), json!(net.actors[r.from].id));
            o.insert("to".into(), json!(net.actors[r.to].id));
            for (m, &x) in list.iter().zip(&r.scores) {
                o.insert(m.name().into(), report::json_number(Some(x)));
            }
            Value::Object(o)
        })
        .collect();
    let names: Vec<&str> = list.iter().map(|m| m.name()).collect();
    report::json_text(&json!({"view": view.json(), "measures": names, "pairs": pairs}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_names() {
        assert_eq!(
            measures(&["bridge".into(), "all".into()]).unwrap(),
            [PairMeasure::Bridge, PairMeasure::EdgeBetweenness]
        );
        let e = measures(&["bridges".into()]).unwrap_err().to_string();
        assert!(e.contains("\"bridges\"") && e.contains("bridge"), "{e}");
    }
}
