use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use mimalloc::MiMalloc;

#[global_allocator]
static ALLOCATOR: WordAligned = WordAligned;

// The C functions of the mimalloc library that `MiMalloc` links in.
extern "C" {
    fn mi_malloc(size: usize) -> *mut c_void;
    fn mi_zalloc(size: usize) -> *mut c_void;
    fn mi_calloc(count: usize, size: usize) -> *mut c_void;
    fn mi_realloc(p: *mut c_void, size: usize) -> *mut c_void;
    fn mi_free(p: *mut c_void);
}

/// mimalloc, asked for a plain block when the alignment wanted is at most a word's. `MiMalloc`
/// asks for every block with its alignment, and mimalloc serves that from its size class only
/// while the class's current page has a free block: otherwise it over-allocates from a larger
/// class, and a size that is not a power of two (a 24-byte `String`) stays on that slow path. A
/// seventh of a run's allocations took it, on one article (callgrind). Every mimalloc block is
/// word-aligned, which is why mimalloc's own `mi_realloc_aligned` makes the same choice.
struct WordAligned;

/// The alignment every mimalloc block has.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each block comes from mimalloc, with at least the alignment asked for (see above),
// and goes back to it through `mi_free`, which frees blocks of either kind.
unsafe impl GlobalAlloc for WordAligned {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match layout.align() <= WORD {
            true => unsafe { mi_malloc(layout.size()).cast() },
            false => unsafe { MiMalloc.alloc(layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match layout.align() <= WORD {
            true => unsafe { mi_zalloc(layout.size()).cast() },
            false => unsafe { MiMalloc.alloc_zeroed(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { MiMalloc.realloc(ptr, layout, new_size) }
    }
}

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
