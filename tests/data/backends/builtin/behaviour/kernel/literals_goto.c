struct pt { int x, y; };
static int dot(struct pt a, struct pt b) { return a.x * b.x + a.y * b.y; }
int cl_dot(int k) { return dot((struct pt){ k, 2 }, (struct pt){ .y = 5, .x = 1 }); }
int find_pair(int target) { int i, j;
    for (i = 0; i < 10; i++) for (j = 0; j < 10; j++) if (i * j == target) goto found;
    return -1;
found:
    return i * 100 + j; }
