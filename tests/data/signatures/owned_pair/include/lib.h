#include <stddef.h>
struct line { char *text; size_t len; };
struct stats { size_t len; int first; int calls; };
struct line *line_new(const char *s);
void line_stats(struct stats *st, struct line *l);
void line_put(struct line *l, char *p);
void line_take(struct line *dst, const struct line *src);
void line_free(struct line *l);
