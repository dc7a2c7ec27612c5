fn main() -> std::process::ExitCode {
    hotc::cli::main_with_args(std::env::args_os())
}
