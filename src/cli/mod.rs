//! The command line: clap definitions, shared options, and dispatch to one module per subcommand.

mod attack;
mod centrality;
mod chain_search;
mod chains;
mod convert;
mod cut;
mod dot;
mod groups;
mod hops;
mod info;
mod keyplayers;
mod pairs;
mod paths;
mod render;
mod structure_args;
mod validate;
mod whatif;
mod whatif_chains;
mod whatif_flow;
mod whatif_report;

use crate::io::{self, GraphSource, ReadOptions};
use crate::model::{Network, PartialDate};
use crate::report::Format;
use crate::selector::Selector;
use crate::suggest;
use crate::view::{Condition, Filters, Weighting};
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// netgraph: who is central, which chains launder illicit value, and what breaks if an actor falls —
/// in networks of organised crime.
#[derive(Debug, Parser)]
#[command(name = "netgraph", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Counts of actors and flows by kind and class, components, density, sources, dates.
    Info(info::InfoArgs),
    /// Checks a network: schema, references, numbers, dates; optionally sources and quotes.
    Validate(validate::ValidateArgs),
    /// Centrality scores, one row per actor.
    Centrality(centrality::CentralityArgs),
    /// Scores per connected actor pair: edge betweenness and bridges.
    Pairs(pairs::PairsArgs),
    /// Groups of actors: communities (Leiden, Louvain), components or k-shells, with modularity.
    Groups(groups::GroupsArgs),
    /// Converts a network between formats (JSON, CSV edge list, GraphML, GEXF, a Neo4j import bundle).
    Convert(convert::ConvertArgs),
    /// Shortest (Yen's k shortest) or widest simple paths between two actors, hop by hop.
    Paths(paths::PathsArgs),
    /// Laundering chains: simple paths whose flow kinds match a pattern, ranked by evidence.
    Chains(chains::ChainsArgs),
    /// Maximum flow and the fewest flows (or actors) whose removal severs every A→B route.
    Cut(cut::CutArgs),
    /// Before and after a scenario (remove actors, cut flows, add ties), or a disruption experiment.
    Whatif(whatif::WhatifArgs),
    /// The k actors whose removal fragments the network most, or who reach most of it.
    Keyplayers(keyplayers::KeyplayersArgs),
    /// Graphviz DOT text of the network: actors styled by class, flows by class, evidence on hover.
    Dot(dot::DotArgs),
    /// A picture of the network (SVG, PNG or PDF), drawn by Graphviz.
    Render(render::RenderArgs),
}

/// Where the network comes from.
#[derive(Debug, Clone, Args)]
pub struct GraphArgs {
    /// Network file (.json, .csv edge list, .graphml or .gexf), or - for JSON on stdin [default: the
    /// built-in Peru network]
    #[arg(value_name = "GRAPH")]
    pub graph: Option<PathBuf>,
    /// CSV of actor attributes (an `id` column) to add to a CSV edge list.
    #[arg(long, value_name = "FILE.csv")]
    pub nodes: Option<PathBuf>,
}

impl GraphArgs {
    /// The source named on the command line.
    pub fn source(&self) -> GraphSource {
        GraphSource::from_arg(self.graph.as_deref())
    }

    /// Loads and checks the network.
    pub fn load(&self) -> anyhow::Result<Network> {
        Ok(io::load(&self.source(), &self.read_options())?)
    }

    /// Options for reading.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            nodes: self.nodes.clone(),
        }
    }
}

/// Which flows to analyse (DESIGN §2). Filters remove flows, never actors.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Keep flows of these kinds, or of these classes written @class (e.g. gold,@money).
    #[arg(long, value_name = "K[,K…]", value_delimiter = ',')]
    pub flows: Vec<String>,
    /// Keep flows whose period overlaps a window from this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = PartialDate::parse)]
    pub since: Option<PartialDate>,
    /// Keep flows whose period overlaps a window up to this date (inclusive).
    #[arg(long, value_name = "DATE", value_parser = PartialDate::parse)]
    pub until: Option<PartialDate>,
    /// Keep flows with at least this confidence (0..1).
    #[arg(long, value_name = "C", value_parser = parse_unit_interval)]
    pub min_confidence: Option<f64>,
    /// Keep flows whose FIELD compares to VALUE (=, !=, <, <=, >, >=); repeatable, all must hold.
    #[arg(long = "where", value_name = "FIELD OP VALUE", value_parser = Condition::parse)]
    pub conditions: Vec<Condition>,
    /// Ignore flow directions.
    #[arg(long)]
    pub undirected: bool,
}

impl FilterArgs {
    /// The filters these options describe.
    pub fn filters(&self) -> Filters {
        Filters {
            kinds: self
                .flows
                .iter()
                .filter(|k| !k.is_empty())
                .cloned()
                .collect(),
            since: self.since,
            until: self.until,
            min_confidence: self.min_confidence,
            conditions: self.conditions.clone(),
            undirected: self.undirected,
        }
    }
}

