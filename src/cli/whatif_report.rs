//! Rendering a what-if comparison ([`Whatif`]) as a readable diff (biggest changes first) or CSV,
//! and a disruption experiment ([`Attack`]) as a table or CSV; JSON comes from the results'
//! `to_json`.

use netgraph_core::algo::attack::{RandomStep, Step};
use netgraph_core::choice::Choice;
use netgraph_core::queries::attack::{Attack, Curve};
use netgraph_core::queries::chain_diff;
use netgraph_core::queries::displacement;
use netgraph_core::queries::whatif::{Snapshot, WatchRoute, Whatif};
use netgraph_core::report::{self, Format, Table};
/// What a table lists (the number of actors, `--top`, is the comparison's own).
#[derive(Debug, Clone, Copy)]
pub(super) struct Shown {
    /// Also actors that no scenario changes (tables only list changes otherwise).
    pub all: bool,
    /// At most this many broken and new chains per scenario in a table.
    pub chains: usize,
}

/// Renders the comparison in a format.
pub(super) fn render(c: &Whatif, format: Format, shown: &Shown) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json => report::json_text(&c.to_json()),
        Format::Csv => {
            super::note(&c.view_line);
            csv_text(c)?
        }
        Format::Table => format!("{}\n{}", c.view_line, table_text(c, shown)),
    })
}

fn delta(before: &Snapshot, after: &Snapshot, p: usize) -> Option<f64> {
    Whatif::delta(before, after, p)
}

fn id<'a>(c: &'a Whatif, p: usize) -> &'a str {
    c.id(p)
}

fn csv_text(c: &Whatif) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "scenario",
        "actor",
        "before",
        "after",
        "delta",
        "rank_before",
        "rank_after",
    ])?;
    let text = |x: Option<f64>| x.map(report::number).unwrap_or_default();
    let rank = |r: Option<usize>| r.map(|r| r.to_string()).unwrap_or_default();
    for a in &c.after {
        for p in c.order(&[a], false) {
            w.write_record([
                a.name.clone(),
                id(c, p).to_string(),
                text(c.before.scores[p]),
                text(a.scores[p]),
                text(delta(&c.before, a, p)),
                rank(c.before.ranks[p]),
                rank(a.ranks[p]),
            ])?;
        }
    }
    Ok(String::from_utf8(
        w.into_inner().map_err(|e| e.into_error())?,
    )?)
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", report::rounded(x))
    } else {
        report::rounded(x)
    }
}

fn route_text(c: &Whatif, route: &Option<WatchRoute>) -> String {
    match route {
        None => "removed".into(),
        Some(WatchRoute {
            length: Some(l),
            path: Some(p),
        }) => {
            let ids: Vec<&str> = p.iter().map(|&v| id(c, v)).collect();
            format!("{}: {}", report::rounded(*l), ids.join(" → "))
        }
        Some(_) => "unreachable".into(),
    }
}

