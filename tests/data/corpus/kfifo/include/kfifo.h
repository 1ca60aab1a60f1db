#ifndef _KFIFO_H
#define _KFIFO_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define EINVAL 22
#define ENOMEM 12

#define unlikely(x)	__builtin_expect(!!(x), 0)
#define EXPORT_SYMBOL(sym)
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n) - 1)) == 0))

#define min(a, b) ({ typeof(a) __a = (a); typeof(b) __b = (b); __a < __b ? __a : __b; })
#define max(a, b) ({ typeof(a) __a = (a); typeof(b) __b = (b); __a > __b ? __a : __b; })
#define min_t(type, x, y) ({ type __x = (x); type __y = (y); __x < __y ? __x : __y; })
#define clamp(val, lo, hi) min((typeof(val))max(val, lo), hi)
#define swap(a, b) do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#define round_up(x, y) ((((x) - 1) | ((typeof(x))((y) - 1))) + 1)

struct kfifo {
	unsigned int in;
	unsigned int out;
	unsigned int mask;
	unsigned int esize;
	void *data;
};

static inline unsigned int kfifo_len(const struct kfifo *fifo)
{
	return fifo->in - fifo->out;
}

static inline unsigned int kfifo_unused(const struct kfifo *fifo)
{
	return (fifo->mask + 1) - (fifo->in - fifo->out);
}

static inline bool kfifo_is_empty(const struct kfifo *fifo)
{
	return fifo->in == fifo->out;
}

int kfifo_alloc(struct kfifo *fifo, unsigned int size, size_t esize);
void kfifo_free(struct kfifo *fifo);
unsigned int kfifo_in(struct kfifo *fifo, const void *buf, unsigned int len);
unsigned int kfifo_out(struct kfifo *fifo, void *buf, unsigned int len);
unsigned int kfifo_out_peek(struct kfifo *fifo, void *buf, unsigned int len);
void kfifo_skip(struct kfifo *fifo, unsigned int n);
int clamp_int(int v, int lo, int hi);
unsigned long clamp_ul(unsigned long v, unsigned long lo, unsigned long hi);
unsigned int round_up_u(unsigned int x, unsigned int align);
void sort_pair(long *a, long *b);
int min_of3(int a, int b, int c);
size_t copy_bounded(char *dst, size_t dstlen, const char *src, size_t srclen);
#endif
