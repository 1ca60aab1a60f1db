// SPDX-License-Identifier: GPL-2.0
// Stable bottom-up merge sort of a NULL-terminated singly linked list.
use crate::shared::*;

// llmigrate:begin slist_merge
// Merge two sorted lists; on ties @a's node goes first.
/// # Safety
/// As for the C function `slist_merge`: `r#priv`, `a`, `b` must be valid for the reads and writes the C function makes through them.
pub unsafe fn slist_merge(
    r#priv: *mut core::ffi::c_void,
    cmp: Option<
        unsafe extern "C" fn(*mut core::ffi::c_void, *const slist_node, *const slist_node) -> i32,
    >,
    a: *mut slist_node,
    b: *mut slist_node,
) -> *mut slist_node {
    let mut a = a;
    let mut b = b;
    let mut head: slist_node = slist_node {
        next: core::ptr::null_mut::<slist_node>(),
    };
    let mut tail: *mut slist_node = core::ptr::addr_of_mut!(head);
    while !a.is_null() && !b.is_null() {
        if unsafe { cmp.unwrap()(r#priv, a as *const slist_node, b as *const slist_node) <= 0i32 } {
            unsafe { (*tail).next = a };
            a = unsafe { (*a).next };
        } else {
            unsafe { (*tail).next = b };
            b = unsafe { (*b).next };
        }
        tail = unsafe { (*tail).next };
    }
    unsafe { (*tail).next = if !a.is_null() { a } else { b } };
    head.next
}
// llmigrate:end slist_merge

// llmigrate:begin slist_sort
// slist_sort - sort a singly linked list
// @priv: passed through to @cmp
// @head: first node, or NULL
// @cmp: returns <0, 0 or >0 like strcmp(); equal nodes keep their order
//
// bins[i] holds either nothing or a sorted run of exactly 2^i nodes, all of
// which came before anything in bins[0..i-1]; adding a node is binary
// increment with merging as the carry. Runs are merged older-first, which
// is what keeps the sort stable.
//
// Return: the new first node.
/// # Safety
/// As for the C function `slist_sort`: `r#priv`, `head` must be valid for the reads and writes the C function makes through them.
pub unsafe fn slist_sort(
    r#priv: *mut core::ffi::c_void,
    head: *mut slist_node,
    cmp: Option<
        unsafe extern "C" fn(*mut core::ffi::c_void, *const slist_node, *const slist_node) -> i32,
    >,
) -> *mut slist_node {
    let mut head = head;
    let mut bins: [*mut slist_node; 64] = {
        let mut arr1 = [core::ptr::null_mut::<slist_node>(); 64];
        arr1[0] = core::ptr::null_mut::<slist_node>();
        arr1
    };
    let mut result: *mut slist_node = core::ptr::null_mut::<slist_node>();
    let mut i: usize;
    while !head.is_null() {
        let mut carry: *mut slist_node = head;
        head = unsafe { (*head).next };
        unsafe { (*carry).next = core::ptr::null_mut::<slist_node>() };
        i = 0usize;
        while i < 512u64.wrapping_div(8u64).wrapping_sub(1u64) as usize && !bins[i].is_null() {
            carry = unsafe { crate::list_sort::slist_merge(r#priv, cmp, bins[i], carry) };
            bins[i] = core::ptr::null_mut::<slist_node>();
            i = i.wrapping_add(1);
        }
        unsafe { bins[i] = crate::list_sort::slist_merge(r#priv, cmp, bins[i], carry) };
    }
    i = 0usize;
    while i < 512u64.wrapping_div(8u64) as usize {
        if !bins[i].is_null() {
            result = unsafe { crate::list_sort::slist_merge(r#priv, cmp, bins[i], result) };
        }
        i = i.wrapping_add(1);
    }
    result
}
// llmigrate:end slist_sort
