#define _DEFAULT_SOURCE
#include <signal.h>
#include <unistd.h>
#include "budget.h"

/* A tenth of a second per input: a few dozen inputs outlast a one-second budget. */
unsigned int nap(unsigned int x)
{
	usleep(100000);
	return x * 2u;
}

/* Crashes on every input but 7 (a signal that ends the harness's child, as abort() does not): the crash
 * limit, a count, stops the C side. */
int boom(int x)
{
	if (x != 7)
		raise(SIGSEGV);
	return x;
}
