/*
 * Differential-test harness driver (llmigrate). Linked with the original C objects (built with trapping UB
 * checks, and again under ASan) and with the generated crate's staticlib; the executables run the same input
 * file through one function.
 *
 *   harness FUNC_INDEX INPUT_FILE OUTPUT_FILE START WATCHDOG_MS MAX_FAILURES MAX_CRASHES BUDGET_S FRESH
 *           [FAILURES HANGS CRASHES]
 *
 * OUTPUT_FILE is created by the caller with 8 + n * out_size bytes and mapped shared; its first 8 bytes hold
 * the index of the input being run. Inputs run in a forked child: when the child dies (crash, panic, UB
 * report, watchdog), the parent reads that index, prints "FAIL index signal|exit code" on stdout, closes the
 * child's stderr messages with "@@difftest-end index", and forks a new child after it. A fork is far cheaper
 * than starting the process again, which matters when the C has undefined behaviour on many inputs.
 * "STOP index" means the limits on failures were reached and inputs from index on were not run; "BUDGET index
 * failures hangs crashes" that BUDGET_S seconds were spent first: a run given START=index and those counts
 * (the optional last arguments) continues as if there had been no budget; "NOMEM index 1|2" that
 * an allocation failed while running that input, for want of memory (1) or as a request no limit allows (2);
 * "SLOW index ms" that the input returned after taking at least a tenth of WATCHDOG_MS (wall-clock time, as
 * the watchdog counts it): a hang of the other side there may be no more than its being slower. With FRESH=1 every input
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
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <setjmp.h>
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

/* Heap blocks alive in this process, start -> size: a pointer is followed only as far as the block it points
 * to, and not at all once freed (open addressing; 0 empty, 1 deleted; a full table just stops noting). New
 * memory is filled with ASan's fill byte on both sides (its first MiB), so reads of memory nobody wrote agree. */
#define BLOCKS ((size_t)1 << 16)
#define PROBES 64
#define FILL_BYTE 0xbe
#define FILL_MAX ((size_t)1 << 20) /* the memory nobody wrote agrees as far as a function is likely to read */
static struct block { uintptr_t p; size_t n; } blocks[BLOCKS];
void __real_free(void *);
char *__real_strdup(const char *);

static size_t block_slot(uintptr_t p)
{
	return (size_t)(((uint64_t)(p >> 4) * 0x9E3779B97F4A7C15ULL) >> 48) & (BLOCKS - 1);
}

static struct block *find_block(uintptr_t a)
{
	size_t i = block_slot(a), k;

	for (k = 0; k < PROBES && blocks[i].p; k++, i = (i + 1) & (BLOCKS - 1))
		if (blocks[i].p == a)
			return &blocks[i];
	return NULL;
}

static void note_block(void *p, size_t n)
{
	size_t i = block_slot((uintptr_t)p), k;
	struct block *b = p ? find_block((uintptr_t)p) : NULL;

	for (k = 0; p && !b && k < PROBES; k++, i = (i + 1) & (BLOCKS - 1))
		if (blocks[i].p <= 1)
			b = &blocks[i];
	if (b) {
		b->p = (uintptr_t)p;
		b->n = n;
	}
}

static size_t forget_block(void *p)
{
	struct block *b = p ? find_block((uintptr_t)p) : NULL;
	size_t n = b ? b->n : 0;

	if (b)
		b->p = 1;
	return n;
}

static void fill(void *p, size_t from, size_t to)
{
	if (p && to > from)
		memset((char *)p + from, FILL_BYTE, to - from < FILL_MAX ? to - from : FILL_MAX);
}

static void *noted(void *p, size_t size)
{
	if (!p && size && nomem && nomem[current] != 1)
		nomem[current] = size <= LIMIT_DEPENDENT ? 1 : 2;
	if (p)
		note_block(p, size);
	return p;
}

/* The arena of an input's own objects (see difftest_alloc): mapped at a fixed address by each child, NULL
 * when that failed. Its blocks are noted like heap blocks; freeing one poisons it (for the C side's ASan) and
 * never reuses it within the input; growing one moves it to the heap. */
