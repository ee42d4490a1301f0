//! Charts for `-o FILE.svg` or `-o FILE.png` (docs/rendering.md): the disruption curves of
//! `whatif --attack`, the trajectories of `centrality --by … --track` and the ranked intervals of
//! `centrality --resample`, drawn by
//! [`netgraph_core::render::plot`] and written atomically.

use super::OutputArgs;
use anyhow::Context;
use netgraph_core::Error;
use netgraph_core::Run;
use netgraph_core::choice::Choice;
use netgraph_core::model::Network;
use netgraph_core::queries::attack::{AttackOptions, Curve, attack};
use netgraph_core::queries::centrality::CentralityOptions;
use netgraph_core::queries::periods::centrality::centrality_by;
use netgraph_core::queries::resample::centrality::CentralityResample;
use netgraph_core::render::plot::{self, Axes, ChartFormat, Interval, Line, Marks, Trend};
use netgraph_core::report::Format;
use std::path::Path;

impl OutputArgs {
    /// What to write: a chart when `-o` names a `.svg` or `.png` file and `--format` is not
    /// given (`(Format::Table, Some(kind))`, the format unused), else the text format as
    /// [`OutputArgs::format`] chooses it. Only the commands that draw call this.
    pub fn format_or_chart(&self) -> Result<(Format, Option<ChartFormat>), Error> {
        if self.format.is_none()
            && let Some(path) = super::output_file(self.output.as_deref())
            && let Some(kind) = ChartFormat::of_extension(&netgraph_core::io::extension(path))
        {
            return Ok((Format::Table, Some(kind)));
        }
        Ok((self.format()?, None))
    }

    /// Writes a chart atomically to `-o FILE` (refusing to replace an input).
    pub fn emit_chart(&self, bytes: &[u8]) -> anyhow::Result<()> {
        super::emit(self.output.as_deref(), bytes)
    }
}

/// The disruption curves of `whatif --attack A[,B…]`: one line per strategy (the random
/// baseline grey, with the band of its runs' 5th to 95th percentiles), the reference points of
/// `--reference-points FILE` as marks; the share of the largest component against the actors
/// removed.
pub fn disruption(
    net: &Network,
    strategies: &[AttackOptions],
    reference: Option<&Path>,
    run: &Run,
    kind: ChartFormat,
) -> anyhow::Result<Vec<u8>> {
    let marks = match reference {
        Some(path) => reference_points(path)?,
        None => Vec::new(),
    };
    let mut lines = Vec::new();
    let mut note = String::new();
    for options in strategies {
        let result = attack(net, options, run)?;
        note.clone_from(&result.view_line);
        let stopped = match result.truncated {
            true => " (stopped by the budget)",
            false => "",
        };
        lines.push(match &result.curve {
            Curve::Targeted {
                measure,
                mode,
                steps,
            } => Line {
                label: format!("{} ({}){stopped}", measure.name(), mode.name()),
                points: steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (i as f64, s.lcc))
                    .collect(),
                ..Line::default()
            },
            Curve::Random { runs, seed, steps } => Line {
                label: format!(
                    "random: mean of {runs} runs (seed {seed}), band 5th–95th percentile{stopped}"
                ),
                points: steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (i as f64, s.lcc))
                    .collect(),
                band: steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (i as f64, s.lcc_p05, s.lcc_p95))
                    .collect(),
                baseline: true,
            },
        });
    }
    let axes = Axes {
        title: "Disruption: the largest component as actors are removed".into(),
        x: "actors removed".into(),
        y: "largest component (share of the intact one)".into(),
        note,
    };
    Ok(plot::curve(&axes, &lines, &marks, kind)?)
}

