#include <stdio.h>
#include "kbitmap.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	DECLARE_BITMAP(a, 200);
	DECLARE_BITMAP(b, 200);
	DECLARE_BITMAP(c, 200);

	bitmap_zero(a, 200);
	CHECK(find_first_bit(a, 200) == 200 && bitmap_weight(a, 200) == 0);
	set_bit(3, a);
	set_bit(64, a);
	set_bit(199, a);
	CHECK(test_bit(64, a) && !test_bit(65, a));
	CHECK(find_first_bit(a, 200) == 3);
	CHECK(find_next_bit(a, 200, 4) == 64 && find_next_bit(a, 200, 65) == 199);
	CHECK(find_next_bit(a, 199, 65) == 199 && find_next_bit(a, 200, 250) == 200);
	CHECK(find_last_bit(a, 200) == 199 && find_last_bit(a, 199) == 64 && find_last_bit(a, 0) == 0);
	CHECK(find_first_zero_bit(a, 200) == 0);
	CHECK(bitmap_weight(a, 200) == 3 && bitmap_weight(a, 199) == 2);
	CHECK(!test_and_set_bit(5, a) && test_and_set_bit(5, a));
	clear_bit(5, a);
	bitmap_fill(b, 200);
	CHECK(bitmap_weight(b, 200) == 200 && find_first_zero_bit(b, 200) == 200);
	CHECK(bitmap_and(c, a, b, 200) && bitmap_equal(a, c, 200));
	bitmap_zero(b, 200);
	CHECK(!bitmap_and(c, a, b, 200));
	bitmap_or(c, a, b, 200);
	CHECK(bitmap_equal(a, c, 200));
	bitmap_set(b, 60, 10);
	CHECK(bitmap_weight(b, 200) == 10 && find_first_bit(b, 200) == 60 && find_last_bit(b, 200) == 69);
	bitmap_clear(b, 62, 3);
	CHECK(bitmap_weight(b, 200) == 7 && !test_bit(63, b) && test_bit(65, b));
	bitmap_zero(c, 200);
	bitmap_shift_left(c, a, 70, 200);
	CHECK(test_bit(73, c) && test_bit(134, c) && bitmap_weight(c, 200) == 2);
	bitmap_zero(b, 200);
	bitmap_set(b, 0, 3);
	CHECK(bitmap_find_free_region(b, 200, 2) == 4 && bitmap_weight(b, 200) == 7);
	CHECK(bitmap_find_free_region(b, 8, 3) == -12UL);
	CHECK(ilog2_u64(1) == 0 && ilog2_u64(1ULL << 40) == 40 && ilog2_u64(0) == -1);
	CHECK(roundup_pow_of_two(1) == 1 && roundup_pow_of_two(5) == 8 && roundup_pow_of_two(4096) == 4096);
	CHECK(hweight8(0xff) == 8 && hweight8(0x81) == 2);
	CHECK(reciprocal_value(7) == 613566757u && reciprocal_value(1) == 1);
	return failures != 0;
}
