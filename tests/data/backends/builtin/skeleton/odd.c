/* A parameter type a function-like macro spells: the skeleton cannot express this one function. */
#define ARRAY_OF(T) T *

int first(ARRAY_OF(int) a) { return a[0]; }

int poke(int v) { return v - 1; }

/* Its caller stays C with it; the rest of the file is Rust. */
int first_plus(int *a) { return first(a) + 1; }
