//! Charts of analysis results, drawn with [plotters](https://docs.rs/plotters) as SVG or PNG:
//! the disruption curve of `netgraph whatif --attack` ([`curve`]), the trajectories of
//! `netgraph centrality --by … --track` ([`trend`]), and ranked score intervals ([`intervals`]).
//!
//! Every chart has a title, labelled axes and a legend; series take the Okabe–Ito colours in turn
//! (as the network pictures, [`super::style::palette`]; yellow is left out, it does not read on
//! white), a baseline is grey with its spread as a lighter band, and reference values are black
//! marks. Text is drawn with a bundled subset of DejaVu Sans (`assets/fonts`, Bitstream Vera
//! licence), registered with plotters' `ab_glyph` font loader, so no system font is read and the
//! same data always give the same bytes, in SVG and in PNG. The SVG backend escapes `<`, `>`, `&`
//! and quotes in every text, and [`clean`] replaces control characters, which XML cannot carry.
//!
//! Cost: linear in the points drawn (plus the PNG's pixels: 800 × 500 for a curve or a trend).

use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The font every chart's text is measured and drawn with.
const FONT: &str = "sans-serif";

/// The subset of DejaVu Sans registered as [`FONT`].
static FONT_DATA: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-subset.ttf");

/// Width and height of a curve or a trend, in pixels.
const SIZE: (u32, u32) = (800, 500);

/// Okabe–Ito colours of the series, in turn: blue, vermillion, bluish green, reddish purple,
/// orange, sky blue.
const SERIES: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
];

/// The palette's grey, for a baseline.
const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);

/// The grid's lines.
const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

crate::choice_enum! {
    /// The picture format of a chart.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ChartFormat {
        /// Scalable vector graphics (text stays text).
        Svg = "svg" [],
        /// A PNG image.
        Png = "png" [],
    }
}

impl ChartFormat {
    /// The format named by a file extension (`svg` or `png`, any case), if it is a chart's.
    pub fn of_extension(extension: &str) -> Option<ChartFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "svg" => Some(ChartFormat::Svg),
            "png" => Some(ChartFormat::Png),
            _ => None,
        }
    }
}

/// A chart's title and axis titles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Axes {
    /// Above the chart.
    pub title: String,
    /// Under the horizontal axis.
    pub x: String,
    /// Beside the vertical axis.
    pub y: String,
    /// A line in small print at the foot: what the chart counted (the view), or "".
    pub note: String,
}

/// One line of a [`curve`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// The legend's entry.
    pub label: String,
    /// (x, y), in x order.
    pub points: Vec<(f64, f64)>,
    /// The spread around the line: (x, low, high), in x order; empty for none.
    pub band: Vec<(f64, f64, f64)>,
    /// A baseline (grey) rather than a series (the next colour).
    pub baseline: bool,
}

/// Reference values drawn as marks over a [`curve`] (e.g. published figures).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// The legend's entry.
    pub label: String,
    /// (x, y).
    pub points: Vec<(f64, f64)>,
}

/// One actor's trajectory in a [`trend`]: a value per category, `None` where it has none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trend {
    /// The legend's entry.
    pub label: String,
    /// One value per category, in the categories' order.
    pub values: Vec<Option<f64>>,
}

/// One row of an [`intervals`] chart: a score and the interval around it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interval {
    /// The row's name (an actor).
    pub label: String,
    /// The dot: the score on the full network.
    pub score: f64,
    /// The bar's lower end (e.g. the 5th percentile over resamples).
    pub low: f64,
    /// The bar's upper end (e.g. the 95th percentile).
    pub high: f64,
}

/// A text as a chart may show it: control characters (which XML 1.0 cannot carry) become `?`.
/// Markup needs no care here: the SVG backend escapes every text it writes.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// Registers the bundled font once per process.
fn register_font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // The font is part of the crate and is checked by a test; a failure would only leave text
        // unmeasured, which plotters reports as a drawing error.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, FONT_DATA);
    });
}

fn failed(why: impl std::fmt::Display) -> Error {
    Error::Input(format!("cannot draw the chart: {why}"))
}

/// Draws with `$draw(&root, args…)` on the backend of `$format` and returns the file's bytes.
macro_rules! render {
    ($format:expr, $size:expr, $draw:ident ( $($arg:expr),* )) => {{
        register_font();
        let (width, height): (u32, u32) = $size;
        match $format {
            ChartFormat::Svg => {
                let mut text = String::new();
                {
                    let root = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
                    $draw(&root, $($arg),*).map_err(failed)?;
                    root.present().map_err(failed)?;
                }
                Ok(text.into_bytes())
            }
            ChartFormat::Png => {
                let mut pixels = vec![0u8; width as usize * height as usize * 3];
                {
                    let root = BitMapBackend::with_buffer(&mut pixels, (width, height))
                        .into_drawing_area();
                    $draw(&root, $($arg),*).map_err(failed)?;
                    root.present().map_err(failed)?;
                }
                encode_png(&pixels, width, height)
            }
        }
    }};
}

