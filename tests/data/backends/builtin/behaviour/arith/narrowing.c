unsigned char to_uchar(int v) { return (unsigned char)v; }
unsigned short to_ushort(long v) { return v; }
signed char to_schar(int v) { return (signed char)v; }
int from_ulong(unsigned long v) { return (int)v; }
unsigned to_uint_neg(int v) { return v; }
