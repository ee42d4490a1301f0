//! Pictures of a network: Graphviz DOT built with graphviz-rust, styled by kind and class, and
//! drawn by the Graphviz programs.
//!
//! [`dot()`] turns a [`View`](crate::view::View) into DOT text: one node per actor, one edge per flow (or per pair of
//! actors with [`Options::merge`]), shapes and colours by class ([`style`]), evidence in tooltips
//! ([`evidence`]), a legend ([`legend`]). [`select`] finds what a picture focuses on or stresses;
//! [`graphviz`] runs the layout program. Every text is escaped by [`escape`], and the same view and
//! options always give the same bytes. [`plot`] draws charts of results (curves, trends,
//! intervals) as SVG or PNG.

pub mod dot;
pub mod escape;
pub mod evidence;
pub mod graphviz;
pub mod html;
pub mod legend;
pub mod plot;
pub mod select;
pub mod style;

pub use dot::dot;
pub use graphviz::{
    GraphvizError, Layout, OutputFormat, available, dot_size, layout_limit, run_graphviz,
};
pub use select::{PathError, neighbourhood, path_flows};

crate::choice_enum! {
    /// What an actor's fill colour shows (its shape always shows its class).
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub enum ColorBy {
        /// The actor's class.
        #[default]
        Class = "class" [],
        /// Its Leiden community (`netgraph groups`); actors alone in theirs are grey.
        Community = "community" [],
    }
}

crate::choice_enum! {
    /// How actors are grouped into boxes (Graphviz clusters).
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub enum Cluster {
        /// No grouping.
        #[default]
        None = "none" [],
        /// One box per country code; actors without a country stay outside.
        Country = "country" [],
        /// One box per region; actors without a region stay outside.
        Region = "region" [],
        /// One box per Leiden community of the view (`netgraph groups`), largest first.
        Community = "community" [],
    }
}

crate::choice_enum! {
    /// What a flow's line width shows.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub enum Pen {
        /// Confidence: 1 pt at 0, 3 pt at 1.
        #[default]
        Confidence = "confidence" [],
        /// Volume on a log scale, relative to the largest volume in the same unit (1 to 5 pt).
        Volume = "volume" [],
    }
}

crate::choice_enum! {
    /// The direction in which flows run across the page.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub enum Direction {
        /// Left to right.
        #[default]
        LeftRight = "LR" [],
        /// Top to bottom.
        TopBottom = "TB" [],
    }
}

/// What a picture shows and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Collapse parallel flows between the same actors into one edge with a combined label.
    pub merge: bool,
    /// Group actors into clusters.
    pub cluster: Cluster,
    /// What line width shows.
    pub pen: Pen,
    /// A score per actor that scales its label (`--size-by`), with the measure's name.
    pub sizes: Option<(String, Vec<f64>)>,
    /// Actors to draw (`--focus`), one flag per actor; `None` draws every actor.
    pub keep: Option<Vec<bool>>,
    /// Actors drawn with a double border (the focus).
    pub centres: Vec<usize>,
    /// Actors and flows to draw bold while every other mark fades (`--highlight-path`,
    /// `--highlight-chains`).
    pub highlight: Option<Highlight>,
    /// Flow kinds, or classes written `@class`, drawn faintly (`--fade`).
    pub fade: Vec<String>,
    /// Draw a legend.
    pub legend: bool,
    /// Flow direction on the page.
    pub direction: Direction,
    /// Wrap actor names at this many characters (0: never).
    pub wrap: usize,
    /// Label edges with their kinds.
    pub edge_labels: bool,
    /// Leave out actors with no flow drawn.
    pub hide_isolated: bool,
    /// Lines printed under the title (what was focused or highlighted).
    pub captions: Vec<String>,
    /// Community of every actor (0: the largest; `u32::MAX`: alone), for `Cluster::Community`
    /// and `ColorBy::Community`.
    pub communities: Option<Vec<u32>>,
    /// What the fill colour shows.
    pub color_by: ColorBy,
    /// Draw for the explorer page ([`html`]): every actor's node gets the SVG id `a{position}`
    /// ([`dot::actor_element`]) and every edge `e{k}`, its order among the edges drawn
    /// ([`dot::edge_element`]), so that the page can map the picture to its data; the tooltips are
    /// left out, since the page's panel shows the evidence.
    pub explorer: bool,
}

/// Marks to stress: their actors and flows are drawn bold, everything else faintly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Actor positions.
    pub actors: Vec<usize>,
    /// Flow positions in the file.
    pub flows: Vec<usize>,
    /// What the bold marks are, for the legend ("the path in the title").
    pub meaning: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            merge: false,
            cluster: Cluster::None,
            pen: Pen::Confidence,
            sizes: None,
            keep: None,
            centres: Vec::new(),
            highlight: None,
            fade: Vec::new(),
            legend: true,
            direction: Direction::LeftRight,
            wrap: 18,
            edge_labels: true,
            hide_isolated: false,
            captions: Vec::new(),
            communities: None,
            color_by: ColorBy::Class,
            explorer: false,
        }
    }
}
