#include <stdlib.h>
#include <string.h>
#include "lib.h"

/* top is a cursor into base's buffer (a copy of it, stepped) and tail points into label's: every store is
   an allocator's buffer or a pointer into one, so neither leads back into a struct (rule owned-buffer). */
struct stack *stack_new(size_t cap, const char *label)
{
	struct stack *s = malloc(sizeof *s);
	s->base = calloc(cap, sizeof *s->base);
	s->top = s->base;
	s->label = strdup(label);
	s->tail = strchr(s->label, ':');
	s->n = 0;
	return s;
}

void stack_push(struct stack *s, int v)
{
	*s->top++ = v;
	s->n++;
	if (s->tail)
		s->tail[0] = '+';
}

int stack_pop(struct stack *s)
{
	s->n--;
	return *--s->top;
}

void stack_free(struct stack *s)
{
	free(s->base);
	free(s->label);
	free(s);
}
