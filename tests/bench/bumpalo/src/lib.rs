//! One benchmark round for bumpalo, callable from C: the same mix of small
//! sizes, the same count and the same release-all as bump's round.
use bumpalo::Bump;
use std::alloc::Layout;
use std::sync::atomic::{AtomicPtr, Ordering};

const N: usize = 10_000;
const SIZES: [usize; 8] = [8, 12, 16, 24, 32, 48, 20, 40];

/// Keeps each allocation observable, as the C rounds' volatile sink does.
static SINK: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());

/// A bumpalo arena with room for a whole round.
#[no_mangle]
pub extern "C" fn bumpalo_bench_new() -> *mut Bump {
    Box::into_raw(Box::new(Bump::with_capacity(N * 64)))
}

/// N allocations of the size mix, aligned to 8, then a reset.
///
/// # Safety
/// `arena` comes from `bumpalo_bench_new` and is used by one thread.
#[no_mangle]
pub unsafe extern "C" fn bumpalo_bench_round(arena: *mut Bump) {
    let bump = &mut *arena;
    for i in 0..N {
        // Sizes and the alignment are valid, as the C rounds' constants are.
        let layout = Layout::from_size_align_unchecked(SIZES[i & 7], 8);
        SINK.store(bump.alloc_layout(layout).as_ptr(), Ordering::Relaxed);
    }
    bump.reset();
}
