// SPDX-License-Identifier: GPL-2.0
// ramfs names: dentries, path walking and the namespace operations.
use crate::shared::*;

// llmigrate:begin ramfs_d_alloc
/// # Safety
/// As for the C function `ramfs_d_alloc`: `parent`, `name`, `inode` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_d_alloc(
    parent: *mut ramfs_dentry,
    name: *const i8,
    inode: *mut ramfs_inode,
) -> *mut ramfs_dentry {
    let mut d: *mut ramfs_dentry =
        unsafe { crate::shared::calloc(1u64, 304u64) as *mut ramfs_dentry };
    if d.is_null() {
        return core::ptr::null_mut::<ramfs_dentry>();
    }
    unsafe {
        crate::shared::memcpy(
            core::ptr::addr_of_mut!((*d).name) as *mut i8 as *mut core::ffi::c_void,
            name as *const core::ffi::c_void,
            crate::shared::strlen(name).wrapping_add(1u64),
        )
    };
    unsafe { (*d).inode = inode };
    unsafe { crate::list_h::INIT_LIST_HEAD(core::ptr::addr_of_mut!((*d).subdirs)) };
    if !parent.is_null() {
        unsafe { (*d).parent = parent };
        unsafe {
            crate::list_h::list_add_tail(
                core::ptr::addr_of_mut!((*d).child),
                core::ptr::addr_of_mut!((*parent).subdirs),
            )
        };
    } else {
        unsafe { (*d).parent = d };
        unsafe { crate::list_h::INIT_LIST_HEAD(core::ptr::addr_of_mut!((*d).child)) };
    }
    d
}
// llmigrate:end ramfs_d_alloc

// llmigrate:begin ramfs_d_delete
// Remove a name and its inode; a directory must already be empty.
/// # Safety
/// As for the C function `ramfs_d_delete`: `dentry` must be valid for the reads and writes the C function makes through it.
pub unsafe fn ramfs_d_delete(dentry: *mut ramfs_dentry) {
    if unsafe { ((*(*dentry).inode).mode & 61440u32) == 16384u32 } {
        unsafe {
            (*(*(*dentry).parent).inode).nlink = (*(*(*dentry).parent).inode).nlink.wrapping_sub(1)
        };
    }
    unsafe { crate::m_super::ramfs_evict_inode((*dentry).inode) };
    unsafe { crate::list_h::list_del(core::ptr::addr_of_mut!((*dentry).child)) };
    unsafe { crate::shared::free(dentry as *mut core::ffi::c_void) };
}
// llmigrate:end ramfs_d_delete

// llmigrate:begin is_dot_or_dotdot
/// # Safety
/// As for the C function `is_dot_or_dotdot`: `name` must be valid for the reads and writes the C function makes through it.
pub unsafe fn is_dot_or_dotdot(name: *const i8) -> bool {
    unsafe {
        *name.offset(0isize) as i32 == 46i32
            && (*name.offset(1isize) == 0
                || *name.offset(1isize) as i32 == 46i32 && *name.offset(2isize) == 0)
    }
}
// llmigrate:end is_dot_or_dotdot

// llmigrate:begin next_component
// Copy the next component of *pathp into @name and advance past it.
// Return: its length, 0 at the end of the path, or -ENAMETOOLONG.
/// # Safety
/// As for the C function `next_component`: `pathp`, `name` must be valid for the reads and writes the C function makes through them.
pub unsafe fn next_component(pathp: *mut *const i8, name: *mut i8) -> i32 {
    let mut p: *const i8 = unsafe { *pathp };
    while unsafe { *p as i32 == 47i32 } {
        p = p.wrapping_offset(1);
    }
    let start: *const i8 = p;
    while unsafe { *p as i32 != 0 && *p as i32 != 47i32 } {
        p = p.wrapping_offset(1);
    }
    let len: usize = (p as isize).wrapping_sub(start as isize) as i64 as usize;
    if len > 255usize {
        return -36i32;
    }
    unsafe {
        crate::shared::memcpy(
            name as *mut core::ffi::c_void,
            start as *const core::ffi::c_void,
            len as u64,
        )
    };
    unsafe { *name.add(len) = 0i8 };
    unsafe { *pathp = p };
    len as i32
}
// llmigrate:end next_component

