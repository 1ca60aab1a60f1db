"""C library calls on a stream parameter proven valid (rule opaque-handle, `Option<&mut FILE>`) are checked
operations (signatures/cstr.py HANDLE_CALLS, printf and fputc to it): the function is a safe fn, and each call
says its rule. fclose ends the stream its caller still holds, and stdin is no parameter: both stay unsafe.
gcc vs the Rust of the same C: tests/data/backends/builtin/behaviour/data/stream_handles.c."""

from __future__ import annotations

from helpers.builtin_translate import translated_code
from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.net import names_in, unsound

_C = data_text("backends/builtin/behaviour/data/stream_handles.c")


def test_stream_parameter_calls_make_safe_fns(tmp_path):
    (tmp_path / "m.c").write_text(_C)
    sigs = {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}
    for name in ("sh_next", "sh_peek", "sh_skip_spaces", "sh_put"):
        assert not sigs[name].unsafe, sigs[name].decl()
        assert sigs[name].params[0].rust_type == "Option<&mut FILE>"
    assert sigs["sh_close"].unsafe and "calls `fclose`" in sigs["sh_close"].unchecked
    assert sigs["sh_stdin_done"].unsafe and "calls `feof`" in sigs["sh_stdin_done"].unchecked


def test_each_checked_stream_call_names_its_rule(tmp_path):
    code = translated_code(tmp_path, "m.c", _C)
    for name in ("sh_next", "sh_peek", "sh_put"):
        lines = code[name].splitlines()
        calls = [i for i, ln in enumerate(lines) if "unsafe {" in ln]
        assert calls and all("SAFETY: rule checked-libc-call" in lines[i - 1] for i in calls), code[name]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []
