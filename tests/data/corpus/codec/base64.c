/* Base64 (RFC 4648) and hex. */
#include <string.h>
#include "codec.h"

static const char b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t base64_encode(const unsigned char *src, size_t len, char *out)
{
	char *p = out;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		uint32_t v = (src[i] << 16) | (src[i + 1] << 8) | src[i + 2];
		*p++ = b64_alphabet[(v >> 18) & 0x3f];
		*p++ = b64_alphabet[(v >> 12) & 0x3f];
		*p++ = b64_alphabet[(v >> 6) & 0x3f];
		*p++ = b64_alphabet[v & 0x3f];
	}
	if (i < len) {
		uint32_t v = src[i] << 16;
		if (i + 1 < len)
			v |= src[i + 1] << 8;
		*p++ = b64_alphabet[(v >> 18) & 0x3f];
		*p++ = b64_alphabet[(v >> 12) & 0x3f];
		*p++ = i + 1 < len ? b64_alphabet[(v >> 6) & 0x3f] : '=';
		*p++ = '=';
	}
	*p = '\0';
	return p - out;
}

static int b64_value(char c)
{
	const char *hit;

	if (c == '\0')
		return -1;
	hit = strchr(b64_alphabet, c);
	return hit ? (int)(hit - b64_alphabet) : -1;
}

int base64_decode(const char *src, size_t len, unsigned char *out, size_t *outlen)
{
	size_t i, o = 0;
	int v[4];

	if (len % 4)
		return -1;
	for (i = 0; i < len; i += 4) {
		int j, pad = 0;
		for (j = 0; j < 4; j++) {
			if (src[i + j] == '=' && i + 4 == len && j >= 2) {
				v[j] = 0;
				pad++;
			} else if ((v[j] = b64_value(src[i + j])) < 0 || pad) {
				return -1;
			}
		}
		out[o++] = (unsigned char)(v[0] << 2 | v[1] >> 4);
		if (pad < 2)
			out[o++] = (unsigned char)((v[1] & 0xf) << 4 | v[2] >> 2);
		if (pad < 1)
			out[o++] = (unsigned char)((v[2] & 3) << 6 | v[3]);
	}
	*outlen = o;
	return 0;
}

void hex_encode(const uint8_t *in, size_t n, char *out)
{
	static const char hexdig[16] = "0123456789abcdef";

	while (n--) {
		*out++ = hexdig[*in >> 4];
		*out++ = hexdig[*in++ & 15];
	}
	*out = 0;
}

static int nibble(int c)
{
	switch (c) {
	case '0' ... '9':
		return c - '0';
	case 'a' ... 'f':
		return c - 'a' + 10;
	case 'A' ... 'F':
		return c - 'A' + 10;
	default:
		return -1;
	}
}

int hex_decode(const char *in, uint8_t *out, size_t max)
{
	size_t n = 0;

	while (in[0] && in[1]) {
		int hi = nibble(in[0]), lo = nibble(in[1]);
		if (hi < 0 || lo < 0 || n == max)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		in += 2;
	}
	return *in ? -1 : (int)n;
}
