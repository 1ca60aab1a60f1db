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
 * "STOP index" means the limits were reached and inputs from index on were not run; "NOMEM index 1|2" that
 * an allocation failed while running that input, for want of memory (1) or as a request no limit allows (2). With FRESH=1 every input
 * runs in a child of its own, so functions with global state see the same (initial) state on both sides.
 *
 * Memory: each input may map HEADROOM bytes more than the process holds when it starts (a soft RLIMIT_AS set
 * before every call), so whether a large allocation succeeds depends neither on the executable's own size
 * (the Rust one is larger) nor on what earlier inputs leaked; a child that has accumulated RESTART_GROWTH of
 * leaks ends cleanly ("restart here") and a fresh one continues. Pointer arguments live in storage that ends
 * right before a wide inaccessible reservation (difftest_guarded), so reading past a buffer faults on both
 * sides.
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

/* Allocation failures per input (a shared map the supervisor reads, reported as "NOMEM index kind"): the
 * C's outcome then depends on the environment (memory, and whether an optimiser kept the allocation at all),
 * as does the Rust's when its request was one a larger allowance would grant. Both executables are linked
 * with -Wl,--wrap for these functions, so C and Rust calls to them come through here. */
#define LIMIT_DEPENDENT ((size_t)1 << 46) /* larger requests fail under any allowance */
static volatile unsigned char *nomem;
static size_t current;
void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
int __real_posix_memalign(void **, size_t, size_t);
void *__real_aligned_alloc(size_t, size_t);

static void *noted(void *p, size_t size)
{
	if (!p && size && nomem && nomem[current] != 1)
		nomem[current] = size <= LIMIT_DEPENDENT ? 1 : 2;
	return p;
}

void *__wrap_malloc(size_t size)
{
	return noted(__real_malloc(size), size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return noted(__real_calloc(n, size), n && size <= LIMIT_DEPENDENT / n ? n * size : 0);
}

void *__wrap_realloc(void *old, size_t size)
{
	return noted(__real_realloc(old, size), size);
}

int __wrap_posix_memalign(void **p, size_t align, size_t size)
{
	int rc = __real_posix_memalign(p, align, size);

	noted(rc ? NULL : *p, size);
	return rc;
}

void *__wrap_aligned_alloc(size_t align, size_t size)
{
	return noted(__real_aligned_alloc(align, size), size);
}

#define HEADROOM ((rlim_t)1 << 30)
#define RESTART_GROWTH ((size_t)2 << 30)
#define EXIT_RESTART 75 /* the child leaked too much: the supervisor continues at the same input */

static void limit(int resource, rlim_t value)
{
	struct rlimit rl = { value, value };

	setrlimit(resource, &rl);
}

/* Bytes of guard reservations (inaccessible, backed by nothing): not leaks, and not part of an input's
 * memory allowance. */
static size_t guarded_total;

/* The address space this process holds now, in bytes (first field of /proc/self/statm, in pages). */
static size_t mapped_now(int statm)
{
	char buf[64];
	ssize_t n = statm < 0 ? -1 : pread(statm, buf, sizeof buf - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = 0;
	return (size_t)strtoull(buf, NULL, 10) * (size_t)sysconf(_SC_PAGESIZE) - guarded_total;
}

/* Zeroed storage of `bytes` that ends where GUARD_SPAN of inaccessible address space begins (and starts after
 * another): the harness's buffers, so that reading or writing past their guard elements faults on both sides,
 * even at an index far out (a bit number of 2^32, an int index of 2^31), instead of reading memory that
 * differs between the two executables. Aligned for any object whose size divides `bytes`. */
#define GUARD_SPAN ((size_t)16 << 30)
void *difftest_guarded(size_t bytes)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), span = (bytes + page - 1) / page * page;
	size_t guard = GUARD_SPAN, total;
	struct rlimit rl, wide;
	char *p;

	/* Reserved outside the input's allowance (run_inputs set it): lift the soft limit for the mapping. */
	getrlimit(RLIMIT_AS, &rl);
	wide = rl;
	wide.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_AS, &wide);
	do { /* a hard address-space limit from outside may not allow the wide reservation */
		total = span + 2 * guard;
		p = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		guard = guard > page ? guard / 16 : 0;
	} while (p == MAP_FAILED && guard >= page);
	guard = (total - span) / 2;
	if (p == MAP_FAILED || mprotect(p + guard, span, PROT_READ | PROT_WRITE)) {
		perror("difftest_guarded");
		_exit(2);
	}
	guarded_total += total;
	if (rl.rlim_cur != RLIM_INFINITY)
		rl.rlim_cur = rl.rlim_cur + total < rl.rlim_max ? rl.rlim_cur + total : rl.rlim_max;
	setrlimit(RLIMIT_AS, &rl);
	return p + guard + span - bytes;
}

static void run_inputs(const struct difftest_entry *e, const unsigned char *in, unsigned char *out,
		       size_t start, size_t stop, long ms)
{
	volatile uint64_t *progress = (volatile uint64_t *)out;
	struct itimerval watchdog = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
	int statm = open("/proc/self/statm", O_RDONLY);
	size_t i, base = mapped_now(statm), now;

	for (i = start; i < stop; i++) {
		*progress = i;
		current = i;
		now = mapped_now(statm);
		if (i > start && now > base + RESTART_GROWTH)
			_exit(EXIT_RESTART);
		if (now) { /* the same allowance for every input, on both sides */
			struct rlimit rl;
			rlim_t want = now + guarded_total + HEADROOM;

			getrlimit(RLIMIT_AS, &rl);
			rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || want < rl.rlim_max ? want : rl.rlim_max;
			setrlimit(RLIMIT_AS, &rl);
		}
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
	size_t at;
	time_t began = time(NULL);

	while (start < n) {
		int status, sig;
		size_t stop = fresh ? start + 1 : n;
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
		if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_RESTART && at > start && at < stop) {
			start = at; /* not a failure: input `at` runs again in a fresh child */
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
	for (at = 0; at < n; at++)
		if (nomem[at])
			dprintf(1, "NOMEM %zu %d\n", at, nomem[at]);
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
	/* No fixed RLIMIT_AS: each input gets HEADROOM above what the process holds (see run_inputs). */
	e = &difftest_table[atol(argv[1])];
	in = map_file(argv[2], &in_len, 0);
	out = map_file(argv[3], &out_len, 1);
	n = e->in_size ? in_len / e->in_size : 0;
	if (e->in_size == 0 || in_len % e->in_size || out_len != 8 + n * e->out_size) {
		fprintf(stderr, "harness: input/output sizes do not match %s\n", e->name);
		return 2;
	}
	nomem = mmap(NULL, n + 1, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (nomem == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	return supervise(e, in, out, n, (size_t)atol(argv[4]), atol(argv[5]), atol(argv[6]), atol(argv[7]),
			 atol(argv[8]), atoi(argv[9]));
}
