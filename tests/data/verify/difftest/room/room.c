/* Functions the first run of differential tests compares on no input where the C is defined. */
#include <stdint.h>
#include <stdlib.h>

#define FRAME 96 // bits per frame: a macro whose text ends in a comment
#define WORDS (FRAME / 4 + 16) /* words the sums read */

/* A declared array longer than a buffer with a length parameter is given: all of it. */
void frame_flip(uint8_t bits[FRAME])
{
	for (int i = 0; i < FRAME; i++)
		bits[i] = !bits[i];
}

void frame_flip_bad(uint8_t bits[FRAME])
{
	for (int i = 0; i < FRAME; i++)
		bits[i] = !bits[i];
}

/* A pointer without a length, through which the C reads WORDS words. */
unsigned words_sum(const uint16_t *words)
{
	unsigned sum = 0;

	for (int i = 0; i < WORDS; i++)
		sum += words[i] * (unsigned)(i + 1);
	return sum;
}

unsigned words_sum_bad(const uint16_t *words)
{
	unsigned sum = 0;

	for (int i = 0; i < WORDS; i++)
		sum += words[i] * (unsigned)(i + 1);
	return sum;
}

/* The C ends the program: its exit status is the result. */
void give_up(int code)
{
	exit(code & 7);
}

void give_up_bad(int code)
{
	exit(code & 7);
}

int clamp_or_exit(int x)
{
	if (x < 0)
		exit(3);
	return x & 0xff;
}

int clamp_or_exit_bad(int x)
{
	if (x < 0)
		exit(3);
	return x & 0xff;
}

/* Loops forever on a zero capacity, which the first boundary inputs give it: four such hangs stop a run. */
unsigned grow(unsigned long *cap, unsigned add)
{
	while (*cap < add)
		*cap *= 2;
	return (unsigned)(*cap & 0xffff);
}

unsigned grow_bad(unsigned long *cap, unsigned add)
{
	while (*cap < add)
		*cap *= 2;
	return (unsigned)(*cap & 0xffff);
}
