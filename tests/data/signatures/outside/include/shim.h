/* A header in an include dir outside SRC: what the compiler sees complete there counts as complete. */
#ifndef SHIM_H
#define SHIM_H
typedef unsigned short wide_t;
struct tally {
	int count;
	unsigned total;
	wide_t last;
};
struct handle; /* declared only: its layout is unknown */
static inline unsigned char mix8(unsigned char crc, unsigned char b)
{
	return (unsigned char)((crc << 1) ^ b ^ 0x5a);
}
static inline int peek(const int *p)
{
	return *p;
}
void tally_add(struct tally *t, int v);
int tally_count(const struct tally *t);
void wide_set(wide_t *w, wide_t v);
int handle_given(struct handle *h);
unsigned char mix_all(unsigned char crc, const unsigned char *buf, unsigned long n);
int peek_twice(int x);
int doubled(struct tally *t, int n);
#endif
