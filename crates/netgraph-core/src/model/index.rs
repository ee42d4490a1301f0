//! Actor positions by id, stored as bare `u32` positions in a hash table whose keys are read from
//! the actors themselves: 5 bytes per slot instead of a copy of every id (a million actors take
//! ~10 MB instead of ~70 MB).

use super::Actor;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Positions of actors by id; the first actor with an id wins.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    table: HashTable<u32>,
    /// How many actors (a prefix of the actor list) have been indexed.
    indexed: usize,
}

fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl IdIndex {
    /// The position of the first actor with `id`, among the indexed ones.
    #[inline]
    pub fn get(&self, actors: &[Actor], id: &str) -> Option<u32> {
        self.table
            .find(hash(id), |&p| {
                actors.get(p as usize).is_some_and(|a| a.id == id)
            })
            .copied()
    }

    /// Indexes the actors added since the last call (all of them when the list was shortened).
    pub fn sync(&mut self, actors: &[Actor]) {
        if self.indexed > actors.len() {
            *self = IdIndex::default();
        }
        if self.indexed == actors.len() {
            return;
        }
        self.table.reserve(actors.len() - self.indexed, |&p| {
            hash(&actors[p as usize].id)
        });
        for p in self.indexed..actors.len() {
            let id = actors[p].id.as_str();
            let h = hash(id);
            if self
                .table
                .find(h, |&q| actors[q as usize].id == id)
                .is_none()
            {
                self.table
                    .insert_unique(h, p as u32, |&q| hash(&actors[q as usize].id));
            }
        }
        self.indexed = actors.len();
    }

    /// Whether every actor of `actors` has been indexed.
    pub fn is_synced(&self, actors: &[Actor]) -> bool {
        self.indexed == actors.len()
    }
}
