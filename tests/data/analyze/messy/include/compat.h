/* compat.h - kernel-isms defined by the code itself */
#ifndef COMPAT_H
#define COMPAT_H

typedef unsigned int u32;
typedef unsigned long long u64;
typedef _Bool bool;

#define __my_hot
#define MY_TRACE(fmt, ...)
#define __always_inline inline __attribute__((__always_inline__))
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define module_init(fn) int __initcall_##fn(void) { return fn(); }

#endif
