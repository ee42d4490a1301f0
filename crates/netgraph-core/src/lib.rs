//! netgraph: analysis of actor networks in organised crime.
//!
//! Data flows one way: a file is read into a [`model::Network`] ([`io`]), filtered into a
//! [`view::View`] and collapsed into a compact [`graph::Graph`], on which the [`algo`]rithms run;
//! [`report`] turns results into tables, JSON or CSV, and [`cli`] wires it to the command line.

pub mod algo;
pub mod budget;
pub mod choice;
pub mod cleanup;
pub mod error;
pub mod flows;
pub mod fuzzing;
pub mod graph;
pub mod io;
pub mod measures;
pub mod model;
pub mod partition;
pub mod pattern;
pub mod progress;
pub mod queries;
pub mod rank;
pub mod render;
pub mod report;
pub mod run;
pub mod scenario;
pub mod selector;
pub mod suggest;
pub mod view;

pub use error::{Error, Result};
pub use run::Run;
