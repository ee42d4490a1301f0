//! Local clustering coefficient, as NetworkX's `clustering`.
//!
//! Undirected (Watts & Strogatz 1998, "Collective dynamics of 'small-world' networks", Nature 393):
//! C(v) = T(v) / (d(d − 1)), T(v) = Σ_{j ≠ k} s_vj s_vk s_jk over ordered pairs of neighbours, i.e.
//! twice the triangles through v. Directed (Fagiolo 2007, "Clustering in complex directed
//! networks", Phys. Rev. E 76): s_uv = c_uv + c_vu and C(v) = T(v) / (2 (d_tot(d_tot − 1) − 2 d↔)),
//! d_tot = in- + out-degree, d↔ = reciprocated neighbours — every kind of directed triangle.
//! Unweighted, c_uv = 1 for an arc; weighted (Onnela, Saramäki, Kertész & Kaski 2005, Phys. Rev. E
//! 71), c_uv = (ŵ_uv)^{1/3} with ŵ = strength ÷ the largest strength in the graph (self-loops
//! included in that maximum, as NetworkX). Self-loops are otherwise ignored; actors with no
//! triangle score 0. Complexity O(Σ_v d(v)²) time, O(V) scratch per thread; parallel over actors,
//! each sum in a fixed order.

use super::ties::{IN, OUT, Ties};
use rayon::prelude::*;

/// The clustering coefficient of every actor. `weighted` uses the strengths (see the module doc).
pub fn clustering(t: &Ties, weighted: bool) -> Vec<f64> {
    let n = t.n();
    let max = (0..n)
        .flat_map(|v| t.row(v))
        .map(|k| t.out(k).max(t.inc(k)))
        .fold(0.0f64, f64::max);
    let c = |x: f64| {
        if !weighted {
            1.0
        } else if max > 0.0 {
            (x / max).cbrt()
        } else {
            0.0
        }
    };
    // s of slot k: c_vu + c_uv (directed), c_vu (undirected); 0 for a self-loop.
    let s: Vec<f64> = (0..n)
        .flat_map(|v| t.row(v).map(move |k| (v, k)))
        .map(|(v, k)| {
            if t.neighbor(k) == v {
                0.0
            } else if !t.is_directed() {
                c(t.out(k))
            } else {
                let d = t.dir(k);
                let o = if d & OUT != 0 { c(t.out(k)) } else { 0.0 };
                let i = if d & IN != 0 { c(t.inc(k)) } else { 0.0 };
                o + i
            }
        })
        .collect();
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0; n],
            |mark, v| {
                let mut degree = 0usize;
                let mut both = 0usize;
                for k in t.row(v) {
                    if t.neighbor(k) != v {
                        mark[t.neighbor(k)] = s[k];
                        let d = t.dir(k);
                        degree += usize::from(d & OUT != 0) + usize::from(d & IN != 0);
                        both += usize::from(d == OUT | IN);
                    }
                }
                let mut triangles = 0.0;
                for k in t.row(v) {
                    let j = t.neighbor(k);
                    if j == v {
                        continue;
                    }
                    for m in t.row(j) {
                        let l = t.neighbor(m);
                        if l != v && l != j {
                            triangles += s[k] * mark[l] * s[m];
                        }
                    }
                }
                for k in t.row(v) {
                    mark[t.neighbor(k)] = 0.0;
                }
                if triangles == 0.0 {
                    return 0.0;
                }
                if t.is_directed() {
                    let d = degree as f64;
                    triangles / (2.0 * (d * (d - 1.0) - 2.0 * both as f64))
                } else {
                    let d = (degree / 2) as f64;
                    triangles / (d * (d - 1.0))
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::close;
    use crate::graph::tests::{graph, weighted};

    #[test]
    fn undirected_by_hand() {
        // Triangle 0-1-2 with a pendant 3 on 0 and a self-loop on 0: 0 has 3 neighbours and one
        // triangle of the three possible pairs.
        let g = graph(4, false, &[(0, 1), (1, 2), (2, 0), (0, 3), (0, 0)]);
        close(
            &clustering(&Ties::new(&g), false),
            &[1.0 / 3.0, 1.0, 1.0, 0.0],
        );
    }

    #[test]
    fn directed_cycle_by_hand() {
        // Directed 3-cycle: each actor has d_tot = 2, no reciprocated tie, and one cycle triangle
        // seen twice (as j→k and k→j orderings): T = 2, C = 2 / (2 · 2) = 1/2.
        let g = graph(3, true, &[(0, 1), (1, 2), (2, 0)]);
        close(&clustering(&Ties::new(&g), false), &[0.5; 3]);
        // Fully reciprocated triangle: s = 2 everywhere, T = 2 · 8 = 16, d_tot = 4, d↔ = 2:
        // C = 16 / (2 (12 − 4)) = 1.
        let full = graph(3, true, &[(0, 1), (1, 0), (1, 2), (2, 1), (2, 0), (0, 2)]);
        close(&clustering(&Ties::new(&full), false), &[1.0; 3]);
    }

    #[test]
    fn weighted_triangle_uses_geometric_mean_over_max() {
        // Weights 1, 2, 4 (max 4): every actor's C = (1/4 · 2/4 · 4/4)^(1/3) = 1/2.
        let g = weighted(3, false, &[(0, 1, 1.0), (1, 2, 2.0), (2, 0, 4.0)]);
        close(&clustering(&Ties::new(&g), true), &[0.5; 3]);
    }
}