/// An 8-bit RGB PNG of the pixels, no ancillary chunks (so no date: same pixels, same bytes).
fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

type Drawn<DB> = std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Fills the picture white and writes the note at its foot; returns the area above the note.
fn page<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    note: &str,
) -> std::result::Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let height = root.dim_in_pixel().1 as i32;
    let (main, foot) = root.split_vertically(height - 22);
    if !note.is_empty() {
        let style = TextStyle::from((FONT, 12)).color(&RGBColor(0x44, 0x44, 0x44));
        foot.draw_text(&clean(note), &style, (15, 3))?;
    }
    Ok(main)
}

/// The colour of the `k`-th series.
fn colour(k: usize) -> RGBColor {
    SERIES[k % SERIES.len()]
}

/// The filled dot of the `k`-th series of a trend: a circle for the first round of colours, then
/// a triangle, a square and a diamond, so series that share a colour still differ.
fn dot<DB: DrawingBackend>(k: usize, at: (i32, i32)) -> DynElement<'static, DB, (i32, i32)> {
    let style = colour(k).filled();
    match (k / SERIES.len()) % 4 {
        0 => Circle::new(at, 4, style).into_dyn(),
        1 => TriangleMarker::new(at, 5, style).into_dyn(),
        2 => Rectangle::new([(at.0 - 4, at.1 - 4), (at.0 + 4, at.1 + 4)], style).into_dyn(),
        _ => Polygon::new(
            vec![
                (at.0, at.1 - 5),
                (at.0 + 5, at.1),
                (at.0, at.1 + 5),
                (at.0 - 5, at.1),
            ],
            style,
        )
        .into_dyn(),
    }
}

/// An axis label: whole numbers without decimals, others with up to three.
fn tick(x: &f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{:.0}", x.round())
    } else {
        let text = format!("{x:.3}");
        text.trim_end_matches('0').to_string()
    }
}

/// The largest finite value, or `floor` if larger.
fn top(values: impl Iterator<Item = f64>, floor: f64) -> f64 {
    values.filter(|v| v.is_finite()).fold(floor, f64::max)
}

/// A line chart over a numeric horizontal axis: `lines` (a baseline grey, with its band) and
/// `marks` (black circles, triangles and crosses in turn), the vertical axis from 0 to at least
/// 1 — made for the share of the largest component against the actors removed — with the legend
/// under it, a row per line and per group of marks (the picture is 20 pixels taller per row).
/// Non-finite values are left out. SVG or PNG bytes.
///
/// # Example
///
/// ```
/// use netgraph_core::render::plot::{Axes, ChartFormat, Line, curve};
/// let axes = Axes { title: "Attack".into(), x: "actors removed".into(), y: "share".into(), ..Axes::default() };
/// let line = Line { label: "degree".into(), points: vec![(0.0, 1.0), (1.0, 0.5)], ..Line::default() };
/// let svg = String::from_utf8(curve(&axes, &[line], &[], ChartFormat::Svg).unwrap()).unwrap();
/// assert!(svg.contains("actors removed") && svg.contains("<polyline"));
/// ```
pub fn curve(axes: &Axes, lines: &[Line], marks: &[Marks], format: ChartFormat) -> Result<Vec<u8>> {
    let height = SIZE.1 + legend_height(lines.len() + marks.len()) as u32;
    render!(format, (SIZE.0, height), draw_curve(axes, lines, marks))
}

/// Height of a legend row under a [`curve`], in pixels.
const LEGEND_ROW: i32 = 20;

/// Height of the legend under a [`curve`] of `entries` rows.
fn legend_height(entries: usize) -> i32 {
    match entries {
        0 => 0,
        n => LEGEND_ROW * n as i32 + 10,
    }
}

/// A reference mark: circle, triangle or cross by the group's place.
fn mark<DB: DrawingBackend>(k: usize, at: (i32, i32)) -> DynElement<'static, DB, (i32, i32)> {
    let style = BLACK.stroke_width(2);
    match k % 3 {
        0 => Circle::new(at, 5, style).into_dyn(),
        1 => TriangleMarker::new(at, 6, style).into_dyn(),
        _ => Cross::new(at, 5, style).into_dyn(),
    }
}

fn finite(p: &(f64, f64)) -> bool {
    p.0.is_finite() && p.1.is_finite()
}

