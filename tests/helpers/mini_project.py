"""A small hand-written C library and a hand-written Rust crate exporting the same symbols, some of them
deliberately wrong, used by the differential-test and verify tests (no translator involved)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers.paths import data_text
from llmigrate.config import Config
from llmigrate.core import CFunction, CGlobal, Codebase, CType, Param, RunContext
from llmigrate.journal import FunctionRecord, Journal, Status

HEADER = data_text("verify/mini/include/mini.h")
LIB_C = data_text("verify/mini/mini.c")
# mid computes (lo + hi) / 2, which wraps; triple uses `*`, which panics on overflow in a debug build;
# fill writes one byte too many; hang_on_7 and crash_on_5 do what they say; divrem forgets C's NULL
# check. The rest are faithful (shl and divi only where C defines the result: they differ exactly on C's
# undefined inputs).
LIB_RS = data_text("verify/mini/lib.rs")
TEST_MID = data_text("verify/mini/tests/test_mid.c")
TEST_OK = data_text("verify/mini/tests/test_ok.c")
TEST_BROKEN = data_text("verify/mini/tests/test_broken.c")

PROTOS = {
    "twice": ("uint32_t", [("x", "uint32_t")], True),
    "add_u64": ("uint64_t", [("a", "uint64_t"), ("b", "uint64_t")], False),
    "add_i32": ("int32_t", [("a", "int32_t"), ("b", "int32_t")], False),
    "mid": ("uint32_t", [("lo", "uint32_t"), ("hi", "uint32_t")], False),
    "triple": ("uint64_t", [("x", "uint64_t")], False),
    "sum_u32": ("uint32_t", [("buf", "const uint32_t *"), ("n", "size_t")], False),
    "fill": ("void", [("dst", "uint8_t *"), ("len", "size_t"), ("v", "uint8_t")], False),
    "split": ("bool", [("x", "uint64_t"), ("hi", "uint32_t *"), ("lo", "uint32_t *")], False),
    "mkpair": ("struct pair", [("a", "uint32_t"), ("b", "uint8_t")], False),
    "pair_sum": ("uint32_t", [("p", "struct pair")], False),
    "pair_bump": ("void", [("p", "struct pair *")], False),
    "half": ("double", [("x", "double")], False),
    "apply": ("int", [("f", "int (*)(int)"), ("x", "int")], False),
    "shl": ("uint32_t", [("x", "uint32_t"), ("n", "uint32_t")], False),
    "divi": ("int32_t", [("a", "int32_t"), ("b", "int32_t")], False),
    "hang_on_7": ("uint32_t", [("x", "uint32_t")], False),
    "crash_on_5": ("uint32_t", [("x", "uint32_t")], False),
    "cmp_u16": ("int", [("a", "const void *"), ("b", "const void *")], False),
    "divrem": ("uint64_t", [("a", "uint64_t"), ("b", "uint64_t"), ("rem", "uint64_t *")], False),
    "tally": ("uint32_t", [("x", "uint32_t")], False),
    "find_char": ("const char *", [("s", "const char *"), ("c", "char")], False),
}


def write_project(root: Path, tests: dict[str, str] | None = None, rust: str = LIB_RS) -> tuple[Path, Path]:
    """SRC (C library with tests) and OUT (a crate exporting the same symbols) under `root`."""
    src, out = root / "src", root / "out"
    (src / "include").mkdir(parents=True)
    (src / "tests").mkdir()
    (src / "include" / "mini.h").write_text(HEADER)
    (src / "mini.c").write_text(LIB_C)
    (src / "llmigrate.toml").write_text('[c]\ninclude_dirs = ["include"]\ncflags = ["-std=gnu11"]\n')
    for name, text in (tests if tests is not None else {"test_mid.c": TEST_MID}).items():
        (src / "tests" / name).write_text(text)
    (out / "src").mkdir(parents=True)
    (out / "Cargo.toml").write_text('[package]\nname = "mini-rs"\nversion = "0.1.0"\nedition = "2021"\n\n'
                                    '[lib]\ncrate-type = ["rlib", "staticlib"]\n')
    (out / "src" / "lib.rs").write_text("#![allow(non_camel_case_types)]\n" + rust)
    return src, out


def codebase_for(src: Path) -> Codebase:
    """The Codebase analyze would produce for the mini library (written by hand: no analyzer needed)."""
    from llmigrate.config import load_config

    config: Config = load_config(src)
    cb = Codebase(root=str(src), config=config, files=["mini.c"])
    for name, (ret, params, static) in PROTOS.items():
        cb.functions[name] = CFunction(
            id=name, name=name, file="mini.c", start_line=1, end_line=1, signature=f"{ret} {name}(...)",
            return_type=ret, params=[Param(n, t) for n, t in params], is_static=static,
            hash=hashlib.sha256(name.encode()).hexdigest())
    cb.functions["tally"].globals_used = ["total"]
    cb.globals["total"] = CGlobal("total", "mini.c", 1, "uint32_t", is_static=True)
    cb.types["struct pair"] = CType("struct pair", "struct", "include/mini.h", 7, "",
                                    fields=[Param("a", "uint32_t"), Param("b", "uint8_t")])
    return cb


def journal_for(src: Path, out: Path, cb: Codebase) -> Journal:
    journal = Journal.create(out, str(src.resolve()), "handwritten", None)
    for fid, fn in cb.functions.items():
        journal.functions[fid] = FunctionRecord(fn.name, fn.file, fid, fn.hash, "mini",
                                                status=Status.COMPILED)
    journal.save()
    return journal


def context_for(src: Path, out: Path, cb: Codebase) -> RunContext:
    """The run context verify works from, with `journal_for`'s journal."""
    return RunContext(src, out, cb.config, cb, journal_for(src, out, cb))
