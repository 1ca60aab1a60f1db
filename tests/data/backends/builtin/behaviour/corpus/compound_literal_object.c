struct pt { int x, y; };
static int manh(const struct pt *p) { return (p->x < 0 ? -p->x : p->x) + (p->y < 0 ? -p->y : p->y); }
int run_complit_obj(int k) { int s = 0;
    for (int i = 0; i < 3; i++) { struct pt *p = &(struct pt){ k + i, -2 };
        const struct pt *q = &(struct pt){ .y = i }; p->x *= 2; s = s * 10 + manh(p) + manh(q); }
    int *v = (int []){ k, 2, 3 }; v[1] += 5; void *raw = &(struct pt){ 1, 1 };
    return s + v[0] + v[1] * 100 + manh(raw); }