fn draw_curve<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axes: &Axes,
    lines: &[Line],
    marks: &[Marks],
) -> Drawn<DB> {
    let main = page(root, &axes.note)?;
    let below = legend_height(lines.len() + marks.len());
    let (root, legend) = main.split_vertically(main.dim_in_pixel().1 as i32 - below);
    let root = &root;
    let xs = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .chain(marks.iter().flat_map(|m| m.points.iter().map(|p| p.0)));
    let max_x = top(xs, 1.0);
    let ys = lines
        .iter()
        .flat_map(|l| {
            l.points
                .iter()
                .map(|p| p.1)
                .chain(l.band.iter().map(|b| b.2))
        })
        .chain(marks.iter().flat_map(|m| m.points.iter().map(|p| p.1)));
    let max_y = top(ys, 1.0) * 1.05;
    let mut chart = ChartBuilder::on(root)
        .caption(clean(&axes.title), (FONT, 20))
        .margin(15)
        .x_label_area_size(50)
        .y_label_area_size(65)
        .build_cartesian_2d(0f64..max_x, 0f64..max_y)?;
    chart
        .configure_mesh()
        .x_desc(clean(&axes.x))
        .y_desc(clean(&axes.y))
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 13))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .draw()?;
    let mut next = 0;
    let colours: Vec<RGBColor> = lines
        .iter()
        .map(|l| match l.baseline {
            true => GREY,
            false => {
                next += 1;
                colour(next - 1)
            }
        })
        .collect();
    // Bands first, so that every line is drawn over them.
    for (line, &c) in lines.iter().zip(&colours) {
        let band: Vec<_> = line
            .band
            .iter()
            .filter(|b| b.0.is_finite() && b.1.is_finite() && b.2.is_finite())
            .collect();
        if band.is_empty() {
            continue;
        }
        let outline: Vec<(f64, f64)> = band
            .iter()
            .map(|b| (b.0, b.2))
            .chain(band.iter().rev().map(|b| (b.0, b.1)))
            .collect();
        chart.draw_series(std::iter::once(Polygon::new(outline, c.mix(0.3).filled())))?;
    }
    for (line, &c) in lines.iter().zip(&colours) {
        let points: Vec<(f64, f64)> = line.points.iter().copied().filter(finite).collect();
        chart.draw_series(std::iter::once(PathElement::new(points, c.stroke_width(2))))?;
    }
    for (k, group) in marks.iter().enumerate() {
        let points: Vec<(f64, f64)> = group.points.iter().copied().filter(finite).collect();
        chart.draw_series(
            points
                .into_iter()
                .map(|p| EmptyElement::at(p) + mark::<DB>(k, (0, 0))),
        )?;
    }
    // The legend, under the chart (a legend inside would hide some curve): one row per line,
    // then per group of marks, aligned with the vertical axis.
    let text = TextStyle::from((FONT, 14)).pos(Pos::new(HPos::Left, VPos::Center));
    let x = 80;
    for (i, (line, &c)) in lines.iter().zip(&colours).enumerate() {
        let y = LEGEND_ROW * i as i32 + LEGEND_ROW / 2;
        if !line.band.is_empty() {
            legend.draw(&Rectangle::new(
                [(x, y - 6), (x + 18, y + 6)],
                c.mix(0.3).filled(),
            ))?;
        }
        legend.draw(&Rectangle::new([(x, y - 1), (x + 18, y + 2)], c.filled()))?;
        legend.draw_text(&clean(&line.label), &text, (x + 28, y))?;
    }
    for (k, group) in marks.iter().enumerate() {
        let y = LEGEND_ROW * (lines.len() + k) as i32 + LEGEND_ROW / 2;
        legend.draw(&mark::<DB>(k, (x + 9, y)))?;
        legend.draw_text(&clean(&group.label), &text, (x + 28, y))?;
    }
    Ok(())
}

/// Where the legend covers least: among the corners and sides of the plot, the one whose box
/// (sized for `entries` rows of up to `chars` characters, in a plot of about `plot` pixels)
/// holds fewest of the `ink` samples (positions scaled to 0–1, 0 at the bottom left); ties go
/// to the first in the order upper right, lower left, lower right, upper left, then the sides.
fn legend_place(
    ink: &[(f64, f64)],
    entries: usize,
    chars: usize,
    plot: (f64, f64),
) -> SeriesLabelPosition {
    use SeriesLabelPosition::*;
    let w = ((chars as f64 * 7.5 + 50.0) / plot.0).min(0.95);
    let h = ((entries as f64 * 20.0 + 16.0) / plot.1).min(0.95);
    let places = [
        (UpperRight, 1.0 - w, 1.0 - h),
        (LowerLeft, 0.0, 0.0),
        (LowerRight, 1.0 - w, 0.0),
        (UpperLeft, 0.0, 1.0 - h),
        (MiddleRight, 1.0 - w, 0.5 - h / 2.0),
        (MiddleLeft, 0.0, 0.5 - h / 2.0),
        (UpperMiddle, 0.5 - w / 2.0, 1.0 - h),
        (LowerMiddle, 0.5 - w / 2.0, 0.0),
    ];
    let inside = |x0: f64, y0: f64| {
        ink.iter()
            .filter(|&&(x, y)| x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h)
            .count()
    };
    let mut best = (UpperRight, usize::MAX);
    for (place, x0, y0) in places {
        let n = inside(x0, y0);
        if n < best.1 {
            best = (place, n);
        }
    }
    best.0
}

