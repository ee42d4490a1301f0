//! Leiden community detection (Traag, Waltman & van Eck 2019, "From Louvain to Leiden:
//! guaranteeing well-connected communities", Sci. Rep. 9:5233), maximising modularity with
//! resolution γ.
//!
//! Each iteration: (1) fast local moving — a queue of nodes in seeded random order; a node moves to
//! the best neighbouring community (or an empty one), and its neighbours outside that community
//! rejoin the queue; (2) refinement — inside each community, lone well-connected nodes merge into
//! well-connected sub-communities, chosen at random with probability ∝ exp(ΔQ/θ), θ = 0.01, among
//! the merges that do not lower modularity; (3) aggregation by the refined partition (by the
//! communities themselves when refinement merged nothing), the communities giving the aggregate
//! its starting partition, until local moving leaves every node of the aggregate alone. Iterations
//! repeat from the partition found, `iterations` times (igraph's `n_iterations`, default 2), or
//! with 0 until one changes nothing or stops raising modularity (igraph's `n_iterations=-1`, much
//! slower on graphs without a clear community structure).
//! Every community found is connected. O(E) per pass over the queue; single-threaded: the seed
//! alone fixes the result.

use super::community::{Mover, Neighbourhood, WGraph, compact, modularity};
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::VecDeque;

/// Randomness of the refinement's choice among merges (the paper's θ).
const THETA: f64 = 0.01;

/// Community of every node of `g` (numbered 0.. in order of first node).
pub fn leiden(g: &WGraph, gamma: f64, seed: u64, iterations: usize) -> Vec<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut part: Vec<u32> = (0..g.n() as u32).collect();
    let mut q = modularity(g, &part, gamma);
    for _ in 0..if iterations == 0 {
        usize::MAX
    } else {
        iterations
    } {
        let next = iteration(g, part.clone(), gamma, &mut rng);
        let q_next = modularity(g, &next, gamma);
        // Stop when nothing changes or modularity stops rising (ties cannot cycle forever).
        let rising = q_next > q + 1e-12 * q.abs();
        if next == part || !rising {
            return if q_next > q { next } else { part };
        }
        part = next;
        q = q_next;
    }
    part
}

/// One Leiden iteration from `part` (labels below `g.n()`); the result is compacted.
fn iteration(g: &WGraph, mut part: Vec<u32>, gamma: f64, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let mut of: Vec<u32> = (0..g.n() as u32).collect();
    let mut cur = g.clone();
    loop {
        move_nodes_fast(&cur, &mut part, gamma, rng);
        let count = compact(&mut part);
        if count == cur.n() {
            break;
        }
        let mut refined = refine(&cur, &part, count, gamma, rng);
        let refined_count = compact(&mut refined);
        let (label, size) = if refined_count == cur.n() {
            (part.clone(), count)
        } else {
            (refined, refined_count)
        };
        let mut next = vec![0u32; size];
        for v in 0..cur.n() {
            next[label[v] as usize] = part[v];
        }
        for o in of.iter_mut() {
            *o = label[*o as usize];
        }
        cur = cur.aggregate(&label, size);
        part = next;
    }
    let mut result: Vec<u32> = of.iter().map(|&c| part[c as usize]).collect();
    compact(&mut result);
    result
}

fn move_nodes_fast(g: &WGraph, part: &mut [u32], gamma: f64, rng: &mut ChaCha8Rng) {
    let n = g.n();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut queue: VecDeque<usize> = order.into();
    let mut queued = vec![true; n];
    let mut mover = Mover::new(g, part, gamma);
    while let Some(v) = queue.pop_front() {
        queued[v] = false;
        if mover.move_node(g, v, part, true) > 0.0 {
            for (u, _) in g.row(v) {
                if !queued[u] && part[u] != part[v] {
                    queued[u] = true;
                    queue.push_back(u);
                }
            }
        }
    }
}

/// The refined partition: sub-communities of `part` (labels 0..count), as node labels.
fn refine(g: &WGraph, part: &[u32], count: usize, gamma: f64, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let n = g.n();
    let mut refined: Vec<u32> = (0..n as u32).collect();
    let mut tot_r = g.k.clone();
    let mut size_r = vec![1usize; n];
    let mut tot_c = vec![0.0; count];
    for v in 0..n {
        tot_c[part[v] as usize] += g.k[v];
    }
    // ext[r]: weight from refined community r to the rest of its community.
    let mut ext: Vec<f64> = (0..n)
        .map(|v| {
            g.row(v)
                .filter(|&(u, _)| part[u] == part[v])
                .map(|(_, w)| w)
                .sum()
        })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut nb = Neighbourhood::new(n);
    let mut candidates: Vec<(u32, f64)> = Vec::new();
    for v in order {
        let own = refined[v];
        if size_r[own as usize] != 1 {
            continue;
        }
        let c = part[v];
        let total = tot_c[c as usize];
        let connected = |r: usize, tot: f64| ext[r] >= gamma * tot * (total - tot) / g.m2;
        if !connected(own as usize, g.k[v]) {
            continue;
        }
        nb.gather(g, v, &refined, |u| part[u] == c);
        candidates.clear();
        candidates.push((own, 0.0));
        for &t in &nb.seen {
            if t == own || !connected(t as usize, tot_r[t as usize]) {
                continue;
            }
            let gain = nb.to(t) - gamma * g.k[v] * tot_r[t as usize] / g.m2;
            if gain >= 0.0 {
                candidates.push((t, 2.0 * gain / g.m2));
            }
        }
        let top = candidates.iter().map(|c| c.1).fold(f64::MIN, f64::max);
        let weights: Vec<f64> = candidates
            .iter()
            .map(|c| ((c.1 - top) / THETA).exp())
            .collect();
        let mut draw = rng.random::<f64>() * weights.iter().sum::<f64>();
        let mut chosen = candidates[candidates.len() - 1].0;
        for (c, w) in candidates.iter().zip(&weights) {
            if draw < *w {
                chosen = c.0;
                break;
            }
            draw -= w;
        }
        if chosen != own {
            let t = chosen as usize;
            ext[t] += ext[own as usize] - 2.0 * nb.to(chosen);
            tot_r[t] += g.k[v];
            size_r[t] += 1;
            size_r[own as usize] = 0;
            refined[v] = chosen;
        }
    }
    refined
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::community::tests::two_triangles;
    use crate::graph::tests::graph;

    #[test]
    fn two_triangles_split_at_the_bridge() {
        let g = two_triangles();
        for seed in 0..10 {
            assert_eq!(leiden(&g, 1.0, seed, 0), [0, 0, 0, 1, 1, 1]);
        }
    }

    #[test]
    fn isolated_nodes_stay_alone_and_seeds_repeat() {
        let g = WGraph::from_graph(&graph(5, false, &[(0, 1), (1, 2)]));
        let p = leiden(&g, 1.0, 1, 2);
        assert_eq!(p, [0, 0, 0, 1, 2]);
        assert_eq!(leiden(&g, 1.0, 1, 2), p);
        assert!(modularity(&g, &p, 1.0).abs() < 1e-15);
    }
}
