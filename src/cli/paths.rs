//! `netgraph paths`: the k shortest (Yen) or widest simple paths between two actors, each hop with
//! the flow it takes and that flow's sources.

use super::budget_args::BudgetArgs;
use super::hops;
use super::{FilterArgs, GraphArgs, OutputArgs, WeightArgs};
use clap::Args;
use netgraph_core::queries::paths::{Paths, PathsOptions, paths};
use netgraph_core::report::{self, Format};
use std::process::ExitCode;

/// Options of `netgraph paths`.
#[derive(Debug, Args)]
pub struct PathsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Actors the paths start at: an id, or several (ids, actor kinds, @class, comma-separated:
    /// the best paths from any of them).
    #[arg(long, value_name = "A[,…]", value_delimiter = ',', required = true)]
    from: Vec<String>,
    /// Actors the paths end at: an id, or several (ids, actor kinds, @class, comma-separated).
    #[arg(long, value_name = "B[,…]", value_delimiter = ',', required = true)]
    to: Vec<String>,
    /// How many paths, best first.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = super::parse_count_u32)]
    k: u32,
    /// Widest paths: maximise the smallest capacity along the path (ties: fewer hops, then ids).
    #[arg(long)]
    widest: bool,
    /// Flow field read as the capacity by --widest (a flow lacking it counts as 1).
    #[arg(
        long,
        value_name = "FIELD",
        default_value = "volume",
        requires = "widest"
    )]
    capacity: String,
    /// Actors every path must pass through: ids, actor kinds or @class, comma-separated (a kind or
    /// class asks for at least one of its actors).
    #[arg(long, value_name = "X[,X…]", value_delimiter = ',')]
    via: Vec<String>,
    /// Actors no path may pass through: ids, actor kinds or @class, comma-separated (a kind or
    /// class never removes the two ends).
    #[arg(long, value_name = "X[,X…]", value_delimiter = ',')]
    avoid: Vec<String>,
    /// With --via, the most paths generated and filtered before giving up.
    #[arg(long, value_name = "L", default_value_t = 10_000, value_parser = super::parse_count_u32)]
    limit: u32,
    #[command(flatten)]
    budget: BudgetArgs,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command.
pub fn run(args: &PathsArgs) -> anyhow::Result<ExitCode> {
    let format = args.output.format()?;
    let net = args.graph.load()?;
    let options = PathsOptions {
        from: args.from.clone(),
        to: args.to.clone(),
        k: args.k as usize,
        widest: args.widest,
        capacity: args.capacity.clone(),
        via: args.via.clone(),
        avoid: args.avoid.clone(),
        limit: args.limit as usize,
        budget: args.budget.spec(),
        weights: args.weights.spec(),
        filter: args.filters.spec(),
    };
    let result = paths(&net, &options, &super::context(None))?;
    let text = match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            super::note(&result.view_line);
            csv_out(&result)?
        }
        Format::Table => format!("{}\n{}", result.view_line, table(&result)),
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn csv_out(result: &Paths) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "path",
        "cost",
        "bottleneck",
        "hop",
        "from",
        "to",
        "kind",
        "volume",
        "confidence",
        "sources",
    ])?;
    for (i, p) in result.paths.iter().enumerate() {
        hops::csv_hop_rows(
            &mut w,
            &[(i + 1).to_string()],
            p.cost,
            p.bottleneck,
            &p.flows,
            false,
        )?;
    }
    hops::csv_text(w)
}

fn table(result: &Paths) -> String {
    let mut out = String::new();
    if result.paths.is_empty() {
        out.push_str(&format!("no path from {} to {}\n", result.from, result.to));
    }
    for (i, p) in result.paths.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let bottleneck = p
            .bottleneck
            .map(|b| format!(", bottleneck {}", report::rounded(b)))
            .unwrap_or_default();
        out.push_str(&format!(
            "path {}: cost {}, {} hop{}{bottleneck}\n  {}\n",
            i + 1,
            report::rounded(p.cost),
            p.flows.len(),
            if p.flows.len() == 1 { "" } else { "s" },
            p.actors.join(" → ")
        ));
        for (h, flow) in p.flows.iter().enumerate() {
            hops::hop_lines(&mut out, h + 1, flow);
        }
    }
    out
}
