#define LIMIT 100
#define MASK 0xF0u
#define BIGSHIFT (1UL << 40)
#define SCALE 2.5
#define GREETING "hey"
#define SQR(x) ((x) * (x))
unsigned long mac_vals(int v) { return (v & MASK) + LIMIT + (BIGSHIFT >> 38) + SQR(v); }
int mac_float(int v) { return (int)(v * SCALE); }
int mac_str(void) { return GREETING[1] + (int)sizeof(GREETING); }
