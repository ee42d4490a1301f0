//! `netgraph chains`: laundering chains — simple paths whose flow kinds match a pattern — grouped
//! into channels (the flows by which value enters the legal economy) and ranked, with the
//! evidence behind every hop (docs/chains.md). The search itself is [`chain_search`]'s.

use super::FlowFilter;
use super::chain_search::{self, Request};
use super::evidence::{FlowEvidence, ShownChain};
use crate::algo::chains::RankBy;
use crate::budget::BudgetSpec;
use crate::error::Result;
use crate::model::Network;
use crate::pattern::Pattern;
use crate::run::Run;
use serde::ser::{Serialize, Serializer};
use serde_json::{Value, json};

/// Options of [`chains`], named as the command line's.
#[derive(Debug, Clone)]
pub struct ChainsOptions {
    /// The flow-kind pattern the whole chain must match; `None`: the default laundering query
    /// (value flows only). The default start and end rules still apply unless `from`, `to` or
    /// `anywhere` say otherwise.
    pub pattern: Option<String>,
    /// Only chains starting at these actors (ids, actor kinds, `@class`); empty: criminal actors.
    pub from: Vec<String>,
    /// Only chains ending at these actors (a chain ends at the first it reaches); empty: the first
    /// entry into the legal economy.
    pub to: Vec<String>,
    /// Drop the default start and end rules: chains start and end at any actor.
    pub anywhere: bool,
    /// Let chains run backwards in time (ignore the flows' dates).
    pub ignore_time: bool,
    /// List every chain of each channel shown, not only its best.
    pub chains: bool,
    /// The most flows in a chain (default 6).
    pub max_hops: usize,
    /// Show only the N best channels; `None`: every channel (the command line shows 20 in a
    /// table unless `--all`).
    pub top: Option<usize>,
    /// How chains are ranked (and so which is each channel's best chain).
    pub rank: RankBy,
    /// Stop the search as soon as this many chains are found (default 10,000).
    pub limit: usize,
    /// The search's budget.
    pub budget: BudgetSpec,
    /// Which flows count.
    pub filter: FlowFilter,
}

impl Default for ChainsOptions {
    fn default() -> Self {
        ChainsOptions {
            pattern: None,
            from: Vec::new(),
            to: Vec::new(),
            anywhere: false,
            ignore_time: false,
            chains: false,
            max_hops: 6,
            top: None,
            rank: RankBy::Evidence,
            limit: 10_000,
            budget: BudgetSpec::default(),
            filter: FlowFilter::default(),
        }
    }
}

impl ChainsOptions {
    /// The search these options ask for, without its actors and budget.
    fn request(&self) -> Request {
        let mut request = Request::new(self.pattern.clone(), self.max_hops, self.limit);
        request.anywhere = self.anywhere;
        request.ignore_time = self.ignore_time;
        request.rank = self.rank;
        request
    }

    /// Checks what needs no network: the pattern's syntax (a malformed one is [`Error::Usage`]
    /// naming `--pattern` and the position of the problem).
    ///
    /// [`Error::Usage`]: crate::Error::Usage
    pub fn check(&self) -> Result<()> {
        self.pattern().map(|_| ())
    }

    /// The pattern, parsed.
    fn pattern(&self) -> Result<Pattern> {
        chain_search::parse(&self.request(), "--pattern")
    }
}

/// The channels found, the best first, each with its best chain or all of its chains.
#[derive(Debug, Clone, PartialEq)]
pub struct Chains {
    /// What was searched, in words (the line above a table).
    pub view_line: String,
    /// What was searched, as the JSON `"view"` object.
    pub view: Value,
    /// The query in words: start and end rules, the pattern or the flows followed, the hop bound,
    /// the time rule.
    pub query: String,
    /// The channels shown (the `top` best, or all), best first.
    pub channels: Vec<ShownChannel>,
    /// How many channels were found in all.
    pub channels_found: usize,
    /// How many chains were found in all.
    pub chains_found: usize,
    /// Whether the search stopped early (at the limit or the budget): more may exist.
    pub truncated: bool,
    /// Whether every chain of each channel is listed (`chains`), not only its best.
    pub listed: bool,
}

