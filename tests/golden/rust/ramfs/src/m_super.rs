// SPDX-License-Identifier: GPL-2.0
// ramfs superblock: setup, teardown, inode lifetime and usage counters.
use crate::shared::*;

// llmigrate:begin ramfs_get_inode
/// # Safety
/// As for the C function `ramfs_get_inode`: `sb` must be valid for the reads and writes the C function makes through it.
pub unsafe fn ramfs_get_inode(sb: *mut ramfs_sb, mode: u32) -> *mut ramfs_inode {
    let inode: *mut ramfs_inode =
        unsafe { crate::shared::calloc(1u64, 2080u64) as *mut ramfs_inode };
    if inode.is_null() {
        return core::ptr::null_mut::<ramfs_inode>();
    }
    unsafe {
        (*inode).ino = {
            let old1 = (*sb).next_ino;
            (*sb).next_ino = (*sb).next_ino.wrapping_add(1);
            old1
        }
    };
    unsafe { (*inode).mode = mode };
    unsafe {
        (*inode).nlink = (if (mode & 61440u32) == 16384u32 {
            2i32
        } else {
            1i32
        }) as u32
    };
    unsafe { (*inode).sb = sb };
    unsafe { (*sb).nr_inodes = (*sb).nr_inodes.wrapping_add(1) };
    inode
}
// llmigrate:end ramfs_get_inode

// llmigrate:begin ramfs_evict_inode
// Free an inode whose last name is gone, with all its pages.
/// # Safety
/// As for the C function `ramfs_evict_inode`: `inode` must be valid for the reads and writes the C function makes through it.
pub unsafe fn ramfs_evict_inode(inode: *mut ramfs_inode) {
    let sb: *mut ramfs_sb = unsafe { (*inode).sb };
    unsafe { crate::inode::ramfs_truncate_pages(inode, 0u64) };
    unsafe { (*sb).nr_bytes = (*sb).nr_bytes.wrapping_sub((*inode).size) };
    unsafe { (*sb).nr_inodes = (*sb).nr_inodes.wrapping_sub(1) };
    unsafe { crate::shared::free(inode as *mut core::ffi::c_void) };
}
// llmigrate:end ramfs_evict_inode

// llmigrate:begin ramfs_init
// ramfs_init - set up an empty filesystem holding only "/"
// @max_pages: cap on data pages (writes past it fail with -ENOSPC), 0 for none
/// # Safety
/// As for the C function `ramfs_init`: `sb` must be valid for the reads and writes the C function makes through it.
pub unsafe fn ramfs_init(sb: *mut ramfs_sb, max_pages: u64) -> i32 {
    unsafe { crate::shared::memset(sb as *mut core::ffi::c_void, 0i32, 48u64) };
    unsafe { (*sb).next_ino = 1u64 };
    unsafe { (*sb).max_pages = max_pages };
    let inode: *mut ramfs_inode =
        unsafe { crate::m_super::ramfs_get_inode(sb, (16384i32 | 493i32) as u32) };
    if inode.is_null() {
        return -12i32;
    }
    unsafe {
        (*sb).root =
            crate::namei::ramfs_d_alloc(core::ptr::null_mut::<ramfs_dentry>(), c"".as_ptr(), inode)
    };
    if unsafe { (*sb).root.is_null() } {
        unsafe { crate::m_super::ramfs_evict_inode(inode) };
        return -12i32;
    }
    0i32
}
// llmigrate:end ramfs_init

// llmigrate:begin destroy_tree
// Children first, so every directory is empty by the time it goes.
/// # Safety
/// As for the C function `destroy_tree`: `dir` must be valid for the reads and writes the C function makes through it.
pub unsafe fn destroy_tree(dir: *mut ramfs_dentry) {
    let mut d: *mut ramfs_dentry;
    d = unsafe {
        let __mptr: *const list_head =
            (*core::ptr::addr_of_mut!((*dir).subdirs)).next as *const list_head;
        (__mptr as *mut i8).wrapping_offset(272isize.wrapping_neg()) as *mut ramfs_dentry
    };
    let mut tmp: *mut ramfs_dentry = unsafe {
        let __mptr_1: *const list_head = (*d).child.next as *const list_head;
        (__mptr_1 as *mut i8).wrapping_offset(272isize.wrapping_neg()) as *mut ramfs_dentry
    };
    while unsafe { core::ptr::addr_of_mut!((*d).child) != core::ptr::addr_of_mut!((*dir).subdirs) }
    {
        unsafe { crate::m_super::destroy_tree(d) };
        unsafe { crate::namei::ramfs_d_delete(d) };
        d = tmp;
        tmp = unsafe {
            let __mptr_2: *const list_head = (*tmp).child.next as *const list_head;
            (__mptr_2 as *mut i8).wrapping_offset(272isize.wrapping_neg()) as *mut ramfs_dentry
        };
    }
}
// llmigrate:end destroy_tree

// llmigrate:begin ramfs_destroy
/// # Safety
/// As for the C function `ramfs_destroy`: `sb` must be valid for the reads and writes the C function makes through it.
pub unsafe fn ramfs_destroy(sb: *mut ramfs_sb) {
    if unsafe { (*sb).root.is_null() } {
        return;
    }
    unsafe { crate::m_super::destroy_tree((*sb).root) };
    unsafe { crate::m_super::ramfs_evict_inode((*(*sb).root).inode) };
    unsafe { crate::shared::free((*sb).root as *mut core::ffi::c_void) };
    unsafe { (*sb).root = core::ptr::null_mut::<ramfs_dentry>() };
}
// llmigrate:end ramfs_destroy

// llmigrate:begin ramfs_statfs
pub fn ramfs_statfs(sb: &ramfs_sb, st: &mut ramfs_kstatfs) {
    st.f_files = sb.nr_inodes;
    st.f_pages = sb.nr_pages;
    st.f_bytes = sb.nr_bytes;
    st.f_bfree = if sb.max_pages != 0 {
        sb.max_pages.wrapping_sub(sb.nr_pages)
    } else {
        u64::MAX
    };
    st.f_bsize = 1u64.wrapping_shl(12u32) as u32;
    st.f_namelen = 255u32;
}
// llmigrate:end ramfs_statfs
