//! The k best simple paths between two actors: shortest (smallest summed distance) or widest
//! (largest smallest capacity), by Yen's algorithm.
//!
//! Yen, J. Y. (1971). "Finding the k shortest loopless paths in a network". *Management Science*
//! 17(11): 712–716. Each accepted path is the cheapest candidate; candidates come from deviating
//! from an accepted path at each of its actors (the *spur*), keeping the prefix (the *root*),
//! removing the root's other actors and the links that accepted paths with the same root take next,
//! and finding the best path from the spur to the target in what is left.
//!
//! Paths are compared by a total order, so ties are resolved the same way every time:
//! - shortest: summed distance, then fewer hops, then the actors' ids in order (bytewise);
//! - widest: the smallest capacity along the path (larger first), then fewer hops, then ids.
//!
//! Both orders are decided by the part after a shared root, which is what Yen needs: the best spur
//! path under distances (cost, hops) is found by Dijkstra backwards from the target and a walk that
//! takes, at each step, the tight link to the smallest id; under capacities, by a max–min Dijkstra
//! (capacities capped at the root's bottleneck), then a breadth-first search over the links at least
//! that wide. Distances must be positive; equal costs are ties only when equal in floating point.
//!
//! Complexity: O(K · V · (E + V log V)) for K paths on V actors and E links. With `via`, paths are
//! generated in order and filtered, at most `limit` of them.

use crate::budget::Budget;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashSet, VecDeque};

/// One link between two actors, with its value: a distance (shortest) or a capacity (widest).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// The other actor.
    pub to: u32,
    /// Distance or capacity.
    pub value: f64,
}

/// Links between actors: at most one per ordered pair, each actor's sorted by the other end's id.
#[derive(Debug, Clone, PartialEq)]
pub struct Links {
    out: Vec<Vec<Link>>,
    back: Vec<Vec<Link>>,
    rank: Vec<u32>,
}

impl Links {
    /// Links from `(from, to, value)` triples on `n` actors; `rank` orders actors by id. A pair given
    /// twice keeps its first value; self-loops are dropped (paths are simple).
    pub fn new(n: usize, rank: Vec<u32>, arcs: &[(u32, u32, f64)]) -> Links {
        let mut out: Vec<Vec<Link>> = vec![Vec::new(); n];
        let mut back: Vec<Vec<Link>> = vec![Vec::new(); n];
        let mut seen = HashSet::new();
        for &(from, to, value) in arcs {
            if from != to && seen.insert((from, to)) {
                out[from as usize].push(Link { to, value });
                back[to as usize].push(Link { to: from, value });
            }
        }
        for list in out.iter_mut().chain(back.iter_mut()) {
            list.sort_by_key(|l| rank[l.to as usize]);
        }
        Links { out, back, rank }
    }

    fn value(&self, from: u32, to: u32) -> f64 {
        self.out[from as usize]
            .iter()
            .find(|l| l.to == to)
            .map_or(f64::NAN, |l| l.value)
    }
}

/// What makes a path best.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// The smallest sum of distances.
    Shortest,
    /// The largest smallest capacity.
    Widest,
}

/// A path query.
#[derive(Debug, Clone, PartialEq)]
pub struct PathQuery {
    /// Start actor.
    pub source: usize,
    /// End actor (different from the start).
    pub target: usize,
    /// How many paths.
    pub k: usize,
    /// What makes a path best.
    pub objective: Objective,
    /// Actors no path may use.
    pub avoid: Vec<bool>,
    /// Groups of actors every path must pass through: at least one actor of each group.
    pub via: Vec<Vec<usize>>,
    /// The most paths generated (relevant with `via`, which filters them).
    pub limit: usize,
}

/// A path: its actors, summed link values and smallest link value.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// Actors from source to target.
    pub actors: Vec<u32>,
    /// Sum of the link values (the cost when they are distances).
    pub total: f64,
    /// Smallest link value (the bottleneck when they are capacities).
    pub smallest: f64,
}

/// The paths found, best first, and whether the generation stopped at the limit.
#[derive(Debug, Clone, PartialEq)]
pub struct PathsFound {
    /// Best first.
    pub paths: Vec<Path>,
    /// Whether fewer than k paths were found because `limit` paths had been generated.
    pub truncated: bool,
}