/// Samples along a polyline (scaled positions), 24 per segment, for [`legend_place`].
fn sample_path(points: &[(f64, f64)], out: &mut Vec<(f64, f64)>) {
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        out.extend((0..24).map(|k| {
            let t = k as f64 / 24.0;
            (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
        }));
    }
    out.extend(points.last().copied());
}

/// A category's label on a segmented axis.
fn category(labels: &[String], value: &SegmentValue<i32>) -> String {
    match value {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| labels.get(i))
            .map(|l| clean(l))
            .unwrap_or_default(),
        SegmentValue::Last => String::new(),
    }
}

/// A vertical range for `values`: from 0 (or the least value, if negative) to the largest, 5 %
/// wider; (0, 1) when there is no finite value, and a unit around a single value.
fn value_range(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let finite = values.filter(|v| v.is_finite());
    let low = finite.clone().fold(0.0, f64::min);
    let high = finite.fold(f64::NEG_INFINITY, f64::max);
    if !high.is_finite() {
        return (0.0, 1.0);
    }
    let (low, high) = match high - low {
        0.0 => (low - 0.5, high + 0.5),
        _ => (low, high),
    };
    let pad = (high - low) * 0.05;
    (if low < 0.0 { low - pad } else { low }, high + pad)
}

/// Lines across categories (periods) on the horizontal axis: one per [`Trend`], in the series
/// colours, with a dot at every value; a missing value breaks its line (each run of present
/// values is one path). SVG or PNG bytes.
///
/// # Example
///
/// ```
/// use netgraph_core::render::plot::{Axes, ChartFormat, Trend, trend};
/// let axes = Axes { title: "Betweenness by phase".into(), x: "phase".into(), y: "betweenness".into(), ..Axes::default() };
/// let a = Trend { label: "n1".into(), values: vec![Some(0.1), Some(0.3)] };
/// let svg = trend(&axes, &["1".into(), "2".into()], &[a], ChartFormat::Svg).unwrap();
/// assert!(String::from_utf8(svg).unwrap().contains("betweenness"));
/// ```
pub fn trend(
    axes: &Axes,
    categories: &[String],
    lines: &[Trend],
    format: ChartFormat,
) -> Result<Vec<u8>> {
    render!(format, SIZE, draw_trend(axes, categories, lines))
}

fn draw_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axes: &Axes,
    categories: &[String],
    lines: &[Trend],
) -> Drawn<DB> {
    let root = &page(root, &axes.note)?;
    let n = categories.len().max(1) as i32;
    let values = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten().copied());
    let (low, high) = value_range(values);
    let mut chart = ChartBuilder::on(root)
        .caption(clean(&axes.title), (FONT, 20))
        .margin(15)
        .x_label_area_size(50)
        .y_label_area_size(75)
        .build_cartesian_2d((0..n - 1).into_segmented(), low..high)?;
    let label = |v: &SegmentValue<i32>| category(categories, v);
    chart
        .configure_mesh()
        .x_desc(clean(&axes.x))
        .y_desc(clean(&axes.y))
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 13))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .x_labels(categories.len().clamp(1, 24))
        .x_label_formatter(&label)
        .y_label_formatter(&tick)
        .draw()?;
    for (k, line) in lines.iter().enumerate() {
        let c = colour(k);
        let at = |i: usize, v: f64| (SegmentValue::CenterOf(i as i32), v);
        let present: Vec<(usize, f64)> = line
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
            .collect();
        let mut runs: Vec<Vec<(SegmentValue<i32>, f64)>> = Vec::new();
        for (j, &(i, v)) in present.iter().enumerate() {
            if j == 0 || present[j - 1].0 + 1 != i {
                runs.push(Vec::new());
            }
            if let Some(run) = runs.last_mut() {
                run.push(at(i, v));
            }
        }
        let paths = runs
            .into_iter()
            .filter(|run| run.len() > 1)
            .map(|run| PathElement::new(run, c.stroke_width(2)));
        chart.draw_series(paths)?;
        chart
            .draw_series(
                present
                    .iter()
                    .map(|&(i, v)| EmptyElement::at(at(i, v)) + dot::<DB>(k, (0, 0))),
            )?
            .label(clean(&line.label))
            .legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + Rectangle::new([(0, -1), (18, 2)], c.filled())
                    + dot::<DB>(k, (9, 0))
            });
    }
    let span = (n as f64).max(1.0);
    let scale = |i: usize, v: f64| ((i as f64 + 0.5) / span, (v - low) / (high - low));
    let mut ink = Vec::new();
    for line in lines {
        let points: Vec<(f64, f64)> = line
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| scale(i, v)))
            .collect();
        sample_path(&points, &mut ink);
    }
    let chars = lines
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(0);
    chart
        .configure_series_labels()
        .position(legend_place(&ink, lines.len(), chars, (690.0, 380.0)))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font((FONT, 14))
        .draw()?;
    Ok(())
}

