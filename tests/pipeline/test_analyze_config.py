"""The shared config loader: llmigrate.toml, compile_commands.json, precedence and errors naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmigrate.config import Config, load_config
from llmigrate.core import LlmigrateError


def test_defaults_without_files(tmp_path: Path) -> None:
    cfg = load_config(tmp_path)
    assert cfg == Config() and cfg.test_globs == ["tests/*.c"] and cfg.source is None


def test_toml_values_and_c_args(tmp_path: Path) -> None:
    (tmp_path / "llmigrate.toml").write_text(
        '[c]\ninclude_dirs = ["include", "/abs"]\ndefines = ["CONFIG_X", "N=3"]\n'
        'cflags = ["-include", "shim.h"]\nattribute_macros = ["__mine"]\n'
        '[tests]\nglobs = ["t/*.c"]\ntimeout = 5\n[model]\njobs = 2\n')
    cfg = load_config(tmp_path)
    assert cfg.c_args(tmp_path) == [f"-I{tmp_path / 'include'}", "-I/abs", "-DCONFIG_X", "-DN=3",
                                    f"-fmacro-prefix-map={tmp_path}/=", "-include", "shim.h"]
    assert (cfg.attribute_macros, cfg.test_globs, cfg.test_timeout) == (["__mine"], ["t/*.c"], 5.0)
    assert cfg.jobs == 2
    assert cfg.source == str(tmp_path / "llmigrate.toml")
    assert cfg.override(jobs=8, model=None).jobs == 8 and cfg.override(model=None).model is None


def test_the_c_string_prefix_rule_is_on_unless_turned_off(tmp_path: Path) -> None:
    assert load_config(tmp_path).c_string_prefix
    (tmp_path / "llmigrate.toml").write_text("[translate]\nc_string_prefix = false\n")
    assert not load_config(tmp_path).c_string_prefix


@pytest.mark.parametrize(("text", "names"), [
    ('[c]\ninclude_dir = ["x"]\n', "'c.include_dir'"),
    ('[compiler]\nflags = []\n', "[compiler]"),
    ('[c]\ndefines = "X"\n', "'c.defines'"),
    ('[model]\njobs = "four"\n', "'model.jobs'"),
    ('[tests]\ntimeout = true\n', "'tests.timeout'"),
    ('[translate]\nc_string_prefix = "no"\n', "'translate.c_string_prefix'"),
    ('[c\n', "not valid TOML"),
])
def test_errors_name_the_bad_key(tmp_path: Path, text: str, names: str) -> None:
    (tmp_path / "llmigrate.toml").write_text(text)
    with pytest.raises(LlmigrateError) as err:
        load_config(tmp_path)
    assert names in str(err.value) and "llmigrate.toml" in str(err.value)


def test_compile_commands_then_toml_wins(tmp_path: Path) -> None:
    db = [{"directory": str(tmp_path), "file": "a.c",
           "command": "gcc -I inc -Iother -DFAST -DLEVEL=2 -c a.c"},
          {"directory": str(tmp_path), "file": "b.c", "arguments": ["gcc", "-Iinc", "-DFAST", "-c", "b.c"]}]
    (tmp_path / "compile_commands.json").write_text(json.dumps(db))
    cfg = load_config(tmp_path)
    assert cfg.include_dirs == [str(tmp_path / "inc"), str(tmp_path / "other")]
    assert cfg.defines == ["FAST", "LEVEL=2"]
    (tmp_path / "llmigrate.toml").write_text('[c]\ndefines = ["SLOW"]\n')
    cfg = load_config(tmp_path)
    assert cfg.defines == ["SLOW"] and cfg.include_dirs == [str(tmp_path / "inc"), str(tmp_path / "other")]


def test_bad_compile_commands(tmp_path: Path) -> None:
    (tmp_path / "compile_commands.json").write_text("[{")
    with pytest.raises(LlmigrateError, match="compile_commands.json: not valid JSON"):
        load_config(tmp_path)


def test_a_framework_calling_what_only_tests_define_is_test_support(tmp_path: Path) -> None:
    """The library cannot link without a test that defines `setUp`: the framework is test code."""
    (tmp_path / "fw").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "fw" / "fw.h").write_text("void setUp(void);\nint fw_run(int (*t)(void));\n")
    (tmp_path / "fw" / "fw.c").write_text('#include "fw.h"\nint fw_run(int (*t)(void))\n{\n\tsetUp();\n'
                                          "\treturn t();\n}\n")
    # a call through a member named like a test's function is not a call of it
    (tmp_path / "lib.c").write_text("struct ops { int (*check)(int); };\n"
                                    "int twice(struct ops *o, int x)\n{\n\treturn o->check(2 * x);\n}\n")
    (tmp_path / "tests" / "t.c").write_text('#include "../fw/fw.h"\nvoid setUp(void) {}\n'
                                            "int check(int v) { return v; }\n"
                                            "static int one(void) { return 1; }\n"
                                            "int main(void) { return !fw_run(one); }\n")
    assert load_config(tmp_path).test_support == ["fw/fw.c"]
    (tmp_path / "lib.c").write_text("void setUp(void) {}\n")  # the library defines it: fw.c is library
    assert load_config(tmp_path).test_support == []
