//! `netgraph completions SHELL` and `netgraph man`: the scripts are valid for their shell and
//! complete the real subcommands and measure names; the manual pages are roff that groff renders
//! without a warning, one per subcommand.

use crate::common::run;
use std::process::{Command, Stdio};

/// The subcommands `netgraph --help` lists (without `help`).
fn subcommands() -> Vec<String> {
    let help = run(&["--help"]).stdout;
    let listed = help.split("Commands:\n").nth(1).unwrap();
    let names: Vec<String> = listed
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|name| name != "help")
        .collect();
    assert!(names.len() > 10, "{help}");
    names
}

/// Whether `program` can be run here.
fn installed(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        eprintln!("{program} is not installed: that check is skipped");
    }
    found
}

/// Runs `program ARGS` and returns (success, stdout, stderr).
fn shell(program: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(program).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

/// What bash completes after `netgraph WORDS…` (the last word being completed).
fn bash_complete(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'; COMP_WORDS=(netgraph {}); COMP_CWORD={}; _netgraph netgraph '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len(),
        words[words.len() - 1],
        words
            .get(words.len().wrapping_sub(2))
            .unwrap_or(&"netgraph"),
    );
    let (ok, out, err) = shell("bash", &["-c", &program]);
    assert!(ok, "{err}");
    out.lines().map(str::to_string).collect()
}

#[test]
fn bash_completes_every_subcommand_and_the_measure_names() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("netgraph.bash");
    let r = run(&["completions", "bash", "-o", script.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(&script).unwrap(),
        run(&["completions", "bash"]).stdout
    );
    let (ok, _, err) = shell("bash", &["-n", script.to_str().unwrap()]);
    assert!(ok, "bash -n: {err}");

    let commands = bash_complete(&script, &[""]);
    for sub in subcommands() {
        assert!(commands.contains(&sub), "{sub} not in {commands:?}");
    }
    assert_eq!(
        bash_complete(&script, &["centrality", "--measure", "pager"]),
        ["pagerank"]
    );
    let measures = bash_complete(&script, &["centrality", "--measure", ""]);
    for known in [
        "degree",
        "betweenness",
        "pagerank",
        "chain_betweenness",
        "all",
    ] {
        assert!(measures.iter().any(|m| m == known), "{known}: {measures:?}");
    }
    // Every name completed is one the command accepts.
    let r = run(&[
        "centrality",
        "--measure",
        &measures.join(","),
        "--groups",
        "class",
        "--top",
        "1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pairs = bash_complete(&script, &["pairs", "--measure", ""]);
    assert_eq!(pairs, ["edge_betweenness", "bridge", "all"]);
    let attacks = bash_complete(&script, &["whatif", "--attack", ""]);
    assert!(attacks.contains(&"betweenness".to_string()) && attacks.contains(&"random".into()));
    for attack in &attacks {
        let mut args = vec!["whatif", "--attack", attack, "--steps", "1"];
        if attack == "random" {
            args.extend(["--runs", "2"]);
        }
        let r = run(&args);
        assert_eq!(r.code, 0, "--attack {attack}: {}", r.stderr);
    }
}

#[test]
fn zsh_fish_elvish_and_powershell_scripts() {
    // (shell, a line of its script, whether it completes option values, its syntax check)
    let cases = [
        ("zsh", "#compdef netgraph", true, Some(("zsh", "-n"))),
        ("fish", "complete -c netgraph", true, Some(("fish", "-n"))),
        (
            "elvish",
            "edit:completion:arg-completer[netgraph]",
            false,
            None,
        ),
        ("powershell", "Register-ArgumentCompleter", false, None),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, marker, values, check) in cases {
        let r = run(&["completions", name]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{name} lacks {marker}");
        assert!(
            r.stdout.contains("centrality"),
            "{name} lacks the subcommands"
        );
        assert_eq!(
            r.stdout.contains("pagerank"),
            values,
            "{name}: the measures"
        );
        if let Some((program, flag)) = check
            && installed(program)
        {
            let file = dir.path().join(name);
            std::fs::write(&file, &r.stdout).unwrap();
            let (ok, _, err) = shell(program, &[flag, file.to_str().unwrap()]);
            assert!(ok, "{program} {flag}: {err}");
        }
    }
}

#[test]
fn an_unknown_shell_is_bad_usage() {
    let r = run(&["completions", "tcsh"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout.is_empty() && r.stderr.contains("tcsh"),
        "{}",
        r.stderr
    );
    assert_eq!(run(&["completions"]).code, 2);
}

/// Asserts `page` is roff titled `title`, and that groff (where installed) renders it without
/// a warning.
fn assert_page(page: &str, title: &str, dir: &std::path::Path) {
    let th = format!(".TH {title} 1 ");
    assert!(
        page.lines().any(|l| l.starts_with(&th)),
        "no {th} in\n{page}"
    );
    assert!(
        page.is_ascii(),
        "{title}: characters beyond ASCII are escaped"
    );
    if installed("groff") {
        let file = dir.join(format!("{title}.roff"));
        std::fs::write(&file, page).unwrap();
        let (ok, out, err) = shell("groff", &["-man", "-Tutf8", "-ww", file.to_str().unwrap()]);
        assert!(ok && err.is_empty(), "{title}: groff: {err}");
        assert!(out.contains(&format!("{title}(1)")), "{title}: {out}");
    }
}

#[test]
fn man_writes_netgraph_1_to_stdout() {
    let r = run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dir = tempfile::tempdir().unwrap();
    assert_page(&r.stdout, "NETGRAPH", dir.path());
    assert!(r.stdout.contains("who is central"));
    for sub in subcommands() {
        assert!(r.stdout.contains(&format!("netgraph\\-{sub}(1)")), "{sub}");
    }
}

#[test]
fn man_into_a_folder_writes_one_page_per_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("share/man/man1");
    let r = run(&["man", "-o", out.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut expected: Vec<String> = subcommands()
        .iter()
        .map(|s| format!("netgraph-{s}.1"))
        .chain(["netgraph.1".to_string()])
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    let top = std::fs::read_to_string(out.join("netgraph.1")).unwrap();
    assert_eq!(top, run(&["man"]).stdout);
    for sub in subcommands() {
        let page = std::fs::read_to_string(out.join(format!("netgraph-{sub}.1"))).unwrap();
        assert_page(
            &page,
            &format!("NETGRAPH-{}", sub.to_uppercase()),
            dir.path(),
        );
    }
    let centrality = std::fs::read_to_string(out.join("netgraph-centrality.1")).unwrap();
    assert!(centrality.contains("pagerank") && centrality.contains("\\-\\-measure"));

    // Written again over the same pages; a file where the folder should be is a user error.
    assert_eq!(run(&["man", "-o", out.to_str().unwrap()]).code, 0);
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let r = run(&["man", "-o", file.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("not a folder"), "{}", r.stderr);
}
