//! `netgraph whatif`: before and after a scenario, or with `--attack` a disruption experiment —
//! clap arguments to [`netgraph_core::queries::whatif`] and [`netgraph_core::queries::attack`],
//! rendered by `whatif_report.rs`.

use super::{FilterArgs, GraphArgs, OutputArgs, WeightArgs, whatif_report};
use clap::Args;
use netgraph_core::Error;
use netgraph_core::algo::attack::Mode;
use netgraph_core::measures::Measure;
use netgraph_core::queries::attack::{AttackOptions, attack};
use netgraph_core::queries::whatif::{WhatifOptions, whatif};
use netgraph_core::render::plot::ChartFormat;
use netgraph_core::scenario::Edit;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `netgraph whatif`.
#[derive(Debug, Args)]
pub struct WhatifArgs {
    #[command(flatten)]
    graph: GraphArgs,
    /// Remove these actors and their flows: ids, actor kinds or @class, comma-separated
    /// (repeatable).
    #[arg(long, value_name = "A[,B…]", value_delimiter = ',')]
    remove: Vec<String>,
    /// Remove the flows from A to B, or only those of one kind or @class (repeatable).
    #[arg(long, value_name = "A:B[:kind]", value_parser = Edit::parse_cut)]
    cut: Vec<Edit>,
    /// Remove every flow of a kind, or of a class written @class (repeatable).
    #[arg(long = "drop-kind", value_name = "K")]
    drop_kind: Vec<String>,
    /// Add a flow from A to B of a kind (default link) (repeatable).
    #[arg(long, value_name = "A:B:kind", value_parser = Edit::parse_add)]
    add: Vec<Edit>,
    /// Compare the named scenarios of a JSON file side by side (docs/whatif.md).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["remove", "cut", "drop_kind", "add"])]
    scenario: Option<PathBuf>,
    /// The measure compared [default: betweenness, or the scenario file's].
    #[arg(long, short = 'm', value_parser = super::choice::choice::<Measure>())]
    measure: Option<Measure>,
    /// Report reachability and the shortest route from A to B along the route flows
    /// (comma-separated pairs; each side an id, an actor kind or @class: the nearest pair).
    #[arg(long, value_name = "A:B[,C:D…]", value_delimiter = ',', value_parser = parse_watch)]
    watch: Vec<(String, String)>,
    /// Unnormalised degree and betweenness.
    #[arg(long)]
    raw: bool,
    /// List every actor in the table, also those the scenario leaves unchanged.
    #[arg(long)]
    all: bool,
    /// Show only the N actors that change most (1 up).
    #[arg(long, value_name = "N", value_parser = super::parse_count)]
    top: Option<usize>,
    /// How many broken and new chains the table lists per scenario, those with most evidence
    /// first (JSON lists them all).
    #[arg(long, value_name = "N", default_value_t = 5)]
    chains_shown: usize,
    /// Disruption experiment: remove, step by step, the actor with the highest MEASURE (or random
    /// actors: `random`); several, comma-separated or repeated, are drawn on one chart (-o
    /// FILE.svg or .png).
    #[arg(long, value_name = "MEASURE|random", value_delimiter = ',', conflicts_with_all = ["scenario", "remove", "cut", "drop_kind", "add", "watch", "measure", "all", "pattern", "max_hops", "limit", "capacity", "route_flows", "anywhere"])]
    attack: Vec<String>,
    /// With --attack and -o FILE.svg or .png: values to mark on the chart (e.g. published ones),
    /// a CSV with the columns removed and share, and optionally label (# starts a comment).
    #[arg(long, value_name = "FILE.csv", requires = "attack")]
    reference_points: Option<PathBuf>,
    /// Number of removals of the disruption experiment (1 to the number of actors).
    #[arg(long, value_name = "K", value_parser = super::parse_count)]
    steps: Option<usize>,
    /// Recompute the measure after each removal (sequential) or rank once (static).
    #[arg(long, value_parser = super::choice::choice::<Mode>())]
    mode: Option<Mode>,
    /// Runs of the random baseline [default: 100] (1 to 4294967295; --timeout bounds them).
    #[arg(long, value_name = "R", value_parser = super::parse_count_u32)]
    runs: Option<u32>,
    /// Seed of the random baseline, or of the --resample draws [default: 0].
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// Compare the chains matching this flow-kind pattern; the default start and end rules still
    /// apply unless --anywhere [default: the laundering query, as in `chains`]
    #[arg(long, short = 'p', value_name = "P")]
    pattern: Option<String>,
    /// Compare chains that start and end at any actor (drop the default start and end rules).
    #[arg(long)]
    anywhere: bool,
    /// The most flows in a compared chain.
    #[arg(long, value_name = "H", default_value_t = 6)]
    max_hops: usize,
    /// Stop each side's chain enumeration after L chains (and say so).
    #[arg(long, value_name = "L", default_value_t = 10_000)]
    limit: usize,
    /// The flows that carry value along watched routes and the displacement max-flow: kinds,
    /// @class or . (every flow), comma-separated [default: kinds with a value role — commodity,
    /// money, asset — the flows the laundering chains follow]
    #[arg(long, value_name = "K[,K…]", value_delimiter = ',')]
    route_flows: Vec<String>,
    /// Flow field read as each flow's capacity in the displacement max-flow [default: 1 per flow]
    #[arg(long, value_name = "FIELD")]
    capacity: Option<String>,
    /// Worker threads for the parallel kernels [default: all cores] (1 to 4 × the cores).
    #[arg(long, value_name = "N", value_parser = super::parse_threads)]
    threads: Option<u16>,
    /// Bounds the disruption experiment (--attack): an expansion is a removal step, or a random
    /// run.
    #[command(flatten)]
    budget: super::budget_args::BudgetArgs,
    #[command(flatten)]
    weights: WeightArgs,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    resample: super::resample_args::ResampleArgs,
    #[command(flatten)]
    output: OutputArgs,
}

