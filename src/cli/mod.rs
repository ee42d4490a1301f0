//! The command line: clap definitions, shared options, and dispatch to one module per subcommand.

mod budget_args;
mod centrality;
mod chains;
mod charts;
mod choice;
mod conventions;
mod convert;
mod cut;
mod dot;
mod groups;
mod hops;
mod info;
mod info_documents;
mod keyplayers;
mod merge;
mod pairs;
mod paths;
mod period_args;
mod progress;
mod render;
mod resample_args;
mod structure_args;
mod validate;
mod whatif;
mod whatif_report;

use anyhow::Context;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use netgraph_core::Error;
use netgraph_core::io::{self, GraphSource, ReadOptions};
use netgraph_core::model::{Network, PartialDate};
use netgraph_core::queries::{FlowFilter, WeightSpec};
use netgraph_core::report::Format;
use netgraph_core::run::{Message, Messages, Run};
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
    /// Adds up the blocks of `centrality --measure betweenness --sources I/N --raw` into the scores.
    Merge(merge::MergeArgs),
    /// Scores per connected actor pair: edge betweenness and bridges.
    Pairs(pairs::PairsArgs),
    /// Groups of actors: communities (Leiden, Louvain), components or k-shells, with modularity.
    Groups(groups::GroupsArgs),
    /// Converts a network between formats (JSON, CSV edge list, GraphML, GEXF, a Neo4j import bundle).
    Convert(convert::ConvertArgs),
    /// Shortest (Yen's k shortest) or widest simple paths between two actors, hop by hop.
    Paths(paths::PathsArgs),
    /// Laundering channels: the flows by which criminal value enters the legal economy, with the
    /// chains of flows that carry it there, ranked by evidence.
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
    /// Shell completion script for bash, zsh, fish, elvish or powershell.
    Completions(conventions::CompletionsArgs),
    /// Manual pages (roff): netgraph.1, or one page per subcommand into a folder.
    Man(conventions::ManArgs),
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
    /// JSON file with a `kinds` section (classes of kinds, layers) applied over the network's own;
    /// for any input, and the only way to give kinds to CSV and GEXF.
    #[arg(long, value_name = "FILE.json")]
    pub kinds: Option<PathBuf>,
}

impl GraphArgs {
    /// The source named on the command line.
    pub fn source(&self) -> GraphSource {
        GraphSource::from_arg(self.graph.as_deref())
    }

    /// Loads and checks the network. Reading GEXF without `--kinds` warns that GEXF cannot carry a
    /// kinds section.
    pub fn load(&self) -> anyhow::Result<Network> {
        let loaded = io::load(&self.source(), &self.read_options());
        for line in netgraph_core::model::reserved::take_warnings() {
            warn(&line);
        }
        let net = loaded?;
        self.warn_gexf();
        for line in netgraph_core::model::kinds::suspicious_classes(&net.kinds) {
            warn(&line);
        }
        Ok(net)
    }

    /// Warns (stderr) when the network is GEXF and no `--kinds` file is given.
    pub fn warn_gexf(&self) {
        if let GraphSource::File(path) = self.source()
            && io::extension(&path) == "gexf"
            && self.kinds.is_none()
        {
            warn(&format!(
                "{}: GEXF cannot carry a kinds section, so kinds declared elsewhere have the built-in class or \"other\"; give them with --kinds FILE",
                path.display()
            ));
        }
    }

    /// Options for reading.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            nodes: self.nodes.clone(),
            kinds: self.kinds.clone(),
        }
    }
}

/// Which flows to analyse (docs/views.md). Filters remove flows, never actors.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// The layer to analyse: one the network declares, or `all` for every flow [default: the
    /// network's default layer; with --flows, every flow]
    #[arg(long, value_name = "NAME")]
    pub layer: Option<String>,
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
    /// Keep only flows that give a date (since or until); without it, a flow with no date passes
    /// --since and --until.
    #[arg(long)]
    pub dated: bool,
    /// Keep flows whose FIELD compares to VALUE (=, !=, <, <=, >, >=); repeatable, all must hold.
    #[arg(long = "where", value_name = "FIELD OP VALUE")]
    pub conditions: Vec<String>,
    /// Ignore flow directions.
    #[arg(long)]
    pub undirected: bool,
}

impl FilterArgs {
    /// The filters as the core takes them.
    pub fn spec(&self) -> FlowFilter {
        FlowFilter {
            layer: self.layer.clone(),
            flows: self.flows.clone(),
            since: self.since,
            until: self.until,
            min_confidence: self.min_confidence,
            dated: self.dated,
            conditions: self.conditions.clone(),
            undirected: self.undirected,
            draw: None,
        }
    }
}

