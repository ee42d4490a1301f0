//! netgraph-core: analysis of actor networks in organised crime — who is central and how, which
//! laundering channels carry criminal value into the legal economy, and what breaks or re-routes
//! if an actor falls. The `netgraph` command line is a thin shell around this crate; so is the
//! Python package.
//!
//! Data flows one way: a file is read into a [`model::Network`] ([`io`]), filtered into a
//! [`view::View`] ([`queries::FlowFilter`]) and collapsed into a compact [`graph::Graph`] (or kept
//! flow by flow in a [`multigraph::Multigraph`] for paths, chains and cuts), on which the [`algo`]rithms
//! run. [`queries`] holds each command's whole analysis as one function returning a result that
//! serialises to the command's JSON; [`report`] formats numbers and tables. Every analysis takes a
//! [`Run`] (where progress and notes go, how many threads) and returns [`Result`] with the one
//! [`Error`] type: [`Error::Usage`] when it was asked for wrongly, anything else when the input
//! must change.
//!
//! # Example
//!
//! Load the Peru reference network and rank its actors by betweenness:
//!
//! ```
//! use netgraph_core::queries::centrality::{CentralityOptions, centrality};
//!
//! let net = netgraph_core::io::peru()?;
//! let options = CentralityOptions {
//!     measures: vec!["betweenness".into()],
//!     top: Some(5),
//!     ..CentralityOptions::default()
//! };
//! let run = netgraph_core::Run::default();
//! let ranked = centrality(&net, &options, &run)?;
//! println!("{}", ranked.view_line);
//! for actor in &ranked.actors {
//!     println!("{} {} {:?}", actor.rank, actor.id, actor.scores[0]);
//! }
//! assert_eq!(ranked.actors.len(), 5);
//! assert!(ranked.actors.windows(2).all(|w| w[0].scores[0] >= w[1].scores[0]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod algo;
pub mod budget;
pub mod choice;
pub mod cleanup;
pub mod error;
pub mod fuzzing;
pub mod graph;
pub mod io;
pub mod measures;
pub mod model;
pub mod multigraph;
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
