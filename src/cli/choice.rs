//! clap's side of the core's named options ([`Choice`]): a value parser that lists, checks and
//! parses them, with each option's help in `--help`.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use netgraph_core::choice::Choice;

/// The value parser of a [`Choice`]: `#[arg(long, value_parser = choice::<Measure>())]`.
pub fn choice<T: Choice + Send + Sync>() -> impl TypedValueParser<Value = T> {
    let values = T::OPTIONS.iter().map(|o| {
        PossibleValue::new(o.name)
            .aliases(o.aliases.iter().copied())
            .help(without_period(o.help))
    });
    PossibleValuesParser::new(values)
        .map(|name| T::from_name(&name).expect("clap accepts only the names the choice lists"))
}

/// A one-line help as clap's derive shows a doc comment: without its final period.
fn without_period(help: &'static str) -> &'static str {
    match help.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest,
        _ => help,
    }
}
