"""The C library as the soundness scan knows it (issue 15): the functions a call of which reaches no memory
the caller gave (scalars in, a scalar out), and the globals that are the library's own. Kept apart from
soundness.py so that the scan's rules and the tables they consult change separately.
"""

from __future__ import annotations

_MATH = ("sqrt cbrt pow exp exp2 expm1 log log2 log10 log1p sin cos tan asin acos atan atan2 sinh cosh tanh "
         "floor ceil round trunc rint nearbyint fabs fmod fmin fmax hypot copysign ldexp fma erf erfc")
# C library (and GCC builtin) functions whose parameters and result are all scalars: calling one cannot
# reach memory the caller gave it. The <ctype.h> tests are not here: they read a table only within a domain
# (ctype.py, rule ctype-domain).
_LIBC = ("abs labs llabs lround llround lrint rand srand random srandom exit _Exit abort toupper tolower "
         "putchar getchar clock sleep usleep isatty offsetof")
# <endian.h>'s byte-order conversions of one uintN_t to another (glibc: macros over static inline identity
# and byte-swap functions of scalars)
_ENDIAN = " ".join(f"{a}{n}{b}" for n in (16, 32, 64)
                   for a, b in (("htobe", ""), ("htole", ""), ("be", "toh"), ("le", "toh")))
_GCC = "expect constant_p inf inff huge_val huge_valf offsetof fabs fabsf sqrt sqrtf floor ceil"
SCALAR_EXTERNS = frozenset(
    [f + s for f in _MATH.split() for s in ("", "f")] + _LIBC.split() + _ENDIAN.split()
    + [f"__builtin_{n}" for n in _GCC.split()]
    + [f"__builtin_{n}{s}" for n in ("clz", "ctz", "popcount", "parity", "ffs") for s in ("", "l", "ll")]
    + ["__builtin_bswap16", "__builtin_bswap32", "__builtin_bswap64"])
SCALAR_RULE = "scalar-libc-call"
SCALAR_WHY = "takes and returns scalars only: the call reaches no memory the program gave it"
# <math.h> functions of scalars only that glibc's libm defines for every argument (a domain or range error
# returns a value and sets the calling thread's errno, nothing else): shared.rs declares them `safe fn` (rule
# pure-libm), so a safe fn calls the C library's own function, whose result is the C's bit for bit.
PURE_LIBM = frozenset(f + s for f in _MATH.split() for s in ("", "f"))
PURE_RULE = "pure-libm"
PURE_WHY = ("takes and returns scalars only and is defined for every argument (a domain error sets the "
            "thread's errno): it reads and writes no memory of the program")
# C library globals: extern statics, or macros reading through a pointer (`errno`, `h_errno`: the scan does
# not read system headers' macros, so a name they define as `(*__f_location ())` must be listed here)
EXTERN_GLOBALS = frozenset("errno h_errno stdin stdout stderr optarg optind opterr optopt environ __environ "
                           "signgam timezone daylight tzname getdate_err program_invocation_name "
                           "program_invocation_short_name".split())
