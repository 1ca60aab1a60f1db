#include <stdio.h>
#include <string.h>
#include "../sorting.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

static void fill(int *a, int n, unsigned seed)
{
	for (int i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		a[i] = (int)((seed >> 8) % 2001) - 1000;
	}
}

int main(void)
{
	int a[64], b[64];
	typedef void (*sorter)(int *, int);
	sorter sorts[] = { insertion_sort, selection_sort, heap_sort };

	for (unsigned k = 0; k < 3; k++) {
		fill(a, 64, k + 7);
		sorts[k](a, 64);
		CHECK(is_sorted(a, 64));
	}
	fill(a, 64, 3);
	memcpy(b, a, sizeof a);
	quick_sort(a, 0, 63);
	CHECK(is_sorted(a, 64));
	CHECK(sum_array(a, 64) == sum_array(b, 64));
	CHECK(merge_sort(b, 64) == 0);
	CHECK(memcmp(a, b, sizeof a) == 0);
	fill(b, 64, 3);
	shell_sort(b, 64);
	CHECK(memcmp(a, b, sizeof a) == 0);
	CHECK(binary_search(a, 64, a[17]) >= 0);
	CHECK(a[binary_search(a, 64, a[40])] == a[40]);
	CHECK(binary_search(a, 64, 5000) == -1);
	CHECK(lower_bound(a, 64, -5000) == 0);
	CHECK(lower_bound(a, 64, 5000) == 64);
	CHECK(a[lower_bound(a, 64, a[10])] == a[10]);
	CHECK(max_index(a, 64) == 63);
	CHECK(max_index(a, 0) == -1);
	reverse_array(a, 64);
	CHECK(!is_sorted(a, 64));
	CHECK(max_index(a, 64) == 0);
	return failures != 0;
}
