#ifndef CODEC_H
#define CODEC_H
#include <stddef.h>
#include <stdint.h>

size_t base64_encode(const unsigned char *src, size_t len, char *out);
int base64_decode(const char *src, size_t len, unsigned char *out, size_t *outlen);
void crc32_init(void);
uint32_t crc32_update(uint32_t crc, const void *buf, size_t len);
uint32_t crc32_bitwise(const uint8_t *buf, size_t len);
uint16_t crc16_ccitt(const uint8_t *data, size_t len);
int utf8_decode(const char *s, uint32_t *cp);
int utf8_encode(uint32_t cp, char *out);
long utf8_strlen(const char *s);
void hex_encode(const uint8_t *in, size_t n, char *out);
int hex_decode(const char *in, uint8_t *out, size_t max);
uint32_t adler32(const uint8_t *data, size_t len);
#endif