/// The longest row label an [`intervals`] chart shows whole; longer ones end in "…".
const LABEL_CHARS: usize = 32;

/// A ranked interval chart: one row per [`Interval`], the highest score at the top (ties by
/// label), a blue dot for the score and a bar from `low` to `high` — e.g. an actor's centrality
/// on the full network and its 5th to 95th percentile over resampled networks; `legend` names the
/// dot and the bar (e.g. "full network", "5th–95th percentile of 200 resamples"). Non-finite
/// bounds leave the bar out, a non-finite score the dot. SVG or PNG bytes; the height grows
/// with the rows (22 pixels each).
///
/// # Example
///
/// ```
/// use netgraph_core::render::plot::{Axes, ChartFormat, Interval, intervals};
/// let axes = Axes { title: "Betweenness".into(), x: "betweenness".into(), y: "actor".into(), ..Axes::default() };
/// let rows = [Interval { label: "a".into(), score: 0.5, low: 0.4, high: 0.7 }];
/// let svg = intervals(&axes, &rows, ("score", "interval"), ChartFormat::Svg).unwrap();
/// assert!(String::from_utf8(svg).unwrap().contains("<circle"));
/// ```
pub fn intervals(
    axes: &Axes,
    rows: &[Interval],
    legend: (&str, &str),
    format: ChartFormat,
) -> Result<Vec<u8>> {
    let mut ranked: Vec<&Interval> = rows.iter().collect();
    ranked.sort_by(|a, b| {
        let key = |r: &Interval| {
            if r.score.is_nan() {
                f64::NEG_INFINITY
            } else {
                r.score
            }
        };
        key(b)
            .total_cmp(&key(a))
            .then_with(|| a.label.cmp(&b.label))
    });
    let height = 130 + 22 * ranked.len().max(1) as u32;
    render!(
        format,
        (SIZE.0, height),
        draw_intervals(axes, &ranked, legend)
    )
}

fn shorten(label: &str) -> String {
    let label = clean(label);
    match label.chars().count() > LABEL_CHARS {
        true => format!(
            "{}…",
            label.chars().take(LABEL_CHARS - 1).collect::<String>()
        ),
        false => label,
    }
}

