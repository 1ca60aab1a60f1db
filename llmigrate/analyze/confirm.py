"""The parser's syntax errors, put to the C compiler: with SRC's flags, the compiler decides what is an error.

tree-sitter reads C unpreprocessed, so some valid C defeats it (`va_arg(ap, char *)`, macros expanding to
statements or case labels). A file the compiler accepts keeps those diagnostics as warnings; a file it
rejects keeps them as errors, and is parsed again definition by definition (parse_apart), so that an error
stays with the function it is in and cannot swallow the definitions after it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path, PurePosixPath

from llmigrate.analyze.blank import Blanks, Skips
from llmigrate.analyze.parse import FileFacts, parse_file
from llmigrate.config import Config

COMPILE_TIMEOUT = 60.0
_ERROR = re.compile(r"^(.+?):\d+:(?:\d+:)? (?:fatal )?error: ", re.M)


# In a warning on a syntax error the compiler accepts: the file may define what the analysis did not read.
PARSER_LIMIT = "a limit of the parser"

def confirm_syntax_errors(src: Path, config: Config, facts: list[FileFacts], blanks: Blanks,
                          skips: dict[str, Skips]) -> list[FileFacts]:
    """`facts` with each file's parse errors confirmed (re-parsed apart) or downgraded by the compiler;
    `skips`: the code the preprocessor skips, by file (analyze_preproc)."""
    out = []
    for f in facts:
        rejected = _rejected(src, config, f, facts) if any(d.severity == "error" for d in f.diagnostics) \
            else None
        if rejected:
            f = parse_file(str(src), f.file, blanks, skips.get(f.file), apart=True)
        elif rejected is False:
            downgrade(f, config.compiler)
        out.append(f)
    return out


def _rejected(src: Path, config: Config, f: FileFacts, facts: list[FileFacts]) -> bool | None:
    """True: the compiler reports an error in f's file; False: it compiles cleanly; None: cannot tell. A
    header is compiled through a .c file including it, if there is one."""
    includer = f.file if f.file.endswith(".c") else _includer(f.file, facts)
    cmd = [config.compiler, "-fsyntax-only", "-w", *config.c_args(src), f"-I{src.resolve()}",
           *(["-x", "c", f.file] if includer is None else [includer])]
    try:
        proc = subprocess.run(cmd, cwd=src, capture_output=True, text=True, timeout=COMPILE_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode == 0:
        return False
    located = {(src / m.group(1)).resolve() for m in _ERROR.finditer(proc.stderr)}
    return True if (src / f.file).resolve() in located else None  # errors elsewhere only: cannot tell


def _includer(header: str, facts: list[FileFacts]) -> str | None:
    name = PurePosixPath(header).name
    return next((f.file for f in facts if f.file.endswith(".c")
                 and any(PurePosixPath(inc.strip('"<> ')).name == name for inc in f.includes)), None)


def downgrade(f: FileFacts, compiler: str) -> None:
    for d in f.diagnostics:
        if d.severity == "error":
            d.severity = "warning"
            d.message += f" ({compiler} accepts the file: {PARSER_LIMIT}; names used here may be missed)"
