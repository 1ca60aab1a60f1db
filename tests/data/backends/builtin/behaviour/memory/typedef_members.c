/* A struct whose members are typedefs of pointers (a callback, an item): none leads back into it, so a
 * function following its item pointer still borrows it (&mut tm_sorter). */
typedef int (*tm_cmp)(int, int);
typedef struct tm_item *tm_item_p;
struct tm_item { int v; };
struct tm_sorter { long calls; tm_cmp cmp; tm_item_p first; };

static int tm_less(int a, int b) { return a < b; }

static void tm_tally(struct tm_sorter *s) {
    tm_item_p it = s->first;
    s->calls += it->v;
}

long tm_run(int k) {
    struct tm_item i = { k };
    struct tm_sorter s = { 1, tm_less, &i };
    tm_tally(&s);
    tm_tally(&s);
    return s.calls * 10 + s.cmp(k, 3);
}
