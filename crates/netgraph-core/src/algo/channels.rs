//! Channels: the flows by which value enters the legal economy, each with the chains that feed it.
//!
//! A laundering chain ends with its entry into the legal economy (see [`chains`](super::chains)),
//! so every chain has exactly one **channel**: its last flow, taken in the direction the chain
//! follows it. [`group`] gathers ranked chains by channel; the channel's **origins** are the
//! distinct first actors of its chains (the actors whose value reaches it) and its **best chain**
//! is the first of its chains in rank order. [`through`] counts, per actor, the channels and the
//! chains that pass through it as an intermediate actor (chain betweenness).
//!
//! Complexity: O(C·H + K log K) for C chains of at most H flows grouped into K channels.

use super::chains::Scored;
use std::collections::HashMap;

/// One channel and the chains that feed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    /// The entry flow (position in the file).
    pub flow: u32,
    /// The actor the entry flow leaves, as the chains follow it.
    pub from: u32,
    /// The actor the entry flow enters, as the chains follow it.
    pub to: u32,
    /// The first actors of its chains, each once, by id.
    pub origins: Vec<u32>,
    /// Its chains: positions in the ranked chain list, in rank order (the first is the best).
    pub chains: Vec<usize>,
    /// The evidence of its best chain.
    pub evidence: f64,
}

impl Channel {
    /// The best chain (a position in the ranked chain list).
    pub fn best(&self) -> usize {
        self.chains[0]
    }
}

/// Groups ranked chains by their last flow (and the direction it is followed in). Channels are
/// ranked by the evidence of their best chain (highest first, equal to 12 significant digits being
/// a tie), then by the number of origins (more first), then by the ids of the entry's ends, then
/// its kind (`kind_rank`, by name), then its position in the file. `actor_rank` gives each actor's
/// rank by id; `kind_rank` each flow's kind rank.
pub fn group(
    chains: &[Scored],
    actor_rank: &[u32],
    kind_rank: impl Fn(u32) -> u32,
) -> Vec<Channel> {
    let mut at: HashMap<(u32, u32), usize> = HashMap::new();
    let mut channels: Vec<Channel> = Vec::new();
    for (i, s) in chains.iter().enumerate() {
        let c = &s.chain;
        let (Some(&flow), Some(&to)) = (c.flows.last(), c.actors.last()) else {
            continue;
        };
        let from = c.actors[c.actors.len() - 2];
        let k = *at.entry((flow, to)).or_insert_with(|| {
            channels.push(Channel {
                flow,
                from,
                to,
                origins: Vec::new(),
                chains: Vec::new(),
                evidence: s.evidence,
            });
            channels.len() - 1
        });
        channels[k].chains.push(i);
        channels[k].origins.push(c.actors[0]);
    }
    for ch in &mut channels {
        ch.origins.sort_by_key(|&a| actor_rank[a as usize]);
        ch.origins.dedup();
    }
    let key = |c: &Channel| {
        (
            actor_rank[c.from as usize],
            actor_rank[c.to as usize],
            kind_rank(c.flow),
            c.flow,
        )
    };
    channels.sort_by(|a, b| {
        super::chains::rounded(b.evidence)
            .total_cmp(&super::chains::rounded(a.evidence))
            .then_with(|| b.origins.len().cmp(&a.origins.len()))
            .then_with(|| key(a).cmp(&key(b)))
    });
    channels
}

/// For every actor (of `n`), the number of channels and the number of chains that pass through it
/// as an intermediate actor (neither first nor last). O(C·H).
pub fn through(chains: &[Scored], channels: &[Channel], n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut by_chain = vec![0usize; n];
    let mut by_channel = vec![0usize; n];
    let mut seen = vec![usize::MAX; n];
    for (k, ch) in channels.iter().enumerate() {
        for &i in &ch.chains {
            let actors = &chains[i].chain.actors;
            for &a in &actors[1..actors.len() - 1] {
                let a = a as usize;
                by_chain[a] += 1;
                if seen[a] != k {
                    seen[a] = k;
                    by_channel[a] += 1;
                }
            }
        }
    }
    (by_channel, by_chain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::chains::Chain;

    fn scored(actors: &[u32], flows: &[u32], evidence: f64) -> Scored {
        Scored {
            chain: Chain {
                actors: actors.to_vec(),
                flows: flows.to_vec(),
                kinds: vec![0; flows.len()],
            },
            evidence,
            bottleneck: None,
        }
    }

    #[test]
    fn channels_group_by_last_flow_and_rank_by_best_evidence_then_origins() {
        // Actors 0..5 (rank = position). Chains, already ranked: into flow 9 (3 → 4) from 0 and
        // from 1 by way of 2 and 3; into flow 8 (2 → 4) from 2; into flow 7 (3 → 5) from 3, twice.
        let chains = [
            scored(&[0, 3, 4], &[1, 9], 0.5),
            scored(&[2, 4], &[8], 0.5),
            scored(&[1, 2, 3, 4], &[2, 3, 9], 0.25),
            scored(&[3, 5], &[7], 0.4),
            scored(&[0, 3, 5], &[1, 7], 0.4),
        ];
        let rank = [0, 1, 2, 3, 4, 5];
        let ch = group(&chains, &rank, |_| 0);
        let entries: Vec<(u32, Vec<u32>, Vec<usize>)> = ch
            .iter()
            .map(|c| (c.flow, c.origins.clone(), c.chains.clone()))
            .collect();
        // Evidence 0.5 twice: flow 9 has two origins, flow 8 one; then flow 7 (0.4, origins 0, 3).
        assert_eq!(
            entries,
            [
                (9, vec![0, 1], vec![0, 2]),
                (8, vec![2], vec![1]),
                (7, vec![0, 3], vec![3, 4])
            ]
        );
        assert_eq!((ch[0].from, ch[0].to, ch[0].best()), (3, 4, 0));
        // Through (neither first nor last): 3 lies inside chains 0, 2 (channel 9) and 4 (channel 7);
        // 2 inside chain 2.
        let (channels, through_chains) = through(&chains, &ch, 6);
        assert_eq!(channels, [0, 0, 1, 2, 0, 0]);
        assert_eq!(through_chains, [0, 0, 1, 3, 0, 0]);
    }
}
