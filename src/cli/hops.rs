//! The command line's side of [`netgraph_core::queries::hops`] (what `paths`, `chains` and `cut`
//! share): the same helpers, with messages on stderr and errors for `anyhow`.

pub use netgraph_core::queries::hops::{
    arcs_of, capacities, csv_hop_rows, field_numbers, flow_json, flow_name, hop_lines,
};
use netgraph_core::view::View;

/// Tells on stderr how many flows lacked a field.
pub fn note_missing(view: &View, field: &str, missing: usize, counts_as: &str) {
    netgraph_core::queries::hops::note_missing(
        &super::context(None),
        view,
        field,
        missing,
        counts_as,
    );
}

/// A CSV writer's text.
pub fn csv_text(w: ::csv::Writer<Vec<u8>>) -> anyhow::Result<String> {
    Ok(netgraph_core::queries::hops::csv_text(w)?)
}
