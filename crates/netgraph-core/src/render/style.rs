//! What the picture's marks mean: shapes and colours by class, pen widths, fading, label wrapping.
//!
//! Colours come from the Okabe–Ito palette (Okabe & Ito, *Color Universal Design*, 2008), whose
//! eight colours stay distinguishable under the common colour-vision deficiencies; shapes repeat
//! the actor class so a grey-scale print still tells the classes apart.

/// Okabe–Ito colours.
pub mod palette {
    /// Orange.
    pub const ORANGE: &str = "#E69F00";
    /// Sky blue.
    pub const SKY_BLUE: &str = "#56B4E9";
    /// Bluish green.
    pub const BLUISH_GREEN: &str = "#009E73";
    /// Yellow.
    pub const YELLOW: &str = "#F0E442";
    /// Blue.
    pub const BLUE: &str = "#0072B2";
    /// Vermillion.
    pub const VERMILLION: &str = "#D55E00";
    /// Reddish purple.
    pub const REDDISH_PURPLE: &str = "#CC79A7";
    /// Black.
    pub const BLACK: &str = "#000000";
    /// Grey, the palette's usual ninth colour for "other".
    pub const GREY: &str = "#999999";
}

use palette::*;

/// How actors of one class are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorStyle {
    /// Graphviz shape.
    pub shape: &'static str,
    /// Extra Graphviz styles besides `filled` (e.g. `rounded`), or "".
    pub extra_style: &'static str,
    /// Fill colour.
    pub fill: &'static str,
    /// Text colour that reads on the fill.
    pub font: &'static str,
}

/// The actor classes in legend order.
pub const ACTOR_CLASSES: [&str; 6] = ["criminal", "state", "legal", "hub", "political", "other"];

/// The flow classes in legend order.
pub const FLOW_CLASSES: [&str; 6] = ["illicit", "money", "asset", "enforcement", "tie", "other"];

/// The style of an actor class; an unknown class is drawn as `other`.
pub fn actor(class: &str) -> ActorStyle {
    let (shape, extra_style, fill, font) = match class {
        "criminal" => ("octagon", "", VERMILLION, BLACK),
        "state" => ("box", "", BLUE, "#FFFFFF"),
        "legal" => ("box", "rounded", BLUISH_GREEN, BLACK),
        "hub" => ("hexagon", "", SKY_BLUE, BLACK),
        "political" => ("parallelogram", "", REDDISH_PURPLE, BLACK),
        _ => ("ellipse", "", GREY, BLACK),
    };
    ActorStyle {
        shape,
        extra_style,
        fill,
        font,
    }
}

/// Fill and text colour of the `i`-th group (communities): the seven Okabe–Ito colours in turn
/// (they repeat after seven), grey for `u32::MAX` (an actor alone).
pub fn group(i: u32) -> (&'static str, &'static str) {
    const FILLS: [(&str, &str); 7] = [
        (ORANGE, BLACK),
        (SKY_BLUE, BLACK),
        (BLUISH_GREEN, BLACK),
        (YELLOW, BLACK),
        (BLUE, "#FFFFFF"),
        (VERMILLION, BLACK),
        (REDDISH_PURPLE, BLACK),
    ];
    if i == u32::MAX {
        (GREY, BLACK)
    } else {
        FILLS[i as usize % FILLS.len()]
    }
}

/// The colour of a flow class; an unknown class is black.
pub fn flow(class: &str) -> &'static str {
    match class {
        "illicit" => VERMILLION,
        "money" => BLUISH_GREEN,
        "asset" => REDDISH_PURPLE,
        "enforcement" => BLUE,
        "tie" => GREY,
        _ => BLACK,
    }
}

/// What a flow class is called in the legend.
pub fn flow_class_title(class: &str) -> &str {
    match class {
        "illicit" => "illicit goods",
        "enforcement" => "enforcement",
        "tie" => "ties",
        "asset" => "assets",
        other => other,
    }
}

/// Confidence below which a flow is drawn dashed (the "reportedly" step of the rubric is 0.6).
pub const DASHED_BELOW: f64 = 0.6;

