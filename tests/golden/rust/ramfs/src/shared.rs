// Shared items of the C code: types, constants, globals and external declarations.

#[repr(C)]
#[derive(Clone, Copy)]
pub struct list_head {
    pub next: *mut list_head,
    pub prev: *mut list_head,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct ramfs_dentry {
    pub name: [i8; 256],
    pub inode: *mut ramfs_inode,
    pub parent: *mut ramfs_dentry,
    pub child: list_head,
    pub subdirs: list_head,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct ramfs_sb {
    pub root: *mut ramfs_dentry,
    pub next_ino: u64,
    pub nr_inodes: u64,
    pub nr_pages: u64,
    pub max_pages: u64,
    pub nr_bytes: u64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct ramfs_inode {
    pub ino: u64,
    pub mode: u32,
    pub nlink: u32,
    pub size: u64,
    pub sb: *mut ramfs_sb,
    pub pages: [*mut u8; 256],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct ramfs_kstatfs {
    pub f_files: u64,
    pub f_pages: u64,
    pub f_bytes: u64,
    pub f_bfree: u64,
    pub f_bsize: u32,
    pub f_namelen: u32,
}

pub type uint8_t = u8;

pub type uint16_t = u16;

pub type uint32_t = u32;

pub type uint64_t = u64;

pub type s8 = i8;

pub type int8_t = i8;

pub type s16 = i16;

pub type int16_t = i16;

pub type s32 = i32;

pub type int32_t = i32;

pub type s64 = i64;

pub type int64_t = i64;

pub type size_t = usize;

pub type ssize_t = isize;

pub const S_IFDIR: i32 = 16384i32;

pub const S_IFREG: i32 = 32768i32;

pub const U64_MAX: u64 = u64::MAX;

pub const EPERM: i32 = 1i32;

pub const ENOENT: i32 = 2i32;

pub const ENOMEM: i32 = 12i32;

pub const EBUSY: i32 = 16i32;

pub const EEXIST: i32 = 17i32;

pub const ENOTDIR: i32 = 20i32;

pub const EISDIR: i32 = 21i32;

pub const EINVAL: i32 = 22i32;

pub const EFBIG: i32 = 27i32;

pub const ENOSPC: i32 = 28i32;

pub const ENAMETOOLONG: i32 = 36i32;

pub const ENOTEMPTY: i32 = 39i32;

pub const MAX_ERRNO: i32 = 4095i32;

pub const S_IFMT: i32 = 61440i32;

pub const RAMFS_PAGE_SHIFT: i32 = 12i32;

pub const RAMFS_PAGE_SIZE: u64 = 4096u64;

pub const RAMFS_NAME_MAX: i32 = 255i32;

pub const RAMFS_MAX_PAGES: i32 = 256i32;

pub const RAMFS_MAX_FILE_SIZE: u64 = 1048576u64;

unsafe extern "C" {
    pub fn calloc(nmemb: u64, size: u64) -> *mut core::ffi::c_void;
    pub fn free(ptr: *mut core::ffi::c_void);
    pub fn memcpy(
        dest: *mut core::ffi::c_void,
        src: *const core::ffi::c_void,
        n: u64,
    ) -> *mut core::ffi::c_void;
    pub fn memset(s: *mut core::ffi::c_void, c: i32, n: u64) -> *mut core::ffi::c_void;
    pub fn strcmp(s1: *const i8, s2: *const i8) -> i32;
    pub fn strlen(s: *const i8) -> u64;
}

// Layout checks: rustc verifies clang's size, alignment and offsets.
const _: () = assert!(core::mem::size_of::<list_head>() == 16);
const _: () = assert!(core::mem::align_of::<list_head>() == 8);
const _: () = assert!(core::mem::offset_of!(list_head, next) == 0);
const _: () = assert!(core::mem::offset_of!(list_head, prev) == 8);
const _: () = assert!(core::mem::size_of::<ramfs_dentry>() == 304);
const _: () = assert!(core::mem::align_of::<ramfs_dentry>() == 8);
const _: () = assert!(core::mem::offset_of!(ramfs_dentry, name) == 0);
const _: () = assert!(core::mem::offset_of!(ramfs_dentry, inode) == 256);
const _: () = assert!(core::mem::offset_of!(ramfs_dentry, parent) == 264);
const _: () = assert!(core::mem::offset_of!(ramfs_dentry, child) == 272);
const _: () = assert!(core::mem::offset_of!(ramfs_dentry, subdirs) == 288);
const _: () = assert!(core::mem::size_of::<ramfs_sb>() == 48);
const _: () = assert!(core::mem::align_of::<ramfs_sb>() == 8);
const _: () = assert!(core::mem::offset_of!(ramfs_sb, root) == 0);
const _: () = assert!(core::mem::offset_of!(ramfs_sb, next_ino) == 8);
const _: () = assert!(core::mem::offset_of!(ramfs_sb, nr_inodes) == 16);
const _: () = assert!(core::mem::offset_of!(ramfs_sb, nr_pages) == 24);
const _: () = assert!(core::mem::offset_of!(ramfs_sb, max_pages) == 32);
const _: () = assert!(core::mem::offset_of!(ramfs_sb, nr_bytes) == 40);
const _: () = assert!(core::mem::size_of::<ramfs_inode>() == 2080);
const _: () = assert!(core::mem::align_of::<ramfs_inode>() == 8);
const _: () = assert!(core::mem::offset_of!(ramfs_inode, ino) == 0);
const _: () = assert!(core::mem::offset_of!(ramfs_inode, mode) == 8);
const _: () = assert!(core::mem::offset_of!(ramfs_inode, nlink) == 12);
const _: () = assert!(core::mem::offset_of!(ramfs_inode, size) == 16);
const _: () = assert!(core::mem::offset_of!(ramfs_inode, sb) == 24);
const _: () = assert!(core::mem::offset_of!(ramfs_inode, pages) == 32);
const _: () = assert!(core::mem::size_of::<ramfs_kstatfs>() == 40);
const _: () = assert!(core::mem::align_of::<ramfs_kstatfs>() == 8);
const _: () = assert!(core::mem::offset_of!(ramfs_kstatfs, f_files) == 0);
const _: () = assert!(core::mem::offset_of!(ramfs_kstatfs, f_pages) == 8);
const _: () = assert!(core::mem::offset_of!(ramfs_kstatfs, f_bytes) == 16);
const _: () = assert!(core::mem::offset_of!(ramfs_kstatfs, f_bfree) == 24);
const _: () = assert!(core::mem::offset_of!(ramfs_kstatfs, f_bsize) == 32);
const _: () = assert!(core::mem::offset_of!(ramfs_kstatfs, f_namelen) == 36);
