//! The command line's options as keyword arguments: lists given as a list or as the command
//! line's comma-separated text, and the range checks clap does for the command line, with the
//! same one-line messages (python/tests compares them with the CLI's).

use netgraph_core::budget::BudgetSpec;
use netgraph_core::model::PartialDate;
use netgraph_core::queries::resample::{MAX_DRAWS, Mode, Resample};
use netgraph_core::queries::{FlowFilter, WeightSpec};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyString};

/// A ValueError with this message.
pub fn value_error(message: impl Into<String>) -> PyErr {
    PyValueError::new_err(message.into())
}

/// clap's message for a value its parser refused: `invalid value 'V' for '--option <V>': why`.
pub fn invalid(value: &str, option: &str, why: &str) -> PyErr {
    value_error(format!("invalid value '{value}' for '{option}': {why}"))
}

/// clap's message for two options given together that exclude each other.
pub fn conflict(a: &str, b: &str) -> PyErr {
    value_error(format!("the argument '{a}' cannot be used with '{b}'"))
}

/// clap's message for an option given without one it requires (its two lines joined).
pub fn requires(option: &str) -> PyErr {
    value_error(format!(
        "the following required arguments were not provided: {option}"
    ))
}

/// How Python writes a float (`repr`), as the user would type it on the command line.
fn float_text(py: Python<'_>, x: f64) -> String {
    PyFloat::new(py, x)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| x.to_string())
}

/// Names: `None` → none; a string → its comma-separated parts (as the command line splits
/// `--measure a,b`); a list or other iterable of strings → each split likewise.
pub fn names(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    Ok(texts(value)?
        .iter()
        .flat_map(|t| t.split(',').map(str::to_string))
        .collect())
}

/// Texts kept whole (`where`: a condition may hold a comma): a string → one; an iterable → each.
pub fn texts(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(vec![s.extract::<String>()?]);
    }
    let mut out = Vec::new();
    for item in value.try_iter()? {
        out.push(item?.extract::<String>()?);
    }
    Ok(out)
}

/// `--top N` and the like: a whole number from 1 up.
pub fn count(value: Option<i64>, option: &str) -> PyResult<Option<usize>> {
    match value {
        None => Ok(None),
        Some(n) if n >= 1 => Ok(Some(n as usize)),
        Some(n) => Err(invalid(
            &n.to_string(),
            option,
            &format!("\"{n}\" is not a whole number from 1 up"),
        )),
    }
}

/// A count the command line reads as a plain `usize` (`--max-hops`, `--limit`): any whole
/// number from 0.
pub fn natural(value: Option<i64>, option: &str) -> PyResult<Option<usize>> {
    match value {
        None => Ok(None),
        Some(n) if n >= 0 => Ok(Some(n as usize)),
        Some(n) => Err(invalid(
            &n.to_string(),
            option,
            &format!("\"{n}\" is not a whole number from 0 up"),
        )),
    }
}

/// A number strictly between 0 and 1 (`--damping`, `--epsilon`, `--delta`).
pub fn open_unit(py: Python<'_>, x: f64, option: &str) -> PyResult<f64> {
    if x > 0.0 && x < 1.0 {
        return Ok(x);
    }
    let text = float_text(py, x);
    Err(invalid(
        &text,
        option,
        &format!("\"{text}\" is not a number strictly between 0 and 1"),
    ))
}

/// A number from 0 to 1 (`--min-confidence`).
pub fn unit_interval(py: Python<'_>, x: f64, option: &str) -> PyResult<f64> {
    if (0.0..=1.0).contains(&x) {
        return Ok(x);
    }
    let text = float_text(py, x);
    Err(invalid(
        &text,
        option,
        &format!("\"{text}\" is not a number between 0 and 1"),
    ))
}

/// A positive finite number (`--tol`, `--katz-alpha`).
pub fn positive(py: Python<'_>, x: f64, option: &str) -> PyResult<f64> {
    if x > 0.0 && x.is_finite() {
        return Ok(x);
    }
    let text = float_text(py, x);
    Err(invalid(
        &text,
        option,
        &format!("\"{text}\" is not a positive number"),
    ))
}

/// `--max-iter`: 1 to a million.
pub fn max_iter(n: i64) -> PyResult<usize> {
    if (1..=1_000_000).contains(&n) {
        return Ok(n as usize);
    }
    Err(invalid(
        &n.to_string(),
        "--max-iter <N>",
        &format!("\"{n}\" is not a whole number from 1 to 1000000"),
    ))
}

