/* Types a signature spells by a typedef name shared.rs must define, names Rust would see twice. */
#include <stdint.h>
#include <time.h>

typedef time_t stamp_t;
typedef uint_least16_t unit_t;
#define LEN_TYPE unsigned short
typedef struct hidden Hidden; /* used only through a pointer */

extern int count;

long since(time_t start, time_t now);
stamp_t later(stamp_t t, int by);
unit_t widen(unit_t w);
LEN_TYPE len_of(LEN_TYPE n);
int scale(int count);
int total(int n);
int is_null(const Hidden *h);
int tick(void);
int ticks(int n);
