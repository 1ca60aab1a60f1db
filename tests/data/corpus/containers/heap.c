/* Binary min-heap on a growable array, and sorting structs with qsort. */
#include <stdlib.h>
#include <string.h>
#include "containers.h"

int heap_init(MinHeap *h, int cap)
{
	h->data = (int *)malloc(cap * sizeof(int));
	h->size = 0;
	h->cap = h->data ? cap : 0;
	return h->data ? 0 : -1;
}

static void sift_up(int *a, int i)
{
	while (i > 0) {
		int parent = (i - 1) / 2;
		if (a[parent] <= a[i])
			break;
		int t = a[parent];
		a[parent] = a[i];
		a[i] = t;
		i = parent;
	}
}

int heap_push(MinHeap *h, int v)
{
	if (h->size == h->cap) {
		int ncap = h->cap ? h->cap * 2 : 4;
		int *nd = realloc(h->data, ncap * sizeof *nd);
		if (!nd)
			return -1;
		h->data = nd;
		h->cap = ncap;
	}
	h->data[h->size] = v;
	sift_up(h->data, h->size++);
	return 0;
}

int heap_pop(MinHeap *h)
{
	int top = h->data[0], i = 0;

	h->data[0] = h->data[--h->size];
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;
		if (l < h->size && h->data[l] < h->data[m])
			m = l;
		if (r < h->size && h->data[r] < h->data[m])
			m = r;
		if (m == i)
			break;
		int t = h->data[m];
		h->data[m] = h->data[i];
		h->data[i] = t;
		i = m;
	}
	return top;
}

void heap_free(MinHeap *h)
{
	free(h->data);
	h->data = NULL;
	h->size = h->cap = 0;
}

static int job_cmp(const void *a, const void *b)
{
	const Job *x = (const Job *)a, *y = (const Job *)b;

	if (x->prio != y->prio)
		return y->prio - x->prio;
	return strcmp(x->name, y->name);
}

void jobs_by_priority(Job *jobs, size_t n)
{
	qsort(jobs, n, sizeof(Job), job_cmp);
}
