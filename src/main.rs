//! The `netgraph` binary: parse the command line, call `netgraph-core`, print; exit with 0, 1 (user
//! error) or 2 (bad usage).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
