//! Closed sets of named options (a measure, an output format, a layout engine): each value's name
//! as the command line and the Python binding spell it, its aliases and a one-line help, so that
//! front ends list and parse them without the core depending on any of them.

/// One named option of a [`Choice`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named<T: 'static> {
    /// The value.
    pub value: T,
    /// Its name (`pagerank`, `json`, `LR`).
    pub name: &'static str,
    /// Other accepted spellings (`in-degree` for `in_degree`).
    pub aliases: &'static [&'static str],
    /// One line on what it is.
    pub help: &'static str,
}

/// A closed set of named options. Implemented with the [`choice_enum!`](crate::choice_enum) macro,
/// which takes each value's help from its doc comment.
pub trait Choice: Sized + Copy + PartialEq + 'static {
    /// Every option, in the order help lists them.
    const OPTIONS: &'static [Named<Self>];

    /// The option's name.
    fn name(self) -> &'static str {
        Self::OPTIONS
            .iter()
            .find(|o| o.value == self)
            .map_or("", |o| o.name)
    }

    /// The option a name or alias spells (exactly, case-sensitive), if any.
    fn from_name(text: &str) -> Option<Self> {
        Self::OPTIONS
            .iter()
            .find(|o| o.name == text || o.aliases.contains(&text))
            .map(|o| o.value)
    }

    /// Every option's name, in order.
    fn names() -> Vec<&'static str> {
        Self::OPTIONS.iter().map(|o| o.name).collect()
    }
}

/// Defines an enum and its [`Choice`] implementation: each variant is written
/// `/// help` `Variant = "name" ["alias", …]`; the help is the doc comment, trimmed and joined.
///
/// ```
/// netgraph_core::choice_enum! {
///     /// A colour.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Colour {
///         /// Like blood.
///         Red = "red" ["crimson"],
///         /// Like the sky.
///         Blue = "blue" [],
///     }
/// }
/// use netgraph_core::choice::Choice;
/// assert_eq!(Colour::from_name("crimson"), Some(Colour::Red));
/// assert_eq!(Colour::Blue.name(), "blue");
/// assert_eq!(Colour::OPTIONS[0].help, "Like blood.");
/// ```
#[macro_export]
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $ty:ident {
            $(
                $(#[doc = $doc:literal])+
                $(#[$vmeta:meta])*
                $variant:ident = $name:literal [$($alias:literal),* $(,)?]
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $ty {
            $(
                $(#[doc = $doc])+
                $(#[$vmeta])*
                $variant,
            )*
        }

        impl $crate::choice::Choice for $ty {
            const OPTIONS: &'static [$crate::choice::Named<Self>] = &[
                $(
                    $crate::choice::Named {
                        value: $ty::$variant,
                        name: $name,
                        aliases: &[$($alias),*],
                        help: $crate::choice::trim_doc(concat!($($doc),+)),
                    },
                )*
            ];
        }
    };
}

/// A doc comment's text without the space `///` leaves in front (const, for [`choice_enum!`]).
pub const fn trim_doc(text: &'static str) -> &'static str {
    match text.as_bytes() {
        [b' ', ..] => match text.split_at_checked(1) {
            Some((_, rest)) => rest,
            None => text,
        },
        _ => text,
    }
}
