//! `--by`: periods side by side for `centrality`, `info` and `keyplayers`
//! ([`netgraph_core::queries::periods`]) — the option, and the tables and CSV of each command run
//! by period.
//!
//! Tables start with the view line and the line that says what the periods are, then one row per
//! period (flows, active actors, and the command's summary), then for centrality the long table
//! `period, actor, measure…, rank`, or with `--track` one row per period with the tracked actors'
//! ranks and scores. CSV is long: one row per period and actor (centrality, key-player members),
//! or per period (info, `--track`).

use clap::Args;
use netgraph_core::Run;
use netgraph_core::algo::keyplayer::Objective;
use netgraph_core::model::Network;
use netgraph_core::queries::centrality::CentralityOptions;
use netgraph_core::queries::info::{Info, InfoOptions};
use netgraph_core::queries::keyplayers::{Keyplayers, KeyplayersOptions};
use netgraph_core::queries::periods::Periods;
use netgraph_core::queries::periods::centrality::{CentralityPeriods, centrality_by};
use netgraph_core::queries::periods::info::info_by;
use netgraph_core::queries::periods::keyplayers::keyplayers_by;
use netgraph_core::report::{self, Format, Table};

/// What a table shows for a tracked actor with no kept flow in a period, or a missing score.
const ABSENT: &str = "–";

/// `--by`: one analysis per period.
#[derive(Debug, Clone, Args)]
pub struct PeriodArgs {
    /// One analysis per period, each over the actors active in it: per value of a flow field (e.g.
    /// phase: as --where phase=V --active), or per year, quarter or month of the flows' since/until
    /// (docs/views.md).
    #[arg(long, value_name = "FIELD|year|quarter|month")]
    pub by: Option<String>,
}

/// `netgraph centrality --by`: runs and renders.
pub fn centrality(
    net: &Network,
    options: &CentralityOptions,
    by: &str,
    track: &[String],
    run: &Run,
    format: Format,
) -> anyhow::Result<String> {
    let result = centrality_by(net, options, by, track, run)?;
    Ok(match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            super::note(&result.periods.view_line);
            super::note(&result.periods.describe());
            match result.tracked.is_empty() {
                true => centrality_csv(&result)?,
                false => track_csv(&result)?,
            }
        }
        Format::Table => {
            let body = match result.tracked.is_empty() {
                true => format!(
                    "{}\n{}",
                    summary(&result.periods, &[], |_| Vec::new()).render(),
                    centrality_table(&result).render()
                ),
                false => track_table(&result),
            };
            format!("{}{body}", head(&result.periods))
        }
    })
}

/// The view line and the line saying what the periods are.
fn head<T>(periods: &Periods<T>) -> String {
    format!("{}\n{}\n\n", periods.view_line, periods.describe())
}

/// One row per period: its label, flows, active actors, the command's `columns`, and a note
/// column when a period was skipped.
fn summary<T>(periods: &Periods<T>, columns: &[&str], cells: impl Fn(&T) -> Vec<String>) -> Table {
    let skipped = periods.periods.iter().any(|p| p.outcome.is_err());
    let mut header = vec!["period", "flows", "active actors"];
    header.extend(columns);
    let mut right = vec![true; header.len()];
    if skipped {
        header.push("note");
        right.push(false);
    }
    let mut t = Table::new(&header, &right);
    for p in &periods.periods {
        let mut row = vec![
            p.label.clone(),
            p.flows.to_string(),
            p.actors_active.to_string(),
        ];
        match &p.outcome {
            Ok(x) => row.extend(cells(x)),
            Err(_) => row.extend(columns.iter().map(|_| ABSENT.to_string())),
        }
        if skipped {
            row.push(match &p.outcome {
                Err(why) => format!("skipped: {why}"),
                Ok(_) => String::new(),
            });
        }
        t.push(row);
    }
    t
}

fn score_cell(s: Option<f64>) -> String {
    match s {
        Some(s) if !s.is_nan() => report::rounded(s),
        _ => ABSENT.into(),
    }
}

fn score_csv(s: Option<f64>) -> String {
    match s {
        Some(s) if !s.is_nan() => report::number(s),
        _ => String::new(),
    }
}

/// `period, actor, measure…, rank`: every period's ranked actors.
fn centrality_table(result: &CentralityPeriods) -> Table {
    let mut header = vec!["period", "actor"];
    header.extend(result.measures.iter().map(String::as_str));
    header.push("rank");
    let mut right = vec![true, false];
    right.extend(result.measures.iter().map(|_| true));
    right.push(true);
    let mut t = Table::new(&header, &right);
    for (p, c) in result.periods.made() {
        for a in &c.actors {
            let mut row = vec![p.label.clone(), a.id.to_string()];
            row.extend(a.scores.iter().map(|s| score_cell(*s)));
            row.push(a.rank.to_string());
            t.push(row);
        }
    }
    t
}

