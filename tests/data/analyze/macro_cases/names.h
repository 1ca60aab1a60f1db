#include <stdio.h>
typedef enum { LOAD, STORE, ADD, SUB } Op;
typedef enum { INT, NAME, PLUS, MINUS, STAR, SLASH, SEMI, LET, END } Tok;
void show(Tok *toks);
