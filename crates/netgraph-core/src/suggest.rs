//! Suggestions for names a user mistyped: the closest known names by string similarity.
//!
//! Every name typed on the command line (an actor, a kind, a class, a field, a layer) is checked
//! against the names the network knows; an unknown one is reported with the closest known names,
//! so that `sanchez-parades` points at `sanchez-paredes` instead of leaving the user to search.
//!
//! Similarity is the larger of the Jaro–Winkler similarity (good for typos near the end and for
//! prefixes) and the normalised Damerau–Levenshtein similarity (good for transpositions and
//! dropped letters), both from the `strsim` crate, compared case-insensitively. A known name that
//! contains the typed one (three characters or more) is also suggested. Cost: O(k · m²) for k known
//! names of length m.

/// How similar two names must be (0..1) for one to be suggested for the other.
const THRESHOLD: f64 = 0.75;

/// How many names a suggestion lists at most.
const MAX_SUGGESTIONS: usize = 3;

/// The similarity of two names, 0 (nothing in common) to 1 (equal up to case).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    strsim::jaro_winkler(&a, &b).max(strsim::normalized_damerau_levenshtein(&a, &b))
}

/// Up to three known names closest to `name`, best first (ties by name); none when nothing is close.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let lower = name.to_lowercase();
    let mut scored: Vec<(f64, &'a str)> = known
        .into_iter()
        .filter(|k| *k != name)
        .filter_map(|k| {
            let contains = lower.chars().count() >= 3 && k.to_lowercase().contains(&lower);
            let score = similarity(name, k);
            (score >= THRESHOLD || contains).then_some((
                if contains {
                    score.max(THRESHOLD)
                } else {
                    score
                },
                k,
            ))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, k)| k)
        .collect()
}

/// The message for an unknown name: `unknown actor "sanchez-parades"; did you mean "sanchez-paredes"?`
/// (without the question when nothing is close).
pub fn unknown<'a>(what: &str, name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = format!("unknown {what} \"{name}\"");
    text.push_str(&did_you_mean(&closest(name, known)));
    text
}

/// `; did you mean "a", "b" or "c"?`, or nothing for no suggestion.
pub fn did_you_mean(suggestions: &[&str]) -> String {
    let quoted: Vec<String> = suggestions.iter().map(|s| format!("\"{s}\"")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => format!("; did you mean {}?", quoted[0]),
        n => format!(
            "; did you mean {} or {}?",
            quoted[..n - 1].join(", "),
            quoted[n - 1]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_in_an_actor_id_finds_the_actor() {
        let known = ["sanchez-paredes", "shining-path", "pnp", "legit-mines"];
        assert_eq!(closest("sanchez-parades", known), vec!["sanchez-paredes"]);
        assert_eq!(
            unknown("actor", "sanchez-parades", known),
            "unknown actor \"sanchez-parades\"; did you mean \"sanchez-paredes\"?"
        );
    }

    #[test]
    fn a_dropped_letter_in_a_kind_or_class_finds_it() {
        assert_eq!(closest("gld", ["gold", "cash", "cocaine"]), vec!["gold"]);
        assert_eq!(
            closest("ilicit", ["illicit", "money", "asset", "tie"]),
            vec!["illicit"]
        );
        assert_eq!(closest("phse", ["phase", "weight", "kind"]), vec!["phase"]);
    }

    #[test]
    fn a_prefix_suggests_the_names_that_contain_it() {
        let known = ["sanchez-paredes", "sanchez-family", "pnp"];
        assert_eq!(
            closest("sanchez", known),
            vec!["sanchez-family", "sanchez-paredes"]
        );
    }

    #[test]
    fn nothing_close_gives_no_question() {
        assert!(closest("zzzz", ["gold", "cash"]).is_empty());
        assert_eq!(
            unknown("kind", "zzzz", ["gold", "cash"]),
            "unknown kind \"zzzz\""
        );
    }

    #[test]
    fn at_most_three_suggestions_best_first() {
        let known = ["gold1", "gold2", "gold3", "gold4", "gold"];
        let got = closest("golds", known);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], "gold");
        assert_eq!(
            did_you_mean(&["a", "b", "c"]),
            "; did you mean \"a\", \"b\" or \"c\"?"
        );
    }
}
