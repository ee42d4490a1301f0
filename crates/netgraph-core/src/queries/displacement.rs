//! Displacement, the part of `netgraph whatif` that measures re-routing (docs/whatif.md): the
//! maximum flow from every `criminal` actor (a super-source) to every `legal` actor (a super-sink)
//! of a view, capacity 1 per flow unless `--capacity FIELD`, and the routes that carry it ([`max_flow::max_flow_between`], [`flow_routes::routes`]).
//!
//! With unit capacities the value is the largest number of routes from the criminal to the legal
//! economy that share no flow: a scenario that lowers it has cut routes no re-routing can replace;
//! one that leaves it unchanged has been routed around (the balloon effect). Only the route flows
//! count — the flows that carry value (commodity, money, asset), or the kinds `--route-flows`
//! names — so value never moves through an arrest or a rivalry; in an undirected view a flow
//! carries either way. Removed actors are not in the after-view, so they are neither sources nor
//! sinks. [`displaced`] answers, per broken channel, where its origins' value can go instead.

use super::capacities;
use super::chain_diff::ChainSet;
use super::evidence::FlowEvidence;
use crate::algo::{flow_routes, max_flow};
use crate::error::Result;
use crate::model::{Flow, Network};
use crate::rank::id_rank;
use crate::report;
use crate::view::View;
use serde_json::{Value, json};

/// The maximum criminal → legal flow of one side and the routes carrying it.
#[derive(Debug, Clone)]
pub struct Displacement {
    /// The maximum flow.
    pub value: f64,
    /// The routes, largest first.
    pub routes: Vec<Route>,
}

/// One route of the maximum flow.
#[derive(Debug, Clone)]
pub struct Route {
    /// Actors by original position, from a criminal actor to a legal one.
    pub actors: Vec<usize>,
    /// The flows followed, as the side has them.
    pub flows: Vec<Flow>,
    /// The amount it carries.
    pub value: f64,
}

/// The displacement analysis of a view whose actor `i` is original actor `original[i]`, with
/// capacities from `field` (1 per flow when `None`). Returns it and how many of the view's flows
/// lacked the field.
pub fn compute(
    view: &View,
    original: &[usize],
    field: Option<&str>,
) -> Result<(Displacement, usize)> {
    let net = view.network();
    let n = net.actor_count();
    let (arcs, arc_flow) = view.flow_arcs();
    let (capacity, missing) = capacities(view, field, &arcs, &arc_flow)?;
    let sources = class_mask(net, "criminal");
    let sinks = class_mask(net, "legal");
    let max = max_flow::max_flow_between(n, &arcs, &capacity, &sources, &sinks);
    let rank: Vec<u32> = id_rank(net).into_iter().map(|r| r as u32).collect();
    let routes = flow_routes::routes(n, &arcs, &max.carried, &sources, &sinks, &rank)
        .into_iter()
        .map(|r| Route {
            actors: r.actors.iter().map(|&a| original[a as usize]).collect(),
            flows: r
                .arcs
                .iter()
                .map(|&a| net.flow(arc_flow[a]).to_flow())
                .collect(),
            value: capacity.value(r.value),
        })
        .collect();
    Ok((
        Displacement {
            value: capacity.value(max.value),
            routes,
        },
        missing,
    ))
}

fn class_mask(net: &Network, class: &str) -> Vec<bool> {
    net.actors
        .iter()
        .map(|a| net.actor_class(a) == class)
        .collect()
}

/// Where the value of one broken channel can go instead.
#[derive(Debug, Clone)]
pub struct Displaced {
    /// The broken channel (an index into the before side's channels).
    pub channel: usize,
    /// Its origins still in the network after the scenario (original positions).
    pub origins: Vec<usize>,
    /// The after side's channels those origins still feed (indices into its channels).
    pub reach: Vec<usize>,
    /// The maximum flow from those origins to the legal actors over the remaining route flows.
    pub capacity: f64,
}

/// For each broken channel (indices into `before.channels`), the other channels its surviving
/// origins still feed after the scenario and the capacity they keep into the legal economy: the
/// maximum flow from them (a super-source) to every legal actor over the after side's route flows
/// (`view`, whose actor `i` is original actor `original[i]`), capacities as in [`compute`].
/// One max-flow per broken channel.
pub fn displaced(
    view: &View,
    original: &[usize],
    field: Option<&str>,
    (before, after): (&ChainSet, &ChainSet),
    broken: &[usize],
) -> Result<Vec<Displaced>> {
    let net = view.network();
    let n = net.actor_count();
    let (arcs, arc_flow) = view.flow_arcs();
    let (capacity, _) = capacities(view, field, &arcs, &arc_flow)?;
    let sinks = class_mask(net, "legal");
    let mut here = vec![None; original.iter().copied().max().map_or(0, |m| m + 1)];
    for (i, &p) in original.iter().enumerate() {
        here[p] = Some(i);
    }
    let mut out = Vec::with_capacity(broken.len());
    for &k in broken {
        let origins: Vec<usize> = before.channels[k]
            .origins
            .iter()
            .copied()
            .filter(|&p| here.get(p).copied().flatten().is_some())
            .collect();
        let reach = (0..after.channels.len())
            .filter(|&j| {
                after.channels[j]
                    .origins
                    .iter()
                    .any(|o| origins.contains(o))
            })
            .collect();
        let mut sources = vec![false; n];
        for &p in &origins {
            if let Some(i) = here[p] {
                sources[i] = true;
            }
        }
        let max = max_flow::max_flow_between(n, &arcs, &capacity, &sources, &sinks);
        out.push(Displaced {
            channel: k,
            origins,
            reach,
            capacity: capacity.value(max.value),
        });
    }
    Ok(out)
}

/// The JSON section: `{"before", "after", "routes": [{"actors", "flows", "value"}]}`, the routes
/// being those of the after side, each flow with its evidence.
pub fn json(net: &Network, before: &Displacement, after: &Displacement) -> Value {
    let routes: Vec<Value> = after
        .routes
        .iter()
        .map(|r| {
            json!({
                "actors": r.actors.iter().map(|&a| &net.actors[a].id).collect::<Vec<_>>(),
                "flows": r.flows.iter().map(|f| FlowEvidence::of(net, f).json(true)).collect::<Vec<_>>(),
                "value": report::json_number(Some(r.value)),
            })
        })
        .collect();
    json!({
        "before": report::json_number(Some(before.value)),
        "after": report::json_number(Some(after.value)),
        "routes": routes,
    })
}

/// Readable lines: the routes carrying the after side's flow.
pub fn table_lines(net: &Network, name: &str, after: &Displacement) -> String {
    let mut out = format!(
        "max-flow routes from criminal to legal actors, {name} ({}):\n",
        report::rounded(after.value)
    );
    if after.routes.is_empty() {
        out.push_str("  none\n");
    }
    for r in &after.routes {
        let mut line = net.actors[r.actors[0]].id.clone();
        for (f, &to) in r.flows.iter().zip(&r.actors[1..]) {
            line.push_str(&format!(" ─{}→ {}", f.kind(), net.actors[to].id));
        }
        out.push_str(&format!("  {:>4}  {line}\n", report::rounded(r.value)));
    }
    out
}
