//! Ranking actors by a score with ties: scores within 1e-12 (relative) of the best of a run tie,
//! share its rank (1, 2, 2, 4), and are listed by id, bytewise — the same order on every machine.

use crate::model::Network;

/// The positions `actors` sorted by score, descending; scores within 1e-12 (relative) of the first of a run
/// are ties, ordered by id bytewise. Without scores, by id.
pub fn ranking(net: &Network, scores: Option<&[f64]>, actors: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = actors.to_vec();
    let id = |i: usize| net.actors[i].id.as_bytes();
    let Some(s) = scores else {
        order.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
        return order;
    };
    // An undefined score (NaN: e.g. constraint of an isolated actor) ranks last.
    let key = |i: usize| {
        if s[i].is_nan() {
            f64::NEG_INFINITY
        } else {
            s[i]
        }
    };
    order.sort_unstable_by(|&a, &b| key(b).total_cmp(&key(a)).then_with(|| id(a).cmp(id(b))));
    for run in tie_runs(s, &order) {
        order[run].sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
    }
    order
}

/// Ranks shared on ties (1, 2, 2, 4) for actors in [`ranking`] order: actors in one run of ties
/// (scores within 1e-12, relative, of the run's first) share the rank of the run's first place.
/// Without scores every actor ties (rank 1).
pub fn shared_ranks(scores: Option<&[f64]>, order: &[usize]) -> Vec<usize> {
    let Some(s) = scores else {
        return vec![1; order.len()];
    };
    let mut ranks = vec![0; order.len()];
    for run in tie_runs(s, order) {
        let rank = run.start + 1;
        ranks[run].fill(rank);
    }
    ranks
}

/// The runs of ties in a descending order of actors: each run starts at its best score and holds
/// the actors within 1e-12 (relative) of it; undefined scores (NaN) tie with each other.
fn tie_runs(s: &[f64], order: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let lead = s[order[start]];
        let mut end = start + 1;
        while end < order.len()
            && (tie(lead, s[order[end]]) || (lead.is_nan() && s[order[end]].is_nan()))
        {
            end += 1;
        }
        runs.push(start..end);
        start = end;
    }
    runs
}

/// Each actor's place in id order (bytewise): the tie-break of the attack experiment, the
/// displacement routes and the key-player candidates.
pub fn id_rank(net: &Network) -> Vec<usize> {
    let mut order: Vec<usize> = (0..net.actor_count()).collect();
    order.sort_by(|&a, &b| net.actors[a].id.as_bytes().cmp(net.actors[b].id.as_bytes()));
    let mut rank = vec![0; order.len()];
    for (r, &v) in order.iter().enumerate() {
        rank[v] = r;
    }
    rank
}

/// Whether two scores tie: equal, or within 1e-12 of each other relative to the larger.
pub fn tie(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    #[test]
    fn ranking_breaks_near_ties_by_id() {
        let mut net = Network::new();
        net.actors = ["d", "b", "a", "c"]
            .iter()
            .map(|i| Actor::new(*i))
            .collect();
        let s = [0.5, 0.5 + 1e-15, 0.25, 0.5 - 1e-15];
        let order = ranking(&net, Some(&s), &[0, 1, 2, 3]);
        let ids: Vec<&str> = order.iter().map(|&i| net.actors[i].id.as_str()).collect();
        assert_eq!(ids, ["b", "c", "d", "a"]);
        // b, c and d tie (within 1e-12 of b's score): they share rank 1, and a comes 4th.
        assert_eq!(shared_ranks(Some(&s), &order), [1, 1, 1, 4]);
        assert_eq!(shared_ranks(None, &order), [1, 1, 1, 1]);
        // Only the actors asked for are ranked.
        assert_eq!(ranking(&net, Some(&s), &[2, 3]), [3, 2]);
    }
}
