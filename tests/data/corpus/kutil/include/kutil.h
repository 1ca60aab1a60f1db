#ifndef _KUTIL_H
#define _KUTIL_H
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
typedef unsigned __int128 u128;

#define EXPORT_SYMBOL(sym)
#define MAX_NAME 15
#define GRID 4

int __ilog2_u64(u64 n);
#define ilog2(n) (__builtin_constant_p(n) ? ((n) < 2 ? 0 : 63 - __builtin_clzll(n)) : __ilog2_u64(n))
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n) - 1)) == 0))

enum param_kind { P_INT, P_STR };

struct kparam {
	const char *name;
	enum param_kind kind;
	union {
		long ival;
		const char *sval;
	};
	struct {
		unsigned short perm;
		u8 hidden;
	};
};

u64 mul_u64_u64_shr(u64 a, u64 b, unsigned int shift);
u128 mul_u64_full(u64 a, u64 b);
size_t strscpy(char *dest, const char *src, size_t count);
int match_name(const char *a, const char *b);
int order_base_2(unsigned long n);
const struct kparam *param_find(const char *name);
long param_int(const char *name, long fallback);
int param_count_visible(void);
long grid_walk(const int (*g)[GRID], int rows);
int name_table_fill(char names[][MAX_NAME + 1], int n, const char *prefix);
u32 hash_32(u32 val, unsigned int bits);
#endif
