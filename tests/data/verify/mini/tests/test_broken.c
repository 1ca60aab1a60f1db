#include <stdio.h>
#include "mini.h"
int main(void) { printf("this test expects the wrong thing\n"); return add_u64(1, 1) == 3 ? 0 : 1; }
