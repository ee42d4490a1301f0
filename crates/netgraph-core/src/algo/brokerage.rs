//! Brokerage roles (Gould & Fernandez 1989, "Structures of mediation: a formal approach to
//! brokerage in transaction networks", Sociological Methodology 19).
//!
//! Actor b brokers every ordered pair (a, c) with arcs a → b → c, a, b, c distinct and no arc
//! a → c. The role follows the groups of a, b and c:
//!
//! | role | groups |
//! | --- | --- |
//! | coordinator | a = b = c |
//! | consultant (itinerant broker) | a = c ≠ b |
//! | gatekeeper | b = c ≠ a |
//! | representative | a = b ≠ c |
//! | liaison | a, b, c all different |
//!
//! Raw counts, not normalised. On an undirected graph every tie is an arc both ways, so an open
//! triad a – b – c is counted twice, once per direction (a representative one way is a gatekeeper
//! the other). Self-loops are ignored. Complexity O(Σ_b d_in(b) · d_out(b) · log d): for each
//! broker, every in-neighbour against every out-neighbour, the closing arc looked up by binary
//! search in a's sorted out-row; parallel over brokers (integer counts: exact and deterministic).

use crate::graph::Graph;
use rayon::prelude::*;

/// The five roles, in the order of [`brokerage`]'s columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// a, b and c in one group.
    Coordinator,
    /// a and c in one group, b in another.
    Consultant,
    /// b and c in one group, a in another.
    Gatekeeper,
    /// a and b in one group, c in another.
    Representative,
    /// three groups.
    Liaison,
}

impl Role {
    /// Every role, in column order.
    pub const ALL: [Role; 5] = [
        Role::Coordinator,
        Role::Consultant,
        Role::Gatekeeper,
        Role::Representative,
        Role::Liaison,
    ];

    /// The role of broker b between a and c, from their groups.
    pub fn of(a: u32, b: u32, c: u32) -> Role {
        match (a == b, b == c, a == c) {
            (true, true, _) => Role::Coordinator,
            (false, false, true) => Role::Consultant,
            (false, true, _) => Role::Gatekeeper,
            (true, false, _) => Role::Representative,
            (false, false, false) => Role::Liaison,
        }
    }

    /// Column index.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Counts of every role for every actor: `counts[v][role.index()]`. `group[v]` is v's group label.
pub fn brokerage(g: &Graph, group: &[u32]) -> Vec<[u64; 5]> {
    let out = g.out();
    let inc = g.incoming();
    (0..g.n())
        .into_par_iter()
        .map(|b| {
            let mut counts = [0u64; 5];
            for &a in inc.neighbors(b) {
                let a = a as usize;
                if a == b {
                    continue;
                }
                let closed = out.neighbors(a);
                for &c in out.neighbors(b) {
                    let c = c as usize;
                    if c == a || c == b || closed.binary_search(&(c as u32)).is_ok() {
                        continue;
                    }
                    counts[Role::of(group[a], group[b], group[c]).index()] += 1;
                }
            }
            counts
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::graph;

    #[test]
    fn roles_from_groups() {
        assert_eq!(Role::of(0, 0, 0), Role::Coordinator);
        assert_eq!(Role::of(0, 1, 0), Role::Consultant);
        assert_eq!(Role::of(1, 0, 0), Role::Gatekeeper);
        assert_eq!(Role::of(0, 0, 1), Role::Representative);
        assert_eq!(Role::of(0, 1, 2), Role::Liaison);
    }

    /// Every role counted by brute force over all ordered triples.
    fn brute(n: usize, directed: bool, edges: &[(u32, u32)], group: &[u32]) -> Vec<[u64; 5]> {
        let arc = |a: usize, b: usize| {
            edges.iter().any(|&(x, y)| {
                (x as usize, y as usize) == (a, b)
                    || (!directed && (y as usize, x as usize) == (a, b))
            })
        };
        let mut counts = vec![[0u64; 5]; n];
        for b in 0..n {
            for a in 0..n {
                for c in 0..n {
                    if a != b && b != c && a != c && arc(a, b) && arc(b, c) && !arc(a, c) {
                        counts[b][Role::of(group[a], group[b], group[c]).index()] += 1;
                    }
                }
            }
        }
        counts
    }

    #[test]
    fn hand_worked_example() {
        // Groups: clan {0, 1}, state {2, 3}, bank {4}. Arcs: 0→1, 1→2, 2→3, 3→4, 0→2 (closes 0→1→2),
        // 4→1.
        // Broker 1: pairs (0,2) closed by 0→2, (4,2): 4 bank, 1 clan, 2 state → liaison.
        // Broker 2: (1,3): 1 clan, 2 state, 3 state → gatekeeper; (0,3): gatekeeper.
        // Broker 3: (2,4): 2 state, 3 state, 4 bank → representative.
        // Broker 4: (3,1): 3 state, 4 bank, 1 clan → liaison.
        // Broker 0: no in-arc.
        let edges = [(0, 1), (1, 2), (2, 3), (3, 4), (0, 2), (4, 1)];
        let group = [0, 0, 1, 1, 2];
        let g = graph(5, true, &edges);
        let got = brokerage(&g, &group);
        assert_eq!(
            got,
            vec![
                [0, 0, 0, 0, 0],
                [0, 0, 0, 0, 1],
                [0, 0, 2, 0, 0],
                [0, 0, 0, 1, 0],
                [0, 0, 0, 0, 1]
            ]
        );
        assert_eq!(got, brute(5, true, &edges, &group));
    }

    #[test]
    fn random_grouped_graphs_match_brute_force() {
        let mut next = crate::graph::tests::lcg(7u64);
        for directed in [true, false] {
            for _ in 0..200 {
                let n = 1 + next(10) as usize;
                let groups = 1 + next(4) as u32;
                let edges: Vec<(u32, u32)> = (0..next(35))
                    .map(|_| (next(n as u64) as u32, next(n as u64) as u32))
                    .collect();
                let group: Vec<u32> = (0..n).map(|_| next(groups as u64) as u32).collect();
                let g = graph(n, directed, &edges);
                assert_eq!(brokerage(&g, &group), brute(n, directed, &edges, &group));
            }
        }
    }
}