#define ARENA_AT ((uintptr_t)0x660000000000ULL) /* past ASan's heap, before difftest_guarded's storage */
#define ARENA_BYTES ((size_t)256 << 20)
#define ARENA_BLOCKS 4096
#define REDZONE 2048 /* after each block, as wide as the C side's ASan redzones: read past it, both sides agree */
static char *arena;
static size_t arena_used, arena_count;
static void *arena_blocks[ARENA_BLOCKS];
void __asan_poison_memory_region(void const volatile *addr, size_t size) __attribute__((weak));
void __asan_unpoison_memory_region(void const volatile *addr, size_t size) __attribute__((weak));

static int in_arena(const void *p)
{
	return arena && (const char *)p >= arena && (const char *)p < arena + ARENA_BYTES;
}

static void poison(void *p, size_t n)
{
	if (__asan_poison_memory_region && n)
		__asan_poison_memory_region(p, n);
}

/* free() of an arena block: not reused within the input; not a block (freed twice, or inside one): the
 * abort glibc's free would have ended the input with. */
static void arena_free(void *p)
{
	size_t n = forget_block(p);

	if (!n)
		abort();
	poison(p, n);
}

/* realloc() of an arena block: a heap block with its bytes (realloc(p, 0) frees p, as glibc's does). */
static void *arena_realloc(void *old, size_t size)
{
	size_t was = forget_block(old);
	void *p;

	if (!was)
		abort();
	if (!size) {
		poison(old, was);
		return NULL;
	}
	p = noted(__real_malloc(size), size);
	if (!p) {
		note_block(old, was);
		return NULL;
	}
	memcpy(p, old, was < size ? was : size);
	fill(p, was, size);
	poison(old, was);
	return p;
}

void *__wrap_malloc(size_t size)
{
	void *p = noted(__real_malloc(size), size);

	fill(p, 0, size);
	return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
	return noted(__real_calloc(n, size), n && size <= LIMIT_DEPENDENT / n ? n * size : 0);
}

void *__wrap_realloc(void *old, size_t size)
{
	size_t was;
	void *p;

	if (in_arena(old))
		return arena_realloc(old, size);
	was = forget_block(old);
	p = noted(__real_realloc(old, size), size);

	if (!p && old && size)
		note_block(old, was); /* a failed realloc leaves the block as it was */
	fill(p, was, size);
	return p;
}

int __wrap_posix_memalign(void **p, size_t align, size_t size)
{
	int rc = __real_posix_memalign(p, align, size);

	noted(rc ? NULL : *p, size);
	if (!rc)
		fill(*p, 0, size);
	return rc;
}

void *__wrap_aligned_alloc(size_t align, size_t size)
{
	void *p = noted(__real_aligned_alloc(align, size), size);

	fill(p, 0, size);
	return p;
}

void __wrap_free(void *p)
{
	if (in_arena(p)) {
		arena_free(p);
		return;
	}
	forget_block(p);
	__real_free(p);
}

char *__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = __wrap_malloc(n);

	return p ? memcpy(p, s, n) : NULL;
}

char *__wrap_strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *p = __wrap_malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = 0;
	}
	return p;
}

/* Storage for an input's objects that hold pointers, and for what their pointer members point to: zeroed
 * memory the function may free or grow. It comes from the arena, started afresh for every input, so the same
 * input has the same addresses on both sides: code reading a pointer's bits as a number (a union's int member
 * over the pointer the input gave it) reads the same number in C and in Rust. The heap when the arena is
 * full or was not mapped. */
void *difftest_alloc(size_t bytes)
{
	size_t n = bytes ? bytes : 1, at = (arena_used + 15) / 16 * 16;
	void *p;

	if (arena && arena_count < ARENA_BLOCKS && n <= ARENA_BYTES && at + n + REDZONE <= ARENA_BYTES) {
		p = arena + at;
		memset(arena + arena_used, FILL_BYTE, at - arena_used);
		memset(p, 0, n);
		memset((char *)p + n, FILL_BYTE, REDZONE);
		poison(arena + arena_used, at - arena_used);
		poison((char *)p + n, REDZONE);
		arena_used = at + n + REDZONE;
		arena_blocks[arena_count++] = p;
		note_block(p, n);
		return p;
	}
	p = __wrap_malloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

/* A `FILE *` argument: memory holding the text to read, where what is written lands unbuffered. */
void *difftest_stream(char *buf, size_t size)
{
	FILE *f = fmemopen(buf, size, "r+");

	if (f)
		setvbuf(f, NULL, _IONBF, 0);
	return f;
}

/* Readable ranges besides the heap blocks: the harness's argument storage, and the executable's read-only
 * data (string literals, constant tables). */
#define RANGES 4096
static struct range { uintptr_t lo, hi; } ranges[RANGES];
static size_t nranges, nstatic;

static void note_range(const void *lo, size_t bytes)
{
	if (nranges < RANGES) {
		ranges[nranges].lo = (uintptr_t)lo;
		ranges[nranges++].hi = (uintptr_t)lo + bytes;
	}
}

static int note_segments(struct dl_phdr_info *info, size_t size, void *first)
{
	int i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type == PT_LOAD && (ph->p_flags & PF_R) && !(ph->p_flags & (PF_X | PF_W)))
			note_range((const void *)(info->dlpi_addr + ph->p_vaddr), ph->p_memsz);
	}
	*(int *)first = 0;
	return 1; /* the executable only: it comes first */
}

