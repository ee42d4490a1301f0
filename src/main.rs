//! The `netgraph` binary: parse the command line, run, exit with 0, 1 (user error) or 2 (bad usage).

fn main() -> std::process::ExitCode {
    netgraph::cli::main()
}
