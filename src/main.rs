#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    use_mimalloc_in_tree_sitter();
    #[cfg(target_os = "linux")]
    no_transparent_huge_pages();
    healthlint::cli::run()
}

/// mimalloc asks Linux for transparent huge pages for its arena, and a 2 MiB page is resident
/// as a whole once any byte of it is touched: a run over a large tree had 110 MiB resident for
/// 60 MiB of heap, with no measurable gain in speed. Turned off for this process.
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and touches no memory of ours;
    // a kernel without it returns an error, which changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// tree-sitter's C library allocates through libc's malloc unless told otherwise, and its block
/// parse allocates a node or stack entry per token: glibc's malloc and free were a twentieth of
/// a corpus run (perf). mimalloc, already the Rust allocator, serves it too.
fn use_mimalloc_in_tree_sitter() {
    use std::ffi::c_void;
    // The C functions of the mimalloc library that the global allocator above links in.
    extern "C" {
        fn mi_malloc(size: usize) -> *mut c_void;
        fn mi_calloc(count: usize, size: usize) -> *mut c_void;
        fn mi_realloc(p: *mut c_void, size: usize) -> *mut c_void;
        fn mi_free(p: *mut c_void);
    }
    // SAFETY: the four functions are one allocator family with malloc's alignment, and this
    // runs first thing in `main`, on the only thread, before any tree-sitter object exists.
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc: mi_malloc,
            calloc: mi_calloc,
            realloc: mi_realloc,
            free: mi_free,
        }));
    }
}
