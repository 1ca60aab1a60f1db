enum color { RED, GREEN = 5, BLUE, NEG = -2 };
enum color next_color(enum color c) { return c == RED ? GREEN : c == GREEN ? BLUE : RED; }
int enum_vals(void) { return RED + GREEN * 10 + BLUE * 100 + NEG * 1000; }
int enum_size(void) { return sizeof(enum color); }
