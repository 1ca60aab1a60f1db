#ifndef STRUTIL_H
#define STRUTIL_H
#include <stddef.h>

size_t my_strlen(const char *s);
char *my_strcpy(char *dst, const char *src);
char *my_strncpy(char *dst, const char *src, size_t n);
int my_strcmp(const char *a, const char *b);
char *my_strcat(char *dst, const char *src);
void str_reverse(char *s);
int my_atoi(const char *s);
long my_strtol(const char *s, char **end, int base);
char *my_itoa(int value, char *buf, int base);
int kmp_search(const char *text, const char *pat);
int naive_search(const char *text, const char *pat);
int count_words(const char *s);
char *str_trim(char *s);
void str_upper(char *s);
int is_palindrome(const char *s);
char *tokenize(char *s, const char *delims, char **save);
int str_count_char(const char *s, char c);
#endif
