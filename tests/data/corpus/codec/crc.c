/* Table-driven and bitwise checksums. */
#include "codec.h"

#define CRC32_POLY 0xEDB88320u

static uint32_t crc_table[256];
static int table_ready;

void crc32_init(void)
{
	uint32_t c;
	int n, k;

	for (n = 0; n < 256; n++) {
		c = (uint32_t)n;
		for (k = 0; k < 8; k++)
			c = c & 1 ? CRC32_POLY ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
	table_ready = 1;
}

uint32_t crc32_update(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;

	if (!table_ready)
		crc32_init();
	crc = ~crc;
	while (len-- != 0)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

uint32_t crc32_bitwise(const uint8_t *buf, size_t len)
{
	uint32_t crc = 0xFFFFFFFF;

	for (size_t i = 0; i < len; i++) {
		crc ^= buf[i];
		for (int b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (CRC32_POLY & -(crc & 1));
	}
	return crc ^ 0xFFFFFFFF;
}

uint16_t crc16_ccitt(const uint8_t *data, size_t len)
{
	uint16_t crc = 0xFFFF;

	while (len--) {
		crc ^= (uint16_t)*data++ << 8;
		for (int i = 0; i < 8; i++)
			crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
	}
	return crc;
}

uint32_t adler32(const uint8_t *data, size_t len)
{
	uint32_t a = 1, b = 0;

	while (len > 0) {
		size_t chunk = len < 5552 ? len : 5552;
		len -= chunk;
		while (chunk--) {
			a += *data++;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return (b << 16) | a;
}
