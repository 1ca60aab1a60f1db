#ifndef STRCOPIES_LIB_H
#define STRCOPIES_LIB_H
#include <stddef.h>

char *copy_string(const char *s);
char *copy_body(const char *s);
char *bounded_dup(const char *s, size_t n);
void *dup_any(const char *k);
char *copy_past_nul(const char *s);
char *copy_grown(const char *s);
char *copy_int_count(const char *s);
char *copy_other_length(const char *s, const char *t);
char *first_token(char *s);
char *copy_outer_count(const char *s, size_t len);
#endif
