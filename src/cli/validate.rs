//! `netgraph validate`: every problem in a network file.

use super::{GraphArgs, OutputArgs};
use crate::io;
use crate::model::validate::{self, Options, Severity};
use crate::report::{self, Format};
use clap::Args;
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
    let source = args.graph.source();
    let net = io::read(&source, &args.graph.read_options())?;
    let options = Options {
        strict: args.strict,
        sources: args.sources.clone(),
    };
    let problems = validate::check(&net, &options);
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let file = source.to_string();
    let text = match args.output.format() {
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
