#include <stdio.h>
#include <string.h>
#include "../codec.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	char enc[64], u8[8];
	unsigned char dec[64];
	uint8_t bytes[4];
	size_t n;
	uint32_t cp;

	CHECK(base64_encode((const unsigned char *)"foobar", 6, enc) == 8 && !strcmp(enc, "Zm9vYmFy"));
	CHECK(base64_encode((const unsigned char *)"fooba", 5, enc) == 8 && !strcmp(enc, "Zm9vYmE="));
	CHECK(base64_encode((const unsigned char *)"f", 1, enc) == 4 && !strcmp(enc, "Zg=="));
	CHECK(base64_encode((const unsigned char *)"", 0, enc) == 0 && enc[0] == 0);
	CHECK(base64_decode("Zm9vYmE=", 8, dec, &n) == 0 && n == 5 && !memcmp(dec, "fooba", 5));
	CHECK(base64_decode("Zg==", 4, dec, &n) == 0 && n == 1 && dec[0] == 'f');
	CHECK(base64_decode("Zg=a", 4, dec, &n) == -1 && base64_decode("Zm9", 3, dec, &n) == -1);
	CHECK(base64_decode("Z!==", 4, dec, &n) == -1);
	CHECK(crc32_update(0, "123456789", 9) == 0xCBF43926u);
	CHECK(crc32_bitwise((const uint8_t *)"123456789", 9) == 0xCBF43926u);
	CHECK(crc32_update(crc32_update(0, "1234", 4), "56789", 5) == 0xCBF43926u);
	CHECK(crc16_ccitt((const uint8_t *)"123456789", 9) == 0x29B1);
	CHECK(adler32((const uint8_t *)"Wikipedia", 9) == 0x11E60398u);
	hex_encode((const uint8_t *)"\x01\xab\xff", 3, enc);
	CHECK(!strcmp(enc, "01abff"));
	CHECK(hex_decode("01AbfF", bytes, 4) == 3 && bytes[1] == 0xab && bytes[2] == 0xff);
	CHECK(hex_decode("0g", bytes, 4) == -1 && hex_decode("012", bytes, 4) == -1);
	CHECK(hex_decode("0102030405", bytes, 4) == -1);
	CHECK(utf8_decode("A", &cp) == 1 && cp == 'A');
	CHECK(utf8_decode("\xc3\xa9", &cp) == 2 && cp == 0xE9);
	CHECK(utf8_decode("\xe2\x82\xac", &cp) == 3 && cp == 0x20AC);
	CHECK(utf8_decode("\xf0\x9f\x98\x80", &cp) == 4 && cp == 0x1F600);
	CHECK(utf8_decode("\xc0\x80", &cp) == -1 && utf8_decode("\xed\xa0\x80", &cp) == -1);
	CHECK(utf8_decode("\xff", &cp) == -1 && utf8_decode("", &cp) == 0);
	CHECK(utf8_encode(0x20AC, u8) == 3 && !memcmp(u8, "\xe2\x82\xac", 3));
	CHECK(utf8_encode(0x1F600, u8) == 4 && utf8_encode(0xD800, u8) == -1 && utf8_encode(0x110000, u8) == -1);
	CHECK(utf8_strlen("h\xc3\xa9llo\xe2\x82\xac") == 6 && utf8_strlen("a\x80") == -1);
	return failures != 0;
}
