/*
 * Differential-test harness driver (llmigrate). Linked once with the original C objects and once with the
 * generated crate's staticlib; both executables run the same input file through one function.
 *
 *   harness FUNC_INDEX INPUT_FILE OUTPUT_FILE START WATCHDOG_MS
 *
 * OUTPUT_FILE is created by the caller with 8 + n * out_size bytes and mapped shared, so every finished
 * result survives a crash of this process. Its first 8 bytes hold the index of the input being run: after a
 * crash, panic or hang they name the input responsible, and the caller restarts after it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

typedef void (*difftest_fn)(const unsigned char *in, unsigned char *out);
struct difftest_entry {
	difftest_fn fn;
	size_t in_size;
	size_t out_size;
	const char *name;
};
extern const struct difftest_entry difftest_table[];
extern const size_t difftest_count;

static void *map_file(const char *path, size_t *size, int writable)
{
	struct stat st;
	void *p;
	int fd = open(path, writable ? O_RDWR : O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(path);
		exit(2);
	}
	*size = (size_t)st.st_size;
	if (!*size) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, *size, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

static void limit(int resource, rlim_t value)
{
	struct rlimit rl = { value, value };

	setrlimit(resource, &rl);
}

int main(int argc, char **argv)
{
	const struct difftest_entry *e;
	const unsigned char *in;
	unsigned char *out;
	volatile uint64_t *progress;
	size_t in_len, out_len, n, i, start;
	long ms;
	struct itimerval watchdog = { { 0, 0 }, { 0, 0 } }, off = { { 0, 0 }, { 0, 0 } };

	if (argc != 6 || (size_t)atol(argv[1]) >= difftest_count) {
		fprintf(stderr, "usage: %s FUNC_INDEX INPUT OUTPUT START WATCHDOG_MS\n", argv[0]);
		return 2;
	}
	/* Limits set here rather than by the parent so that running sides concurrently stays thread-safe. */
	limit(RLIMIT_CORE, 0);
	limit(RLIMIT_CPU, 120);
	limit(RLIMIT_AS, (rlim_t)4 << 30);
	e = &difftest_table[atol(argv[1])];
	in = map_file(argv[2], &in_len, 0);
	out = map_file(argv[3], &out_len, 1);
	start = (size_t)atol(argv[4]);
	ms = atol(argv[5]);
	watchdog.it_value.tv_sec = ms / 1000;
	watchdog.it_value.tv_usec = (ms % 1000) * 1000;
	n = e->in_size ? in_len / e->in_size : 0;
	if (e->in_size == 0 || in_len % e->in_size || out_len != 8 + n * e->out_size) {
		fprintf(stderr, "harness: input/output sizes do not match %s\n", e->name);
		return 2;
	}
	progress = (volatile uint64_t *)out;
	for (i = start; i < n; i++) {
		*progress = i;
		/* SIGALRM's default action ends the process: a hang is reported at this input. */
		setitimer(ITIMER_REAL, &watchdog, NULL);
		e->fn(in + i * e->in_size, out + 8 + i * e->out_size);
	}
	setitimer(ITIMER_REAL, &off, NULL);
	*progress = n;
	return 0;
}