/* Bytes readable from q to the end of what holds it (a live heap block, argument storage, constant data of
 * the executable); 0 when that cannot be told (the stack, the inside of a heap block, freed memory). */
size_t difftest_extent(const void *q)
{
	uintptr_t a = (uintptr_t)q;
	struct block *b = find_block(a);
	size_t i;

	if (b)
		return b->n;
	if (!nstatic) {
		int first = 1;

		dl_iterate_phdr(note_segments, &first);
		nstatic = 1;
	}
	for (i = 0; i < nranges; i++)
		if (a >= ranges[i].lo && a < ranges[i].hi)
			return ranges[i].hi - a;
	return 0;
}

/* A followed pointer's record: where (-1 NULL, 0 readable here, -2 not), then how many objects of `elem`
 * bytes (at most cap; a string up to and with its NUL) the caller copies after it. */
size_t difftest_follow(const void *q, size_t elem, size_t cap, int string, unsigned char *out)
{
	int64_t where = q ? -2 : -1;
	uint32_t count = 0;
	size_t n = q ? difftest_extent(q) : 0;

	if (n) {
		where = 0;
		n /= elem ? elem : 1;
		n = n < cap ? n : cap;
		if (string) { /* not strnlen: the C side's ASan would check the harness's own read */
			size_t len = 0;

			while (len < n && ((const volatile char *)q)[len])
				len++;
			n = len < n ? len + 1 : n;
		}
		count = (uint32_t)n;
	}
	memcpy(out, &where, sizeof where);
	memcpy(out + sizeof where, &count, sizeof count);
	return count;
}

/* Generous for a function under test, and small enough that inputs asking for a random large length (a copy
 * that writes every byte it was given room for) fail their allocation quickly instead of writing a GiB. */
#define HEADROOM ((rlim_t)64 << 20)
#define RESTART_GROWTH ((size_t)2 << 30)
#define EXIT_RESTART 75 /* the child leaked too much (or the Rust exited): continue at the input in progress */
#define EXIT_BUDGET 76 /* the time budget is spent: inputs from the one in progress on are left unrun */
static time_t deadline; /* the budget's end: no input starts after it, however well the others went */

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
/* The same addresses on both sides (the same calls reserve them in the same order), so that a function whose
 * result depends on a pointer's value (its alignment, say) sees the same pointers in C and in Rust. Above
 * where the sanitizers keep their shadow memory and ASan its heap. */
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/* Reservations are made outside the input's allowance (run_inputs set it): the soft address-space limit is
 * lifted to the hard one for the mapping; returns the limits to set again after it. */
static struct rlimit lifted(void)
{
	struct rlimit rl, wide;

	getrlimit(RLIMIT_AS, &rl);
	wide = rl;
	wide.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_AS, &wide);
	return rl;
}

/* Maps the arena at ARENA_AT, once per child (see difftest_alloc); when that fails, inputs use the heap. */
static void arena_open(void)
{
	struct rlimit rl = lifted();
	char *p = mmap((void *)ARENA_AT, ARENA_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);

	setrlimit(RLIMIT_AS, &rl);
	if (p != MAP_FAILED && p != (char *)ARENA_AT) /* a kernel that took the address as a hint */
		munmap(p, ARENA_BYTES);
	else if (p != MAP_FAILED) {
		arena = p;
		guarded_total += ARENA_BYTES;
	}
}

