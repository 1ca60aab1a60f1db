#include <stdbool.h>
struct flags { unsigned a:3; unsigned b:5; int c; signed s:4; bool on:1; };
struct straddle { unsigned lo:30; unsigned hi:4; unsigned char tail; };
struct gaps { char x; unsigned :0; unsigned long big:40; unsigned :3; short sh:9; };
struct mixed { unsigned char k:2; long long w; unsigned char m:7; };
struct flags g_flags = { 5, 17, -9, -3, true };
struct gaps g_gaps = { .big = 0x123456789AULL, .sh = -200, .x = 'q' };