fn centrality_csv(result: &CentralityPeriods) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["period", "actor"];
    header.extend(result.measures.iter().map(String::as_str));
    header.push("rank");
    w.write_record(&header)?;
    for (p, c) in result.periods.made() {
        for a in &c.actors {
            let mut row = vec![p.label.clone(), a.id.to_string()];
            row.extend(a.scores.iter().map(|s| score_csv(*s)));
            row.push(a.rank.to_string());
            w.write_record(&row)?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// One row per period, one column per tracked actor: `rank (score)`.
fn track_table(result: &CentralityPeriods) -> String {
    let ids: Vec<&str> = result.tracked.iter().map(|t| t.id.as_str()).collect();
    let t = summary(&result.periods, &ids, |c| {
        result
            .tracked
            .iter()
            .map(
                |t| match c.actors.iter().find(|a| a.position == t.position) {
                    Some(a) => format!(
                        "{} ({})",
                        a.rank,
                        a.scores
                            .iter()
                            .map(|s| score_cell(*s))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    None => ABSENT.into(),
                },
            )
            .collect()
    });
    format!(
        "cells: rank ({}) among the period's active actors; {ABSENT}: no kept flow in the period\n{}",
        result.measures.join(", "),
        t.render()
    )
}

/// `period, flows, actors_active`, then per tracked actor its rank and scores (empty when absent).
fn track_csv(result: &CentralityPeriods) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["period", "flows", "actors_active"]
        .map(String::from)
        .to_vec();
    for t in &result.tracked {
        header.push(format!("{} rank", t.id));
        header.extend(result.measures.iter().map(|m| format!("{} {m}", t.id)));
    }
    w.write_record(&header)?;
    for p in &result.periods.periods {
        let mut row = vec![
            p.label.clone(),
            p.flows.to_string(),
            p.actors_active.to_string(),
        ];
        for t in &result.tracked {
            match CentralityPeriods::row(p, t.position) {
                Some(a) => {
                    row.push(a.rank.to_string());
                    row.extend(a.scores.iter().map(|s| score_csv(*s)));
                }
                None => row.extend((0..=result.measures.len()).map(|_| String::new())),
            }
        }
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// `netgraph info --by`: runs and renders (a table or CSV with one row per period, or JSON).
pub fn info(
    net: &Network,
    options: &InfoOptions,
    by: &str,
    run: &Run,
    format: Format,
) -> anyhow::Result<String> {
    let result = info_by(net, options, by, run)?;
    const COLUMNS: [&str; 4] = ["weak components", "largest", "isolated", "density"];
    let cells = |i: &Info| {
        vec![
            i.components.to_string(),
            i.largest.to_string(),
            i.isolated.to_string(),
            report::rounded(i.density),
        ]
    };
    Ok(match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            super::note(&result.view_line);
            super::note(&result.describe());
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record([
                "period",
                "flows",
                "actors_active",
                "weak_components",
                "largest_component",
                "isolated_actors",
                "density",
                "skipped",
            ])?;
            for p in &result.periods {
                let mut row = vec![
                    p.label.clone(),
                    p.flows.to_string(),
                    p.actors_active.to_string(),
                ];
                match &p.outcome {
                    Ok(i) => {
                        row.extend([
                            i.components.to_string(),
                            i.largest.to_string(),
                            i.isolated.to_string(),
                            report::number(i.density),
                            String::new(),
                        ]);
                    }
                    Err(why) => {
                        row.extend((0..4).map(|_| String::new()));
                        row.push(why.clone());
                    }
                }
                w.write_record(&row)?;
            }
            String::from_utf8(w.into_inner()?)?
        }
        Format::Table => format!(
            "{}{}",
            head(&result),
            summary(&result, &COLUMNS, cells).render()
        ),
    })
}

/// `netgraph keyplayers --by`: runs and renders (one row per period in a table, per member and
/// period in CSV, or JSON).
pub fn keyplayers(
    net: &Network,
    options: &KeyplayersOptions,
    by: &str,
    run: &Run,
    format: Format,
) -> anyhow::Result<String> {
    let result = keyplayers_by(net, options, by, run)?;
    let key = match options.objective {
        netgraph_core::queries::keyplayers::Goal::Fragment => "fragmentation",
        netgraph_core::queries::keyplayers::Goal::Reach => "reach",
    };
    Ok(match format {
        Format::Json => report::json_text(&result.to_json()),
        Format::Csv => {
            super::note(&result.view_line);
            super::note(&result.describe());
            keyplayers_csv(&result, key)?
        }
        Format::Table => {
            let score = match options.validate()? {
                Objective::Fragment => "fragmentation without them".to_string(),
                Objective::Reach { distance } => format!(
                    "reach within {distance} step{}",
                    if distance == 1 { "" } else { "s" }
                ),
            };
            let columns = [
                "key players",
                score.as_str(),
                "intact view",
                "candidates",
                "search",
            ];
            let t = summary(&result, &columns, |k: &Keyplayers| {
                vec![
                    k.actors
                        .iter()
                        .map(|&v| k.net.actors[v].id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    report::rounded(k.score),
                    report::rounded(k.intact),
                    k.candidates.to_string(),
                    search_cell(k),
                ]
            });
            format!("{}{}", head(&result), t.render())
        }
    })
}

/// How a period's set was found, in a few words.
fn search_cell(k: &Keyplayers) -> String {
    match (k.search.optimal, k.search.stopped_by) {
        (true, _) => "optimal".into(),
        (false, Some(bound)) => format!("stopped at {bound}"),
        (false, None) => "heuristic".into(),
    }
}

fn keyplayers_csv(result: &Periods<Keyplayers>, key: &str) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "period",
        "flows",
        "actors_active",
        "actor",
        "name",
        "kind",
        "contribution",
        key,
        "method",
        "optimal",
        "truncated",
    ])?;
    for (p, k) in result.made() {
        for (&v, &c) in k.actors.iter().zip(&k.contributions) {
            let a = &k.net.actors[v];
            w.write_record([
                p.label.as_str(),
                &p.flows.to_string(),
                &p.actors_active.to_string(),
                a.id.as_str(),
                a.display_name(),
                a.kind(),
                &report::number(c),
                &report::number(k.score),
                k.search.method,
                &k.search.optimal.to_string(),
                &k.truncated.to_string(),
            ])?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
