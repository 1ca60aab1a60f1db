#include <stdio.h>
#include <string.h>
#include "kfifo.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	struct kfifo f;
	char out[32], dst[8];
	int ints[5] = {1, 2, 3, 4, 5}, got[5];
	long x = 9, y = 4;
	unsigned int i;

	CHECK(kfifo_alloc(&f, 1, 1) == -EINVAL);
	CHECK(kfifo_alloc(&f, 12, 1) == 0 && f.mask == 7);
	CHECK(kfifo_in(&f, "abcdef", 6) == 6 && kfifo_len(&f) == 6);
	CHECK(kfifo_out(&f, out, 4) == 4 && !memcmp(out, "abcd", 4));
	CHECK(kfifo_in(&f, "ghijklmn", 8) == 6 && kfifo_unused(&f) == 0);
	CHECK(kfifo_out_peek(&f, out, 3) == 3 && !memcmp(out, "efg", 3) && kfifo_len(&f) == 8);
	kfifo_skip(&f, 2);
	CHECK(kfifo_out(&f, out, 32) == 6 && !memcmp(out, "ghijkl", 6) && kfifo_is_empty(&f));
	kfifo_skip(&f, 5);
	CHECK(kfifo_is_empty(&f));
	kfifo_free(&f);
	CHECK(kfifo_alloc(&f, 4, sizeof(int)) == 0);
	for (i = 0; i < 3; i++) {
		CHECK(kfifo_in(&f, ints, 3) == 3 - i);
		CHECK(kfifo_out(&f, got, 1) == 1);
	}
	CHECK(kfifo_out(&f, got, 5) == 3 && got[0] == 1 && got[1] == 2 && got[2] == 1);
	kfifo_free(&f);
	f.in = 0xfffffffeu;
	f.out = 0xfffffffeu;
	CHECK(kfifo_alloc(&f, 4, 1) == 0);
	f.in = f.out = 0xfffffffeu;
	CHECK(kfifo_in(&f, "wxyz", 4) == 4 && kfifo_len(&f) == 4);
	CHECK(kfifo_out(&f, out, 4) == 4 && !memcmp(out, "wxyz", 4) && f.out == 2);
	kfifo_free(&f);
	CHECK(clamp_int(5, 0, 3) == 3 && clamp_int(-5, 0, 3) == 0 && clamp_int(2, 0, 3) == 2);
	CHECK(clamp_ul(50, 100, 10) == 50 && clamp_ul(5, 100, 10) == 10);
	CHECK(round_up_u(13, 8) == 16 && round_up_u(16, 8) == 16);
	sort_pair(&x, &y);
	CHECK(x == 4 && y == 9);
	CHECK(min_of3(3, -1, 2) == -1);
	CHECK(copy_bounded(dst, sizeof dst, "hello world", 11) == 7 && !strcmp(dst, "hello w"));
	CHECK(copy_bounded(dst, 0, "x", 1) == 0 && copy_bounded(dst, 8, "hi", 2) == 2 && !strcmp(dst, "hi"));
	return failures != 0;
}
