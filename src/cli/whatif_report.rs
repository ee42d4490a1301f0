//! Rendering a what-if [`Comparison`]: a readable diff (biggest changes first), JSON, CSV.
//!
//! JSON for command-line edits: `{"actors": [{"id", "before", "after", "delta", "rank_before",
//! "rank_after"}], "fragmentation": {"before", "after"}, "components": {"before", "after"},
//! "watch": [{"from", "to", "before", "after"}], "chains": {…}, "displacement": {…}}` with
//! `after: null` for removed actors (and for routes from or to them); the last two sections are
//! described in `whatif_chains.rs` and `whatif_flow.rs`. A scenario file gives `{"measure",
//! "scenarios": [{"name", "edits", …the same keys…}]}`.

use super::whatif::{Comparison, Route, Snapshot};
use super::{whatif_chains, whatif_flow};
use netgraph_core::report::{self, Format, Table};
use serde_json::{Value, json};

/// Which actors to list.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shown {
    /// Also actors that no scenario changes (tables only list changes otherwise).
    pub all: bool,
    /// At most this many actors.
    pub top: Option<usize>,
    /// At most this many broken and new chains per scenario in a table.
    pub chains: usize,
}

/// Renders the comparison in a format.
pub(super) fn render(c: &Comparison, format: Format, shown: &Shown) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json => json_text(c, shown),
        Format::Csv => {
            super::note_view(c.view);
            csv_text(c, shown)?
        }
        Format::Table => format!("{}\n{}", c.view.describe(), table_text(c, shown)),
    })
}

fn delta(before: &Snapshot, after: &Snapshot, p: usize) -> Option<f64> {
    Some(after.scores[p]? - before.scores[p]?)
}

/// Whether a scenario changes actor p: removed, a different score, or a different rank.
fn changed(before: &Snapshot, after: &Snapshot, p: usize) -> bool {
    match (before.scores[p], after.scores[p]) {
        (Some(b), Some(a)) => {
            (a - b).abs() > 1e-12 * a.abs().max(b.abs()) || before.ranks[p] != after.ranks[p]
        }
        _ => true,
    }
}

/// Actor positions, biggest change first: removed actors, then by the largest |delta| over the
/// scenarios, then by rank before. Unless `all`, only actors some scenario changes.
fn order(c: &Comparison, after: &[&Snapshot], shown: &Shown, only_changed: bool) -> Vec<usize> {
    let n = c.net.actor_count();
    let key = |p: usize| {
        let removed = after.iter().any(|a| a.scores[p].is_none());
        let size = after
            .iter()
            .filter_map(|a| delta(&c.before, a, p))
            .map(f64::abs)
            .fold(0.0, f64::max);
        (removed, size, c.before.ranks[p].unwrap_or(usize::MAX))
    };
    let mut list: Vec<usize> = (0..n)
        .filter(|&p| !only_changed || after.iter().any(|a| changed(&c.before, a, p)))
        .collect();
    list.sort_by(|&x, &y| {
        let (a, b) = (key(x), key(y));
        b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2))
    });
    list.truncate(shown.top.unwrap_or(list.len()));
    list
}

fn id<'a>(c: &Comparison<'a>, p: usize) -> &'a str {
    &c.net.actors[p].id
}

fn route_json(c: &Comparison, route: &Option<Route>) -> Value {
    match route {
        None => Value::Null,
        Some(r) => json!({
            "reachable": r.length.is_some(),
            "length": report::json_number(r.length),
            "path": r.path.as_ref().map(|p| p.iter().map(|&v| id(c, v)).collect::<Vec<_>>()),
        }),
    }
}