/// The `k` best simple paths of the query (fewer when fewer exist). See the module documentation.
pub fn best_paths(links: &Links, q: &PathQuery) -> PathsFound {
    best_paths_within(links, q, &Budget::unlimited())
}

/// [`best_paths`] within a budget: one expansion per shortest-path search (Yen runs one per
/// spur actor of every accepted path). Once the budget is spent the paths accepted so far are
/// returned — each still one of the best, in order — and `budget.truncated()` is set.
pub fn best_paths_within(links: &Links, q: &PathQuery, budget: &Budget) -> PathsFound {
    if !budget.tick(1) {
        return PathsFound {
            paths: Vec::new(),
            truncated: false,
        };
    }
    let mut blocked = q.avoid.clone();
    let none = HashSet::new();
    let mut candidates: Vec<Path> = Vec::new();
    let mut seen: HashSet<Vec<u32>> = HashSet::new();
    if let Some(first) = spur_path(links, q, q.source, &blocked, &none, f64::INFINITY) {
        seen.insert(first.clone());
        candidates.push(measure(links, first));
    }
    let mut accepted: Vec<Path> = Vec::new();
    let mut paths = Vec::new();
    let mut truncated = false;
    while !candidates.is_empty() && paths.len() < q.k {
        if accepted.len() == q.limit {
            truncated = true;
            break;
        }
        let best = (0..candidates.len())
            .min_by(|&a, &b| compare(links, q.objective, &candidates[a], &candidates[b]))
            .unwrap_or(0);
        let path = candidates.swap_remove(best);
        let mut spent = false;
        for i in 0..path.actors.len() - 1 {
            if !budget.tick(1) {
                spent = true;
                break;
            }
            let root = &path.actors[..=i];
            let spur = path.actors[i] as usize;
            let taken: HashSet<(u32, u32)> = accepted
                .iter()
                .chain(std::iter::once(&path))
                .filter(|p| p.actors.len() > i + 1 && p.actors[..=i] == *root)
                .map(|p| (p.actors[i], p.actors[i + 1]))
                .collect();
            for &r in &root[..i] {
                blocked[r as usize] = true;
            }
            let cap = root
                .windows(2)
                .map(|w| links.value(w[0], w[1]))
                .fold(f64::INFINITY, f64::min);
            if let Some(tail) = spur_path(links, q, spur, &blocked, &taken, cap) {
                let mut full = root[..i].to_vec();
                full.extend(tail);
                if seen.insert(full.clone()) {
                    candidates.push(measure(links, full));
                }
            }
            for &r in &root[..i] {
                blocked[r as usize] = q.avoid[r as usize];
            }
        }
        // The path itself is one of the best whether or not its spurs were all searched.
        if q.via
            .iter()
            .all(|group| group.iter().any(|&v| path.actors.contains(&(v as u32))))
        {
            paths.push(path.clone());
        }
        accepted.push(path);
        budget.progress().advance(1);
        if spent {
            break;
        }
    }
    PathsFound { paths, truncated }
}

fn measure(links: &Links, actors: Vec<u32>) -> Path {
    let values: Vec<f64> = actors.windows(2).map(|w| links.value(w[0], w[1])).collect();
    Path {
        total: values.iter().sum(),
        smallest: values.iter().copied().fold(f64::INFINITY, f64::min),
        actors,
    }
}

fn compare(links: &Links, objective: Objective, a: &Path, b: &Path) -> Ordering {
    let first = match objective {
        Objective::Shortest => a.total.total_cmp(&b.total),
        Objective::Widest => b.smallest.total_cmp(&a.smallest),
    };
    let ids = |p: &Path| -> Vec<u32> { p.actors.iter().map(|&v| links.rank[v as usize]).collect() };
    first
        .then_with(|| a.actors.len().cmp(&b.actors.len()))
        .then_with(|| ids(a).cmp(&ids(b)))
}