fn table_text(c: &Whatif, shown: &Shown) -> String {
    let mut out = String::new();
    for a in &c.after {
        out.push_str(&format!("{}: {}\n", a.name, a.edits.join("; ")));
    }
    out.push_str(&format!("measure: {}\n", c.measure));
    out.push_str(&format!("chains: {}\n", c.chains.describe()));
    out.push_str(&format!(
        "routes, watched pairs and max flow: along {}\n",
        c.route.describe()
    ));
    out.push_str(&format!(
        "max flow: from criminal to legal actors, capacity {}\n\n",
        c.capacity
            .as_ref()
            .map_or("1 per flow".to_string(), |f| format!("\"{f}\"")),
    ));
    let sides: Vec<&Snapshot> = std::iter::once(&c.before).chain(&c.after).collect();
    let mut header = vec![""];
    header.extend(sides.iter().map(|s| s.name.as_str()));
    let right: Vec<bool> = header.iter().enumerate().map(|(i, _)| i > 0).collect();
    let mut summary = Table::new(&header, &right);
    type Row = (&'static str, fn(&Snapshot) -> String);
    let rows: [Row; 5] = [
        ("actors", |s| s.actors.to_string()),
        ("flows", |s| s.flows.to_string()),
        ("weak components", |s| s.components.to_string()),
        ("largest component", |s| s.largest.to_string()),
        ("fragmentation", |s| report::rounded(s.fragmentation)),
    ];
    for (label, cell) in rows {
        let mut row = vec![label.to_string()];
        row.extend(sides.iter().map(|s| cell(s)));
        summary.push(row);
    }
    let mut chains = vec![
        "chains".to_string(),
        chain_diff::found_text(&c.before.chains),
    ];
    chains.extend(c.after.iter().map(|a| chain_diff::found_text(&a.chains)));
    summary.push(chains);
    for (i, label) in ["  broken", "  surviving", "  new"].into_iter().enumerate() {
        let mut row = vec![label.to_string(), String::new()];
        row.extend(
            c.after
                .iter()
                .map(|a| chain_diff::counts(&c.before.chains, &a.chains)[i + 1].to_string()),
        );
        summary.push(row);
    }
    let mut channels = vec![
        "channels".to_string(),
        c.before.chains.channels.len().to_string(),
    ];
    channels.extend(c.after.iter().map(|a| a.chains.channels.len().to_string()));
    summary.push(channels);
    for (i, label) in ["  broken", "  surviving", "  newly reachable"]
        .into_iter()
        .enumerate()
    {
        let mut row = vec![label.to_string(), String::new()];
        row.extend(
            c.after.iter().map(|a| {
                chain_diff::channel_counts(&c.before.chains, &a.chains)[i + 1].to_string()
            }),
        );
        summary.push(row);
    }
    let mut flow = vec!["max flow criminal → legal".to_string()];
    flow.extend(sides.iter().map(|s| report::rounded(s.displacement.value)));
    summary.push(flow);
    out.push_str(&summary.render());
    if !c.watch.is_empty() {
        let mut header = vec!["watch"];
        header.extend(sides.iter().map(|s| s.name.as_str()));
        let mut t = Table::new(&header, &[]);
        for (i, w) in c.watch.iter().enumerate() {
            let mut row = vec![format!("{} → {}", w.from_text, w.to_text)];
            row.extend(sides.iter().map(|side| route_text(c, &side.routes[i])));
            t.push(row);
        }
        out.push('\n');
        out.push_str(&t.render());
    }
    // Per scenario, the chains that changed and the max-flow routes (left out when neither side
    // has any, as in a network without criminal or legal actors).
    for a in &c.after {
        let mut part = String::new();
        if !(c.before.chains.is_empty() && a.chains.is_empty()) {
            part.push_str(&chain_diff::channel_lines(
                c.net,
                &a.name,
                (&c.before.chains, &a.chains),
                &a.displaced,
            ));
            part.push_str(&chain_diff::table_lines(
                c.net,
                &a.name,
                &c.before.chains,
                &a.chains,
                shown.chains,
            ));
        }
        if c.before.displacement.value > 0.0 || a.displacement.value > 0.0 {
            part.push_str(&displacement::table_lines(c.net, &a.name, &a.displacement));
        }
        if !part.is_empty() {
            out.push('\n');
            out.push_str(&part);
        }
    }
    out.push('\n');
    out.push_str(&actor_table(c, shown));
    out
}

fn actor_table(c: &Whatif, shown: &Shown) -> String {
    let after: Vec<&Snapshot> = c.after.iter().collect();
    let list = c.order(&after, !shown.all);
    let measure = c.measure.name();
    let mut header = vec!["actor", "name", measure, "rank"];
    let mut right = vec![false, false, true, true];
    for a in &c.after {
        header.extend([a.name.as_str(), "Δ", "rank"]);
        right.extend([true, true, true]);
    }
    let mut t = Table::new(&header, &right);
    let b = &c.before;
    for &p in &list {
        let actor = &c.net.actors[p];
        let mut row = vec![
            actor.id.to_string(),
            actor.display_name().to_string(),
            b.scores[p].map(report::rounded).unwrap_or_default(),
            b.ranks[p].map(|r| r.to_string()).unwrap_or_default(),
        ];
        for a in &c.after {
            match (a.scores[p], a.ranks[p]) {
                (Some(score), Some(rank)) => row.extend([
                    report::rounded(score),
                    delta(b, a, p).map(signed).unwrap_or_default(),
                    rank_text(b.ranks[p], rank),
                ]),
                _ => row.extend(["removed".to_string(), String::new(), String::new()]),
            }
        }
        t.push(row);
    }
    let mut out = if t.is_empty() {
        "no actor changes\n".to_string()
    } else {
        t.render()
    };
    let unchanged = c.net.actor_count() - list.len();
    if !shown.all && c.top.is_none() && unchanged > 0 && !t.is_empty() {
        out.push_str(&format!(
            "({unchanged} actor{} unchanged; --all lists them)\n",
            if unchanged == 1 { "" } else { "s" }
        ));
    }
    out
}

/// The rank after, with the move: `3 (↑2)`, `7 (↓1)`, or `5`.
fn rank_text(before: Option<usize>, after: usize) -> String {
    match before {
        Some(b) if b > after => format!("{after} (↑{})", b - after),
        Some(b) if b < after => format!("{after} (↓{})", after - b),
        _ => after.to_string(),
    }
}

/// Renders a disruption experiment in a format.
pub(super) fn render_attack(a: &Attack, format: Format) -> anyhow::Result<String> {
    if format == Format::Json {
        return Ok(report::json_text(&a.to_json()));
    }
    if format == Format::Csv {
        super::note(&a.view_line);
    }
    match &a.curve {
        Curve::Targeted {
            measure,
            mode,
            steps,
        } => {
            let title = format!("{} {measure} attack", mode.name());
            targeted_text(a, steps, format, &title)
        }
        Curve::Random { runs, seed, steps } => random_text(a, steps, format, *runs, *seed),
    }
}

fn targeted_text(
    a: &Attack,
    curve: &[Step],
    format: Format,
    title: &str,
) -> anyhow::Result<String> {
    let net = a.net;
    let removed = |s: &Step| a.removed_id(s).map(String::from);
    Ok(match format {
        Format::Csv => {
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["step", "removed", "lcc", "fragmentation"])?;
            for (i, s) in curve.iter().enumerate() {
                w.write_record([
                    i.to_string(),
                    removed(s).unwrap_or_default(),
                    report::number(s.lcc),
                    report::number(s.fragmentation),
                ])?;
            }
            String::from_utf8(w.into_inner().map_err(|e| e.into_error())?)?
        }
        _ => {
            let header = ["step", "removed", "name", "lcc", "largest", "fragmentation"];
            let mut t = Table::new(&header, &[true, false, false, true, true, true]);
            for (i, s) in curve.iter().enumerate() {
                let name = s.removed.map(|v| net.actors[v].display_name().to_string());
                t.push(vec![
                    i.to_string(),
                    removed(s).unwrap_or_else(|| "-".into()),
                    name.unwrap_or_else(|| "(intact)".into()),
                    report::rounded(s.lcc),
                    s.lcc_size.to_string(),
                    report::rounded(s.fragmentation),
                ]);
            }
            format!(
                "{}\n{title}: lcc = largest weak component / the intact one's ({})\n\n{}",
                a.view_line,
                curve.first().map_or(0, |s| s.lcc_size),
                t.render()
            )
        }
    })
}