// llmigrate:begin d_find_child
/// # Safety
/// As for the C function `d_find_child`: `dir`, `name` must be valid for the reads and writes the C function makes through them.
pub unsafe fn d_find_child(dir: *mut ramfs_dentry, name: *const i8) -> *mut ramfs_dentry {
    let mut d: *mut ramfs_dentry;
    d = unsafe {
        let __mptr: *const list_head =
            (*core::ptr::addr_of_mut!((*dir).subdirs)).next as *const list_head;
        (__mptr as *mut i8).wrapping_offset(272isize.wrapping_neg()) as *mut ramfs_dentry
    };
    while unsafe { core::ptr::addr_of_mut!((*d).child) != core::ptr::addr_of_mut!((*dir).subdirs) }
    {
        if unsafe {
            crate::shared::strcmp(
                core::ptr::addr_of_mut!((*d).name) as *mut i8 as *const i8,
                name,
            ) == 0
        } {
            return d;
        }
        d = unsafe {
            let __mptr_1: *const list_head = (*d).child.next as *const list_head;
            (__mptr_1 as *mut i8).wrapping_offset(272isize.wrapping_neg()) as *mut ramfs_dentry
        };
    }
    core::ptr::null_mut::<ramfs_dentry>()
}
// llmigrate:end d_find_child

// llmigrate:begin d_step
// Resolve one component below @dir.
/// # Safety
/// As for the C function `d_step`: `dir`, `name` must be valid for the reads and writes the C function makes through them.
pub unsafe fn d_step(dir: *mut ramfs_dentry, name: *const i8) -> *mut ramfs_dentry {
    if unsafe { ((*(*dir).inode).mode & 61440u32) != 16384u32 } {
        return crate::kcompat_h::ERR_PTR(-20i64) as *mut ramfs_dentry;
    }
    if unsafe { crate::shared::strcmp(name, c".".as_ptr()) == 0 } {
        return dir;
    }
    if unsafe { crate::shared::strcmp(name, c"..".as_ptr()) == 0 } {
        return unsafe { (*dir).parent };
    }
    unsafe {
        ({
            let t1 = crate::namei::d_find_child(dir, name);
            if !t1.is_null() {
                t1 as *mut core::ffi::c_void
            } else {
                crate::kcompat_h::ERR_PTR(-2i64)
            }
        }) as *mut ramfs_dentry
    }
}
// llmigrate:end d_step

// llmigrate:begin path_walk
// Walk an absolute path. With @last == NULL resolve every component;
// otherwise stop before the final one, copy it to @last and return the
// directory that should contain it ("/" gives the root and an empty @last).
/// # Safety
/// As for the C function `path_walk`: `sb`, `path`, `last` must be valid for the reads and writes the C function makes through them.
pub unsafe fn path_walk(sb: *mut ramfs_sb, path: *const i8, last: *mut i8) -> *mut ramfs_dentry {
    let mut path = path;
    let mut name: [i8; 256] = [0i8; 256];
    let mut next: [i8; 256] = [0i8; 256];
    let mut d: *mut ramfs_dentry = unsafe { (*sb).root };
    let mut next_len: i32;
    if unsafe { path.is_null() || *path as i32 != 47i32 } {
        return crate::kcompat_h::ERR_PTR(-22i64) as *mut ramfs_dentry;
    }
    let mut len: i32 =
        unsafe { crate::namei::next_component(core::ptr::addr_of_mut!(path), name.as_mut_ptr()) };
    'l1: while len > 0i32 {
        next_len = unsafe {
            crate::namei::next_component(core::ptr::addr_of_mut!(path), next.as_mut_ptr())
        };
        if next_len < 0i32 {
            return crate::kcompat_h::ERR_PTR(next_len as i64) as *mut ramfs_dentry;
        }
        if next_len == 0 && !last.is_null() {
            break 'l1;
        }
        d = unsafe { crate::namei::d_step(d, name.as_mut_ptr() as *const i8) };
        if unsafe { crate::kcompat_h::IS_ERR(d as *const core::ffi::c_void) } {
            return d;
        }
        unsafe {
            crate::shared::memcpy(
                name.as_mut_ptr() as *mut core::ffi::c_void,
                next.as_mut_ptr() as *const core::ffi::c_void,
                (next_len as usize).wrapping_add(1usize) as u64,
            )
        };
        len = next_len;
    }
    if len < 0i32 {
        return crate::kcompat_h::ERR_PTR(len as i64) as *mut ramfs_dentry;
    }
    if !last.is_null() {
        if unsafe { ((*(*d).inode).mode & 61440u32) != 16384u32 } {
            return crate::kcompat_h::ERR_PTR(-20i64) as *mut ramfs_dentry;
        }
        unsafe {
            crate::shared::memcpy(
                last as *mut core::ffi::c_void,
                name.as_mut_ptr() as *const core::ffi::c_void,
                (len as usize).wrapping_add(1usize) as u64,
            )
        };
    }
    d
}
// llmigrate:end path_walk

