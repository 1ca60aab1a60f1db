union word { unsigned int u; unsigned char b[4]; float f; };
unsigned un_bytes(unsigned v) { union word w; w.u = v; return w.b[0] + w.b[3] * 1000u; }
unsigned un_float(void) { union word w; w.f = 1.0f; return w.u; }
int un_size(void) { return sizeof(union word); }