fn diff_json(c: &Comparison, after: &Snapshot, shown: &Shown) -> serde_json::Map<String, Value> {
    let b = &c.before;
    let actors: Vec<Value> = order(c, &[after], shown, false)
        .into_iter()
        .map(|p| {
            json!({
                "id": id(c, p),
                "before": report::json_number(b.scores[p]),
                "after": report::json_number(after.scores[p]),
                "delta": report::json_number(delta(b, after, p)),
                "rank_before": b.ranks[p],
                "rank_after": after.ranks[p],
            })
        })
        .collect();
    let watch: Vec<Value> = c
        .watch
        .iter()
        .enumerate()
        .map(|(i, w)| {
            json!({
                "from": w.from_text,
                "to": w.to_text,
                "before": route_json(c, &b.routes[i]),
                "after": route_json(c, &after.routes[i]),
            })
        })
        .collect();
    let mut o = serde_json::Map::new();
    o.insert("actors".into(), Value::Array(actors));
    o.insert(
        "fragmentation".into(),
        json!({"before": report::json_number(Some(b.fragmentation)),
               "after": report::json_number(Some(after.fragmentation))}),
    );
    o.insert(
        "components".into(),
        json!({"before": b.components, "after": after.components}),
    );
    o.insert("watch".into(), Value::Array(watch));
    o.insert(
        "chains".into(),
        whatif_chains::json(c.net, c.chains, &b.chains, &after.chains),
    );
    o.insert(
        "channels".into(),
        whatif_chains::channels_json(c.net, &b.chains, &after.chains, &after.displaced),
    );
    o.insert(
        "displacement".into(),
        whatif_flow::json(c.net, &b.displacement, &after.displacement),
    );
    o
}

fn json_text(c: &Comparison, shown: &Shown) -> String {
    if !c.from_file && c.after.len() == 1 {
        let mut o = serde_json::Map::new();
        o.insert("view".into(), c.view.json());
        o.extend(diff_json(c, &c.after[0], shown));
        return report::json_text(&Value::Object(o));
    }
    let scenarios: Vec<Value> = c
        .after
        .iter()
        .map(|a| {
            let mut o = serde_json::Map::new();
            o.insert("name".into(), json!(a.name));
            o.insert("edits".into(), json!(a.edits));
            o.extend(diff_json(c, a, shown));
            Value::Object(o)
        })
        .collect();
    report::json_text(&json!({
        "view": c.view.json(),
        "measure": c.measure.name(),
        "scenarios": scenarios
    }))
}

fn csv_text(c: &Comparison, shown: &Shown) -> anyhow::Result<String> {
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
        for p in order(c, &[a], shown, false) {
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

fn route_text(c: &Comparison, route: &Option<Route>) -> String {
    match route {
        None => "removed".into(),
        Some(Route {
            length: Some(l),
            path: Some(p),
        }) => {
            let ids: Vec<&str> = p.iter().map(|&v| id(c, v)).collect();
            format!("{}: {}", report::rounded(*l), ids.join(" → "))
        }
        Some(_) => "unreachable".into(),
    }
}

fn table_text(c: &Comparison, shown: &Shown) -> String {
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
        whatif_chains::found_text(&c.before.chains),
    ];
    chains.extend(c.after.iter().map(|a| whatif_chains::found_text(&a.chains)));
    summary.push(chains);
    for (i, label) in ["  broken", "  surviving", "  new"].into_iter().enumerate() {
        let mut row = vec![label.to_string(), String::new()];
        row.extend(
            c.after
                .iter()
                .map(|a| whatif_chains::counts(&c.before.chains, &a.chains)[i + 1].to_string()),
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
        row.extend(c.after.iter().map(|a| {
            whatif_chains::channel_counts(&c.before.chains, &a.chains)[i + 1].to_string()
        }));
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
            part.push_str(&whatif_chains::channel_lines(
                c.net,
                &a.name,
                (&c.before.chains, &a.chains),
                &a.displaced,
            ));
            part.push_str(&whatif_chains::table_lines(
                c.net,
                &a.name,
                &c.before.chains,
                &a.chains,
                shown.chains,
            ));
        }
        if c.before.displacement.value > 0.0 || a.displacement.value > 0.0 {
            part.push_str(&whatif_flow::table_lines(c.net, &a.name, &a.displacement));
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

fn actor_table(c: &Comparison, shown: &Shown) -> String {
    let after: Vec<&Snapshot> = c.after.iter().collect();
    let list = order(c, &after, shown, !shown.all);
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
    if !shown.all && shown.top.is_none() && unchanged > 0 && !t.is_empty() {
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
