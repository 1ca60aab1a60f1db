/* A bag whose struct only bag.c sees: it is defined in a fragment that bag.c includes. */
typedef struct bag_s bag;
#define WIDTH 2
bag *bag_new(unsigned cap);
void bag_free(bag *b);
unsigned bag_cap(const bag *b);
void bag_clear(bag *b);
int bag_add(bag *b, int v);
int bag_get(const bag *b, unsigned i);
int sum4(const int a[4]);
void fill(int a[2 * WIDTH], int v);
int last_past(const int a[4]);
int sum_first(const int a[4]);
