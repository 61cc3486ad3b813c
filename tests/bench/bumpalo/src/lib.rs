// SPDX-License-Identifier: MIT
//! Benchmark rounds for bumpalo, callable from C: the same mix of small
//! sizes, the same count and the same release-all as bump's rounds.
use bumpalo::Bump;
use std::alloc::Layout;
use std::ptr::{addr_of_mut, write_volatile};

const N: usize = 10_000;
const SIZES: [usize; 8] = [8, 12, 16, 24, 32, 48, 20, 40];

/// Keeps each allocation observable, as the C rounds' volatile sink does:
/// a volatile store per allocation (a relaxed atomic store, used here
/// before, was merged away by the compiler, so bumpalo's loop stored one
/// word less than bump's).
static mut SINK: *mut u8 = std::ptr::null_mut();

/// A bumpalo arena with room for `bytes`.
#[no_mangle]
pub extern "C" fn bumpalo_bench_new(bytes: usize) -> *mut Bump {
    Box::into_raw(Box::new(Bump::with_capacity(bytes)))
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
        write_volatile(addr_of_mut!(SINK), bump.alloc_layout(layout).as_ptr());
    }
    bump.reset();
}

/// `n` allocations of the size mix, aligned to 8, the first word of each
/// written (the memory-bound case), then a reset.
///
/// # Safety
/// As bumpalo_bench_round.
#[no_mangle]
pub unsafe extern "C" fn bumpalo_bench_touch_round(arena: *mut Bump, n: usize) {
    let bump = &mut *arena;
    for i in 0..n {
        let layout = Layout::from_size_align_unchecked(SIZES[i & 7], 8);
        let p = bump.alloc_layout(layout).as_ptr();
        write_volatile(p as *mut usize, i);
    }
    bump.reset();
}
