#include <stdarg.h>
#include <setjmp.h>
static jmp_buf env;
int uses_asm(int x) {
    __asm__ volatile ("rep; nop" : : : "memory");
    return x;
}
int sum_varargs(int n, ...) {
    va_list ap; va_start(ap, n); short s = va_arg(ap, short); va_end(ap); return s + n; /* C promoted it */
}
int computed(int i) {
    static void *tab[] = { &&a, &&b };
    goto *tab[i & 1];
a:  return 1;
b:  return 2;
}
int vla(int n) {
    int buf[n][n];
    buf[0][0] = 1;
    return buf[0][0];
}
int jumps(void) {
    if (setjmp(env)) return 1;
    return 0;
}
int into_block(int x) {
    goto inside;
    { inside: x++; }
    return x;
}
int fine(int x) { asm volatile("" ::: "memory"); return x + 1; }
