//! `netgraph groups`: a partition of the actors — communities (Leiden, Louvain), weak or strong
//! components, or k-shells (actors of equal core number) — with its modularity.
//!
//! Modularity is always that of the undirected view (a → b and b → a one tie, strengths summed;
//! weighted with `--weight`/`--strength`, else every tie 1), with the chosen resolution: NetworkX's
//! `modularity` of the partition on that graph.

use super::{FilterArgs, GraphArgs, OutputArgs, WeightArgs};
use clap::Args;
use netgraph_core::algo::community::{self, WGraph};
use netgraph_core::algo::components::weak_components;
use netgraph_core::algo::core_number::core_number;
use netgraph_core::algo::strong_components::strong_components;
use netgraph_core::algo::ties::Ties;
use netgraph_core::algo::{leiden, louvain};
use netgraph_core::partition::groups_of;
use netgraph_core::report::{self, Format, Table};
use serde_json::json;
use std::process::ExitCode;

/// How the actors are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// Leiden communities (Traag, Waltman & van Eck 2019), maximising modularity.
    Leiden,
    /// Louvain communities (Blondel et al. 2008), maximising modularity.
    Louvain,
    /// Weakly connected components.
    Weak,
    /// Strongly connected components.
    Strong,
    /// k-shells: actors of equal core number.
    Kcore,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Leiden => "leiden",
            Method::Louvain => "louvain",
            Method::Weak => "weak",
            Method::Strong => "strong",
            Method::Kcore => "kcore",
        }
    }
}

/// Options of `netgraph groups`.
#[derive(Debug, Args)]
pub struct GroupsArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// How to group the actors.
    #[arg(long, value_enum, default_value = "leiden")]
    method: Method,
    /// Modularity resolution γ (larger: more, smaller communities).
    #[arg(long, value_name = "R", default_value_t = 1.0, value_parser = parse_positive)]
    resolution: f64,
    /// Seed of Leiden's and Louvain's random order.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// Leiden iterations (as igraph's n_iterations); 0: until one changes nothing.
    #[arg(long, value_name = "N", default_value_t = 2)]
    iterations: usize,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

fn parse_positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(x),
        _ => Err(format!("\"{text}\" is not a positive number")),
    }
}

/// Runs the command.
pub fn run(args: &GroupsArgs) -> anyhow::Result<ExitCode> {
    let net = args.graph.load()?;
    let view = args.filters.view(&net, false)?;
    let weighting = args.weights.checked(&net)?;
    let weighted = view.graph(&weighting)?;
    super::note_missing_weight(&weighting, weighted.missing, view.flows().len());
    let g = weighted.for_spectral()?;
    let w = WGraph::from_graph(g);
    let label: Vec<u32> = match args.method {
        Method::Leiden => leiden::leiden(&w, args.resolution, args.seed, args.iterations),
        Method::Louvain => louvain::louvain(&w, args.resolution, args.seed),
        Method::Weak => weak_components(g).0,
        Method::Strong => strong_components(g),
        Method::Kcore => core_number(&Ties::new(g)),
    };
    let q = community::modularity(&w, &label, args.resolution);
    let groups = groups_of(&net, &label);
    let mut note = format!(
        "{} groups by {}; modularity {} on the undirected view (resolution {})",
        groups.len(),
        args.method.name(),
        if q.is_nan() {
            "undefined (no ties)".to_string()
        } else {
            format!("{q:.6}")
        },
        args.resolution
    );
    match args.method {
        Method::Leiden if args.iterations == 0 => {
            note.push_str(&format!(", seed {}, iterated until stable", args.seed))
        }
        Method::Leiden => note.push_str(&format!(
            ", seed {}, {} iteration{}",
            args.seed,
            args.iterations,
            if args.iterations == 1 { "" } else { "s" }
        )),
        Method::Louvain => note.push_str(&format!(", seed {}", args.seed)),
        _ => {}
    }
    super::note(&note);
    let text = match args.output.format()? {
        Format::Json => {
            let list: Vec<_> = groups
                .iter()
                .enumerate()
                .map(|(i, members)| {
                    let ids: Vec<&str> =
                        members.iter().map(|&v| net.actors[v].id.as_str()).collect();
                    let mut o = serde_json::Map::new();
                    o.insert("id".into(), json!(i + 1));
                    o.insert("size".into(), json!(members.len()));
                    if args.method == Method::Kcore {
                        o.insert("core".into(), json!(label[members[0]]));
                    }
                    o.insert("actors".into(), json!(ids));
                    serde_json::Value::Object(o)
                })
                .collect();
            report::json_text(&json!({
                "view": view.json(),
                "method": args.method.name(),
                "resolution": report::json_number(Some(args.resolution)),
                "modularity": report::json_number(Some(q)),
                "groups": list,
            }))
        }
        Format::Csv => {
            super::note_view(&view);
            let mut out = ::csv::Writer::from_writer(Vec::new());
            out.write_record(["actor", "group"])?;
            for (i, members) in groups.iter().enumerate() {
                for &v in members {
                    out.write_record([net.actors[v].id.as_str(), &(i + 1).to_string()])?;
                }
            }
            String::from_utf8(out.into_inner().map_err(|e| e.into_error())?)?
        }
        Format::Table => {
            let mut t = Table::new(&["group", "size", "actors"], &[true, true, false]);
            for (i, members) in groups.iter().enumerate() {
                let ids: Vec<&str> = members.iter().map(|&v| net.actors[v].id.as_str()).collect();
                t.push(vec![
                    (i + 1).to_string(),
                    members.len().to_string(),
                    ids.join(", "),
                ]);
            }
            format!("{}\n{}", view.describe(), t.render())
        }
    };
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