/// How flows are weighted (docs/measures.md).
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
    /// The weighting as the core takes it.
    pub fn spec(&self) -> WeightSpec {
        WeightSpec {
            weight: self.weight.clone(),
            strength: self.strength.clone(),
        }
    }
}

/// Where and how results are written.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format [default: table, or the extension of -o FILE]
    #[arg(long, value_parser = choice::choice::<Format>())]
    pub format: Option<Format>,
    /// Write the result to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write CSV cells as they are: without it, a cell a spreadsheet would run as a formula
    /// (starting with =, +, -, @, tab or carriage return, and not a number) gets a leading '.
    #[arg(long)]
    pub raw_csv: bool,
}

impl OutputArgs {
    /// The format to write, for a command that writes tables, JSON and CSV (see
    /// [`OutputArgs::format_of`]).
    pub fn format(&self) -> Result<Format, Error> {
        self.format_of(&[Format::Table, Format::Json, Format::Csv])
    }

    /// The format to write, among those a command can write (`can`, the first being its
    /// default): `--format`, else the extension of `-o FILE` (`.txt` or none for a table,
    /// `.json`, `.csv`), else the first. A format the command cannot write, or an extension that
    /// names none of them without `--format`, is bad usage naming the formats it can write.
    pub fn format_of(&self, can: &[Format]) -> Result<Format, Error> {
        let writes = || {
            let names: Vec<&str> = can.iter().map(|f| f.describe()).collect();
            match names.as_slice() {
                [one] => one.to_string(),
                [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
                [] => String::new(),
            }
        };
        if let Some(asked) = self.format {
            if !can.contains(&asked) {
                return Err(Error::Usage(format!(
                    "--format {}: this command writes {}",
                    asked.name(),
                    writes()
                )));
            }
            return Ok(asked);
        }
        let Some(path) = &self.output else {
            return Ok(can[0]);
        };
        let extension = io::extension(path);
        match Format::of_extension(&extension) {
            Some(f) if can.contains(&f) => Ok(f),
            _ => {
                let picture = matches!(extension.as_str(), "svg" | "png" | "pdf" | "dot" | "gv");
                let chart = matches!(extension.as_str(), "svg" | "png");
                Err(Error::Usage(format!(
                    "-o {}: this command cannot write .{extension}; it writes {}; name the file so, or give --format{}",
                    path.display(),
                    writes(),
                    match (chart, picture) {
                        (true, _) => {
                            " (netgraph render draws pictures, netgraph dot writes DOT; whatif --attack, centrality --by … --track and centrality --resample draw charts)"
                        }
                        (false, true) => {
                            " (netgraph render draws pictures, netgraph dot writes DOT)"
                        }
                        _ => "",
                    }
                )))
            }
        }
    }

    /// Writes the result: atomically to `-o FILE`, else to stdout (a closed pipe is not an error).
    /// CSV cells that a spreadsheet would evaluate are neutralised unless `--raw-csv`; control
    /// characters in a table are shown escaped (docs/reliability.md).
    pub fn emit(&self, text: &str) -> anyhow::Result<()> {
        let safe = match self.format().unwrap_or(Format::Table) {
            Format::Csv if !self.raw_csv => std::borrow::Cow::Owned(
                netgraph_core::report::neutralise_csv(text)
                    .context("cannot write the CSV output")?,
            ),
            Format::Table => netgraph_core::report::escape_controls(text),
            _ => std::borrow::Cow::Borrowed(text),
        };
        emit(self.output.as_deref(), safe.as_bytes())
    }

    /// Writes a result that is plain text whatever the format but JSON (`info`, `validate`):
    /// control characters shown escaped, as in a table.
    pub fn emit_text(&self, text: &str) -> anyhow::Result<()> {
        let safe = match self.format_of(&[Format::Table, Format::Json]) {
            Ok(Format::Json) => std::borrow::Cow::Borrowed(text),
            _ => netgraph_core::report::escape_controls(text),
        };
        emit(self.output.as_deref(), safe.as_bytes())
    }
}

/// The file an `-o` argument names: `None` for standard output (no `-o`, or `-o -`).
pub fn output_file(path: Option<&Path>) -> Option<&Path> {
    path.filter(|p| p.as_os_str() != "-")
}

/// Refuses an output that would replace a file this run has read (the network, `--nodes`, a
/// scenario file, a source document), or a folder output that holds one: exit code 2.
pub fn check_output(path: &Path) -> anyhow::Result<()> {
    let input = io::input::is_input(path).or_else(|| {
        std::fs::metadata(path)
            .is_ok_and(|m| m.is_dir())
            .then(|| io::input::inputs_inside(path))
            .flatten()
    });
    match input {
        Some(input) => Err(Error::Usage(format!(
            "-o {} would overwrite the input {}; choose another output file",
            path.display(),
            input.display()
        ))
        .into()),
        None => Ok(()),
    }
}

/// Writes bytes atomically to a file, or to stdout when `path` is `None` or `-`.
pub fn emit(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match output_file(path) {
        Some(p) => {
            check_output(p)?;
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
    match output_file(path) {
        Some(p) => {
            check_output(p)?;
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

/// `--threads N`: 1 to 4 × the machine's parallelism (more only adds stacks and switching; 65,535
/// threads would exhaust the machine).
pub fn parse_threads(text: &str) -> Result<u16, String> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let max = (4 * cores).min(usize::from(u16::MAX));
    match text.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n as u16),
        _ => Err(format!(
            "\"{text}\" is not a number of threads from 1 to {max} (4 × the {cores} cores of this machine)"
        )),
    }
}

/// A whole number from 1 to `max`, or the message saying so ("from 1 up" when `max` is the
/// largest `u64`); 0 would ask for nothing.
fn whole_up_to(text: &str, max: u64) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ if max == u64::MAX => Err(format!("\"{text}\" is not a whole number from 1 up")),
        _ => Err(format!("\"{text}\" is not a whole number from 1 to {max}")),
    }
}

/// A count from 1 to `usize::MAX` (`--top`, …).
pub fn parse_count(text: &str) -> Result<usize, String> {
    whole_up_to(text, usize::MAX as u64).map(|n| n as usize)
}

/// A count from 1 to `u32::MAX` (`paths --k`, `keyplayers --k`, `whatif --runs`, …).
pub fn parse_count_u32(text: &str) -> Result<u32, String> {
    whole_up_to(text, u64::from(u32::MAX)).map(|n| n as u32)
}

/// A count from 1 to `u64::MAX` (`--budget`).
pub fn parse_count_u64(text: &str) -> Result<u64, String> {
    whole_up_to(text, u64::MAX)
}

fn parse_unit_interval(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("\"{text}\" is not a number between 0 and 1")),
    }
}

