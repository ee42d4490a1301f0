//! Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast unfolding of
//! communities in large networks", J. Stat. Mech. P10008), maximising modularity with resolution γ.
//!
//! Each level moves nodes, in a seeded random order and pass after pass, to the neighbouring
//! community that raises modularity most, until a pass raises it by less than 1e-7 (the original's
//! and NetworkX's threshold; without it the last passes move a handful of nodes each); the
//! communities then become the nodes of the next level. Stops when a level moves nobody. O(E) per pass; the number of
//! passes and levels is small in practice. Single-threaded: the seed alone fixes the result.

use super::community::{Mover, WGraph, compact};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// A pass that raises modularity by less than this ends a level.
const THRESHOLD: f64 = 1e-7;

/// Community of every node of `g` (numbered 0.. in order of first node).
pub fn louvain(g: &WGraph, gamma: f64, seed: u64) -> Vec<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut of: Vec<u32> = (0..g.n() as u32).collect();
    let mut cur = g.clone();
    loop {
        let n = cur.n();
        let mut part: Vec<u32> = (0..n as u32).collect();
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut rng);
        let mut mover = Mover::new(&cur, &part, gamma);
        loop {
            let mut rise = 0.0;
            for &v in &order {
                rise += mover.move_node(&cur, v, &mut part, false);
            }
            if rise < THRESHOLD {
                break;
            }
        }
        let count = compact(&mut part);
        if count == n {
            break;
        }
        for o in of.iter_mut() {
            *o = part[*o as usize];
        }
        cur = cur.aggregate(&part, count);
    }
    compact(&mut of);
    of
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::community::modularity;
    use crate::algo::community::tests::two_triangles;

    #[test]
    fn two_triangles_split_at_the_bridge() {
        let g = two_triangles();
        for seed in 0..10 {
            assert_eq!(louvain(&g, 1.0, seed), [0, 0, 0, 1, 1, 1]);
        }
        // A tiny resolution merges everything.
        let one = louvain(&g, 0.01, 3);
        assert!(one.iter().all(|&c| c == 0));
        assert!(modularity(&g, &one, 0.01) > modularity(&g, &[0, 0, 0, 1, 1, 1], 0.01));
    }
}
