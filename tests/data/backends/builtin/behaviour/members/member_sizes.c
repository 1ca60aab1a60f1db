/* An array member sized by a constant expression whose `sizeof` divides out (signatures/dims.py): `marks`
   holds SLOTS elements whatever `struct ms_cell`'s size, so `m->marks[i]` is an element of the pointee and
   `m` a reference, indexed bounds-checked. */
struct ms_cell { long v; char tag; };
#define MS_CELL sizeof(struct ms_cell)
#define MS_BYTES (MS_CELL * 6)
#define MS_SLOTS (MS_BYTES / MS_CELL)
struct ms_map { struct ms_cell cells[MS_SLOTS]; unsigned char marks[MS_SLOTS]; int used; };

static void ms_mark(struct ms_map *m, int i) {
    if (!m->marks[i]) m->used++;
    m->marks[i] = 1;
    m->cells[i].v += i;
}
static int ms_count(const struct ms_map *m) {
    int n = 0;
    for (int i = 0; i < (int)MS_SLOTS; i++) n += m->marks[i];
    return n * 100 + m->used;
}

long ms_run(int k) {
    struct ms_map m = { { { 0, 0 } }, { 0 }, 0 };
    for (int i = 0; i < 9; i++) ms_mark(&m, (k + i * 5) % 6 < 0 ? -((k + i * 5) % 6) : (k + i * 5) % 6);
    return ms_count(&m) * 1000 + m.cells[2].v + m.cells[5].v;
}
