fn main() -> std::process::ExitCode {
    healthlint::cli::run()
}
