struct cfg { int id; const char *name; int vals[3]; };
int g_count = 5;
static unsigned g_hidden;
int g_table[6] = { 1, 2, [4] = 9 };
struct cfg g_cfg = { .name = "cfg", .vals = { 7, 8 }, .id = 3 };
int *g_ptr = &g_table[4];
int gl_bump(int by) { g_count += by; g_hidden -= 1; return g_count; }
unsigned gl_hidden(void) { return g_hidden; }
int gl_table(int i) { return g_table[i] + *g_ptr * 100; }
int gl_cfg(void) { return g_cfg.id * 1000 + g_cfg.vals[1] * 10 + g_cfg.vals[2] + g_cfg.name[2]; }
