//! The `kano` binary: a thin shell over the library's `cli::run`.
fn main() -> std::process::ExitCode {
    kano::cli::main()
}