fn parse_watch(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(':') => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!("\"{text}\" is not A:B")),
    }
}

/// Runs the command.
pub fn run(args: &WhatifArgs) -> anyhow::Result<ExitCode> {
    if !args.attack.is_empty() {
        if args.resample.resample.is_some() {
            return Err(Error::usage("--resample applies to scenarios, not to --attack").into());
        }
        return run_attack(args);
    }
    let format = args.output.format()?;
    for (flag, given) in [
        ("--steps", args.steps.is_some()),
        ("--mode", args.mode.is_some()),
        ("--runs", args.runs.is_some()),
        (
            "--seed",
            args.seed.is_some() && args.resample.resample.is_none(),
        ),
    ] {
        if given {
            let needs = match flag {
                "--seed" => "--attack random or --resample",
                _ => "--attack",
            };
            return Err(Error::Usage(format!("{flag} needs {needs}")).into());
        }
    }
    let options = WhatifOptions {
        remove: args.remove.clone(),
        cut: args.cut.clone(),
        drop_kind: args.drop_kind.clone(),
        add: args.add.clone(),
        scenario: args.scenario.clone(),
        measure: args.measure,
        watch: args.watch.clone(),
        raw: args.raw,
        top: args.top,
        pattern: args.pattern.clone(),
        anywhere: args.anywhere,
        max_hops: args.max_hops,
        limit: args.limit,
        route_flows: args.route_flows.clone(),
        capacity: args.capacity.clone(),
        budget: args.budget.spec(),
        weights: args.weights.spec(),
        filter: args.filters.spec(),
    };
    options.validate()?;
    let resample = args
        .resample
        .spec(args.seed.unwrap_or(0), args.budget.spec(), false)?;
    let net = args.graph.load()?;
    if let Some(spec) = &resample {
        let run = super::context(args.threads);
        let text = super::resample_args::whatif(&net, &options, spec, &run, format)?;
        args.output.emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let result = whatif(&net, &options, &super::context(args.threads))?;
    let shown = whatif_report::Shown {
        all: args.all,
        chains: args.chains_shown,
    };
    let text = whatif_report::render(&result, format, &shown)?;
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs the disruption experiment; several strategies only as a chart.
fn run_attack(args: &WhatifArgs) -> anyhow::Result<ExitCode> {
    let (format, chart) = args.output.format_or_chart()?;
    if let Some(kind) = chart {
        return attack_chart(args, kind);
    }
    let [target] = args.attack.as_slice() else {
        return Err(Error::usage(
            "several --attack strategies are drawn on one chart: give -o FILE.svg or FILE.png",
        )
        .into());
    };
    if args.reference_points.is_some() {
        return Err(
            Error::usage("--reference-points marks a chart: give -o FILE.svg or FILE.png").into(),
        );
    }
    let options = AttackOptions {
        attack: target.to_string(),
        steps: args.steps,
        mode: args.mode,
        runs: args.runs,
        seed: args.seed,
        raw: args.raw,
        budget: args.budget.spec(),
        weights: args.weights.spec(),
        filter: args.filters.spec(),
    };
    options.validate()?;
    let net = args.graph.load()?;
    let result = attack(&net, &options, &super::context(args.threads))?;
    let text = whatif_report::render_attack(&result, format)?;
    args.output.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `--attack A[,B…] -o FILE.svg|png`: every strategy's curve on one chart. `--mode` applies to
/// the targeted strategies, `--runs` and `--seed` to `random`; each must have one to apply to.
fn attack_chart(args: &WhatifArgs, kind: ChartFormat) -> anyhow::Result<ExitCode> {
    let mut strategies: Vec<AttackOptions> = Vec::new();
    for (i, target) in args.attack.iter().enumerate() {
        if args.attack[..i].contains(target) {
            return Err(Error::Usage(format!("--attack names {target} twice")).into());
        }
        let random = target == "random";
        strategies.push(AttackOptions {
            attack: target.clone(),
            steps: args.steps,
            mode: args.mode.filter(|_| !random),
            runs: args.runs.filter(|_| random),
            seed: args.seed.filter(|_| random),
            raw: args.raw,
            budget: args.budget.spec(),
            weights: args.weights.spec(),
            filter: args.filters.spec(),
        });
    }
    for options in &strategies {
        options.validate()?;
    }
    let random = args.attack.iter().any(|a| a == "random");
    if (args.runs.is_some() || args.seed.is_some()) && !random {
        return Err(
            Error::usage("--runs and --seed apply to --attack random, which is not asked").into(),
        );
    }
    if args.mode.is_some() && args.attack.iter().all(|a| a == "random") {
        return Err(Error::usage("--mode applies to a targeted attack, not random").into());
    }
    let net = args.graph.load()?;
    let run = super::context(args.threads);
    let chart = super::charts::disruption(
        &net,
        &strategies,
        args.reference_points.as_deref(),
        &run,
        kind,
    )?;
    args.output.emit_chart(&chart)?;
    Ok(ExitCode::SUCCESS)
}
