// A checker allocates many small, short-lived nodes; mimalloc serves them
// faster than the system allocator and returns pages in bulk.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    hotc::cli::main_with_args(std::env::args_os())
}
