#include <stddef.h>
struct stack { int *base; int *top; char *label; char *tail; size_t n; };
struct stack *stack_new(size_t cap, const char *label);
void stack_push(struct stack *s, int v);
int stack_pop(struct stack *s);
void stack_free(struct stack *s);
