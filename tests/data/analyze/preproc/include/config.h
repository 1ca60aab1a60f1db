/* Forced into every file by `-include config.h`. */
#define WANT_FAST 1
