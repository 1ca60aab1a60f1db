/*
 * Differential-test harness driver (llmigrate). Linked once with the original C objects and once with the
 * generated crate's staticlib; both executables run the same input file through one function.
 *
 *   harness FUNC_INDEX INPUT_FILE OUTPUT_FILE START WATCHDOG_MS MAX_FAILURES MAX_CRASHES BUDGET_S FRESH
 *
 * OUTPUT_FILE is created by the caller with 8 + n * out_size bytes and mapped shared; its first 8 bytes hold
 * the index of the input being run. Inputs run in a forked child: when the child dies (crash, panic, UB
 * report, watchdog), the parent reads that index, prints "FAIL index signal|exit code" on stdout, closes the
 * child's stderr messages with "@@difftest-end index", and forks a new child after it. A fork is far cheaper
 * than starting the process again, which matters when the C has undefined behaviour on many inputs.
 * "STOP index" means the limits were reached and inputs from index on were not run. With FRESH=1 every input
 * runs in a child of its own, so functions with global state see the same (initial) state on both sides.
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
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
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

static void run_inputs(const struct difftest_entry *e, const unsigned char *in, unsigned char *out,
		       size_t start, size_t stop, long ms)
{
	volatile uint64_t *progress = (volatile uint64_t *)out;
	struct itimerval watchdog = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
	size_t i;

	for (i = start; i < stop; i++) {
		*progress = i;
		/* SIGALRM's default action ends the child: a hang is reported at this input. */
		setitimer(ITIMER_REAL, &watchdog, NULL);
		e->fn(in + i * e->in_size, out + 8 + i * e->out_size);
	}
	*progress = stop;
}

static int supervise(const struct difftest_entry *e, const unsigned char *in, unsigned char *out, size_t n,
		     size_t start, long ms, long max_failures, long max_crashes, long budget, int fresh)
{
	volatile uint64_t *progress = (volatile uint64_t *)out;
	long failures = 0, hangs = 0, crashes = 0;
	time_t began = time(NULL);

	while (start < n) {
		int status, sig;
		size_t at, stop = fresh ? start + 1 : n;
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			/* What the function prints is not compared, and must not mix with the FAIL lines. */
			int devnull = open("/dev/null", O_WRONLY);

			if (devnull >= 0)
				dup2(devnull, 1);
			run_inputs(e, in, out, start, stop, ms);
			_exit(0);
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("waitpid");
			return 2;
		}
		at = (size_t)*progress;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && at == stop) {
			start = stop;
			continue;
		}
		if (at < start || at >= n) {
			fprintf(stderr, "harness: child stopped outside the inputs (status %d)\n", status);
			return 2;
		}
		sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		dprintf(1, "FAIL %zu %s %d\n", at, sig ? "signal" : "exit", sig ? sig : WEXITSTATUS(status));
		dprintf(2, "\n@@difftest-end %zu\n", at);
		start = at + 1;
		failures++;
		hangs += sig == SIGALRM || sig == SIGXCPU;
		crashes += sig != 0 && sig != SIGILL; /* SIGILL: a C undefined-behaviour check trapped */
		if (hangs >= 4 || (max_failures && failures >= max_failures) ||
		    (max_crashes && crashes >= max_crashes) || time(NULL) - began > budget) {
			if (start < n)
				dprintf(1, "STOP %zu\n", start);
			break;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct difftest_entry *e;
	const unsigned char *in;
	unsigned char *out;
	size_t in_len, out_len, n;

	if (argc != 10 || (size_t)atol(argv[1]) >= difftest_count) {
		fprintf(stderr, "usage: %s FUNC_INDEX INPUT OUTPUT START WATCHDOG_MS MAX_FAILURES MAX_CRASHES "
			"BUDGET_S FRESH\n", argv[0]);
		return 2;
	}
	/* Limits set here rather than by the parent so that running sides concurrently stays thread-safe. */
	limit(RLIMIT_CORE, 0);
	limit(RLIMIT_CPU, 120);
	limit(RLIMIT_AS, (rlim_t)4 << 30);
	e = &difftest_table[atol(argv[1])];
	in = map_file(argv[2], &in_len, 0);
	out = map_file(argv[3], &out_len, 1);
	n = e->in_size ? in_len / e->in_size : 0;
	if (e->in_size == 0 || in_len % e->in_size || out_len != 8 + n * e->out_size) {
		fprintf(stderr, "harness: input/output sizes do not match %s\n", e->name);
		return 2;
	}
	return supervise(e, in, out, n, (size_t)atol(argv[4]), atol(argv[5]), atol(argv[6]), atol(argv[7]),
			 atol(argv[8]), atoi(argv[9]));
}
