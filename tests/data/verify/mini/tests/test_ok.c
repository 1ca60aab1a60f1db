#include "mini.h"
int main(void) { return sum_u32((const uint32_t[]){1, 2, 3}, 3) == 6 && half(3.0) == 1.5 ? 0 : 1; }
