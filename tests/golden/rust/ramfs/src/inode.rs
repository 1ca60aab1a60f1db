// SPDX-License-Identifier: GPL-2.0
// ramfs file data: sparse pages, read, write and truncate.
//
// Invariant: bytes of an allocated page that lie beyond i_size are zero, so
// growing a file (by truncate or by a write past EOF) exposes zeros, just as
// reading a hole does.
use crate::shared::*;

// llmigrate:begin get_page
// The page at @idx, allocated zero-filled if it was a hole.
/// # Safety
/// As for the C function `get_page`: `inode` must be valid for the reads and writes the C function makes through it.
pub unsafe fn get_page(inode: *mut ramfs_inode, idx: usize) -> *mut u8 {
    let sb: *mut ramfs_sb = unsafe { (*inode).sb };
    let mut page: *mut u8 =
        unsafe { *(core::ptr::addr_of_mut!((*inode).pages) as *mut *mut u8).add(idx) };
    if !page.is_null() {
        return page;
    }
    if unsafe { (*sb).max_pages != 0 && (*sb).nr_pages >= (*sb).max_pages } {
        return crate::kcompat_h::ERR_PTR(-28i64) as *mut u8;
    }
    page = unsafe { crate::shared::calloc(1u64, 1u64.wrapping_shl(12u32)) as *mut u8 };
    if page.is_null() {
        return crate::kcompat_h::ERR_PTR(-12i64) as *mut u8;
    }
    unsafe { *(core::ptr::addr_of_mut!((*inode).pages) as *mut *mut u8).add(idx) = page };
    unsafe { (*sb).nr_pages = (*sb).nr_pages.wrapping_add(1) };
    page
}
// llmigrate:end get_page

// llmigrate:begin ramfs_truncate_pages
// Drop the pages lying wholly at or beyond @size and zero the tail of the
// page that straddles it. Does not touch i_size.
/// # Safety
/// As for the C function `ramfs_truncate_pages`: `inode` must be valid for the reads and writes the C function makes through it.
pub unsafe fn ramfs_truncate_pages(inode: *mut ramfs_inode, size: u64) {
    let keep: usize = size
        .wrapping_add(1u64.wrapping_shl(12u32))
        .wrapping_sub(1u64)
        .wrapping_div(1u64.wrapping_shl(12u32)) as usize;
    let mut i: usize;
    let off: usize = (size & 1u64.wrapping_shl(12u32).wrapping_sub(1u64)) as usize;
    i = keep;
    while i < 2048u64.wrapping_div(8u64) as usize {
        if unsafe { !(*(core::ptr::addr_of_mut!((*inode).pages) as *mut *mut u8).add(i)).is_null() }
        {
            unsafe {
                crate::shared::free(
                    *(core::ptr::addr_of_mut!((*inode).pages) as *mut *mut u8).add(i)
                        as *mut core::ffi::c_void,
                )
            };
            unsafe {
                *(core::ptr::addr_of_mut!((*inode).pages) as *mut *mut u8).add(i) =
                    core::ptr::null_mut::<u8>()
            };
            unsafe { (*(*inode).sb).nr_pages = (*(*inode).sb).nr_pages.wrapping_sub(1) };
        }
        i = i.wrapping_add(1);
    }
    if unsafe {
        off != 0
            && !(*(core::ptr::addr_of_mut!((*inode).pages) as *mut *mut u8)
                .add(keep.wrapping_sub(1usize)))
            .is_null()
    } {
        unsafe {
            crate::shared::memset(
                (*(core::ptr::addr_of_mut!((*inode).pages) as *mut *mut u8)
                    .add(keep.wrapping_sub(1usize)))
                .wrapping_add(off) as *mut core::ffi::c_void,
                0i32,
                1u64.wrapping_shl(12u32).wrapping_sub(off as u64),
            )
        };
    }
}
// llmigrate:end ramfs_truncate_pages

