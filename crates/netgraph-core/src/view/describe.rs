//! What a view holds, in words and in JSON: the layer and filters applied and how many flows and
//! actors were counted. Every command describes its view through these two methods, so the line
//! above a table, the note beside a CSV and the `"view"` object of JSON always agree.

use super::{Layer, View};
use serde_json::{Value, json};

/// How many flows and actors a view keeps and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Flows kept.
    pub flows: usize,
    /// Flows in the network.
    pub flows_total: usize,
    /// Actors counted: every actor, or with `--active` the active ones.
    pub actors: usize,
    /// Actors in the network.
    pub actors_total: usize,
    /// Actors with at least one kept flow.
    pub actors_active: usize,
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl View<'_> {
    /// How many flows and actors the view keeps and counts.
    pub fn counts(&self) -> Counts {
        let active = self.active().iter().filter(|&&a| a).count();
        Counts {
            flows: self.flows.len(),
            flows_total: self.net.flow_count(),
            actors: if self.filters.active {
                active
            } else {
                self.n()
            },
            actors_total: self.n(),
            actors_active: active,
        }
    }

    /// The line every table shows above its rows: the layer and filters applied, then how many
    /// flows and actors were counted, e.g. `view: layer criminal-economy (default), --min-confidence
    /// 0.6 — 84 of 187 flows, 107 actors (40 without a kept flow)`. O(n + E).
    pub fn describe(&self) -> String {
        let labels = self.filters.labels();
        let applied = match labels.is_empty() {
            true => "every flow".to_string(),
            false => labels.join(", "),
        };
        let c = self.counts();
        let flows = match c.flows == c.flows_total {
            true => format!("{} flow{}", c.flows, plural(c.flows)),
            false => format!("{} of {} flows", c.flows, c.flows_total),
        };
        let actors = if self.filters.active {
            format!(
                "{} active actor{} of {}",
                c.actors,
                plural(c.actors),
                c.actors_total
            )
        } else if c.actors_active < c.actors_total {
            format!(
                "{} actors ({} without a kept flow)",
                c.actors_total,
                c.actors_total - c.actors_active
            )
        } else {
            format!("{} actor{}", c.actors_total, plural(c.actors_total))
        };
        format!("view: {applied} — {flows}, {actors}")
    }

    /// The view as JSON outputs carry it (`"view": {…}`): the layer, the other filters, the counts
    /// and the line of [`View::describe`].
    pub fn json(&self) -> Value {
        let layer = self.filters.layer.as_ref();
        let mut filters = self.filters.labels();
        if layer.is_some() {
            filters.remove(0);
        }
        let c = self.counts();
        json!({
            "layer": layer.map(Layer::name),
            "default_layer": layer.is_some_and(Layer::is_default),
            "filters": filters,
            "directed": self.directed,
            "flows": c.flows,
            "flows_total": c.flows_total,
            "actors": c.actors,
            "actors_total": c.actors_total,
            "actors_active": c.actors_active,
            "active_only": self.filters.active,
            "text": self.describe(),
        })
    }
}
