// SPDX-License-Identifier: GPL-2.0
/* A lock-free single-producer ring buffer with power-of-two masks, after the kernel's kfifo. */
#include <stdlib.h>
#include <string.h>
#include "kfifo.h"

static unsigned int rounddown_pow_of_two(unsigned int n)
{
	return 1U << (31 - __builtin_clz(n));
}

int kfifo_alloc(struct kfifo *fifo, unsigned int size, size_t esize)
{
	if (size < 2) {
		fifo->data = NULL;
		fifo->mask = 0;
		return -EINVAL;
	}
	if (!is_power_of_2(size))
		size = rounddown_pow_of_two(size);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = esize;
	fifo->data = malloc((size_t)size * esize);
	if (!fifo->data) {
		fifo->mask = 0;
		return -ENOMEM;
	}
	fifo->mask = size - 1;
	return 0;
}
EXPORT_SYMBOL(kfifo_alloc);

void kfifo_free(struct kfifo *fifo)
{
	free(fifo->data);
	fifo->in = fifo->out = 0;
	fifo->esize = 0;
	fifo->data = NULL;
	fifo->mask = 0;
}
EXPORT_SYMBOL(kfifo_free);

static void kfifo_copy_in(struct kfifo *fifo, const void *src, unsigned int len, unsigned int off)
{
	unsigned int size = fifo->mask + 1;
	unsigned int esize = fifo->esize;
	unsigned int l;

	off &= fifo->mask;
	if (esize != 1) {
		off *= esize;
		size *= esize;
		len *= esize;
	}
	l = min(len, size - off);
	memcpy((char *)fifo->data + off, src, l);
	memcpy(fifo->data, (const char *)src + l, len - l);
}

static void kfifo_copy_out(struct kfifo *fifo, void *dst, unsigned int len, unsigned int off)
{
	unsigned int size = fifo->mask + 1;
	unsigned int esize = fifo->esize;
	unsigned int l;

	off &= fifo->mask;
	if (esize != 1) {
		off *= esize;
		size *= esize;
		len *= esize;
	}
	l = min(len, size - off);
	memcpy(dst, (const unsigned char *)fifo->data + off, l);
	memcpy((unsigned char *)dst + l, fifo->data, len - l);
}

unsigned int kfifo_in(struct kfifo *fifo, const void *buf, unsigned int len)
{
	unsigned int l = kfifo_unused(fifo);

	if (len > l)
		len = l;
	kfifo_copy_in(fifo, buf, len, fifo->in);
	fifo->in += len;
	return len;
}
EXPORT_SYMBOL(kfifo_in);

unsigned int kfifo_out_peek(struct kfifo *fifo, void *buf, unsigned int len)
{
	unsigned int l;

	l = fifo->in - fifo->out;
	if (len > l)
		len = l;
	kfifo_copy_out(fifo, buf, len, fifo->out);
	return len;
}

unsigned int kfifo_out(struct kfifo *fifo, void *buf, unsigned int len)
{
	len = kfifo_out_peek(fifo, buf, len);
	fifo->out += len;
	return len;
}
EXPORT_SYMBOL(kfifo_out);

void kfifo_skip(struct kfifo *fifo, unsigned int n)
{
	fifo->out += min_t(unsigned int, n, kfifo_len(fifo));
}
