"""The C fixtures are sound on their own: every test driver, built with gcc against its library, passes."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from helpers.paths import FIXTURES

NAMES = ("kmath", "ksort", "ramfs")
CFLAGS = ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O1"]


def load_config(fixture: Path) -> dict:
    return tomllib.loads((fixture / "llmigrate.toml").read_text())


def driver_files(fixture: Path) -> list[Path]:
    globs = load_config(fixture).get("tests", {}).get("globs", ["tests/*.c"])
    return sorted({p for g in globs for p in fixture.glob(g)})


def library_sources(fixture: Path) -> list[Path]:
    """Every .c file outside tests/ that is not a test driver: the library itself."""
    drivers = set(driver_files(fixture))
    return sorted(
        p for p in fixture.rglob("*.c") if p not in drivers and p.relative_to(fixture).parts[0] != "tests"
    )


def compile_args(fixture: Path) -> list[str]:
    c = load_config(fixture).get("c", {})
    args = [f"-I{fixture / d}" for d in c.get("include_dirs", [])]
    args += [f"-D{d}" for d in c.get("defines", [])]
    return args + list(c.get("cflags", []))


def cases() -> list:
    return [
        pytest.param(name, t.relative_to(FIXTURES / name).as_posix(), id=f"{name}/{t.stem}")
        for name in NAMES
        for t in driver_files(FIXTURES / name)
    ]


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")
@pytest.mark.parametrize(("name", "driver"), cases())
def test_fixture_c_test_passes(name: str, driver: str, tmp_path: Path) -> None:
    fixture = FIXTURES / name
    exe = tmp_path / Path(driver).stem
    cmd = [
        "gcc",
        *CFLAGS,
        *compile_args(fixture),
        str(fixture / driver),
        *map(str, library_sources(fixture)),
        "-o",
        str(exe),
    ]
    build = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("name", NAMES)
def test_fixture_layout(name: str) -> None:
    fixture = FIXTURES / name
    assert load_config(fixture)["c"]["include_dirs"]
    assert driver_files(fixture), "no C test drivers"
    assert library_sources(fixture), "no library sources"
    for t in driver_files(fixture):
        assert "int main(void)" in t.read_text(), t
