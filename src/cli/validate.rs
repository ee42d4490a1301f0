//! `netgraph validate`: every problem in a network file
//! ([`netgraph_core::queries::validate`]).

use super::{GraphArgs, OutputArgs};
use clap::Args;
use netgraph_core::io;
use netgraph_core::model::validate::Severity;
use netgraph_core::queries::validate::{ValidateOptions, validate};
use netgraph_core::report::{self, Format};
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
    let options = ValidateOptions {
        strict: args.strict,
        sources: args.sources.clone(),
    };
    options.check()?;
    let format = args.output.format_of(&[Format::Table, Format::Json])?;
    let read = io::read(&args.graph.source(), &args.graph.read_options());
    for line in netgraph_core::model::reserved::take_warnings() {
        super::warn(&line);
    }
    let net = read?;
    args.graph.warn_gexf();
    let result = validate(&net, &options)?;
    let (errors, warnings) = (result.errors(), result.warnings());
    let file = &result.file;
    let text = match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Table | Format::Csv => {
            let mut out = String::new();
            for p in &result.problems {
                let label = match p.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                out.push_str(&format!("{label}: {file}: {p}\n"));
            }
            let checks = match (result.strict, result.quotes_checked) {
                (true, true) => " (strict, quotes checked)",
                (true, false) => " (strict)",
                (false, true) => " (quotes checked)",
                (false, false) => "",
            };
            out.push_str(&format!(
                "{file}: {} actors, {} flows: {errors} error{}, {warnings} warning{}{checks}\n",
                result.actors,
                result.flows,
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