/// The core's run context for a command: notes and warnings on stderr as they come, progress
/// bars on a terminal, `threads` workers (`None`: every core).
pub fn context(threads: Option<u16>) -> Run {
    Run {
        progress: progress::terminal(),
        messages: Messages::new(|m| match m {
            Message::Note(text) => note(&text),
            Message::Warning(text) => warn(&text),
        }),
        threads: threads.map(usize::from),
    }
}

/// Prints a note on stderr (progress, counts, warnings).
pub fn note(text: &str) {
    eprintln!("note: {text}");
}

/// Prints a warning on stderr.
pub fn warn(text: &str) {
    eprintln!("warning: {text}");
}

/// Lets every option that takes a value take a negative number (`--top -5`), so its own parser
/// says what range it accepts, instead of clap reading `-5` as an unknown flag and suggesting
/// `-- -5`, which would make it a file name.
fn negative_values(command: clap::Command) -> clap::Command {
    command
        .mut_args(|arg| {
            if arg.get_action().takes_values() && !arg.is_positional() {
                arg.allow_negative_numbers(true)
            } else {
                arg
            }
        })
        .mut_subcommands(negative_values)
}

/// Parses the command line, runs the command, and maps errors to exit codes: 1 for a user error,
/// 2 for bad usage.
pub fn main() -> ExitCode {
    // Ctrl-C / SIGTERM: wait for a rename in progress, delete temporaries, end Graphviz, exit 130.
    let _ = ctrlc::set_handler(|| {
        netgraph_core::cleanup::on_interrupt();
        std::process::exit(130);
    });
    let matches = negative_values(Cli::command()).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let result = match cli.command {
        Command::Info(a) => info::run(&a),
        Command::Validate(a) => validate::run(&a),
        Command::Centrality(a) => centrality::run(&a),
        Command::Merge(a) => merge::run(&a),
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
        Command::Completions(a) => conventions::completions(&a),
        Command::Man(a) => conventions::man(&a),
    };
    // An interrupt being handled ends the process itself (130), after its clean-up.
    netgraph_core::cleanup::settle();
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", one_line(&e));
            // The one rule: a usage error exits 2, anything else the user can fix exits 1.
            if e.downcast_ref::<Error>().is_some_and(Error::is_usage) {
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
