#include <stdlib.h>
#include "names.h"


#define CASE_STR(x) case x: return #x; break;

char*
op_name(Op o) {
    switch (o){
        CASE_STR(LOAD)
        CASE_STR(STORE)
        CASE_STR(ADD)
        CASE_STR(SUB)
        default:
            return "UNKNOWN_OP";
    }
}

char*
tok_name(Tok t)
{
    switch (t) {
        CASE_STR(INT)
        CASE_STR(NAME)
        CASE_STR(PLUS)
        CASE_STR(MINUS)
        CASE_STR(STAR)
        CASE_STR(SLASH)
        CASE_STR(SEMI)
        CASE_STR(LET)
        CASE_STR(END)
        default:
            return "UNKNOWN_TOKEN";
    }
}


void
show(Tok * toks)
{
    for (int i = 0; toks[i] != END; i++) {
        printf("%s\n", tok_name(toks[i]));
    }
}
