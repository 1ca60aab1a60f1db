"""The harness's own objects (units, table) kept by content: `NAME-KEY.o`, a few versions per name.

A harness is built more than once for the same OUT, and not always from the same text: a rerun (setup.py,
the filled locals) compiles a file's units with new calls, and the next verification of OUT starts from the
first plans again. One object per name would be overwritten by each and compiled again by the next; kept by
content, every text met before is linked as it was. Stale versions are dropped, the least recently used
first, so that OUT does not keep every text it ever held.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

VERSIONS = 4  # per name: a unit and its renamed view (unit.unit_definitions), in a first build and a rerun
_KEY_CHARS = 16


def cached_object(work: Path, name: str, key: str, compile_to: Callable[[Path], None]) -> Path:
    """The object compiled from what `key` digests, `compile_to(path)` making it when no version has that
    key; the `.key` beside it holds the whole key (unit.unit_definitions keeps its nm answers under it)."""
    obj = work / f"{name}-{key[:_KEY_CHARS]}.o"
    stamp = obj.with_suffix(".key")
    if obj.is_file() and stamp.is_file() and stamp.read_text() == key:
        os.utime(obj)  # used now: the last to be dropped
        return obj
    stamp.unlink(missing_ok=True)  # a partly written object is never taken for a finished one
    tmp = work / f"{name}.tmp.o"
    compile_to(tmp)
    tmp.replace(obj)
    stamp.write_text(key)
    _drop_stale(work, name)
    return obj


def _drop_stale(work: Path, name: str) -> None:
    """All but the VERSIONS most recently used objects of `name`, with what is kept beside them."""
    versions = [p for p in work.glob(f"{name}-*.o") if len(p.stem) == len(name) + 1 + _KEY_CHARS]
    versions.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in versions[VERSIONS:]:
        for path in (old, old.with_suffix(".key"), old.with_suffix(".defs")):
            path.unlink(missing_ok=True)
