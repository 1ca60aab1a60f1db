#ifndef MINI_H
#define MINI_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct pair {
	uint32_t a;
	uint8_t b;
};

uint64_t add_u64(uint64_t a, uint64_t b);
int32_t add_i32(int32_t a, int32_t b);
uint32_t mid(uint32_t lo, uint32_t hi);
uint64_t triple(uint64_t x);
uint32_t sum_u32(const uint32_t *buf, size_t n);
void fill(uint8_t *dst, size_t len, uint8_t v);
bool split(uint64_t x, uint32_t *hi, uint32_t *lo);
struct pair mkpair(uint32_t a, uint8_t b);
uint32_t pair_sum(struct pair p);
void pair_bump(struct pair *p);
double half(double x);
int apply(int (*f)(int), int x);
uint32_t shl(uint32_t x, uint32_t n);
int32_t divi(int32_t a, int32_t b);
uint32_t hang_on_7(uint32_t x);
uint32_t crash_on_5(uint32_t x);
int cmp_u16(const void *a, const void *b);
uint64_t divrem(uint64_t a, uint64_t b, uint64_t *rem);
uint32_t tally(uint32_t x);
const char *find_char(const char *s, char c);
#endif
