#include <stdlib.h>
#include <string.h>
#include "lib.h"

int main(void) {
    unsigned char a[6] = {1, 2, 3, 4, 5, 6}, b[6] = {1, 2, 3, 9, 5, 6};
    wipe(a, 2);
    if (a[0] != 0 || a[1] != 0 || a[2] != 3) return 1;
    wipe(NULL, 0);
    fill_with(a, 0x1ff, 3);
    if (a[0] != 0xff || a[2] != 0xff || a[3] != 4) return 2;
    if (!same_bytes(a + 3, b + 3, 0) || same_bytes(a, b, 6) || !same_bytes(a + 4, b + 4, 2)) return 3;
    if (order(a, b, 6) <= 0 || order(b, a, 6) >= 0 || order(a + 4, b + 4, 2) != 0) return 4;
    unsigned char *c = copy_out(b, 6);
    if (c == NULL || memcmp(c, b, 6) != 0) return 5;
    free(c);
    if (cleared() != 0 + 9 + 9 + 0 + 1) return 6;
    wipe_half(b, 4);
    if (b[1] != 0 || b[2] != 3) return 7;
    wipe_int(b, 3);
    remember(b, 1);
    if (wipe_then_read(b, sizeof(int)) != 0) return 8;
    if (copy_into(a, b, 2) != a || a[1] != 0) return 9;
    if (overrun_caller() != 0 + 3) return 10;
    if (compare_keys("ab", "ac") != -1 || compare_keys("b", "b") != 0 || compare_keys("c", "") != 1) return 11;
    if (key_length("four") != 4 || key_length("") != 0) return 12;
    return 0;
}
