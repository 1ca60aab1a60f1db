#include <stdio.h>
#include <string.h>
#include "kutil.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	char buf[8], names[3][MAX_NAME + 1];
	const int g[2][GRID] = { {1, 2, 3, 4}, {5, 6, 7, 8} };
	const struct kparam *p;
	u128 w;

	CHECK(order_base_2(1) == 0 && order_base_2(8) == 3 && order_base_2(9) == 4 && order_base_2(1UL << 40) == 40);
	w = mul_u64_full(0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFFFull);
	CHECK((u64)(w >> 64) == 0xFFFFFFFFFFFFFFFEull && (u64)w == 1);
	CHECK(mul_u64_u64_shr(1ull << 40, 1ull << 40, 64) == 1ull << 16 && mul_u64_u64_shr(3, 5, 0) == 15);
	CHECK(mul_u64_u64_shr(7, 7, 200) == 0);
	CHECK(hash_32(1, 8) == (0x61C88647u >> 24) && hash_32(12345, 32) == 12345u * 0x61C88647u);
	CHECK(grid_walk(g, 2) == ((((((1L * 3 + 2) * 3 + 3) * 3 + 4) * 3 + 5) * 3 + 6) * 3 + 7) * 3 + 8);
	CHECK(strscpy(buf, "hello", sizeof buf) == 5 && !strcmp(buf, "hello"));
	CHECK((long)strscpy(buf, "overlong text", sizeof buf) == -34 && !strcmp(buf, "overlon"));
	CHECK((long)strscpy(buf, "x", 0) == -34);
	CHECK(match_name("max-size", "max_size") && !match_name("max", "max_size"));
	p = param_find("mode");
	CHECK(p && p->kind == P_STR && !strcmp(p->sval, "fast") && p->hidden == 1 && p->perm == 0644);
	CHECK(param_int("level", -1) == 3 && param_int("limit", -1) == 4096 && param_int("mode", -1) == -1);
	CHECK(param_int("nope", 7) == 7 && param_find("debug")->perm == 0644);
	CHECK(param_count_visible() == 2);
	CHECK(name_table_fill(names, 3, "a-very-long-prefix") == 3 * 14 && !strcmp(names[2], "a-very-long-p2"));
	CHECK(name_table_fill(names, 2, "ab") == 6 && !strcmp(names[1], "ab1"));
	return failures != 0;
}