/// The best path from `from` to the target avoiding `blocked` actors and `taken` links, with every
/// capacity capped at `cap` (widest); `None` when the target cannot be reached.
fn spur_path(
    links: &Links,
    q: &PathQuery,
    from: usize,
    blocked: &[bool],
    taken: &HashSet<(u32, u32)>,
    cap: f64,
) -> Option<Vec<u32>> {
    let open =
        |v: usize, w: usize| !blocked[v] && !blocked[w] && !taken.contains(&(v as u32, w as u32));
    // For each actor, its (key, hops) to the target; the walk follows links that are tight.
    let tight: Box<Tight<'_>> = match q.objective {
        Objective::Shortest => {
            let (cost, hops) = dijkstra_back(links, q.target, &open);
            if cost[from].is_infinite() {
                return None;
            }
            Box::new(move |v, l| {
                let w = l.to as usize;
                hops[w] != usize::MAX && l.value + cost[w] == cost[v] && hops[w] + 1 == hops[v]
            })
        }
        Objective::Widest => {
            let width = widest_back(links, q.target, &open, cap);
            let need = width[from];
            if need == f64::NEG_INFINITY {
                return None;
            }
            let wide = move |l: &Link| l.value.min(cap) >= need;
            let hops = bfs_back(links, q.target, &|v, w| open(v, w), &wide);
            Box::new(move |v, l| {
                let w = l.to as usize;
                wide(l) && hops[w] != usize::MAX && hops[w] + 1 == hops[v]
            })
        }
    };
    let mut path = vec![from as u32];
    let mut v = from;
    while v != q.target {
        let next = links.out[v]
            .iter()
            .find(|l| open(v, l.to as usize) && tight(v, l))?;
        v = next.to as usize;
        path.push(next.to);
    }
    Some(path)
}

/// Whether a link out of an actor lies on a best path to the target.
type Tight<'a> = dyn Fn(usize, &Link) -> bool + 'a;

/// Dijkstra from the target along reversed links, minimising (distance, hops) lexicographically.
fn dijkstra_back(
    links: &Links,
    target: usize,
    open: &dyn Fn(usize, usize) -> bool,
) -> (Vec<f64>, Vec<usize>) {
    let n = links.out.len();
    let mut cost = vec![f64::INFINITY; n];
    let mut hops = vec![usize::MAX; n];
    let mut done = vec![false; n];
    let mut heap = BinaryHeap::new();
    cost[target] = 0.0;
    hops[target] = 0;
    heap.push(Reverse((Key(0.0), 0usize, target)));
    while let Some(Reverse((Key(c), h, w))) = heap.pop() {
        if done[w] {
            continue;
        }
        done[w] = true;
        for l in &links.back[w] {
            let v = l.to as usize;
            if done[v] || !open(v, w) {
                continue;
            }
            let (nc, nh) = (l.value + c, h + 1);
            if (nc, nh) < (cost[v], hops[v]) {
                cost[v] = nc;
                hops[v] = nh;
                heap.push(Reverse((Key(nc), nh, v)));
            }
        }
    }
    (cost, hops)
}

/// For every actor, the largest smallest capacity (capped at `cap`) of a path to the target.
fn widest_back(
    links: &Links,
    target: usize,
    open: &dyn Fn(usize, usize) -> bool,
    cap: f64,
) -> Vec<f64> {
    let n = links.out.len();
    let mut width = vec![f64::NEG_INFINITY; n];
    let mut done = vec![false; n];
    let mut heap = BinaryHeap::new();
    width[target] = f64::INFINITY;
    heap.push((Key(f64::INFINITY), Reverse(target)));
    while let Some((Key(b), Reverse(w))) = heap.pop() {
        if done[w] {
            continue;
        }
        done[w] = true;
        for l in &links.back[w] {
            let v = l.to as usize;
            if done[v] || !open(v, w) {
                continue;
            }
            let nb = b.min(l.value.min(cap));
            if nb > width[v] {
                width[v] = nb;
                heap.push((Key(nb), Reverse(v)));
            }
        }
    }
    width
}

/// Hops to the target along reversed links that are open and pass `keep`.
fn bfs_back(
    links: &Links,
    target: usize,
    open: &dyn Fn(usize, usize) -> bool,
    keep: &dyn Fn(&Link) -> bool,
) -> Vec<usize> {
    let mut hops = vec![usize::MAX; links.out.len()];
    hops[target] = 0;
    let mut queue = VecDeque::from([target]);
    while let Some(w) = queue.pop_front() {
        for l in &links.back[w] {
            let v = l.to as usize;
            if hops[v] == usize::MAX && open(v, w) && keep(l) {
                hops[v] = hops[w] + 1;
                queue.push_back(v);
            }
        }
    }
    hops
}

