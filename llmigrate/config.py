"""Options from `llmigrate.toml` in SRC and `compile_commands.json`, shared by every command.

Precedence: command-line flags (applied by the CLI with `Config.override`) > llmigrate.toml >
compile_commands.json > defaults.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import tomllib
from dataclasses import dataclass, field, fields, replace
from fnmatch import fnmatchcase
from pathlib import Path

from llmigrate.errors import LlmigrateError

CONFIG_NAME = "llmigrate.toml"

# table -> key -> (Config attribute, expected type)
_SCHEMA: dict[str, dict[str, tuple[str, type]]] = {
    "c": {
        "include_dirs": ("include_dirs", list),
        "defines": ("defines", list),
        "cflags": ("cflags", list),
        "exclude": ("exclude", list),
        "compiler": ("compiler", str),
        "attribute_macros": ("attribute_macros", list),
    },
    "tests": {"globs": ("test_globs", list), "timeout": ("test_timeout", float),
              "support": ("test_support", list)},
    "translate": {"c_string_prefix": ("c_string_prefix", bool)},
    "model": {
        "backend": ("backend", str),
        "name": ("model", str),
        "base_url": ("base_url", str),
        "jobs": ("jobs", int),
        "max_repairs": ("max_repairs", int),
        "max_attempts": ("max_attempts", int),
        "timeout": ("model_timeout", float),
        "max_retries": ("model_max_retries", int),
        "shared": ("model_shared", str),
        "fallback": ("model_fallback", str),
        "context": ("model_context", int),
        "price_in": ("price_in", float),
        "price_out": ("price_out", float),
        "max_cost": ("max_cost", float),
    },
}


@dataclass(frozen=True)
class Config:
    include_dirs: list[str] = field(default_factory=list)  # relative to SRC unless absolute
    defines: list[str] = field(default_factory=list)  # "NAME" or "NAME=VALUE"
    cflags: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)  # glob patterns relative to SRC
    compiler: str = "gcc"
    attribute_macros: list[str] = field(default_factory=list)  # extra macros analyze blanks like __init
    test_globs: list[str] = field(default_factory=lambda: ["tests/*.c"])
    test_timeout: float = 30.0
    # Sources the tests need (a test framework, shared helpers): compiled and linked with every test, never
    # translated nor analysed as library code. Globs relative to SRC.
    test_support: list[str] = field(default_factory=list)
    backend: str | None = None  # None: openai when a model is configured, else builtin
    model: str | None = None
    base_url: str | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)  # units at once: --jobs, [model] jobs
    max_repairs: int = 5
    max_attempts: int = 3
    model_timeout: float = 120.0
    model_max_retries: int = 3
    model_shared: str = "builtin"  # "model": ask the model for shared.rs too (used only when it builds)
    model_fallback: str = "builtin"  # "none": a function the model cannot translate stays C
    model_context: int = 0  # the model's context window in tokens; 0: unknown, prompts are not fitted
    price_in: float = 2.50  # USD per million prompt tokens (gpt-4o list price), for --dry-run and max_cost
    price_out: float = 10.00  # USD per million completion tokens
    max_cost: float = 0.0  # USD a run may spend on the model; 0: no limit
    cache_dir: str | None = None  # model reply cache (OUT/.llmigrate/cache); None: no cache
    no_cache: bool = False  # --no-cache: neither read nor write the cache
    frozen: bool = False  # --frozen: answer only from the cache, a miss is an error (CI)
    source: str | None = None  # the file the settings came from, for messages
    # Rule c-string-prefix: take a read-only `const char *` the C reads forward but may stop reading before
    # its NUL (a parser, a matcher) to be a NUL-terminated string, an assumption its `# Safety` states; off
    # keeps it raw unless the C reads it up to its NUL on every call ([translate] c_string_prefix).
    c_string_prefix: bool = True

    def override(self, **flags: object) -> Config:
        """Apply command-line flags; a None flag means 'not given' and leaves the setting alone."""
        return replace(self, **{k: v for k, v in flags.items() if v is not None})

    def c_args(self, root: Path) -> list[str]:
        """Preprocessor and compiler flags for the C of SRC, with relative paths made absolute under SRC."""
        root = Path(root).resolve()
        args = [f"-I{_under(root, d)}" for d in self.include_dirs]
        args += [f"-D{d}" for d in self.defines]
        # __FILE__ spelled relative to SRC, as `cc -c file.c` run in SRC has it: an assert's message becomes a
        # literal in the Rust, which must not depend on where SRC happens to sit on the disk.
        args.append(f"-fmacro-prefix-map={root}/=")
        return args + resolve_cflags(self.cflags, root)


# cflags naming a directory (always relative to SRC) or a file (relative to SRC when it is there; else the
# compiler looks for it along the include path, as `-include kernel_shim.h` with include_dirs expects).
_DIR_FLAGS = ("-I", "-isystem", "-iquote", "-idirafter")
_FILE_FLAGS = ("-include", "-imacros")
_PATH_FLAGS = sorted(_DIR_FLAGS + _FILE_FLAGS, key=len, reverse=True)  # longest first: -include before -I


def resolve_cflags(flags: list[str], root: Path) -> list[str]:
    """`flags` with the paths of -I/-isystem/-iquote/-idirafter/-include/-imacros resolved against `root`,
    so that they mean the same from any working directory (and in build.rs, which cargo runs in OUT)."""
    out: list[str] = []
    pending: str | None = None  # a path flag whose value is the next argument
    for flag in flags:
        if pending is not None:
            out.append(_path_value(pending, flag, root))
            pending = None
        elif flag in _PATH_FLAGS:
            out.append(flag)
            pending = flag
        else:
            prefix = next((p for p in _PATH_FLAGS if flag.startswith(p)), None)
            out.append(flag if prefix is None else prefix + _path_value(prefix, flag[len(prefix):], root))
    return out


def _path_value(flag: str, value: str, root: Path) -> str:
    if flag in _DIR_FLAGS or (root / value).is_file():
        return _under(root, value)
    return value


def _under(root: Path, path: str) -> str:
    return path if Path(path).is_absolute() else str(root / path)


def load_config(src: Path) -> Config:
    """Read SRC/llmigrate.toml and SRC/compile_commands.json if present; a bad key is an error naming it."""
    cfg = _from_compile_commands(src / "compile_commands.json") if (src / "compile_commands.json").is_file() \
        else Config()
    path = src / CONFIG_NAME
    if not path.is_file():
        return _with_found_support(src, cfg)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise LlmigrateError(f"{path}: not valid TOML: {e}") from e
    values: dict[str, object] = {}
    for table, content in data.items():
        if table not in _SCHEMA or not isinstance(content, dict):
            raise LlmigrateError(f"{path}: unknown table [{table}] (known: {', '.join(sorted(_SCHEMA))})")
        for key, value in content.items():
            if key not in _SCHEMA[table]:
                known = ", ".join(sorted(_SCHEMA[table]))
                raise LlmigrateError(f"{path}: unknown key '{table}.{key}' (known in [{table}]: {known})")
            attr, typ = _SCHEMA[table][key]
            values[attr] = _check_type(path, f"{table}.{key}", value, typ)
    names = {f.name for f in fields(Config)}
    assert set(values) <= names
    return _with_found_support(src, replace(cfg, source=str(path), **values))


_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_DEFINITION = re.compile(r"^([A-Za-z_][\w \t*]*?)\b([A-Za-z_]\w*)\s*\((?:[^;{}()]|\([^()]*\))*\)\s*\{", re.M)
_PROTOTYPE = re.compile(r"^[A-Za-z_][\w \t*]*?\b([A-Za-z_]\w*)\s*\([^;{}()]*\)\s*;", re.M)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_MACRO = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)", re.M)


def _with_found_support(src: Path, cfg: Config) -> Config:
    """`cfg` with test support added: the library .c files that call a function only a test defines."""
    found = found_test_support(src, cfg)
    return replace(cfg, test_support=[*cfg.test_support, *found]) if found else cfg


def found_test_support(src: Path, cfg: Config) -> list[str]:
    """Library .c files calling a function that the library declares and only a test defines (a test
    framework calling the tests' `setUp`): the library cannot link without a test, so they are test code, as
    `[tests] support` says."""
    files = {p.relative_to(src).as_posix(): p for p in sorted(src.rglob("*.[ch]")) if p.is_file()}
    tests = {r for r in files if r.endswith(".c") and any(_glob(r, g) for g in cfg.test_globs)}
    if not tests:
        return []
    texts = {r: _COMMENT.sub(" ", p.read_text(errors="replace")) for r, p in files.items()}
    skip = [*cfg.exclude, *cfg.test_support]
    library = {r: t for r, t in texts.items() if r not in tests and not any(_glob(r, g) for g in skip)}
    defined = {m.group(2) for t in library.values() for m in _DEFINITION.finditer(t)}
    defined |= {m.group(1) for t in library.values() for m in _MACRO.finditer(t)}
    declared = {m.group(1) for t in library.values() for m in _PROTOTYPE.finditer(t)}
    only_tests = {m.group(2) for r in tests for m in _DEFINITION.finditer(texts[r])
                  if "static" not in m.group(1).split()} & declared - defined - {"main"}
    return [r for r, t in library.items() if r.endswith(".c") and only_tests & set(_CALL.findall(t))]


def _glob(rel: str, pattern: str) -> bool:
    return fnmatchcase(rel, pattern.strip("/")) or fnmatchcase(rel, pattern.strip("/") + "/*")


def _check_type(path: Path, key: str, value: object, typ: type) -> object:
    if typ is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if typ is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LlmigrateError(f"{path}: '{key}' must be a list of strings, got {value!r}")
        return value
    if not isinstance(value, typ) or isinstance(value, bool) and typ is not bool:
        raise LlmigrateError(f"{path}: '{key}' must be {typ.__name__}, got {value!r}")
    return value


def _from_compile_commands(path: Path) -> Config:
    """Take include dirs and defines from the first entries of a compile database (they rarely differ)."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise LlmigrateError(f"{path}: not valid JSON: {e}") from e
    includes: list[str] = []
    defines: list[str] = []
    for entry in entries if isinstance(entries, list) else []:
        args = entry.get("arguments") or shlex.split(entry.get("command", ""))
        base = Path(entry.get("directory", path.parent))
        it = iter(args)
        for a in it:
            if a == "-I":
                a = "-I" + next(it, "")
            if a.startswith("-I") and len(a) > 2:
                d = str((base / a[2:]).resolve())
                if d not in includes:
                    includes.append(d)
            elif a.startswith("-D") and len(a) > 2 and a[2:] not in defines:
                defines.append(a[2:])
    return Config(include_dirs=includes, defines=defines, source=str(path))
