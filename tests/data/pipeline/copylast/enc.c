/* Encoders writing their output buffer, then, last, its length through an out-parameter: a length that may
 * lie anywhere, even inside the buffer written before it. */

/* Flips the case bit of each of the `len` bytes of `src` into `out`; the bytes written in `*out_len`. */
unsigned char *flip(const unsigned char *src, unsigned long len, unsigned char *out, unsigned long cap,
		    unsigned long *out_len)
{
	unsigned char *pos = out;
	unsigned long i = 0;
	if (len > cap || out == 0)
		return 0;	/* nothing written yet: `*out_len` keeps what it held */
	while (i < len) {
		*pos++ = src[i] ^ 0x20;
		i++;
	}
	if (out_len)
		*out_len = pos - out;
	return out;
}

/* As flip, but stops at a NUL after writing: that path returns without writing `*out_len`. */
unsigned char *flip_to_nul(const unsigned char *src, unsigned long len, unsigned char *out,
			   unsigned long *out_len)
{
	unsigned char *pos = out;
	for (unsigned long i = 0; i < len; i++) {
		*pos++ = src[i] ^ 0x20;
		if (src[i] == 0)
			return 0;
	}
	*out_len = pos - out;
	return out;
}