/* Every input starts with an empty arena: the blocks of the one before are forgotten, their bytes usable. */
static void arena_reset(void)
{
	size_t i;

	for (i = 0; i < arena_count; i++)
		forget_block(arena_blocks[i]);
	if (arena_used && __asan_unpoison_memory_region)
		__asan_unpoison_memory_region(arena, arena_used);
	arena_used = arena_count = 0;
}
static uintptr_t next_guarded = (uintptr_t)0x680000000000ULL;
void *difftest_guarded(size_t bytes)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), span = (bytes + page - 1) / page * page;
	size_t guard = GUARD_SPAN, total, start;
	struct rlimit rl = lifted();
	char *p;

	do { /* a hard address-space limit from outside may not allow the wide reservation */
		total = span + 2 * guard;
		p = mmap((void *)next_guarded, total, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
		if (p == MAP_FAILED)
			p = mmap(NULL, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		guard = guard > page ? guard / 16 : 0;
	} while (p == MAP_FAILED && guard >= page);
	if (p != MAP_FAILED)
		next_guarded = (uintptr_t)p + total;
	guard = (total - span) / 2;
	if (p == MAP_FAILED || mprotect(p + guard, span, PROT_READ | PROT_WRITE)) {
		perror("difftest_guarded");
		_exit(2);
	}
	guarded_total += total;
	note_range(p + guard, span);
	/* The C side: what lies before the storage is no part of the argument (ASan, when linked, says so; its
	 * shadow marks whole 8-byte granules, hence the storage starts on one). */
	start = span - (bytes + 15) / 16 * 16;
	if (__asan_poison_memory_region)
		__asan_poison_memory_region(p + guard, start);
	if (rl.rlim_cur != RLIM_INFINITY)
		rl.rlim_cur = rl.rlim_cur + total < rl.rlim_max ? rl.rlim_cur + total : rl.rlim_max;
	setrlimit(RLIMIT_AS, &rl);
	return p + guard + start;
}

/* Both sides end an input that calls exit() here instead of ending the process, and the C side one that calls
 * abort() or fails an assert(), noted per input as the supervisor would have seen it (a shared map: 1 + exit
 * status, or 1000 + signal). An exit status is a result both sides are compared on; after an abort the input
 * is not compared (what the C does next is not its result). After an exit both sides continue in a new child:
 * the Rust standard library refuses a second std::process::exit in one process, and both sides then run each
 * input from the same process history (addresses that a function reads as numbers stay alike). */
static volatile int32_t *ended;
static volatile uint32_t *took; /* per input, the milliseconds it took when that was a tenth of the watchdog */
static sigjmp_buf end_input;
static volatile int in_input;
void __real_exit(int) __attribute__((noreturn));

static void end_here(int32_t how)
{
	if (in_input) {
		in_input = 0;
		ended[current] = how;
		siglongjmp(end_input, 1);
	}
}

void __wrap_exit(int status)
{
	end_here(1 + (status & 0xff));
	__real_exit(status);
}

/* Which side this executable is: the C sides link difftest_side.c, which defines difftest_c_side; on the Rust
 * side the weak reference stays null. So one compile of this driver serves both sides. */
extern const int difftest_c_side __attribute__((weak));
#define C_SIDE (&difftest_c_side != 0)

/* Weak: only the C sides link with --wrap=abort,--wrap=__assert_fail, which call these wrappers and resolve
 * the __real_ names; on the Rust side nothing calls the wrappers and the __real_ names stay unresolved. */
void __real_abort(void) __attribute__((noreturn, weak));
void __real___assert_fail(const char *, const char *, unsigned int, const char *)
	__attribute__((noreturn, weak));

void __wrap_abort(void)
{
	end_here(1000 + SIGABRT);
	__real_abort();
}

void __wrap___assert_fail(const char *what, const char *file, unsigned int line, const char *fn)
{
	end_here(1000 + SIGABRT);
	__real___assert_fail(what, file, line, fn);
}

/* A trapped UB check (SIGILL, raised before the undefined operation) ends the input as abort() does, in this
 * child: inputs that trap cost no new process each. Outside an input the trap kills as before (the handler
 * steps aside and the trapping instruction runs again). The C sides only: the Rust side has no UB traps. */
static void trapped(int sig)
{
	end_here(1000 + sig);
	signal(sig, SIG_DFL);
}

static void run_one(const struct difftest_entry *e, const unsigned char *in, unsigned char *progress,
		    unsigned char *out)
{
	if (sigsetjmp(end_input, 1)) {
		fflush(NULL); /* what the function printed before exiting, as exit() would */
		if (ended[current] < 1000) { /* an exit: the next input in a new child (see end_here) */
			*(volatile uint64_t *)progress = current + 1;
			_exit(EXIT_RESTART);
		}
		return;
	}
	in_input = 1;
	e->fn(in, out);
	in_input = 0;
}

static void run_inputs(const struct difftest_entry *e, const unsigned char *in, unsigned char *out,
		       size_t start, size_t stop, long ms)
{
	volatile uint64_t *progress = (volatile uint64_t *)out;
	struct itimerval watchdog = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
	int statm = open("/proc/self/statm", O_RDONLY);
	size_t i, base, now;
	struct timespec began, done;
	long spent;

	arena_open();
	base = mapped_now(statm);

	if (C_SIDE)
		signal(SIGILL, trapped);
	for (i = start; i < stop; i++) {
		*progress = i;
		current = i;
		if (time(NULL) > deadline)
			_exit(EXIT_BUDGET);
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
		arena_reset();
		/* SIGALRM's default action ends the child: a hang is reported at this input. */
		clock_gettime(CLOCK_MONOTONIC, &began);
		setitimer(ITIMER_REAL, &watchdog, NULL);
		run_one(e, in + i * e->in_size, out, out + 8 + i * e->out_size);
		clock_gettime(CLOCK_MONOTONIC, &done);
		spent = (done.tv_sec - began.tv_sec) * 1000 + (done.tv_nsec - began.tv_nsec) / 1000000;
		if (spent * 10 >= ms)
			took[i] = (uint32_t)spent;
	}
	*progress = stop;
}

/* A stop on the time budget, not on the limits: "BUDGET index failures hangs crashes" lets a further run
 * continue at `index` with the counts so far, so how many inputs run does not depend on the machine's load. */
static void budget_spent(size_t at, long failures, long hangs, long crashes)
{
	dprintf(1, "BUDGET %zu %ld %ld %ld\n", at, failures, hangs, crashes);
}

/* failures, hangs, crashes: the counts of the runs this one continues (0 for a first run). */
static int supervise(const struct difftest_entry *e, const unsigned char *in, unsigned char *out, size_t n,
		     size_t start, long ms, long max_failures, long max_crashes, long budget, int fresh,
		     long failures, long hangs, long crashes)
{
	volatile uint64_t *progress = (volatile uint64_t *)out;
	size_t at;

	deadline = time(NULL) + budget;
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
		if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_RESTART && at > start && at <= stop) {
			start = at; /* not a failure: input `at` runs again in a fresh child */
			continue;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_BUDGET && at >= start && at < n) {
			budget_spent(at, failures, hangs, crashes);
			break;
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
		    (max_crashes && crashes >= max_crashes)) {
			if (start < n)
				dprintf(1, "STOP %zu\n", start);
			break;
		}
		if (time(NULL) > deadline) {
			if (start < n)
				budget_spent(start, failures, hangs, crashes);
			break;
		}
	}
	for (at = 0; at < n; at++) {
		if (ended[at] >= 1000)
			dprintf(1, "FAIL %zu signal %d\n", at, ended[at] - 1000);
		else if (ended[at])
			dprintf(1, "FAIL %zu exit %d\n", at, ended[at] - 1);
		if (nomem[at])
			dprintf(1, "NOMEM %zu %d\n", at, nomem[at]);
		if (took[at])
			dprintf(1, "SLOW %zu %u\n", at, took[at]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct difftest_entry *e;
	const unsigned char *in;
	unsigned char *out;
	size_t in_len, out_len, n;

	if ((argc != 10 && argc != 13) || (size_t)atol(argv[1]) >= difftest_count) {
		fprintf(stderr, "usage: %s FUNC_INDEX INPUT OUTPUT START WATCHDOG_MS MAX_FAILURES MAX_CRASHES "
			"BUDGET_S FRESH [FAILURES HANGS CRASHES]\n", argv[0]);
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
	ended = mmap(NULL, (n + 1) * sizeof *ended, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	took = mmap(NULL, (n + 1) * sizeof *took, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (nomem == MAP_FAILED || ended == MAP_FAILED || took == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	return supervise(e, in, out, n, (size_t)atol(argv[4]), atol(argv[5]), atol(argv[6]), atol(argv[7]),
			 atol(argv[8]), atoi(argv[9]), argc == 13 ? atol(argv[10]) : 0, argc == 13 ? atol(argv[11]) : 0,
			 argc == 13 ? atol(argv[12]) : 0);
}
