/* An enum constant named like a global of another file and like a function. */
enum mode { count, ticks_mode, tock };

int ticks(int n) { return n + tock + count; }
