/* A second enum constant `ticks`, named like the function of mode.c. */
enum other { ticks = 7 };

int clash_value(void) { return ticks; }
