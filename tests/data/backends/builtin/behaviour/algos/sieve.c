#define LIMIT 1000
static unsigned char composite[LIMIT + 1];
int sieve_count(int n) { int c = 0; for (int i = 2; i <= n; i++) { if (composite[i]) continue; c++;
    for (long j = (long)i * i; j <= n; j += i) composite[j] = 1; } return c; }
