/* Textbook sorting and searching on int arrays. */
#include <stdlib.h>
#include <string.h>
#include "sorting.h"

static void swap(int *x, int *y)
{
	int t = *x;
	*x = *y;
	*y = t;
}

void insertion_sort(int *a, int n)
{
	int i, j, key;

	for (i = 1; i < n; i++) {
		key = a[i];
		j = i - 1;
		while (j >= 0 && a[j] > key) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = key;
	}
}

void selection_sort(int a[], int n)
{
	for (int i = 0; i < n - 1; i++) {
		int min = i;
		for (int j = i + 1; j < n; j++)
			if (a[j] < a[min])
				min = j;
		if (min != i)
			swap(&a[i], &a[min]);
	}
}

static int partition(int *a, int lo, int hi)
{
	int pivot = a[(lo + hi) / 2];
	int i = lo - 1, j = hi + 1;

	for (;;) {
		do i++; while (a[i] < pivot);
		do j--; while (a[j] > pivot);
		if (i >= j)
			return j;
		swap(a + i, a + j);
	}
}

void quick_sort(int *a, int lo, int hi)
{
	if (lo < hi) {
		int p = partition(a, lo, hi);
		quick_sort(a, lo, p);
		quick_sort(a, p + 1, hi);
	}
}

static void merge(int *a, int *tmp, int lo, int mid, int hi)
{
	int i = lo, j = mid, k = lo;

	while (i < mid && j < hi)
		tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < hi)
		tmp[k++] = a[j++];
	memcpy(a + lo, tmp + lo, (hi - lo) * sizeof(int));
}

static void msort_rec(int *a, int *tmp, int lo, int hi)
{
	int mid;

	if (hi - lo < 2)
		return;
	mid = lo + (hi - lo) / 2;
	msort_rec(a, tmp, lo, mid);
	msort_rec(a, tmp, mid, hi);
	merge(a, tmp, lo, mid, hi);
}

int merge_sort(int *a, int n)
{
	int *tmp = malloc(sizeof(*tmp) * n);

	if (!tmp)
		return -1;
	msort_rec(a, tmp, 0, n);
	free(tmp);
	return 0;
}

static void sift_down(int *a, int start, int end)
{
	int root = start;

	while (2 * root + 1 <= end) {
		int child = 2 * root + 1;
		int sw = root;

		if (a[sw] < a[child])
			sw = child;
		if (child + 1 <= end && a[sw] < a[child + 1])
			sw = child + 1;
		if (sw == root)
			return;
		swap(&a[root], &a[sw]);
		root = sw;
	}
}

void heap_sort(int *a, int n)
{
	int start, end;

	for (start = (n - 2) / 2; start >= 0; start--)
		sift_down(a, start, n - 1);
	for (end = n - 1; end > 0; end--) {
		swap(&a[end], &a[0]);
		sift_down(a, 0, end - 1);
	}
}

void shell_sort(int *a, size_t n)
{
	size_t gap, i, j;

	for (gap = n / 2; gap > 0; gap /= 2)
		for (i = gap; i < n; i++) {
			int t = a[i];
			for (j = i; j >= gap && a[j - gap] > t; j -= gap)
				a[j] = a[j - gap];
			a[j] = t;
		}
}

int binary_search(const int *a, int n, int key)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = lo + ((hi - lo) >> 1);
		if (a[mid] == key)
			return mid;
		else if (a[mid] < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int lower_bound(const int *a, int n, int key)
{
	const int *first = a;
	int count = n;

	while (count > 0) {
		int step = count / 2;
		const int *it = first + step;
		if (*it < key) {
			first = ++it;
			count -= step + 1;
		} else {
			count = step;
		}
	}
	return (int)(first - a);
}

int is_sorted(const int *a, int n)
{
	int i;

	for (i = 1; i < n; i++)
		if (a[i - 1] > a[i])
			return 0;
	return 1;
}

void reverse_array(int *a, int n)
{
	int *l = a, *r = a + n - 1;

	while (l < r)
		swap(l++, r--);
}

long sum_array(const int *a, int n)
{
	long s = 0;

	while (n--)
		s += *a++;
	return s;
}

int max_index(const int a[], int n)
{
	int best = 0;

	for (int i = 1; i < n; ++i)
		if (a[i] > a[best])
			best = i;
	return n > 0 ? best : -1;
}
