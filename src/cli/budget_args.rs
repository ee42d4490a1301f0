//! `--budget N` and `--timeout SECONDS`: the command line's side of [`Budget`](netgraph_core::budget::Budget) (the bound itself
//! lives in the core).

use netgraph_core::budget::BudgetSpec;

/// `--budget N` and `--timeout SECONDS`, for every command whose search can explode.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct BudgetArgs {
    /// Stop the search after N expansions (what one is depends on the command; see
    /// docs/reliability.md) and report the best found so far, marked truncated [default: no
    /// count, only --timeout] (1 to 2^64−1)
    #[arg(long, value_name = "N", value_parser = super::parse_count_u64)]
    pub budget: Option<u64>,
    /// Stop the search after SECONDS and report the best found so far, marked truncated; 0 for no
    /// limit [default: 50] (0 to 31536000)
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    pub timeout: Option<f64>,
}

impl BudgetArgs {
    /// The budget as the core takes it.
    pub fn spec(&self) -> BudgetSpec {
        BudgetSpec {
            expansions: self.budget,
            timeout: self.timeout,
        }
    }
}

/// Seconds from 0 (no limit) to a year.
pub fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=31_536_000.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "\"{text}\" is not a number of seconds from 0 (no limit) to 31536000"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_state_their_range() {
        assert_eq!(parse_timeout("0"), Ok(0.0));
        assert_eq!(parse_timeout("2.5"), Ok(2.5));
        assert!(
            parse_timeout("-1")
                .unwrap_err()
                .contains("0 (no limit) to 31536000")
        );
        assert!(parse_timeout("1e99").is_err());
        assert!(parse_timeout("NaN").is_err());
    }
}
