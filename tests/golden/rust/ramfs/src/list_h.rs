// SPDX-License-Identifier: GPL-2.0
// list.h - circular doubly linked lists threaded through the structures
// they link. An empty list is a head pointing at itself.
use crate::shared::*;

// llmigrate:begin INIT_LIST_HEAD
/// # Safety
/// As for the C function `INIT_LIST_HEAD`: `list` must be valid for the reads and writes the C function makes through it.
pub unsafe fn INIT_LIST_HEAD(list: *mut list_head) {
    unsafe { (*list).next = list };
    unsafe { (*list).prev = list };
}
// llmigrate:end INIT_LIST_HEAD

// llmigrate:begin __list_add
// Link @entry between two adjacent nodes.
/// # Safety
/// As for the C function `__list_add`: `entry`, `prev`, `next` must be valid for the reads and writes the C function makes through them.
pub unsafe fn __list_add(entry: *mut list_head, prev: *mut list_head, next: *mut list_head) {
    unsafe { (*next).prev = entry };
    unsafe { (*entry).next = next };
    unsafe { (*entry).prev = prev };
    unsafe { (*prev).next = entry };
}
// llmigrate:end __list_add

// llmigrate:begin list_add
// Insert after @head: stack order.
/// # Safety
/// As for the C function `list_add`: `entry`, `head` must be valid for the reads and writes the C function makes through them.
pub unsafe fn list_add(entry: *mut list_head, head: *mut list_head) {
    unsafe { crate::list_h::__list_add(entry, head, (*head).next) };
}
// llmigrate:end list_add

// llmigrate:begin list_add_tail
// Insert before @head: queue order.
/// # Safety
/// As for the C function `list_add_tail`: `entry`, `head` must be valid for the reads and writes the C function makes through them.
pub unsafe fn list_add_tail(entry: *mut list_head, head: *mut list_head) {
    unsafe { crate::list_h::__list_add(entry, (*head).prev, head) };
}
// llmigrate:end list_add_tail

// llmigrate:begin list_del
// Unlink @entry; its pointers are cleared so a stale use faults early.
/// # Safety
/// As for the C function `list_del`: `entry` must be valid for the reads and writes the C function makes through it.
pub unsafe fn list_del(entry: *mut list_head) {
    unsafe { (*(*entry).next).prev = (*entry).prev };
    unsafe { (*(*entry).prev).next = (*entry).next };
    unsafe { (*entry).next = core::ptr::null_mut::<list_head>() };
    unsafe { (*entry).prev = core::ptr::null_mut::<list_head>() };
}
// llmigrate:end list_del

// llmigrate:begin list_empty
/// # Safety
/// As for the C function `list_empty`: `head` must be valid for the reads and writes the C function makes through it.
pub unsafe fn list_empty(head: *const list_head) -> bool {
    unsafe { (*head).next == head as *mut list_head }
}
// llmigrate:end list_empty
