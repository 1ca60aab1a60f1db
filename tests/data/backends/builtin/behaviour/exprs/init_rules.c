struct rec { int id; short tags[3]; struct { char c; long l; } in; };
int ir_partial(int i) { int a[5] = { 9 }; return a[i] + (i == 0) * 100; }
int ir_struct(void) { struct rec r = { .tags = { [2] = 7 }, .in.l = 5 };
    return r.id + r.tags[0] + r.tags[2] * 10 + (int)r.in.l * 100 + r.in.c; }
int ir_string(int i) { char s[6] = "ab"; return s[i] + (int)sizeof s * 1000; }
int ir_array_of_structs(void) { struct rec rs[2] = { { 1 }, { 2, { 3, 4 } } };
    return rs[0].id + rs[1].tags[1] * 10; }