/// A channel: the flow by which value enters the legal economy, and the chains that reach it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownChannel {
    /// The entry flow.
    pub entry: FlowEvidence,
    /// The id of the actor the entry flow leaves, as the chains follow it.
    pub from: String,
    /// The id of the actor it enters, as the chains follow it.
    pub to: String,
    /// The evidence of its best chain.
    pub evidence: f64,
    /// The first actors of its chains, each once, by id.
    pub origins: Vec<String>,
    /// How many chains reach it.
    pub chain_count: usize,
    /// Its chains in rank order: every one when listed, else only the best.
    pub chains: Vec<ShownChain>,
}

impl Chains {
    /// The JSON of `netgraph chains --format json`: `{"view", "query", "channels": [{"entry",
    /// "origins", "chains", "best"}], "truncated"}`, and with `chains` a `"chains"` list whose
    /// entries carry the number of their channel.
    pub fn to_json(&self) -> Value {
        let channels: Vec<Value> = self
            .channels
            .iter()
            .map(|c| {
                json!({
                    "entry": c.entry.json(true),
                    "origins": c.origins,
                    "chains": c.chain_count,
                    "best": c.chains[0].json(true),
                })
            })
            .collect();
        let mut out = json!({
            "view": self.view,
            "query": self.query,
            "channels": channels,
            "truncated": self.truncated,
        });
        if self.listed {
            let mut list = Vec::new();
            for (k, c) in self.channels.iter().enumerate() {
                for chain in &c.chains {
                    let mut one = chain.json(true);
                    one["channel"] = json!(k + 1);
                    list.push(one);
                }
            }
            out["chains"] = Value::Array(list);
        }
        out
    }
}

