#ifndef CONTAINERS_H
#define CONTAINERS_H
#include <stdbool.h>
#include <stddef.h>

#define STACK_MAX 32
#define QCAP 8
#define N 3

typedef struct {
	int items[STACK_MAX];
	int top;
} Stack;

typedef struct {
	double buf[QCAP];
	size_t head, tail, count;
} Queue;

typedef struct {
	int *data;
	int size, cap;
} MinHeap;

typedef struct {
	int prio;
	char name[12];
} Job;

void stack_init(Stack *s);
bool stack_push(Stack *s, int v);
bool stack_pop(Stack *s, int *v);
int stack_peek(const Stack *s);
int eval_rpn(const char *expr, int *ok);
int balanced_brackets(const char *s);

void queue_init(Queue *q);
int enqueue(Queue *q, double v);
int dequeue(Queue *q, double *v);
double queue_sum(const Queue *q);

int heap_init(MinHeap *h, int cap);
int heap_push(MinHeap *h, int v);
int heap_pop(MinHeap *h);
void heap_free(MinHeap *h);
void jobs_by_priority(Job *jobs, size_t n);

void mat_identity(int m[N][N]);
void mat_transpose(int m[][N]);
long mat_trace(const int m[N][N]);
int mat_det3(int m[N][N]);
void mat_power(int m[N][N], unsigned e, int out[N][N]);
int spiral_sum(int rows, int cols, int grid[rows][cols]);
#endif
