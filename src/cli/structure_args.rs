//! The options of `netgraph centrality` that the structural measures add: betweenness with
//! endpoints, personalised PageRank, and the groups brokerage roles are read from.

use super::UsageError;
use super::centrality::Wanted;
use clap::Args;
use netgraph_core::graph::Graph;
use netgraph_core::measures::{Measure, MeasureOptions};
use netgraph_core::model::Network;
use netgraph_core::partition::Partition;

/// Options of the structural measures.
#[derive(Debug, Clone, Args)]
pub struct StructureArgs {
    /// Betweenness counts the ends of each path too (NetworkX endpoints=True; ÷ n(n−1)).
    #[arg(long, conflicts_with = "epsilon")]
    endpoints: bool,
    /// PageRank teleports to these actors only (ids, kinds, @class): who is close to them.
    #[arg(long, value_name = "SELECTOR", value_delimiter = ',')]
    personalize: Vec<String>,
    /// Actor field whose values are the groups of the brokerage roles (kind, class, country, …), or
    /// `community` for the view's Leiden communities.
    #[arg(long, value_name = "FIELD")]
    groups: Option<String>,
}

impl StructureArgs {
    /// Expands `--measure all` with the brokerage roles when groups are given, checks that each
    /// option serves a measure asked for, and fills the options; notes on stderr say what was
    /// selected and grouped.
    ///
    /// `graph` is the view's graph over every actor (communities are computed on it); `counted`
    /// lists the actors the measures are computed for (all of them, or the active ones with
    /// `--active`), in graph order: the options are given in that order.
    pub fn apply(
        &self,
        net: &Network,
        graph: &Graph,
        counted: &[usize],
        list: &mut Vec<Wanted>,
        all: bool,
        options: &mut MeasureOptions,
    ) -> anyhow::Result<()> {
        if all && self.groups.is_some() {
            for m in Measure::BROKERAGE {
                if !list.contains(&Wanted::Measure(m)) {
                    list.push(Wanted::Measure(m));
                }
            }
        }
        let asked = |m: Measure| list.contains(&Wanted::Measure(m));
        if self.endpoints && !asked(Measure::Betweenness) {
            return Err(UsageError(
                "--endpoints applies to betweenness; add it to --measure".into(),
            )
            .into());
        }
        options.endpoints = self.endpoints;
        if !self.personalize.is_empty() {
            if !asked(Measure::PageRank) {
                return Err(UsageError(
                    "--personalize applies to pagerank; add it to --measure".into(),
                )
                .into());
            }
            let selector = super::selector(net, &self.personalize)?;
            let chosen: Vec<usize> = selector
                .actors(net)
                .into_iter()
                .filter_map(|p| counted.binary_search(&p).ok())
                .collect();
            if chosen.is_empty() {
                anyhow::bail!(
                    "--personalize {} selects no actor{}",
                    selector.text(),
                    if counted.len() < net.actor_count() {
                        " with a kept flow (--active)"
                    } else {
                        ""
                    }
                );
            }
            super::note(&format!(
                "pagerank personalised: teleport and dangling mass go to {} actor{} ({})",
                chosen.len(),
                if chosen.len() == 1 { "" } else { "s" },
                selector.text()
            ));
            options.personalize = Some(chosen.into());
        }
        let brokerage = list
            .iter()
            .any(|m| matches!(m, Wanted::Measure(m) if m.role().is_some()));
        match (&self.groups, brokerage) {
            (Some(_), false) => {
                Err(UsageError("--groups applies to brokerage; add it to --measure".into()).into())
            }
            (None, true) => Err(UsageError(
                "brokerage needs --groups FIELD (kind, class, country, or another actor field)"
                    .into(),
            )
            .into()),
            (None, false) => Ok(()),
            (Some(field), true) => {
                // A file's own `community` field wins over the computed communities.
                let computed = field == "community"
                    && !net.actors.iter().any(|a| a.extra().contains_key(field));
                let p = if computed {
                    Partition::from_labels(field, super::groups::communities(net, graph))
                } else {
                    Partition::by_field(net, field).map_err(UsageError)?
                };
                let mut text = format!(
                    "brokerage roles by {field}: {} group{}",
                    p.labels.len(),
                    if p.labels.len() == 1 { "" } else { "s" }
                );
                if computed {
                    text.push_str(
                        " (Leiden communities of the view, resolution 1, seed 0: netgraph groups)",
                    );
                }
                if p.missing > 0 {
                    text.push_str(&format!(
                        "; {} actor{} without {field} form one group",
                        p.missing,
                        if p.missing == 1 { "" } else { "s" }
                    ));
                }
                super::note(&text);
                let group: Vec<u32> = counted.iter().map(|&v| p.group[v]).collect();
                options.groups = Some(group.into());
                Ok(())
            }
        }
    }
}
