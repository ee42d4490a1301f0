//! Burt's structural holes: constraint and effective size (Burt 1992, "Structural Holes: The Social
//! Structure of Competition", Harvard University Press, ch. 2; NetworkX `constraint`,
//! `effective_size`).
//!
//! With the mutual weight m_vu = a_vu + a_uv (a = arc strength, 1 when unweighted) and
//! p_vu = m_vu / Σ_w m_vw (v's share of its ties invested in u):
//!
//! - constraint c(v) = Σ_{u : p_vu > 0} (p_vu + Σ_w p_vw p_wu)²: high when v's contacts are few
//!   and tied to each other (no structural holes to exploit);
//! - effective size e(v) = Σ_{u : m_vu > 0} (1 − Σ_w p_vw m_uw / max_z m_uz): the number of contacts
//!   less their redundancy (Borgatti's n − 2t/n on an unweighted undirected graph).
//!
//! Sums range over every tie, a self-loop included (as NetworkX's matrix formulation does).
//! Both are undefined (NaN) for an actor tied to no one but itself. Complexity: O(Σ_v d(v)²) time
//! over the undirected degrees, O(V) scratch per thread; parallel over actors, each actor's sum in
//! a fixed order (deterministic).

use super::ties::Ties;
use rayon::prelude::*;

/// Share of v's ties in slot k: p_vu, given v's total mutual weight.
fn shares(t: &Ties) -> (Vec<f64>, Vec<f64>) {
    let n = t.n();
    let mut total = vec![0.0; n];
    let mut most = vec![0.0f64; n];
    for (v, (tot, max)) in total.iter_mut().zip(&mut most).enumerate() {
        for k in t.row(v) {
            *tot += t.mutual(k);
            *max = max.max(t.mutual(k));
        }
    }
    (total, most)
}

/// Whether v has a tie to someone other than itself with positive total weight.
fn defined(t: &Ties, v: usize, total: f64) -> bool {
    total > 0.0 && t.neighbors(v).iter().any(|&u| u as usize != v)
}

/// Burt's constraint of every actor; NaN for actors tied to no one else.
pub fn constraint(t: &Ties) -> Vec<f64> {
    let n = t.n();
    let (total, _) = shares(t);
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0; n],
            |indirect, v| {
                if !defined(t, v, total[v]) {
                    return f64::NAN;
                }
                // indirect[u] = Σ_w p_vw p_wu, over w tied to v and u tied to w.
                for k in t.row(v) {
                    let w = t.neighbor(k);
                    let pvw = t.mutual(k) / total[v];
                    if total[w] == 0.0 {
                        continue;
                    }
                    for j in t.row(w) {
                        indirect[t.neighbor(j)] += pvw * t.mutual(j) / total[w];
                    }
                }
                let mut c = 0.0;
                for k in t.row(v) {
                    let pvu = t.mutual(k) / total[v];
                    if pvu > 0.0 {
                        let x = pvu + indirect[t.neighbor(k)];
                        c += x * x;
                    }
                }
                for k in t.row(v) {
                    for j in t.row(t.neighbor(k)) {
                        indirect[t.neighbor(j)] = 0.0;
                    }
                }
                c
            },
        )
        .collect()
}

/// Burt's effective size of every actor; NaN for actors tied to no one else.
pub fn effective_size(t: &Ties) -> Vec<f64> {
    let n = t.n();
    let (total, most) = shares(t);
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0; n],
            |share, v| {
                if !defined(t, v, total[v]) {
                    return f64::NAN;
                }
                for k in t.row(v) {
                    share[t.neighbor(k)] = t.mutual(k) / total[v];
                }
                let mut e = 0.0;
                for k in t.row(v) {
                    if t.mutual(k) <= 0.0 {
                        continue;
                    }
                    let u = t.neighbor(k);
                    let mut redundancy = 0.0;
                    if most[u] > 0.0 {
                        for j in t.row(u) {
                            redundancy += share[t.neighbor(j)] * t.mutual(j) / most[u];
                        }
                    }
                    e += 1.0 - redundancy;
                }
                for k in t.row(v) {
                    share[t.neighbor(k)] = 0.0;
                }
                e
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::close;
    use crate::graph::tests::graph;

    #[test]
    fn star_by_hand() {
        // Star with centre 0 and leaves 1..3, plus isolated 4. The centre invests 1/3 in each leaf and
        // no leaf reaches another: c = 3 · (1/3)² = 1/3, e = 3. A leaf invests everything in the
        // centre, and the centre's ties lead back only to itself: c = (1 + 0)² = 1; e = 1.
        let g = graph(5, false, &[(0, 1), (0, 2), (0, 3)]);
        let t = Ties::new(&g);
        close(&constraint(&t), &[1.0 / 3.0, 1.0, 1.0, 1.0, f64::NAN]);
        close(&effective_size(&t), &[3.0, 1.0, 1.0, 1.0, f64::NAN]);
    }

    #[test]
    fn triangle_by_hand() {
        // Triangle: p = 1/2 everywhere; c = 2 · (1/2 + 1/2 · 1/2)² = 9/8; e = 2 − 2·1/2 = 1
        // (Borgatti: n − 2t/n = 2 − 2·1/2).
        let t = Ties::new(&graph(3, false, &[(0, 1), (1, 2), (2, 0)]));
        close(&constraint(&t), &[1.125; 3]);
        close(&effective_size(&t), &[1.0; 3]);
    }

    #[test]
    fn self_loop_only_is_undefined() {
        let t = Ties::new(&graph(2, true, &[(0, 0)]));
        assert!(constraint(&t).iter().all(|x| x.is_nan()));
        assert!(effective_size(&t).iter().all(|x| x.is_nan()));
    }
}
