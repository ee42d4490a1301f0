//! Field names the format reserves (docs/format.md): a column or attribute of another format that
//! carries one of them, where netgraph would keep it as an extra field, would write a second key of
//! that name — a file netgraph itself rejects, or that another reader takes as a different actor or
//! flow. Such a field is kept under another name ([`extra_name`]) and the reader warns once.

use std::cell::RefCell;
use std::collections::BTreeSet;

/// The network's own fields.
pub const NETWORK_FIELDS: [&str; 5] = ["name", "directed", "kinds", "actors", "flows"];
/// An actor's fields.
pub const ACTOR_FIELDS: [&str; 6] = ["id", "name", "kind", "country", "region", "sources"];
/// A flow's fields: the ends, then those with values (`kind` to `until`), then `sources`.
pub const FLOW_FIELDS: [&str; 10] = [
    "from",
    "to",
    "kind",
    "weight",
    "volume",
    "unit",
    "confidence",
    "since",
    "until",
    "sources",
];

/// Whose field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    /// The network's own fields.
    Network,
    /// An actor's.
    Actor,
    /// A flow's.
    Flow,
}

impl Owner {
    /// The names the format gives a meaning to.
    pub fn reserved(self) -> &'static [&'static str] {
        match self {
            Owner::Network => &NETWORK_FIELDS,
            Owner::Actor => &ACTOR_FIELDS,
            Owner::Flow => &FLOW_FIELDS,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Owner::Network => "network",
            Owner::Actor => "actor",
            Owner::Flow => "flow",
        }
    }
}

thread_local! {
    static WARNED: RefCell<BTreeSet<(Owner, String)>> = const { RefCell::new(BTreeSet::new()) };
    static WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The name under which an extra field called `name` is stored: `name` itself, or `name_2` when
/// the format reserves `name` — with a warning, once per name and owner on this thread, that the
/// reader's caller collects with [`take_warnings`].
pub fn extra_name(owner: Owner, name: &str) -> String {
    if !owner.reserved().contains(&name) {
        return name.to_string();
    }
    let renamed = format!("{name}_2");
    let first = WARNED.with(|w| w.borrow_mut().insert((owner, name.to_string())));
    if first {
        let text = format!(
            "a field named \"{name}\" would clash with the {} field of that name; kept as \"{renamed}\"",
            owner.noun()
        );
        WARNINGS.with(|w| w.borrow_mut().push(text));
    }
    renamed
}

/// The warnings about renamed fields that reading on this thread gave since the last call, in
/// order (`io::load`'s callers show them: the command line on stderr, Python as warnings).
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_are_renamed_others_kept() {
        assert_eq!(extra_name(Owner::Flow, "from"), "from_2");
        assert_eq!(extra_name(Owner::Flow, "phase"), "phase");
        assert_eq!(extra_name(Owner::Actor, "id"), "id_2");
        assert_eq!(extra_name(Owner::Actor, "from"), "from");
        assert_eq!(extra_name(Owner::Network, "actors"), "actors_2");
    }
}
