#ifndef VOIDBYTES_LIB_H
#define VOIDBYTES_LIB_H
#include <stddef.h>

void wipe(void *buf, size_t n);
void fill_with(void *buf, int c, unsigned n);
int same_bytes(const void *a, const void *b, size_t n);
int order(const void *a, const void *b, size_t n);
void *copy_out(const void *src, size_t n);
int cleared(void);
void wipe_half(void *buf, size_t n);
void wipe_int(void *buf, int n);
void remember(void *buf, size_t n);
int wipe_then_read(void *p, size_t n);
void *copy_into(void *dst, const void *src, size_t n);
int overrun_caller(void);
int compare_keys(const char *a, const char *b);
size_t key_length(const char *k);
#endif