fn draw_intervals<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axes: &Axes,
    ranked: &[&Interval],
    legend: (&str, &str),
) -> Drawn<DB> {
    let root = &page(root, &axes.note)?;
    let n = ranked.len().max(1) as i32;
    let values = ranked.iter().flat_map(|r| [r.score, r.low, r.high]);
    let (low, high) = value_range(values);
    // Row k (0 the highest score) is drawn at the top: position n − 1 − k.
    let labels: Vec<String> = ranked.iter().rev().map(|r| shorten(&r.label)).collect();
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u32;
    let mut chart = ChartBuilder::on(root)
        .caption(clean(&axes.title), (FONT, 20))
        .margin(15)
        .x_label_area_size(50)
        .y_label_area_size((widest * 8 + 40).clamp(70, 320))
        .build_cartesian_2d(low..high, (0..n - 1).into_segmented())?;
    let label = |v: &SegmentValue<i32>| category(&labels, v);
    chart
        .configure_mesh()
        .x_desc(clean(&axes.x))
        .y_desc(clean(&axes.y))
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 13))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .y_labels(ranked.len().max(1))
        .y_label_formatter(&label)
        .x_label_formatter(&tick)
        .draw()?;
    let row = |k: usize| SegmentValue::CenterOf(n - 1 - k as i32);
    let bar = SERIES[0].mix(0.5);
    let bars = ranked
        .iter()
        .enumerate()
        .filter(|(_, r)| r.low.is_finite() && r.high.is_finite())
        .map(|(k, r)| {
            PathElement::new(vec![(r.low, row(k)), (r.high, row(k))], bar.stroke_width(5))
        });
    chart
        .draw_series(bars)?
        .label(clean(legend.1))
        .legend(move |(x, y)| Rectangle::new([(x, y - 2), (x + 18, y + 3)], bar.filled()));
    let dots = ranked
        .iter()
        .enumerate()
        .filter(|(_, r)| r.score.is_finite())
        .map(|(k, r)| Circle::new((r.score, row(k)), 5, SERIES[0].filled()));
    chart
        .draw_series(dots)?
        .label(clean(legend.0))
        .legend(move |(x, y)| Circle::new((x + 9, y), 5, SERIES[0].filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font((FONT, 14))
        .draw()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::style::palette;
    use quick_xml::events::Event;
    use std::collections::BTreeMap;

    /// One element of a parsed SVG: its name, attributes and text (entities resolved).
    #[derive(Debug)]
    struct Node {
        name: String,
        attrs: BTreeMap<String, String>,
        text: String,
    }

    /// Parses an SVG with quick-xml, failing on malformed XML.
    fn parse(svg: &[u8]) -> Vec<Node> {
        let text = std::str::from_utf8(svg).expect("UTF-8");
        let mut reader = quick_xml::Reader::from_str(text);
        let mut out: Vec<Node> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => {
                    out.push(node(&e));
                    open.push(out.len() - 1);
                }
                Event::Empty(e) => out.push(node(&e)),
                Event::End(_) => {
                    open.pop();
                }
                Event::Text(t) => {
                    if let Some(&i) = open.last() {
                        out[i].text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(&i) = open.last() {
                        let name = r.xml10_content();
                        let resolved = quick_xml::escape::resolve_predefined_entity(&name);
                        out[i].text.push_str(resolved.expect("a predefined entity"));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    fn node(e: &quick_xml::events::BytesStart) -> Node {
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect();
        Node {
            name: e.name().as_ref().to_string(),
            attrs,
            text: String::new(),
        }
    }

    fn texts(nodes: &[Node]) -> Vec<String> {
        nodes
            .iter()
            .filter(|n| n.name == "text")
            .map(|n| n.text.trim().to_string())
            .collect()
    }

    /// The polylines stroked in `colour`.
    fn polylines<'a>(nodes: &'a [Node], colour: &str) -> Vec<&'a Node> {
        nodes
            .iter()
            .filter(|n| {
                n.name == "polyline" && n.attrs.get("stroke").map(String::as_str) == Some(colour)
            })
            .collect()
    }

    fn axes() -> Axes {
        Axes {
            title: "Disruption".into(),
            x: "actors removed".into(),
            y: "largest component share".into(),
            note: "every actor; flows of the default layer".into(),
        }
    }

    fn two_lines() -> (Vec<Line>, Vec<Marks>) {
        let degree = Line {
            label: "degree".into(),
            points: vec![(0.0, 1.0), (1.0, 0.6), (2.0, 0.3)],
            ..Line::default()
        };
        let random = Line {
            label: "random".into(),
            points: vec![(0.0, 1.0), (1.0, 0.9), (2.0, 0.8)],
            band: vec![(0.0, 1.0, 1.0), (1.0, 0.8, 1.0), (2.0, 0.6, 0.9)],
            baseline: true,
        };
        let published = Marks {
            label: "published".into(),
            points: vec![(1.0, 0.55), (2.0, 0.25)],
        };
        (vec![degree, random], vec![published])
    }

    #[test]
    fn the_bundled_font_loads() {
        assert!(
            plotters::style::register_font("netgraph-test", FontStyle::Normal, FONT_DATA).is_ok()
        );
    }

    #[test]
    fn series_colours_are_okabe_ito() {
        let hex = |c: &RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        let named = [
            palette::BLUE,
            palette::VERMILLION,
            palette::BLUISH_GREEN,
            palette::REDDISH_PURPLE,
            palette::ORANGE,
            palette::SKY_BLUE,
        ];
        assert_eq!(SERIES.iter().map(hex).collect::<Vec<_>>(), named);
        assert_eq!(hex(&GREY), palette::GREY);
    }

    #[test]
    fn a_curve_has_axis_titles_a_legend_and_one_path_per_line() {
        let (lines, marks) = two_lines();
        let svg = curve(&axes(), &lines, &marks, ChartFormat::Svg).unwrap();
        let nodes = parse(&svg);
        let texts = texts(&nodes);
        for t in [
            "Disruption",
            "actors removed",
            "largest component share",
            "degree",
            "random",
            "published",
        ] {
            assert!(texts.iter().any(|x| x == t), "no text {t:?} in {texts:?}");
        }
        // One path per line (the legend draws rectangles), with every point.
        let degree = polylines(&nodes, palette::BLUE);
        assert_eq!(degree.len(), 1);
        assert_eq!(degree[0].attrs["points"].split_whitespace().count(), 3);
        assert_eq!(polylines(&nodes, palette::GREY).len(), 1);
        // The band: one polygon of 3 + 3 corners, in the baseline's grey.
        let bands: Vec<_> = nodes.iter().filter(|n| n.name == "polygon").collect();
        assert_eq!(bands.len(), 1);
        assert_eq!(bands[0].attrs["fill"], palette::GREY);
        assert_eq!(bands[0].attrs["points"].split_whitespace().count(), 6);
        // Two marks and the legend's sample.
        let circles = nodes.iter().filter(|n| {
            n.name == "circle" && n.attrs.get("stroke").map(String::as_str) == Some("#000000")
        });
        assert_eq!(circles.count(), 3);
    }

    #[test]
    fn hostile_labels_are_escaped() {
        let lines = vec![Line {
            label: "<script>alert(1)</script> & \"x\"\u{1}".into(),
            points: vec![(0.0, 1.0), (1.0, 0.0)],
            ..Line::default()
        }];
        let hostile = Axes {
            title: "</svg><script>alert(2)</script>".into(),
            ..axes()
        };
        for svg in [
            curve(&hostile, &lines, &[], ChartFormat::Svg).unwrap(),
            trend(
                &hostile,
                &["<b>".into()],
                &[Trend {
                    label: "<i>".into(),
                    values: vec![Some(1.0)],
                }],
                ChartFormat::Svg,
            )
            .unwrap(),
            intervals(
                &hostile,
                &[Interval {
                    label: "<script>".into(),
                    score: 1.0,
                    low: 0.0,
                    high: 2.0,
                }],
                ("<a>", "<b>"),
                ChartFormat::Svg,
            )
            .unwrap(),
        ] {
            let nodes = parse(&svg);
            assert!(nodes.iter().all(|n| n.name != "script"));
            assert_eq!(nodes.iter().filter(|n| n.name == "svg").count(), 1);
            let texts = texts(&nodes);
            assert!(
                texts.iter().any(|t| t == "</svg><script>alert(2)</script>"),
                "{texts:?}"
            );
        }
        let svg = curve(&hostile, &lines, &[], ChartFormat::Svg).unwrap();
        assert!(
            texts(&parse(&svg))
                .iter()
                .any(|t| t == "<script>alert(1)</script> & \"x\"?")
        );
    }

    #[test]
    fn same_data_same_bytes() {
        let (lines, marks) = two_lines();
        for format in [ChartFormat::Svg, ChartFormat::Png] {
            assert_eq!(
                curve(&axes(), &lines, &marks, format).unwrap(),
                curve(&axes(), &lines, &marks, format).unwrap()
            );
        }
    }

    /// Width and height from a PNG's header, after checking its signature.
    fn png_size(bytes: &[u8]) -> (u32, u32) {
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&bytes[12..16], b"IHDR");
        let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
        (be(16), be(20))
    }

    #[test]
    fn png_charts_have_their_size_and_ink() {
        let (lines, marks) = two_lines();
        let png = curve(&axes(), &lines, &marks, ChartFormat::Png).unwrap();
        // The legend's three rows go under the chart.
        assert_eq!(png_size(&png), (SIZE.0, SIZE.1 + 3 * 20 + 10));
        // Decoded, the picture holds the series' blue and text in black, not only white.
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut pixels).unwrap();
        let rgb: Vec<&[u8]> = pixels.chunks(3).collect();
        assert!(rgb.contains(&&[0x00, 0x72, 0xB2][..]));
        assert!(
            rgb.iter()
                .filter(|p| p[0] < 0x40 && p[1] < 0x40 && p[2] < 0x40)
                .count()
                > 500
        );
        let rows = [
            Interval {
                label: "a".into(),
                score: 1.0,
                low: 0.5,
                high: 1.5,
            },
            Interval {
                label: "b".into(),
                score: 2.0,
                low: 1.5,
                high: 2.5,
            },
        ];
        let png = intervals(&axes(), &rows, ("s", "i"), ChartFormat::Png).unwrap();
        assert_eq!(png_size(&png), (SIZE.0, 130 + 2 * 22));
    }

    #[test]
    fn a_trend_breaks_at_a_missing_value() {
        let periods: Vec<String> = ["2019", "2020", "2021", "2022", "2023"]
            .map(String::from)
            .to_vec();
        let lines = [
            Trend {
                label: "kingpin".into(),
                values: vec![Some(0.5), Some(0.4), None, Some(0.2), Some(0.1)],
            },
            Trend {
                label: "broker".into(),
                values: vec![Some(0.1); 5],
            },
        ];
        let axes = Axes {
            title: "t".into(),
            x: "year".into(),
            y: "betweenness".into(),
            note: String::new(),
        };
        let nodes = parse(&trend(&axes, &periods, &lines, ChartFormat::Svg).unwrap());
        let texts = texts(&nodes);
        for t in ["year", "betweenness", "kingpin", "broker", "2019", "2023"] {
            assert!(texts.iter().any(|x| x == t), "no text {t:?} in {texts:?}");
        }
        assert_eq!(polylines(&nodes, palette::BLUE).len(), 2);
        assert_eq!(polylines(&nodes, palette::VERMILLION).len(), 1);
        // A dot per value present, and one in the legend.
        let dots = |c: &str| {
            nodes
                .iter()
                .filter(|n| {
                    n.name == "circle" && n.attrs.get("fill").map(String::as_str) == Some(c)
                })
                .count()
        };
        assert_eq!((dots(palette::BLUE), dots(palette::VERMILLION)), (5, 6));
    }

    #[test]
    fn trend_series_past_the_palette_change_their_dots() {
        // Eight tracked actors: the seventh and eighth take the first two colours again, with
        // triangles instead of circles (three values each, plus the legend's dot).
        let periods: Vec<String> = ["1", "2", "3"].map(String::from).to_vec();
        let lines: Vec<Trend> = (0..8)
            .map(|k| Trend {
                label: format!("actor {k}"),
                values: vec![Some(k as f64); 3],
            })
            .collect();
        let axes = Axes {
            title: "t".into(),
            x: "phase".into(),
            y: "degree".into(),
            note: String::new(),
        };
        let nodes = parse(&trend(&axes, &periods, &lines, ChartFormat::Svg).unwrap());
        let count = |name: &str, c: &str| {
            nodes
                .iter()
                .filter(|n| n.name == name && n.attrs.get("fill").map(String::as_str) == Some(c))
                .count()
        };
        for c in [palette::BLUE, palette::VERMILLION] {
            assert_eq!((count("circle", c), count("polygon", c)), (4, 4), "{c}");
        }
        for c in [palette::BLUISH_GREEN, palette::SKY_BLUE] {
            assert_eq!((count("circle", c), count("polygon", c)), (4, 0), "{c}");
        }
    }

    #[test]
    fn intervals_are_ranked_by_score() {
        let rows = [
            Interval {
                label: "low".into(),
                score: 0.1,
                low: 0.0,
                high: 0.2,
            },
            Interval {
                label: "high".into(),
                score: 0.9,
                low: 0.7,
                high: 1.0,
            },
            Interval {
                label: "mid".into(),
                score: 0.5,
                low: 0.3,
                high: 0.8,
            },
            Interval {
                label: "unknown".into(),
                score: 0.4,
                low: f64::NAN,
                high: f64::NAN,
            },
        ];
        let axes = Axes {
            title: "Betweenness".into(),
            x: "betweenness".into(),
            y: "actor".into(),
            note: String::new(),
        };
        let nodes = parse(
            &intervals(
                &axes,
                &rows,
                ("full network", "5th–95th percentile"),
                ChartFormat::Svg,
            )
            .unwrap(),
        );
        let texts = texts(&nodes);
        for t in [
            "Betweenness",
            "betweenness",
            "actor",
            "full network",
            "5th–95th percentile",
        ] {
            assert!(texts.iter().any(|x| x == t), "no text {t:?} in {texts:?}");
        }
        // The row labels from top to bottom: by score, highest first.
        let y_of = |label: &str| -> f64 {
            let n = nodes
                .iter()
                .find(|n| n.name == "text" && n.text.trim() == label)
                .unwrap();
            n.attrs["y"].parse().unwrap()
        };
        assert!(
            y_of("high") < y_of("mid")
                && y_of("mid") < y_of("unknown")
                && y_of("unknown") < y_of("low")
        );
        // A bar per finite interval, a dot per score, and the legend's dot.
        assert_eq!(polylines(&nodes, palette::BLUE).len(), 3);
        let dots = nodes.iter().filter(|n| {
            n.name == "circle" && n.attrs.get("fill").map(String::as_str) == Some(palette::BLUE)
        });
        assert_eq!(dots.count(), 5);
        // The bars' ends are the intervals' (the chart's scale is linear: compare proportions).
        let bar = |k: usize| -> (f64, f64) {
            let p = &polylines(&nodes, palette::BLUE)[k].attrs["points"];
            let xs: Vec<f64> = p
                .split_whitespace()
                .map(|xy| xy.split(',').next().unwrap().parse().unwrap())
                .collect();
            (xs[0], xs[1])
        };
        let (high_low, high_high) = bar(0);
        let (mid_low, mid_high) = bar(1);
        // high: 0.7 to 1.0 (0.3 wide), mid: 0.3 to 0.8 (0.5 wide).
        let ratio = (high_high - high_low) / (mid_high - mid_low);
        assert!((ratio - 0.6).abs() < 0.02, "{ratio}");
    }
}