impl Serialize for Chains {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// Laundering channels and their chains in a view of `net`.
///
/// Without `from` (or `anywhere`) chains start at `criminal` actors; without `to` (or `anywhere`)
/// they end with their first entry into the legal economy: a flow into a `legal` actor or of role
/// asset. Chains are grouped by that last flow into channels, ranked by their best chain. Names in
/// the pattern and the selectors are checked (unknown ones are [`Error::Usage`] with the closest
/// known names); notes say when a selector selects nobody, the search stopped at the limit or
/// found nothing; a warning when the budget stopped it. Cost: that of [`chain_search::search`].
///
/// [`Error::Usage`]: crate::Error::Usage
///
/// # Example
///
/// ```
/// use netgraph_core::queries::chains::{ChainsOptions, chains};
/// let net = netgraph_core::io::peru().unwrap();
/// let found = chains(&net, &ChainsOptions::default(), &netgraph_core::Run::default()).unwrap();
/// // Every channel's best chain starts at a criminal actor and ends at its entry flow.
/// let best = &found.channels[0].chains[0];
/// assert_eq!(best.actors.last(), Some(&found.channels[0].to));
/// assert!(!found.truncated);
/// ```
pub fn chains(net: &Network, options: &ChainsOptions, run: &Run) -> Result<Chains> {
    let mut request = options.request();
    let pattern = options.pattern()?;
    if !request.is_default() {
        chain_search::check_names(net, &pattern, "--pattern")?;
    }
    request.from = chain_search::actors(net, &options.from, "--from", run)?;
    request.to = chain_search::actors(net, &options.to, "--to", run)?;
    let view = options.filter.view(net, false, run)?;
    // The clock starts with the search, not with loading the network.
    request.budget = Some(std::sync::Arc::new(options.budget.start()));
    let outcome = chain_search::search(&view, &pattern, &request, run);
    if outcome.chains.is_empty() {
        run.note(format!("no chain found: {}", request.describe()));
    }
    let total = outcome.channels.len();
    let top = options.top.unwrap_or(total).min(total);
    let ids = |actors: &[u32]| -> Vec<String> {
        actors
            .iter()
            .map(|&a| net.actors[a as usize].id.to_string())
            .collect()
    };
    let channels = outcome.channels[..top]
        .iter()
        .map(|c| {
            let listed = match options.chains {
                true => &c.chains[..],
                false => &c.chains[..1],
            };
            ShownChannel {
                entry: FlowEvidence::at(net, c.flow as usize),
                from: net.actors[c.from as usize].id.to_string(),
                to: net.actors[c.to as usize].id.to_string(),
                evidence: c.evidence,
                origins: ids(&c.origins),
                chain_count: c.chains.len(),
                chains: listed
                    .iter()
                    .map(|&i| ShownChain::of(net, &outcome.chains[i]))
                    .collect(),
            }
        })
        .collect();
    Ok(Chains {
        view_line: view.describe(),
        view: view.json(),
        query: request.describe(),
        channels,
        channels_found: total,
        chains_found: outcome.chains.len(),
        truncated: outcome.truncated,
        listed: options.chains,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queries::tests::laundering;

    fn routes(found: &Chains) -> Vec<String> {
        found
            .channels
            .iter()
            .flat_map(|c| &c.chains)
            .map(ShownChain::line)
            .collect()
    }

    /// The chains of tests/chains.rs, found by hand on the laundering network: from clan or
    /// miners, along value flows, ending with the first flow into a legal actor (mines, bmines,
    /// re) or of an asset kind; three channels ranked by their best chain's evidence.
    #[test]
    fn the_default_query_finds_the_hand_counted_chains_and_channels() {
        let net = laundering();
        let options = ChainsOptions {
            chains: true,
            ..ChainsOptions::default()
        };
        let found = chains(&net, &options, &Run::default()).unwrap();
        assert_eq!((found.channels_found, found.chains_found), (3, 7));
        assert!(!found.truncated);
        let entries: Vec<(&str, &str, &str, usize)> = found
            .channels
            .iter()
            .map(|c| {
                (
                    c.from.as_str(),
                    c.entry.kind.as_str(),
                    c.to.as_str(),
                    c.chain_count,
                )
            })
            .collect();
        assert_eq!(
            entries,
            [
                ("border", "gold", "bmines", 3),
                ("clan", "real-estate", "re", 1),
                ("miners", "gold", "mines", 3)
            ]
        );
        assert_eq!(found.channels[0].origins, ["clan", "miners"]);
        assert_eq!(
            routes(&found),
            [
                "miners ─gold→ border ─gold→ bmines",
                "clan ─cash→ miners ─gold→ border ─gold→ bmines",
                "clan ─cash→ miners ─gold→ border ─gold→ bmines",
                "clan ─real-estate→ re",
                "miners ─gold→ mines",
                "clan ─cash→ miners ─gold→ mines",
                "clan ─cash→ miners ─gold→ mines",
            ]
        );
        let evidence: Vec<f64> = found
            .channels
            .iter()
            .flat_map(|c| &c.chains)
            .map(|c| c.evidence)
            .collect();
        let want = [0.8, 0.8, 0.4 * 0.8, 0.6, 0.5, 0.5, 0.4 * 0.5];
        for (got, want) in evidence.into_iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
        // The best chain's bottleneck: min(6, 5) kg; the cash hop (USD) leaves none.
        let first = &found.channels[0];
        assert_eq!(first.chains[0].bottleneck, Some(5.0));
        assert_eq!(first.chains[1].bottleneck, None);
        assert_eq!(first.chains[1].conversions[0].at, "miners");
        let json = found.to_json();
        assert_eq!(json["chains"][6]["channel"], 3);
        assert_eq!(json["channels"][0]["entry"]["volume"], 5);
    }

    #[test]
    fn top_keeps_the_best_channels_and_counts_them_all() {
        let net = laundering();
        let options = ChainsOptions {
            top: Some(1),
            ..ChainsOptions::default()
        };
        let found = chains(&net, &options, &Run::default()).unwrap();
        assert_eq!((found.channels.len(), found.channels_found), (1, 3));
        assert_eq!(found.channels[0].chains.len(), 1);
        assert!(found.to_json().get("chains").is_none());
    }

    #[test]
    fn a_malformed_pattern_is_bad_usage_before_any_network() {
        let options = ChainsOptions {
            pattern: Some("@money (".into()),
            ..ChainsOptions::default()
        };
        assert!(options.check().unwrap_err().is_usage());
        let unknown = ChainsOptions {
            pattern: Some("@mony".into()),
            ..ChainsOptions::default()
        };
        assert!(unknown.check().is_ok());
        let e = chains(&laundering(), &unknown, &Run::default()).unwrap_err();
        assert!(e.is_usage() && e.to_string().contains("@money"), "{e}");
    }
}
