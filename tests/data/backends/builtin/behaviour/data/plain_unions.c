/* Union members read in safe fns (rule plain-union-read) and the reads that keep their fn unsafe. */
#include <stdint.h>

union pun { float f; uint32_t u; int32_t i; };
union bytes { uint8_t octet[4]; uint32_t w; };
struct obj { int kind; union { int iv; char *sv; int bv; struct obj *next; }; };
union narrow { char c; int i; };
union flag { int i; _Bool b; };

static int obj_int(struct obj *o) { return o->iv; }
static int obj_truthy(struct obj *o) { if (o->bv) return 1; return o->kind == 2; }
static void obj_set(struct obj *o, int v) { o->kind = 0; o->iv = v; }

unsigned pu_bits(float f) { union pun p; p.f = f; return p.u; }
int pu_sign(float f) { union pun p = { .f = f }; return p.i < 0; }
unsigned pu_bytes(unsigned w) { union bytes x; x.w = w; return x.octet[0] + 2u * x.octet[3]; }
int pu_obj(int v) { struct obj o; obj_set(&o, v); o.bv += 1; return obj_int(&o) * 10 + obj_truthy(&o); }
int pu_narrow(int v) { union narrow n; n.i = v; n.c = 'A'; return n.i; }
int pu_flag(int v) { union flag f; f.i = v; return f.b ? 1 : 0; }
int pu_ptr(int v) { struct obj o; o.sv = 0; o.iv = v; return o.sv == 0; }
