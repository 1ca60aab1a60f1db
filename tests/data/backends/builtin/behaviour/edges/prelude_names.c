enum mode { None, Some, All };
typedef struct { int core; int std; } Option;
struct core { Option o; struct core *next; };
static Option defaults = { 4, 5 };
int pn_use(int m) { struct core c = { defaults, 0 }; int core = c.o.core * 10 + c.o.std;
    return m == None ? core : m == Some ? -core : core + All; }
