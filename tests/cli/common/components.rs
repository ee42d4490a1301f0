//! Weak components and Borgatti's fragmentation of a network file, computed independently of
//! netgraph (union–find on the JSON), as a reference for the what-if tests.

use serde_json::Value;
use std::collections::HashMap;

/// Component sizes of a network file's actors without `removed`, by union–find (directions ignored).
pub fn component_sizes(net: &Value, removed: &[&str]) -> Vec<usize> {
    let ids: Vec<&str> = net["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .filter(|id| !removed.contains(id))
        .collect();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn root(p: &mut [usize], mut v: usize) -> usize {
        while p[v] != v {
            v = p[v];
        }
        v
    }
    for f in net["flows"].as_array().unwrap() {
        let (Some(&a), Some(&b)) = (
            index.get(f["from"].as_str().unwrap()),
            index.get(f["to"].as_str().unwrap()),
        ) else {
            continue;
        };
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra] = rb;
    }
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for v in 0..ids.len() {
        *sizes.entry(root(&mut parent, v)).or_default() += 1;
    }
    sizes.into_values().collect()
}

pub fn borgatti(sizes: &[usize]) -> f64 {
    let n: usize = sizes.iter().sum();
    if n < 2 {
        return 1.0;
    }
    let pairs: usize = sizes.iter().map(|s| s * (s - 1)).sum();
    1.0 - pairs as f64 / (n * (n - 1)) as f64
}
