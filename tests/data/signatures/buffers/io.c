/* C library calls given buffers: the caller's own locals of the extent the call touches make checked calls
 * (rule local-buffer-call); a pointer from a global or a call through a pointer does not. */
#include <unistd.h>
#include <time.h>
#include <sys/time.h>
#include <execinfo.h>
#include <stddef.h>

char shared_buf[8] = "global!";
char *shared_ptr = shared_buf;

int put_byte(char c)
{
	return (int)write(1, &c, 1);
}

int put_pair(int a)
{
	char two[2] = {'0' + (char)(a % 10), '\n'};
	return (int)write(1, two, sizeof(two));
}

long stamp(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return -1;
	return ts.tv_sec >= 0 ? 1 : 0;
}

long wall(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (long)time(NULL) >= tv.tv_sec - 1 ? 1 : 0;
}

int depth(void)
{
	void *frames[16];
	return backtrace(frames, 16) > 0;
}

int twice(int a)
{
	return put_byte('a' + (char)(a % 26)) + put_pair(a);
}

/* negatives: these stay unsafe fns */
int put_global(void)
{
	return (int)write(1, shared_ptr, 1);
}

int put_through(ssize_t (*out)(int, const void *, size_t), char c)
{
	return (int)out(1, &c, 1);
}

static ssize_t (*sink)(int, const void *, size_t) = write;

int put_via_sink(char c)
{
	return (int)sink(1, &c, 1);
}