/// `--reference-points FILE`: a CSV with the header `removed,share` or `removed,share,label`
/// (lines starting with `#` are comments, e.g. the citation); one group of marks per label, in
/// the order of first appearance (`reference` without a label column or an empty label).
pub fn reference_points(path: &Path) -> anyhow::Result<Vec<Marks>> {
    let bad = |line: Option<u64>, why: String| -> anyhow::Error {
        let place = line.map(|l| format!(" line {l}")).unwrap_or_default();
        Error::Input(format!("{}{place}: {why}", path.display())).into()
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut reader = ::csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| bad(e.position().map(|p| p.line()), e.to_string()))?
        .clone();
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    if names != ["removed", "share"] && names != ["removed", "share", "label"] {
        return Err(bad(
            Some(1),
            format!(
                "the header is \"{}\"; reference points need removed,share or removed,share,label",
                names.join(",")
            ),
        ));
    }
    let mut marks: Vec<Marks> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(e.position().map(|p| p.line()), e.to_string()))?;
        let line = record.position().map(|p| p.line());
        let removed: f64 = record[0]
            .trim()
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite() && *x >= 0.0)
            .ok_or_else(|| {
                bad(
                    line,
                    format!(
                        "removed \"{}\" is not a number of actors (0 up)",
                        &record[0]
                    ),
                )
            })?;
        let share: f64 = record[1]
            .trim()
            .parse()
            .ok()
            .filter(|x: &f64| (0.0..=1.0).contains(x))
            .ok_or_else(|| {
                bad(
                    line,
                    format!("share \"{}\" is not a number from 0 to 1", &record[1]),
                )
            })?;
        let label = record
            .get(2)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .unwrap_or("reference");
        match marks.iter_mut().find(|m| m.label == label) {
            Some(m) => m.points.push((removed, share)),
            None => marks.push(Marks {
                label: label.to_string(),
                points: vec![(removed, share)],
            }),
        }
    }
    if marks.is_empty() {
        return Err(bad(None, "no reference point (a header and no row)".into()));
    }
    Ok(marks)
}

/// The trajectories of `centrality --by FIELD --track A,B -o FILE.svg|png`: one line per tracked
/// actor, its score of the first measure in each period.
pub fn trajectories(
    net: &Network,
    options: &CentralityOptions,
    by: Option<&str>,
    track: &[String],
    run: &Run,
    kind: ChartFormat,
) -> anyhow::Result<Vec<u8>> {
    let Some(by) = by.filter(|_| !track.is_empty()) else {
        return Err(Error::usage(
            "-o FILE.svg or .png draws the trajectories of tracked actors: give --by FIELD --track A,B (centrality tables are written as .txt, .json or .csv)",
        )
        .into());
    };
    let result = centrality_by(net, options, by, track, run)?;
    super::note(&result.periods.describe());
    let categories: Vec<String> = result
        .periods
        .periods
        .iter()
        .map(|p| p.label.clone())
        .collect();
    let lines: Vec<Trend> = result
        .tracked
        .iter()
        .enumerate()
        .map(|(k, t)| Trend {
            label: match t.name == t.id || t.name.is_empty() {
                true => t.id.clone(),
                false => format!("{} ({})", t.name, t.id),
            },
            values: result
                .series(k)
                .iter()
                .map(|p| p.scores.first().copied().flatten())
                .collect(),
        })
        .collect();
    let measure = result.measures.first().cloned().unwrap_or_default();
    let axes = Axes {
        title: format!("{measure} by {by}"),
        x: by.to_string(),
        y: format!("{measure} among the period's active actors"),
        note: result.periods.view_line.clone(),
    };
    Ok(plot::trend(&axes, &categories, &lines, kind)?)
}

/// Rows of an interval chart when `--top` does not say how many.
pub const INTERVAL_ROWS: usize = 40;

/// The ranked interval chart of `centrality --resample N -o FILE.svg|png`: for each actor (the
/// `--top` ones, else the first [`INTERVAL_ROWS`], said on stderr), a dot for its score of the
/// first measure on the whole view and a bar from the 5th to the 95th percentile over the draws.
pub fn intervals(
    result: &CentralityResample,
    top: Option<usize>,
    kind: ChartFormat,
) -> anyhow::Result<Vec<u8>> {
    let measure = result.full.measures.first().cloned().unwrap_or_default();
    let rows: Vec<Interval> = result
        .full
        .actors
        .iter()
        .zip(&result.spreads)
        .map(|(a, spreads)| {
            let (low, high) = spreads
                .first()
                .and_then(|s| s.summary)
                .map_or((f64::NAN, f64::NAN), |x| (x.p05, x.p95));
            Interval {
                label: match a.name == a.id || a.name.is_empty() {
                    true => a.id.to_string(),
                    false => format!("{} ({})", a.name, a.id),
                },
                score: a.scores.first().copied().flatten().unwrap_or(f64::NAN),
                low,
                high,
            }
        })
        .collect();
    let shown = match top {
        Some(_) => rows.len(),
        None => rows.len().min(INTERVAL_ROWS),
    };
    if shown < rows.len() {
        super::note(&format!(
            "the chart shows the {shown} highest-ranked of {} actors by {measure}; --top N to choose",
            rows.len()
        ));
    }
    let axes = Axes {
        title: format!(
            "{measure}: the whole network and {}",
            result.draws.describe()
        ),
        x: measure.clone(),
        y: "actor".into(),
        note: result.full.view_line.clone(),
    };
    Ok(plot::intervals(
        &axes,
        &rows[..shown],
        (
            "score on the whole view",
            "5th–95th percentile of the draws",
        ),
        kind,
    )?)
}
