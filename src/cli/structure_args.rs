//! The options of `netgraph centrality` that the structural measures add: betweenness with
//! endpoints, personalised PageRank, and the groups brokerage roles are read from.

use clap::Args;
use netgraph_core::queries::centrality::CentralityOptions;

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
    /// Fills the core's options with these.
    pub fn fill(&self, options: &mut CentralityOptions) {
        options.endpoints = self.endpoints;
        options.personalize = self.personalize.clone();
        options.groups = self.groups.clone();
    }
}
