struct pair { int a; int b; };
static int psum(struct pair p) { return p.a * 10 + p.b; }
int ex_clit(int x) { return psum((struct pair){ .b = x, .a = 2 }); }
int ex_nested_init(void) {
    struct { struct pair p[2]; int n; } s = { { {1, 2}, {3, 4} }, 9 };
    return s.p[1].a * 100 + s.p[0].b * 10 + s.n;
}
