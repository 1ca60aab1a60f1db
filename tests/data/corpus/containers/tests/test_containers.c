#include <stdio.h>
#include <string.h>
#include "../containers.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	Stack s;
	Queue q;
	MinHeap h;
	Job jobs[] = { {1, "low"}, {5, "b-high"}, {5, "a-high"}, {3, "mid"} };
	int v, ok, i, prev;
	double d;
	int m[N][N] = { {1, 2, 0}, {0, 1, 3}, {4, 0, 1} }, p[N][N], id[N][N];
	int g[3][4] = { {1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12} };

	stack_init(&s);
	CHECK(!stack_pop(&s, &v) && stack_peek(&s) == -1);
	for (i = 0; i < STACK_MAX; i++)
		CHECK(stack_push(&s, i));
	CHECK(!stack_push(&s, 99) && stack_peek(&s) == STACK_MAX - 1);
	CHECK(stack_pop(&s, &v) && v == STACK_MAX - 1);
	CHECK(eval_rpn("3 4 + 2 *", &ok) == 14 && ok);
	CHECK(eval_rpn("10 2 8 * + 3 -", &ok) == 23 && ok);
	CHECK(eval_rpn("1 0 /", &ok) == 0 && !ok && eval_rpn("1 +", &ok) == 0 && !ok);
	CHECK(eval_rpn("1 2", &ok) == 0 && !ok);
	CHECK(balanced_brackets("{[()()]}") && !balanced_brackets("([)]") && !balanced_brackets("(("));
	queue_init(&q);
	for (i = 0; i < QCAP; i++)
		CHECK(enqueue(&q, i * 0.5) == 0);
	CHECK(enqueue(&q, 1.0) == -1);
	CHECK(dequeue(&q, &d) == 0 && d == 0.0 && dequeue(&q, &d) == 0 && d == 0.5);
	CHECK(enqueue(&q, 10.0) == 0 && queue_sum(&q) == 1 + 1.5 + 2 + 2.5 + 3 + 3.5 + 10);
	CHECK(heap_init(&h, 2) == 0);
	for (i = 0; i < 20; i++)
		CHECK(heap_push(&h, (i * 7) % 20 - 5) == 0);
	for (prev = -100, i = 0; i < 20; i++) {
		v = heap_pop(&h);
		CHECK(v >= prev);
		prev = v;
	}
	CHECK(h.size == 0 && h.cap == 32);
	heap_free(&h);
	jobs_by_priority(jobs, 4);
	CHECK(!strcmp(jobs[0].name, "a-high") && !strcmp(jobs[1].name, "b-high") && jobs[3].prio == 1);
	mat_identity(id);
	CHECK(mat_trace((const int (*)[N])id) == 3 && mat_det3(id) == 1);
	CHECK(mat_det3(m) == 25);
	mat_power(m, 3, p);
	CHECK(p[0][0] == 25 && p[0][1] == 6 && p[1][0] == 36 && p[2][1] == 24 && mat_det3(p) == 25 * 25 * 25);
	mat_power(m, 0, p);
	CHECK(!memcmp(p, id, sizeof p));
	mat_transpose(m);
	CHECK(m[0][2] == 4 && m[2][0] == 0 && m[1][0] == 2);
	CHECK(spiral_sum(3, 4, g) == 1 * 1 + 2 * 2 + 3 * 3 + 4 * 4 + 8 * 5 + 12 * 6 + 11 * 7 + 10 * 8
	      + 9 * 9 + 5 * 10 + 6 * 11 + 7 * 12);
	return failures != 0;
}