// llmigrate:begin lookup_victim
// The existing entry @path names, refusing "/", "." and "..".
/// # Safety
/// As for the C function `lookup_victim`: `sb`, `path` must be valid for the reads and writes the C function makes through them.
pub unsafe fn lookup_victim(sb: *mut ramfs_sb, path: *const i8) -> *mut ramfs_dentry {
    let mut name: [i8; 256] = [0i8; 256];
    let dir: *mut ramfs_dentry = unsafe { crate::namei::path_walk(sb, path, name.as_mut_ptr()) };
    if unsafe { crate::kcompat_h::IS_ERR(dir as *const core::ffi::c_void) } {
        return dir;
    }
    if name[0usize] == 0 {
        return crate::kcompat_h::ERR_PTR(-16i64) as *mut ramfs_dentry;
    }
    if unsafe { crate::namei::is_dot_or_dotdot(name.as_mut_ptr() as *const i8) } {
        return crate::kcompat_h::ERR_PTR(-22i64) as *mut ramfs_dentry;
    }
    unsafe {
        ({
            let t1 = crate::namei::d_find_child(dir, name.as_mut_ptr() as *const i8);
            if !t1.is_null() {
                t1 as *mut core::ffi::c_void
            } else {
                crate::kcompat_h::ERR_PTR(-2i64)
            }
        }) as *mut ramfs_dentry
    }
}
// llmigrate:end lookup_victim

// llmigrate:begin d_is_ancestor
// Is @anc @d itself or one of its ancestors?
/// # Safety
/// As for the C function `d_is_ancestor`: `anc`, `d` must be valid for the reads and writes the C function makes through them.
pub unsafe fn d_is_ancestor(anc: *const ramfs_dentry, d: *const ramfs_dentry) -> bool {
    let mut d = d;
    while unsafe { d != anc && (*d).parent != d as *mut ramfs_dentry } {
        d = unsafe { (*d).parent as *const ramfs_dentry };
    }
    d == anc
}
// llmigrate:end d_is_ancestor

// llmigrate:begin ramfs_lookup
/// # Safety
/// As for the C function `ramfs_lookup`: `sb`, `path` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_lookup(sb: *mut ramfs_sb, path: *const i8) -> *mut ramfs_dentry {
    unsafe { crate::namei::path_walk(sb, path, core::ptr::null_mut::<i8>()) }
}
// llmigrate:end ramfs_lookup

// llmigrate:begin ramfs_create
// Create a regular file or a directory, as @mode says.
/// # Safety
/// As for the C function `ramfs_create`: `sb`, `path` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_create(sb: *mut ramfs_sb, path: *const i8, mode: u32) -> i32 {
    let mut name: [i8; 256] = [0i8; 256];
    if (mode & 61440u32) != 16384u32 && (mode & 61440u32) != 32768u32 {
        return -22i32;
    }
    let dir: *mut ramfs_dentry = unsafe { crate::namei::path_walk(sb, path, name.as_mut_ptr()) };
    if unsafe { crate::kcompat_h::IS_ERR(dir as *const core::ffi::c_void) } {
        return unsafe { crate::kcompat_h::PTR_ERR(dir as *const core::ffi::c_void) as i32 };
    }
    if unsafe {
        name[0usize] == 0
            || crate::namei::is_dot_or_dotdot(name.as_mut_ptr() as *const i8) as i32 != 0
            || !crate::namei::d_find_child(dir, name.as_mut_ptr() as *const i8).is_null()
    } {
        return -17i32;
    }
    let inode: *mut ramfs_inode = unsafe { crate::m_super::ramfs_get_inode(sb, mode) };
    if inode.is_null() {
        return -12i32;
    }
    if unsafe { crate::namei::ramfs_d_alloc(dir, name.as_mut_ptr() as *const i8, inode).is_null() }
    {
        unsafe { crate::m_super::ramfs_evict_inode(inode) };
        return -12i32;
    }
    if (mode & 61440u32) == 16384u32 {
        unsafe { (*(*dir).inode).nlink = (*(*dir).inode).nlink.wrapping_add(1) };
    }
    0i32
}
// llmigrate:end ramfs_create

// llmigrate:begin ramfs_mkdir
/// # Safety
/// As for the C function `ramfs_mkdir`: `sb`, `path` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_mkdir(sb: *mut ramfs_sb, path: *const i8) -> i32 {
    unsafe { crate::namei::ramfs_create(sb, path, (16384i32 | 493i32) as u32) }
}
// llmigrate:end ramfs_mkdir

