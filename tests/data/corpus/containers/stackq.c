/* Array stack, ring-buffer queue, and their classic uses. */
#include <ctype.h>
#include "containers.h"

void stack_init(Stack *s)
{
	s->top = -1;
}

bool stack_push(Stack *s, int v)
{
	if (s->top == STACK_MAX - 1)
		return false;
	s->items[++s->top] = v;
	return true;
}

bool stack_pop(Stack *s, int *v)
{
	if (s->top < 0)
		return false;
	*v = s->items[s->top--];
	return true;
}

int stack_peek(const Stack *s)
{
	return s->top >= 0 ? s->items[s->top] : -1;
}

int eval_rpn(const char *expr, int *ok)
{
	Stack st;
	int a, b, v;

	stack_init(&st);
	*ok = 0;
	for (; *expr; expr++) {
		if (isdigit((unsigned char)*expr)) {
			v = 0;
			while (isdigit((unsigned char)*expr))
				v = v * 10 + *expr++ - '0';
			expr--;
			if (!stack_push(&st, v))
				return 0;
		} else if (*expr == ' ') {
			continue;
		} else {
			if (!stack_pop(&st, &b) || !stack_pop(&st, &a))
				return 0;
			switch (*expr) {
			case '+': v = a + b; break;
			case '-': v = a - b; break;
			case '*': v = a * b; break;
			case '/':
				if (b == 0)
					return 0;
				v = a / b;
				break;
			default:
				return 0;
			}
			stack_push(&st, v);
		}
	}
	if (st.top != 0)
		return 0;
	*ok = 1;
	return st.items[0];
}

int balanced_brackets(const char *s)
{
	Stack st;
	int open;

	stack_init(&st);
	while (*s) {
		char c = *s++;
		if (c == '(' || c == '[' || c == '{') {
			if (!stack_push(&st, c))
				return 0;
		} else if (c == ')' || c == ']' || c == '}') {
			if (!stack_pop(&st, &open))
				return 0;
			if ((c == ')' && open != '(') || (c == ']' && open != '[') || (c == '}' && open != '{'))
				return 0;
		}
	}
	return st.top == -1;
}

void queue_init(Queue *q)
{
	q->head = q->tail = q->count = 0;
}

int enqueue(Queue *q, double v)
{
	if (q->count == QCAP)
		return -1;
	q->buf[q->tail] = v;
	q->tail = (q->tail + 1) % QCAP;
	q->count++;
	return 0;
}

int dequeue(Queue *q, double *v)
{
	if (!q->count)
		return -1;
	*v = q->buf[q->head];
	q->head = (q->head + 1) % QCAP;
	q->count--;
	return 0;
}

double queue_sum(const Queue *q)
{
	double s = 0;
	size_t i, k;

	for (i = 0, k = q->head; i < q->count; i++, k = (k + 1) % QCAP)
		s += q->buf[k];
	return s;
}