fn random_text(
    a: &Attack,
    curve: &[RandomStep],
    format: Format,
    runs: usize,
    seed: u64,
) -> anyhow::Result<String> {
    Ok(match format {
        Format::Csv => {
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["step", "lcc", "lcc_sd", "fragmentation", "fragmentation_sd"])?;
            let text = |x: Option<f64>| x.map(report::number).unwrap_or_default();
            for (i, s) in curve.iter().enumerate() {
                w.write_record([
                    i.to_string(),
                    report::number(s.lcc),
                    text(s.lcc_sd),
                    report::number(s.fragmentation),
                    text(s.fragmentation_sd),
                ])?;
            }
            String::from_utf8(w.into_inner().map_err(|e| e.into_error())?)?
        }
        _ => {
            let header = ["step", "lcc", "sd", "fragmentation", "sd"];
            let mut t = Table::new(&header, &[true; 5]);
            let text = |x: Option<f64>| x.map(report::rounded).unwrap_or_else(|| "-".into());
            for (i, s) in curve.iter().enumerate() {
                t.push(vec![
                    i.to_string(),
                    report::rounded(s.lcc),
                    text(s.lcc_sd),
                    report::rounded(s.fragmentation),
                    text(s.fragmentation_sd),
                ]);
            }
            format!(
                "{}\nrandom removal: mean and sample standard deviation over {runs} runs (seed {seed})\n\n{}",
                a.view_line,
                t.render()
            )
        }
    })
}