// llmigrate:begin ramfs_write
// Pages are allocated as they are touched; a gap between the old end of file
// and @pos stays a hole. Running out of space part way returns the short count.
/// # Safety
/// As for the C function `ramfs_write`: `inode`, `buf` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_write(
    inode: *mut ramfs_inode,
    pos: u64,
    buf: *const core::ffi::c_void,
    len: usize,
) -> isize {
    let src: *const u8 = buf as *const u8;
    let mut done: usize = 0usize;
    if unsafe { ((*inode).mode & 61440u32) == 16384u32 } {
        return -21isize;
    }
    if pos > 256u64.wrapping_shl(12u32)
        || len > 256u64.wrapping_shl(12u32).wrapping_sub(pos) as usize
    {
        return -27isize;
    }
    'l1: while done < len {
        let cur: u64 = pos.wrapping_add(done as u64);
        let off: usize = (cur & 1u64.wrapping_shl(12u32).wrapping_sub(1u64)) as usize;
        let chunk: usize = {
            let __min1: usize = 1u64.wrapping_shl(12u32).wrapping_sub(off as u64) as usize;
            let __min2: usize = len.wrapping_sub(done);
            if __min1 < __min2 {
                __min1
            } else {
                __min2
            }
        };
        let page: *mut u8 =
            unsafe { crate::inode::get_page(inode, cur.wrapping_shr(12u32) as usize) };
        if unsafe { crate::kcompat_h::IS_ERR(page as *const core::ffi::c_void) } {
            if done == 0 {
                return unsafe {
                    crate::kcompat_h::PTR_ERR(page as *const core::ffi::c_void) as isize
                };
            }
            break 'l1;
        }
        unsafe {
            crate::shared::memcpy(
                page.wrapping_add(off) as *mut core::ffi::c_void,
                src.wrapping_add(done) as *const core::ffi::c_void,
                chunk as u64,
            )
        };
        done = done.wrapping_add(chunk);
    }
    if unsafe { pos.wrapping_add(done as u64) > (*inode).size } {
        unsafe {
            (*(*inode).sb).nr_bytes = (*(*inode).sb)
                .nr_bytes
                .wrapping_add(pos.wrapping_add(done as u64).wrapping_sub((*inode).size))
        };
        unsafe { (*inode).size = pos.wrapping_add(done as u64) };
    }
    done as isize
}
// llmigrate:end ramfs_write

// llmigrate:begin ramfs_read
// Return: bytes read (0 at or past EOF) or -EISDIR. Holes read as zeros.
/// # Safety
/// As for the C function `ramfs_read`: `inode`, `buf` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_read(
    inode: *mut ramfs_inode,
    pos: u64,
    buf: *mut core::ffi::c_void,
    len: usize,
) -> isize {
    let mut len = len;
    let dst: *mut u8 = buf as *mut u8;
    let mut done: usize = 0usize;
    if unsafe { ((*inode).mode & 61440u32) == 16384u32 } {
        return -21isize;
    }
    if unsafe { pos >= (*inode).size } {
        return 0isize;
    }
    len = unsafe {
        ({
            let __min1: u64 = len as u64;
            let __min2: u64 = (*inode).size.wrapping_sub(pos);
            if __min1 < __min2 {
                __min1
            } else {
                __min2
            }
        }) as usize
    };
    while done < len {
        let cur: u64 = pos.wrapping_add(done as u64);
        let off: usize = (cur & 1u64.wrapping_shl(12u32).wrapping_sub(1u64)) as usize;
        let chunk: usize = {
            let __min1_1: usize = 1u64.wrapping_shl(12u32).wrapping_sub(off as u64) as usize;
            let __min2_1: usize = len.wrapping_sub(done);
            if __min1_1 < __min2_1 {
                __min1_1
            } else {
                __min2_1
            }
        };
        let page: *const u8 = unsafe {
            *(core::ptr::addr_of_mut!((*inode).pages) as *mut *mut u8)
                .add(cur.wrapping_shr(12u32) as usize) as *const u8
        };
        if !page.is_null() {
            unsafe {
                crate::shared::memcpy(
                    dst.wrapping_add(done) as *mut core::ffi::c_void,
                    page.wrapping_add(off) as *const core::ffi::c_void,
                    chunk as u64,
                )
            };
        } else {
            unsafe {
                crate::shared::memset(
                    dst.wrapping_add(done) as *mut core::ffi::c_void,
                    0i32,
                    chunk as u64,
                )
            };
        }
        done = done.wrapping_add(chunk);
    }
    done as isize
}
// llmigrate:end ramfs_read

// llmigrate:begin ramfs_truncate
// Set the file size; shrinking frees pages, growing leaves a hole.
/// # Safety
/// As for the C function `ramfs_truncate`: `inode` must be valid for the reads and writes the C function makes through it.
pub unsafe fn ramfs_truncate(inode: *mut ramfs_inode, size: u64) -> i32 {
    let sb: *mut ramfs_sb = unsafe { (*inode).sb };
    if unsafe { ((*inode).mode & 61440u32) == 16384u32 } {
        return -21i32;
    }
    if size > 256u64.wrapping_shl(12u32) {
        return -27i32;
    }
    if unsafe { size < (*inode).size } {
        unsafe { crate::inode::ramfs_truncate_pages(inode, size) };
    }
    unsafe {
        (*sb).nr_bytes = (*sb)
            .nr_bytes
            .wrapping_sub((*inode).size)
            .wrapping_add(size)
    };
    unsafe { (*inode).size = size };
    0i32
}
// llmigrate:end ramfs_truncate
