//! A frame's numeric columns by the names the polars plan gives them. Each column is
//! shared (`Arc`): a replication of `metodika uncertainty` starts from a copy of the
//! prepared frame, which copies no value, and writes only the columns it computes anew.

use super::expr::Nums;
use foldhash::HashMap;
use std::ops::Index;
use std::sync::Arc;

/// Numeric columns by name, each shared until written.
#[derive(Clone, Default)]
pub struct Columns(HashMap<Arc<str>, Arc<Nums>>);

impl Columns {
    /// The column `name`, if it was computed.
    pub fn get(&self, name: &str) -> Option<&Nums> {
        self.0.get(name).map(|v| &**v)
    }

    /// The column `name` to change in place (copied first if it is shared).
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Nums> {
        self.0.get_mut(name).map(Arc::make_mut)
    }

    /// Set the column `name`.
    pub fn insert(&mut self, name: impl Into<Arc<str>>, v: Nums) {
        self.0.insert(name.into(), Arc::new(v));
    }

    /// Set the column `name` to a shared one.
    pub fn share(&mut self, name: Arc<str>, v: Arc<Nums>) {
        self.0.insert(name, v);
    }

    /// The column `name`, shared.
    pub fn shared(&self, name: &str) -> Option<Arc<Nums>> {
        self.0.get(name).cloned()
    }

    /// Set several columns.
    pub fn extend(&mut self, columns: impl IntoIterator<Item = (String, Nums)>) {
        for (name, v) in columns {
            self.insert(name, v);
        }
    }

    /// Take the column `name` out.
    pub fn remove(&mut self, name: &str) -> Option<Nums> {
        self.0
            .remove(name)
            .map(|v| Arc::try_unwrap(v).unwrap_or_else(|v| (*v).clone()))
    }

    /// Keep only the columns whose names `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.0.retain(|k, _| keep(k));
    }

    /// Put the rows of every column of `n` rows in the order `perm` (the row each new
    /// row comes from); a column of one value stands for every row and stays as it is.
    pub fn reorder(&mut self, n: usize, perm: &[usize]) {
        for v in self.0.values_mut().filter(|v| v.len() == n) {
            *v = Arc::new(perm.iter().map(|&i| v[i]).collect());
        }
    }
}

impl Index<&str> for Columns {
    type Output = Nums;

    fn index(&self, name: &str) -> &Nums {
        match self.get(name) {
            Some(v) => v,
            None => panic!("the dense frame has no column {name}"),
        }
    }
}