/// An `f64` ordered by `total_cmp`, for heaps.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Key(f64);

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Actors 0..n with ids in position order.
    fn links(n: usize, arcs: &[(u32, u32, f64)]) -> Links {
        Links::new(n, (0..n as u32).collect(), arcs)
    }

    fn query(source: usize, target: usize, k: usize, objective: Objective, n: usize) -> PathQuery {
        PathQuery {
            source,
            target,
            k,
            objective,
            avoid: vec![false; n],
            via: Vec::new(),
            limit: 1000,
        }
    }

    fn actors(found: &PathsFound) -> Vec<Vec<u32>> {
        found.paths.iter().map(|p| p.actors.clone()).collect()
    }

    #[test]
    fn yen_on_the_classic_example() {
        // Yen's example as in Wikipedia: C=0 D=1 E=2 F=3 G=4 H=5.
        let l = links(
            6,
            &[
                (0, 1, 3.0),
                (0, 2, 2.0),
                (1, 3, 4.0),
                (2, 1, 1.0),
                (2, 3, 2.0),
                (2, 4, 3.0),
                (3, 4, 2.0),
                (3, 5, 1.0),
                (4, 5, 2.0),
            ],
        );
        let found = best_paths(&l, &query(0, 5, 3, Objective::Shortest, 6));
        assert_eq!(
            actors(&found),
            [vec![0, 2, 3, 5], vec![0, 2, 4, 5], vec![0, 1, 3, 5]]
        );
        let costs: Vec<f64> = found.paths.iter().map(|p| p.total).collect();
        assert_eq!(costs, [5.0, 7.0, 8.0]);
    }

    #[test]
    fn ties_go_to_fewer_hops_then_ids() {
        // 0→3 directly (cost 2), 0→1→3 and 0→2→3 (cost 2 each, 2 hops).
        let l = links(
            4,
            &[
                (0, 2, 1.0),
                (2, 3, 1.0),
                (0, 1, 1.0),
                (1, 3, 1.0),
                (0, 3, 2.0),
            ],
        );
        let found = best_paths(&l, &query(0, 3, 5, Objective::Shortest, 4));
        assert_eq!(actors(&found), [vec![0, 3], vec![0, 1, 3], vec![0, 2, 3]]);
        let mut q = query(0, 3, 5, Objective::Shortest, 4);
        q.avoid[1] = true;
        q.via = vec![vec![2]];
        assert_eq!(actors(&best_paths(&l, &q)), [vec![0, 2, 3]]);
    }

    #[test]
    fn widest_maximises_the_bottleneck() {
        // 0→1→3 has bottleneck 5, 0→2→3 has 7 but 0→2→4→3 has 7 too with more hops; 0→3 has 1.
        let l = links(
            5,
            &[
                (0, 1, 5.0),
                (1, 3, 9.0),
                (0, 2, 8.0),
                (2, 3, 7.0),
                (2, 4, 7.0),
                (4, 3, 8.0),
                (0, 3, 1.0),
            ],
        );
        let found = best_paths(&l, &query(0, 3, 4, Objective::Widest, 5));
        assert_eq!(
            actors(&found),
            [vec![0, 2, 3], vec![0, 2, 4, 3], vec![0, 1, 3], vec![0, 3]]
        );
        let widths: Vec<f64> = found.paths.iter().map(|p| p.smallest).collect();
        assert_eq!(widths, [7.0, 7.0, 5.0, 1.0]);
    }

    #[test]
    fn unreachable_and_limited() {
        let l = links(3, &[(0, 1, 1.0), (1, 0, 1.0)]);
        assert!(
            best_paths(&l, &query(0, 2, 3, Objective::Shortest, 3))
                .paths
                .is_empty()
        );
        let l = links(4, &[(0, 1, 1.0), (1, 3, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
        let mut q = query(0, 3, 1, Objective::Shortest, 4);
        q.via = vec![vec![2]];
        q.limit = 1;
        let found = best_paths(&l, &q);
        assert!(found.paths.is_empty() && found.truncated);
    }
}
