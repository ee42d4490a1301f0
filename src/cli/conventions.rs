//! `netgraph completions SHELL` and `netgraph man`: shell completion scripts (clap_complete) and
//! manual pages (clap_mangen), both generated from the clap definitions of [`super::Cli`], so they
//! never drift from the options the binary accepts.
//!
//! A few options take names that their command checks itself, to name the closest known ones on a
//! mistake (`centrality --measure`, `pairs --measure`, `whatif --attack`): clap sees them as free
//! text. [`command`] lists those names on its copy of the definitions, so that a shell completes
//! them and the manual pages list them with their meaning; parsing is unchanged.

use super::{Cli, emit, output_file};
use anyhow::Context;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use netgraph_core::choice::Choice;
use netgraph_core::measures::Measure;
use netgraph_core::queries::centrality::CHAIN_BETWEENNESS;
use netgraph_core::queries::pairs::PairMeasure;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options of `netgraph completions`.
#[derive(Debug, Args)]
#[command(after_help = "Install, for example:
  bash   netgraph completions bash > ~/.local/share/bash-completion/completions/netgraph
  zsh    netgraph completions zsh > ~/.zfunc/_netgraph   (with fpath+=~/.zfunc before compinit)
  fish   netgraph completions fish > ~/.config/fish/completions/netgraph.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL")]
    shell: Shell,
    /// Write the script to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Options of `netgraph man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write netgraph.1 and one page per subcommand (netgraph-centrality.1, …) into DIR, created
    /// if missing, each file atomically [default: netgraph.1 on stdout]
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: Option<PathBuf>,
}

/// The command line as completions and manual pages describe it: [`Cli`]'s definitions, with the
/// names that `centrality --measure`, `pairs --measure` and `whatif --attack` accept listed as
/// their possible values.
pub fn command() -> clap::Command {
    fn named<T: Choice>(o: &netgraph_core::choice::Named<T>) -> PossibleValue {
        PossibleValue::new(o.name)
            .aliases(o.aliases.iter().copied())
            .help(o.help.trim_end_matches('.'))
    }
    let centrality: Vec<PossibleValue> = Measure::OPTIONS
        .iter()
        .map(named)
        .chain([
            PossibleValue::new("brokerage").help("The five Gould–Fernandez roles (needs --groups)"),
            PossibleValue::new(CHAIN_BETWEENNESS)
                .alias("chain-betweenness")
                .help("Laundering channels and chains through each actor (netgraph chains)"),
            PossibleValue::new("all").help("Every measure but the brokerage roles and chains"),
        ])
        .collect();
    let pairs: Vec<PossibleValue> = PairMeasure::OPTIONS
        .iter()
        .map(named)
        .chain([PossibleValue::new("all").help("Every pair measure")])
        .collect();
    let attack: Vec<PossibleValue> = Measure::OPTIONS
        .iter()
        .filter(|o| Measure::ALL.contains(&o.value))
        .map(named)
        .chain([PossibleValue::new("random").help("Random actors: the baseline")])
        .collect();
    let listed = |values: Vec<PossibleValue>| {
        move |a: clap::Arg| a.value_parser(PossibleValuesParser::new(values))
    };
    Cli::command()
        .mut_subcommand("centrality", |c| c.mut_arg("measure", listed(centrality)))
        .mut_subcommand("pairs", |c| c.mut_arg("measure", listed(pairs)))
        .mut_subcommand("whatif", |c| c.mut_arg("attack", listed(attack)))
}

/// Runs `netgraph completions`.
pub fn completions(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = command();
    let name = cmd.get_name().to_string();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, name, &mut script);
    emit(args.output.as_deref(), &script)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `netgraph man`.
pub fn man(args: &ManArgs) -> anyhow::Result<ExitCode> {
    let pages = pages()?;
    match output_file(args.output.as_deref()) {
        None => emit(None, &pages[0].1)?,
        Some(dir) => write_pages(dir, &pages)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The manual pages, file name and roff text: netgraph.1 first, then one per subcommand.
fn pages() -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    // Built once, so that each subcommand's display name is `netgraph-NAME`; no `help` subcommand.
    let mut cmd = command().disable_help_subcommand(true);
    // NAME reads `netgraph \- who is central, …`, not `netgraph \- netgraph: who is central, …`.
    if let Some(about) = cmd.get_about().map(|a| a.to_string())
        && let Some(rest) = about.strip_prefix(&format!("{}: ", cmd.get_name()))
    {
        cmd = cmd.about(rest.to_string());
    }
    cmd.build();
    let mut pages = vec![page(cmd.clone())?];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(sub.clone())?);
    }
    Ok(pages)
}

/// One manual page, titled in capitals as manual pages are (`.TH NETGRAPH-CENTRALITY 1`).
fn page(cmd: clap::Command) -> anyhow::Result<(String, Vec<u8>)> {
    let title = cmd
        .get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_uppercase();
    let man = clap_mangen::Man::new(cmd).title(title);
    let mut text = Vec::new();
    man.render(&mut text)
        .context("cannot write the manual page")?;
    let text = String::from_utf8(text).context("cannot write the manual page")?;
    Ok((man.get_filename(), ascii_roff(&text).into_bytes()))
}

/// Roff text with every character beyond ASCII written as groff's `\[uXXXX]`, so that the page
/// reads the same whatever encoding a formatter assumes (groff alone reads Latin-1; `man` runs
/// preconv first).
fn ascii_roff(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c.is_ascii() {
            true => out.push(c),
            false => out.push_str(&format!("\\[u{:04X}]", u32::from(c))),
        }
    }
    out
}

/// Writes each page atomically into `dir`, creating it (and its parents) if missing.
fn write_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
        anyhow::bail!("cannot write into {}: it is not a folder", dir.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (name, text) in pages {
        emit(Some(&dir.join(name)), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_values_are_on_the_real_options() {
        // `mut_arg` panics on an option that does not exist: a renamed option fails here.
        let cmd = command();
        let values = |sub: &str, arg: &str| -> Vec<String> {
            let sub = cmd.find_subcommand(sub).unwrap();
            let arg = sub.get_arguments().find(|a| a.get_id() == arg).unwrap();
            arg.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect()
        };
        let centrality = values("centrality", "measure");
        for known in [
            "pagerank",
            "betweenness",
            "brokerage",
            "chain_betweenness",
            "all",
        ] {
            assert!(centrality.iter().any(|v| v == known), "{known}");
        }
        assert_eq!(
            values("pairs", "measure"),
            ["edge_betweenness", "bridge", "all"]
        );
        let attack = values("whatif", "attack");
        assert!(attack.iter().any(|v| v == "random"));
        assert!(!attack.iter().any(|v| v.starts_with("brokerage")));
    }

    #[test]
    fn roff_is_ascii_with_unicode_escapes() {
        assert_eq!(
            ascii_roff("a — b ÷ 2 α"),
            "a \\[u2014] b \\[u00F7] 2 \\[u03B1]"
        );
        assert_eq!(ascii_roff("\\- plain"), "\\- plain");
    }

    #[test]
    fn one_page_per_subcommand_without_help() {
        let names: Vec<String> = pages().unwrap().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names[0], "netgraph.1");
        assert!(names.contains(&"netgraph-centrality.1".to_string()));
        assert!(names.contains(&"netgraph-man.1".to_string()));
        assert!(!names.contains(&"netgraph-help.1".to_string()));
    }
}