/// Pen width of a flow from its confidence: 1 at confidence 0, 3 at confidence 1.
pub fn pen_by_confidence(confidence: f64) -> f64 {
    1.0 + 2.0 * confidence.clamp(0.0, 1.0)
}

/// Pen width of a flow from its volume on a log scale relative to the largest volume in the same
/// unit: 1 + 4·ln(1+v)/ln(1+max), so 1 for no volume and 5 for the largest.
pub fn pen_by_volume(volume: Option<f64>, largest: Option<f64>) -> f64 {
    match (volume, largest) {
        (Some(v), Some(max)) if v > 0.0 && max > 0.0 => 1.0 + 4.0 * (v.ln_1p() / max.ln_1p()),
        _ => 1.0,
    }
}

/// Pen width of a highlighted flow.
pub const HIGHLIGHT_PEN: f64 = 5.0;

/// A colour made faint: `#RRGGBB` with an alpha of about 20 %.
pub fn faded(colour: &str) -> String {
    format!("{colour}33")
}

/// Text colour of a faint actor: muted black, readable on any faded fill.
pub const FADED_TEXT: &str = "#00000080";

/// Font size of an actor scaled by a score in 0..=1 (10 to 24 points).
pub fn font_size(share: f64) -> f64 {
    10.0 + 14.0 * share.clamp(0.0, 1.0)
}

/// A number for an attribute, with two decimals at most and no trailing zeros.
pub fn number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Breaks text into lines of at most `width` characters at spaces (0 keeps it whole). Line breaks
/// already in the text are kept; a word longer than `width` stays whole on its own line.
pub fn wrap(text: &str, width: usize) -> String {
    if width == 0 {
        return text.to_string();
    }
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut first = true;
        for word in paragraph.split(' ') {
            let fits = line.chars().count() + 1 + word.chars().count() <= width;
            if first {
                line.push_str(word);
                first = false;
            } else if fits || word.is_empty() {
                line.push(' ');
                line.push_str(word);
            } else {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
            }
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_its_own_look() {
        let looks: Vec<_> = ACTOR_CLASSES
            .iter()
            .map(|c| (actor(c).shape, actor(c).extra_style, actor(c).fill))
            .collect();
        for (i, a) in looks.iter().enumerate() {
            for b in &looks[i + 1..] {
                assert_ne!(a, b);
                assert_ne!(a.2, b.2, "fills differ");
            }
        }
        let colours: Vec<_> = FLOW_CLASSES.iter().map(|c| flow(c)).collect();
        for (i, a) in colours.iter().enumerate() {
            assert!(!colours[i + 1..].contains(a));
        }
        assert_eq!(actor("no-such-class"), actor("other"));
    }

    #[test]
    fn pen_widths() {
        assert_eq!(pen_by_confidence(1.0), 3.0);
        assert_eq!(pen_by_confidence(0.4), 1.8);
        assert_eq!(pen_by_volume(None, Some(10.0)), 1.0);
        assert_eq!(pen_by_volume(Some(10.0), Some(10.0)), 5.0);
        // ln(1+1)/ln(1+3) = 1/2.
        assert!((pen_by_volume(Some(1.0), Some(3.0)) - 3.0).abs() < 1e-12);
        assert_eq!(number(1.8000001), "1.8");
        assert_eq!(number(3.0), "3");
    }

    #[test]
    fn wrapping_keeps_every_word_in_order() {
        assert_eq!(wrap("Sánchez Paredes clan", 10), "Sánchez\nParedes\nclan");
        assert_eq!(
            wrap("Andean highlands and jungle", 16),
            "Andean highlands\nand jungle"
        );
        assert_eq!(wrap("Supercalifragilistic x", 5), "Supercalifragilistic\nx");
        assert_eq!(wrap("a\nb c", 80), "a\nb c");
        assert_eq!(wrap("kept  as is", 0), "kept  as is");
        assert_eq!(wrap("two  spaces", 80), "two  spaces");
    }
}