/// How flows are weighted (DESIGN §3).
#[derive(Debug, Clone, Args)]
pub struct WeightArgs {
    /// Flow field read as a distance by path measures and as a strength by spectral ones.
    #[arg(long, value_name = "FIELD", conflicts_with = "strength")]
    pub weight: Option<String>,
    /// Flow field read as a strength; path measures use the distance 1/FIELD.
    #[arg(long, value_name = "FIELD")]
    pub strength: Option<String>,
}

impl WeightArgs {
    /// The weighting these options describe.
    pub fn weighting(&self) -> Weighting {
        match (&self.weight, &self.strength) {
            (Some(f), _) => Weighting::Weight(f.clone()),
            (None, Some(f)) => Weighting::Strength(f.clone()),
            (None, None) => Weighting::Unweighted,
        }
    }
}

/// Where and how results are written.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format [default: table, or the extension of -o FILE]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the result to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// The format to write.
    pub fn format(&self) -> Format {
        Format::resolve(self.format, self.output.as_deref())
    }

    /// Writes the result: atomically to `-o FILE`, else to stdout (a closed pipe is not an error).
    pub fn emit(&self, text: &str) -> anyhow::Result<()> {
        emit(self.output.as_deref(), text.as_bytes())
    }
}

/// Writes bytes atomically to a file, or to stdout when `path` is `None`.
pub fn emit(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match path {
        Some(p) => {
            io::write_atomic(p, bytes).with_context(|| format!("cannot write {}", p.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            }
        }
    }
}

/// Like [`emit`], with the content written by `write` as it is produced (large results).
pub fn emit_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match path {
        Some(p) => {
            io::write_atomic_with(p, write).with_context(|| format!("cannot write {}", p.display()))
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            match write(&mut out).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            }
        }
    }
}

/// The position of an actor named on the command line; an unknown id is a usage error (exit 2)
/// naming it and the closest known ids.
pub fn actor(net: &Network, id: &str) -> anyhow::Result<usize> {
    net.position(id)
        .ok_or_else(|| UsageError(unknown_actor(net, id)).into())
}

/// The positions of a list of actor ids; unknown ids are a usage error (exit 2) naming every one,
/// each with the closest known ids.
pub fn actors(net: &Network, ids: &[String]) -> anyhow::Result<Vec<usize>> {
    let unknown: Vec<&String> = ids.iter().filter(|id| net.position(id).is_none()).collect();
    match unknown.as_slice() {
        [] => Ok(ids.iter().filter_map(|id| net.position(id)).collect()),
        [one] => Err(UsageError(unknown_actor(net, one)).into()),
        many => {
            let known = || net.actors.iter().map(|a| a.id.as_str());
            let named: Vec<String> = many
                .iter()
                .map(|id| {
                    let close = suggest::closest(id, known());
                    match close.as_slice() {
                        [] => format!("\"{id}\""),
                        _ => format!("\"{id}\" (did you mean \"{}\"?)", close.join("\", \"")),
                    }
                })
                .collect();
            Err(UsageError(format!("unknown actors {}", named.join(", "))).into())
        }
    }
}

/// The actors named by a selector (ids, actor kinds, `@class`; see [`Selector`]); an unknown term
/// is a usage error (exit 2) naming it and the closest known names.
pub fn selector(net: &Network, terms: &[String]) -> anyhow::Result<Selector> {
    Selector::parse(net, terms).map_err(|e| UsageError(e).into())
}

fn unknown_actor(net: &Network, id: &str) -> String {
    suggest::unknown("actor", id, net.actors.iter().map(|a| a.id.as_str()))
}

fn parse_unit_interval(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("\"{text}\" is not a number between 0 and 1")),
    }
}

/// A mistake in how the command was called (exit code 2), found after clap's own parsing.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Prints a note on stderr (progress, counts, warnings).
pub fn note(text: &str) {
    eprintln!("note: {text}");
}

/// Prints a warning on stderr.
pub fn warn(text: &str) {
    eprintln!("warning: {text}");
}

/// Parses the command line, runs the command, and maps errors to exit codes: 1 for a user error,
/// 2 for bad usage.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Info(a) => info::run(&a),
        Command::Validate(a) => validate::run(&a),
        Command::Centrality(a) => centrality::run(&a),
        Command::Pairs(a) => pairs::run(&a),
        Command::Groups(a) => groups::run(&a),
        Command::Convert(a) => convert::run(&a),
        Command::Paths(a) => paths::run(&a),
        Command::Chains(a) => chains::run(&a),
        Command::Cut(a) => cut::run(&a),
        Command::Whatif(a) => whatif::run(&a),
        Command::Keyplayers(a) => keyplayers::run(&a),
        Command::Dot(a) => dot::run(&a),
        Command::Render(a) => render::run(&a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", one_line(&e));
            if e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn one_line(e: &anyhow::Error) -> String {
    e.chain()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(": ")
        .replace('\n', " ")
}
