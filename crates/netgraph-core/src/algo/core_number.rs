//! Core numbers (Seidman 1983, "Network structure and minimum degree", Social Networks 5), by
//! Batagelj & Zaversnik (2003, "An O(m) algorithm for cores decomposition of networks",
//! arXiv cs/0310049): the core number of v is the largest k such that v belongs to a subgraph in
//! which every actor has degree ≥ k.
//!
//! As NetworkX's `core_number`: on a directed graph the degree is in- + out-degree (a reciprocated
//! tie counts twice); self-loops are ignored (NetworkX refuses graphs that have them). Bucket sort
//! by degree, then peel actors in order of current degree: O(V + E) time and memory.

use super::ties::{IN, OUT, Ties};

/// The core number of every actor.
pub fn core_number(t: &Ties) -> Vec<u32> {
    let n = t.n();
    // Multiplicity of the tie in slot k: arcs both ways count twice on a directed graph.
    let times = |v: usize, k: usize| -> u32 {
        if t.neighbor(k) == v {
            0
        } else if t.is_directed() {
            u32::from(t.dir(k) & OUT != 0) + u32::from(t.dir(k) & IN != 0)
        } else {
            1
        }
    };
    let mut degree: Vec<u32> = (0..n)
        .map(|v| t.row(v).map(|k| times(v, k)).sum())
        .collect();
    let top = degree.iter().copied().max().unwrap_or(0) as usize;
    // bin[d] = first position in `order` of the actors of current degree d.
    let mut bin = vec![0usize; top + 2];
    for &d in &degree {
        bin[d as usize + 1] += 1;
    }
    for d in 1..bin.len() {
        bin[d] += bin[d - 1];
    }
    let mut order = vec![0u32; n];
    let mut pos = vec![0usize; n];
    {
        let mut next = bin.clone();
        for v in 0..n {
            let d = degree[v] as usize;
            pos[v] = next[d];
            order[next[d]] = v as u32;
            next[d] += 1;
        }
    }
    for i in 0..n {
        let v = order[i] as usize;
        for k in t.row(v) {
            let u = t.neighbor(k);
            for _ in 0..times(v, k) {
                if degree[u] > degree[v] {
                    // Move u to the front of its bin, then shrink the bin past it.
                    let du = degree[u] as usize;
                    let (pu, pw) = (pos[u], bin[du]);
                    let w = order[pw] as usize;
                    if u != w {
                        order.swap(pu, pw);
                        pos[u] = pw;
                        pos[w] = pu;
                    }
                    bin[du] += 1;
                    degree[u] -= 1;
                }
            }
        }
    }
    degree
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn clique_with_tail_by_hand() {
        // K4 on 0..3, a path 3-4-5, isolated 6, a self-loop on 5 (ignored).
        let g = graph(
            7,
            false,
            &[
                (0, 1),
                (0, 2),
                (0, 3),
                (1, 2),
                (1, 3),
                (2, 3),
                (3, 4),
                (4, 5),
                (5, 5),
            ],
        );
        assert_eq!(core_number(&Ties::new(&g)), [3, 3, 3, 3, 1, 1, 0]);
    }

    #[test]
    fn directed_counts_in_and_out() {
        // Reciprocated pair 0⇄1: each has degree 2 from the other alone, so core 2; 2 → 0 gives 2 a
        // degree of 1.
        let g = graph(3, true, &[(0, 1), (1, 0), (2, 0)]);
        assert_eq!(core_number(&Ties::new(&g)), [2, 2, 1]);
    }
}
