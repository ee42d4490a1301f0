//! `netgraph validate`: every problem in a network file.

use super::{GraphArgs, OutputArgs};
use clap::Args;
use netgraph_core::io;
use netgraph_core::model::validate::{self, Options, Severity};
use netgraph_core::report::{self, Format};
use netgraph_core::view::layer::LayerError;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `netgraph validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Every actor and every flow must cite at least one source.
    #[arg(long)]
    strict: bool,
    /// Check that every quote is found in its document in DIR.
    #[arg(long, value_name = "DIR")]
    sources: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs the command: lists every problem; exit 1 if any is an error.
pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.sources
        && !dir.is_dir()
    {
        anyhow::bail!("--sources {}: not a folder", dir.display());
    }
    let format = args.output.format_of(&[Format::Table, Format::Json])?;
    let source = args.graph.source();
    let net = io::read(&source, &args.graph.read_options())?;
    args.graph.warn_gexf();
    let options = Options {
        strict: args.strict,
        sources: args.sources.clone(),
    };
    let mut problems = validate::check(&net, &options);
    if problems.iter().all(|p| p.severity != Severity::Error) {
        problems.extend(layer_actor_problems(&net));
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let file = source.to_string();
    let text = match format {
        Format::Json => {
            let list = |sev: Severity| {
                problems
                    .iter()
                    .filter(|p| p.severity == sev)
                    .map(|p| json!({"place": p.place, "message": p.message}))
                    .collect::<Vec<_>>()
            };
            report::json_text(&json!({
                "file": file,
                "actors": net.actors.len(),
                "flows": net.flow_count(),
                "valid": errors == 0,
                "errors": list(Severity::Error),
                "warnings": list(Severity::Warning),
            }))
        }
        Format::Table | Format::Csv => {
            let mut out = String::new();
            for p in &problems {
                let label = match p.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                out.push_str(&format!("{label}: {file}: {p}\n"));
            }
            let checks = match (args.strict, &args.sources) {
                (true, Some(_)) => " (strict, quotes checked)",
                (true, None) => " (strict)",
                (false, Some(_)) => " (quotes checked)",
                (false, None) => "",
            };
            out.push_str(&format!(
                "{file}: {} actors, {} flows: {errors} error{}, {warnings} warning{}{checks}\n",
                net.actors.len(),
                net.flow_count(),
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" },
            ));
            out
        }
    };
    args.output.emit_text(&text)?;
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Problems in the actors of the layers' `between` rules, which can only be resolved on an indexed
/// network (a copy is indexed when the file declares layers).
fn layer_actor_problems(net: &netgraph_core::model::Network) -> Vec<validate::Problem> {
    if net.kinds.layers.is_empty() {
        return Vec::new();
    }
    let mut indexed = net.clone();
    if indexed.index().is_err() {
        return Vec::new();
    }
    netgraph_core::view::layer::declared(&indexed.kinds)
        .into_iter()
        .filter_map(|(name, _)| {
            match netgraph_core::view::Layer::resolve(&indexed, Some(&name), false) {
                Err(LayerError::Definition { place, message, .. }) => Some(validate::Problem {
                    severity: Severity::Error,
                    place,
                    message,
                }),
                _ => None,
            }
        })
        .collect()
}
