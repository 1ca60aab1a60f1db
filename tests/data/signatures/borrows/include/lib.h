struct acc { long sum; int count; };
int sum(const int *a, int n);
void scale(int *a, unsigned n, int k);
void divide(unsigned a, unsigned b, unsigned *q);
void add_to(struct acc *acc, int v);
void add_all(struct acc *acc, const int *v, int n);
int total(const int *a, int n);
unsigned quotient(unsigned a, unsigned b);
unsigned halve(unsigned x);