// llmigrate:begin remove_entry
/// # Safety
/// As for the C function `remove_entry`: `sb`, `path` must be valid for the reads and writes the C function makes through them.
pub unsafe fn remove_entry(sb: *mut ramfs_sb, path: *const i8, want_dir: bool) -> i32 {
    let d: *mut ramfs_dentry = unsafe { crate::namei::lookup_victim(sb, path) };
    if unsafe { crate::kcompat_h::IS_ERR(d as *const core::ffi::c_void) } {
        return unsafe { crate::kcompat_h::PTR_ERR(d as *const core::ffi::c_void) as i32 };
    }
    if unsafe { (((*(*d).inode).mode & 61440u32) == 16384u32) as i32 != want_dir as i32 } {
        return if want_dir as i32 != 0 { -20i32 } else { -21i32 };
    }
    if unsafe {
        !crate::list_h::list_empty(core::ptr::addr_of_mut!((*d).subdirs) as *const list_head)
    } {
        return -39i32;
    }
    unsafe { crate::namei::ramfs_d_delete(d) };
    0i32
}
// llmigrate:end remove_entry

// llmigrate:begin ramfs_unlink
/// # Safety
/// As for the C function `ramfs_unlink`: `sb`, `path` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_unlink(sb: *mut ramfs_sb, path: *const i8) -> i32 {
    unsafe { crate::namei::remove_entry(sb, path, false) }
}
// llmigrate:end ramfs_unlink

// llmigrate:begin ramfs_rmdir
/// # Safety
/// As for the C function `ramfs_rmdir`: `sb`, `path` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_rmdir(sb: *mut ramfs_sb, path: *const i8) -> i32 {
    unsafe { crate::namei::remove_entry(sb, path, true) }
}
// llmigrate:end ramfs_rmdir

// llmigrate:begin ramfs_rename
// ramfs_rename - move @oldpath to @newpath, replacing what is there
//
// A file may replace a file, a directory only an empty directory.
/// # Safety
/// As for the C function `ramfs_rename`: `sb`, `oldpath`, `newpath` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ramfs_rename(sb: *mut ramfs_sb, oldpath: *const i8, newpath: *const i8) -> i32 {
    let mut name: [i8; 256] = [0i8; 256];
    let mut old: *mut ramfs_dentry = unsafe { crate::namei::lookup_victim(sb, oldpath) };
    if unsafe { crate::kcompat_h::IS_ERR(old as *const core::ffi::c_void) } {
        return unsafe { crate::kcompat_h::PTR_ERR(old as *const core::ffi::c_void) as i32 };
    }
    let mut dir: *mut ramfs_dentry =
        unsafe { crate::namei::path_walk(sb, newpath, name.as_mut_ptr()) };
    if unsafe { crate::kcompat_h::IS_ERR(dir as *const core::ffi::c_void) } {
        return unsafe { crate::kcompat_h::PTR_ERR(dir as *const core::ffi::c_void) as i32 };
    }
    if name[0usize] == 0 {
        return -16i32;
    }
    let is_dir: bool = unsafe { ((*(*old).inode).mode & 61440u32) == 16384u32 };
    if unsafe {
        crate::namei::is_dot_or_dotdot(name.as_mut_ptr() as *const i8) as i32 != 0
            || is_dir as i32 != 0
                && crate::namei::d_is_ancestor(
                    old as *const ramfs_dentry,
                    dir as *const ramfs_dentry,
                ) as i32
                    != 0
    } {
        return -22i32;
    }
    let mut target: *mut ramfs_dentry =
        unsafe { crate::namei::d_find_child(dir, name.as_mut_ptr() as *const i8) };
    if target == old {
        return 0i32;
    }
    if !target.is_null() {
        if unsafe { is_dir as i32 != 0 && ((*(*target).inode).mode & 61440u32) != 16384u32 } {
            return -20i32;
        }
        if unsafe { !is_dir && ((*(*target).inode).mode & 61440u32) == 16384u32 } {
            return -21i32;
        }
        if unsafe {
            !crate::list_h::list_empty(
                core::ptr::addr_of_mut!((*target).subdirs) as *const list_head
            )
        } {
            return -39i32;
        }
        unsafe { crate::namei::ramfs_d_delete(target) };
    }
    if is_dir {
        unsafe {
            (*(*(*old).parent).inode).nlink = (*(*(*old).parent).inode).nlink.wrapping_sub(1)
        };
        unsafe { (*(*dir).inode).nlink = (*(*dir).inode).nlink.wrapping_add(1) };
    }
    unsafe { crate::list_h::list_del(core::ptr::addr_of_mut!((*old).child)) };
    unsafe {
        crate::list_h::list_add_tail(
            core::ptr::addr_of_mut!((*old).child),
            core::ptr::addr_of_mut!((*dir).subdirs),
        )
    };
    unsafe { (*old).parent = dir };
    unsafe {
        crate::shared::memcpy(
            core::ptr::addr_of_mut!((*old).name) as *mut i8 as *mut core::ffi::c_void,
            name.as_mut_ptr() as *const core::ffi::c_void,
            crate::shared::strlen(name.as_mut_ptr() as *const i8).wrapping_add(1u64),
        )
    };
    0i32
}
// llmigrate:end ramfs_rename