/// `--threads N`: 1 to 4 × the machine's parallelism.
pub fn threads(value: Option<i64>) -> PyResult<Option<usize>> {
    let Some(n) = value else {
        return Ok(None);
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let max = (4 * cores).min(usize::from(u16::MAX));
    if n >= 1 && (n as usize) <= max {
        return Ok(Some(n as usize));
    }
    Err(invalid(
        &n.to_string(),
        "--threads <N>",
        &format!(
            "\"{n}\" is not a number of threads from 1 to {max} (4 × the {cores} cores of this machine)"
        ),
    ))
}

/// `--budget N` and `--timeout SECONDS`.
pub fn budget(py: Python<'_>, budget: Option<i64>, timeout: Option<f64>) -> PyResult<BudgetSpec> {
    if let Some(n) = budget
        && n < 1
    {
        return Err(invalid(
            &n.to_string(),
            "--budget <N>",
            &format!("\"{n}\" is not a whole number from 1 up"),
        ));
    }
    if let Some(t) = timeout
        && !(0.0..=31_536_000.0).contains(&t)
    {
        let text = float_text(py, t);
        return Err(invalid(
            &text,
            "--timeout <SECONDS>",
            &format!("\"{text}\" is not a number of seconds from 0 (no limit) to 31536000"),
        ));
    }
    Ok(BudgetSpec {
        expansions: budget.map(|n| n as u64),
        timeout,
    })
}

/// A date option: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, given as a string, a number (a year) or a
/// `datetime.date` (its `str`).
fn date(value: Option<&Bound<'_, PyAny>>, option: &str) -> PyResult<Option<PartialDate>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let text = value.str()?.to_string();
    PartialDate::parse(&text)
        .map(Some)
        .map_err(|why| invalid(&text, option, &why))
}

/// The filter options every analysis of flows takes (the command line's `FilterArgs`).
pub struct Filters<'a, 'py> {
    /// `--layer`.
    pub layer: Option<String>,
    /// `--flows`.
    pub flows: Option<&'a Bound<'py, PyAny>>,
    /// `--where`, repeatable.
    pub conditions: Option<&'a Bound<'py, PyAny>>,
    /// `--since`.
    pub since: Option<&'a Bound<'py, PyAny>>,
    /// `--until`.
    pub until: Option<&'a Bound<'py, PyAny>>,
    /// `--min-confidence`.
    pub min_confidence: Option<f64>,
    /// `--undirected`.
    pub undirected: bool,
}

impl Filters<'_, '_> {
    /// The filter as the core takes it, its values checked as the command line checks them.
    pub fn spec(&self, py: Python<'_>) -> PyResult<FlowFilter> {
        Ok(FlowFilter {
            layer: self.layer.clone(),
            flows: names(self.flows)?,
            since: date(self.since, "--since <DATE>")?,
            until: date(self.until, "--until <DATE>")?,
            min_confidence: self
                .min_confidence
                .map(|c| unit_interval(py, c, "--min-confidence <C>"))
                .transpose()?,
            conditions: texts(self.conditions)?,
            undirected: self.undirected,
            draw: None,
            dated: false,
        })
    }
}

/// `--weight FIELD` or `--strength FIELD` (not both).
pub fn weights(weight: Option<String>, strength: Option<String>) -> PyResult<WeightSpec> {
    if weight.is_some() && strength.is_some() {
        return Err(conflict("--weight <FIELD>", "--strength <FIELD>"));
    }
    Ok(WeightSpec { weight, strength })
}

/// A named option (`--rank evidence`): one of the choice's names or aliases; anything else is
/// clap's message with the possible values.
pub fn choice<T: netgraph_core::choice::Choice>(text: &str, option: &str) -> PyResult<T> {
    T::from_name(text).ok_or_else(|| {
        value_error(format!(
            "invalid value '{text}' for '{option}' [possible values: {}]",
            T::names().join(", ")
        ))
    })
}

/// A count the command line reads as a `u32` from 1 (`paths --k`, `--limit`).
pub fn u32_from_1(n: i64, option: &str) -> PyResult<usize> {
    if (1..=i64::from(u32::MAX)).contains(&n) {
        return Ok(n as usize);
    }
    Err(invalid(
        &n.to_string(),
        option,
        &format!("\"{n}\" is not a whole number from 1 to 4294967295"),
    ))
}

/// `--resample N` and `--resample-mode M` as clap parses them: the number of draws (1 to
/// [`MAX_DRAWS`]) and the mode, each refused with clap's message. The caller refuses a mode
/// without draws ([`requires`] `--resample <N>`), where clap would.
pub fn resample(draws: Option<i64>, mode: Option<&str>) -> PyResult<(Option<usize>, Option<Mode>)> {
    let draws = match draws {
        None => None,
        Some(n) if (1..=MAX_DRAWS as i64).contains(&n) => Some(n as usize),
        Some(n) => {
            return Err(invalid(
                &n.to_string(),
                "--resample <N>",
                &format!("\"{n}\" is not a number of draws from 1 to {MAX_DRAWS}"),
            ));
        }
    };
    let mode = match mode {
        None => None,
        Some(text) => Some(Mode::parse(text).map_err(|e| {
            let why = e.to_string();
            let prefix = format!("--resample-mode {}: ", text.trim());
            let why = why.strip_prefix(&prefix).unwrap_or(&why).to_string();
            invalid(text, "--resample-mode <MODE>", &why)
        })?),
    };
    Ok((draws, mode))
}

/// The resampling asked for, as the command line's `ResampleArgs::spec` makes it: `draws` draws
/// of `mode` (default confidence) seeded by `seed`, `budget` counting draws and bounding their
/// time; with `by`, bad usage (one or the other).
pub fn resample_spec(
    draws: Option<usize>,
    mode: Option<Mode>,
    seed: u64,
    budget: BudgetSpec,
    by: bool,
) -> Result<Option<Resample>, netgraph_core::Error> {
    let Some(draws) = draws else {
        return Ok(None);
    };
    if by {
        return Err(netgraph_core::Error::usage(
            "--resample and --by cannot be combined: resample the whole view, or run each period with --where",
        ));
    }
    Ok(Some(Resample {
        draws,
        mode: mode.unwrap_or(Mode::Confidence),
        seed,
        budget,
    }))
}
