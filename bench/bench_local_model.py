"""Opt-in bench of the model path against a local model: migrate gcd.c + rational.c of fixtures/kmath through
an OpenAI-compatible server and print its tokens/s, the wall time and each function's outcome and backend.

Not run in CI and not collected by pytest: it needs a model server, and a small model on a CPU takes minutes.

    LLMIGRATE_BENCH_URL=http://127.0.0.1:8080/v1 python bench/bench_local_model.py     # a running server
    LLMIGRATE_BENCH_GGUF=model.gguf python bench/bench_local_model.py                  # starts llama.cpp's

Environment:
    LLMIGRATE_BENCH_URL      base URL of a running OpenAI-compatible server (wins over the GGUF)
    LLMIGRATE_BENCH_GGUF     a GGUF model file: the bench starts llama.cpp's server on it and stops it after
    LLMIGRATE_BENCH_PYTHON   a Python with llama-cpp-python[server] to run `-m llama_cpp.server`
                             (default: `llama-server` of llama.cpp on PATH)
    LLMIGRATE_BENCH_MODEL    model name to send (default: the first of the server's /v1/models)
    LLMIGRATE_BENCH_CONTEXT  the server's context window in tokens, written as [model] context (default 8192)
    LLMIGRATE_BENCH_THREADS  threads of the started server (default 1: the machine is shared)
    LLMIGRATE_BENCH_TIMEOUT  [model] timeout: seconds the server may stay silent (default 900: on a busy CPU
                             reading a prompt of a thousand tokens takes minutes before the first token)

Requests go one at a time ([model] jobs = 1): a llama.cpp server with one slot queues concurrent requests,
and a queued request hears nothing until the one before it is done.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KMATH = ROOT / "fixtures" / "kmath"
# The fixture's two files and the one C test that uses only them: 4 functions, the builtin needs seconds.
FILES = ("gcd.c", "rational.c", "tests/test_gcd.c")
PROBE = "Write a Rust function that returns the larger of two u32 values. Answer with code only."


def scratch_src(root: Path, context: int, timeout: float) -> Path:
    """A copy of the fixture's files this bench migrates, its headers and its llmigrate.toml."""
    src = root / "src"
    shutil.copytree(KMATH / "include", src / "include")
    for name in FILES:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(KMATH / name, src / name)
    toml = (KMATH / "llmigrate.toml").read_text()
    model = f"\n[model]\ncontext = {context}\ntimeout = {timeout:g}\njobs = 1\nmax_retries = 1\n"
    (src / "llmigrate.toml").write_text(toml + model)
    return src


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(gguf: str, port: int, context: int, threads: int) -> list[str]:
    """llama-cpp-python's server when LLMIGRATE_BENCH_PYTHON names its Python, else llama.cpp's own."""
    python = os.environ.get("LLMIGRATE_BENCH_PYTHON")
    if python:
        # --interrupt_requests False: else a request arriving while a reply streams cuts that reply off
        return [python, "-m", "llama_cpp.server", "--model", gguf, "--n_ctx", str(context),
                "--n_threads", str(threads), "--n_threads_batch", str(threads), "--chat_format", "chatml",
                "--interrupt_requests", "False", "--host", "127.0.0.1", "--port", str(port)]
    exe = shutil.which("llama-server")
    if exe is None:
        sys.exit("no llama-server on PATH: install llama.cpp, or set LLMIGRATE_BENCH_PYTHON to a Python "
                 "with llama-cpp-python[server], or LLMIGRATE_BENCH_URL to a running server")
    return [exe, "-m", gguf, "-c", str(context), "-t", str(threads), "--host", "127.0.0.1",
            "--port", str(port)]


def get_json(url: str, body: dict | None = None, timeout: float = 10) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def wait_ready(url: str, server: subprocess.Popen, log: Path, seconds: float = 600) -> None:
    """Until the server lists its models (loading a GGUF takes a while); exit if it dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the model server exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            get_json(f"{url}/models", timeout=5)
            return
        except OSError:
            time.sleep(2)
    sys.exit(f"the model server did not answer within {seconds:.0f}s")


@contextmanager
def model_server(scratch: Path, context: int) -> Iterator[str]:
    """The base URL of the server to use: LLMIGRATE_BENCH_URL's, or one started on LLMIGRATE_BENCH_GGUF."""
    url = os.environ.get("LLMIGRATE_BENCH_URL")
    if url:
        yield url.rstrip("/")
        return
    gguf = os.environ.get("LLMIGRATE_BENCH_GGUF")
    if not gguf:
        sys.exit("set LLMIGRATE_BENCH_URL (a running OpenAI-compatible server) or LLMIGRATE_BENCH_GGUF")
    port = free_port()
    threads = int(os.environ.get("LLMIGRATE_BENCH_THREADS", "1"))
    log = scratch / "server.log"
    with log.open("w") as sink:
        server = subprocess.Popen(server_command(gguf, port, context, threads), stdout=sink,
                                  stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/v1"
        wait_ready(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def probe(url: str, model: str, timeout: float) -> tuple[int, float]:
    """Completion tokens of one short request and the seconds it took: the server's speed on its own."""
    body = {"model": model, "messages": [{"role": "user", "content": PROBE}], "max_tokens": 96,
            "temperature": 0}
    t0 = time.monotonic()
    reply = get_json(f"{url}/chat/completions", body, timeout=timeout)
    return reply.get("usage", {}).get("completion_tokens", 0), time.monotonic() - t0


def migrate(src: Path, out: Path, url: str, model: str, timeout: float) -> tuple[int, float]:
    """Run `llmigrate migrate` (its progress on stderr); the exit code and the wall time."""
    cmd = [sys.executable, "-m", "llmigrate", "migrate", str(src), "--out", str(out), "--backend", "openai",
           "--base-url", url, "--model", model]
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}  # a local server needs no key
    t0 = time.monotonic()
    try:
        code = subprocess.run(cmd, env=env, cwd=ROOT, timeout=timeout, stdout=subprocess.DEVNULL).returncode
    except subprocess.TimeoutExpired:
        code = -1
    return code, time.monotonic() - t0


def repeated_rounds(rounds: list[dict]) -> int:
    """Replies installed by a repair round that were code an earlier round of the function had been given
    (a round that got no reply is given the same code again: that is no repeat)."""
    return sum(1 for i in range(1, len(rounds))
               if rounds[i - 1]["fixed_by"] and rounds[i]["code"] in [r["code"] for r in rounds[:i - 1]])


def print_functions(journal: dict) -> None:
    print(f"{'function':<28} {'status':<10} {'backend':<8} {'rounds':>6} {'repeats':>7} {'tokens out':>10}  "
          "fallback")
    for fid, f in sorted(journal["functions"].items()):
        print(f"{fid:<28} {f['status']:<10} {f.get('backend') or '-':<8} {len(f['rounds']):>6} "
              f"{repeated_rounds(f['rounds']):>7} {f['tokens_out']:>10}  {f.get('fallback_reason') or '-'}")


def print_run(journal: dict, code: int, wall: float, speed: tuple[int, float]) -> None:
    tokens, stages = journal.get("tokens", {}), journal.get("stages", {})
    model_s = stages.get("translate", 0) + stages.get("repair", 0)
    tests = journal.get("c_tests", [])
    build = journal.get("build") or {}
    shared = journal.get("shared") or {}
    print(f"server: {speed[0]} completion tokens in {speed[1]:.1f}s ({speed[0] / max(speed[1], 1e-9):.1f} "
          "tokens/s, one short request)")
    out_tokens = tokens.get("out", 0)
    # a run stopped before its stages ended has no stage times: its rate is over the wall time instead
    span, over = (model_s, "translate + repair") if model_s > 0 else (wall, "the wall time")
    print(f"run: exit {code}, wall {wall:.0f}s; translate {stages.get('translate', 0):.0f}s, repair "
          f"{stages.get('repair', 0):.0f}s, verify {stages.get('verify', 0):.0f}s; tokens in "
          f"{tokens.get('in', 0)}, out {out_tokens} ({out_tokens / max(span, 1e-9):.1f} completion "
          f"tokens/s over {over})")
    print(f"shared module: {shared.get('origin', '-')}; crate builds: {bool(build.get('ok'))}; C tests "
          f"passing with the Rust: {sum(t['passed'] for t in tests)}/{len(tests)}")


def record(out: Path, dest: Path) -> None:
    """The model's replies of the run, in the order they came (the cache files' times), keyed as the fake
    server of the tests keys requests: tests replay them (tests/helpers/fake_openai.recorded)."""
    files = sorted((out / ".llmigrate" / "cache").glob("*/*.json"), key=lambda f: f.stat().st_mtime_ns)
    replies = []
    for f in files:
        data = json.loads(f.read_text())
        user = [m["content"] for m in data["messages"] if m["role"] == "user"][-1]
        tag = re.search(r"^\[(unit|repair) ([^\]]+)\]|^\[(shared)\]", user, re.M)
        key = "shared" if tag.group(3) else f"{tag.group(1)}:{tag.group(2)}"
        replies.append({"key": key, "response": data["response"], "usage": data.get("usage", {})})
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "replies.json").write_text(json.dumps({"model": files[0].parent.name if files else None,
                                                    "replies": replies}, indent=1) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="copy OUT (crate, journal, model cache, report) here")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before migrate is stopped")
    ap.add_argument("--record", type=Path, help="write the model's replies, in order, to DIR/replies.json")
    args = ap.parse_args()
    context = int(os.environ.get("LLMIGRATE_BENCH_CONTEXT", "8192"))
    timeout = float(os.environ.get("LLMIGRATE_BENCH_TIMEOUT", "900"))
    with tempfile.TemporaryDirectory(prefix="bench-local-model-") as tmp, \
            model_server(Path(tmp), context) as url:
        # a llama-cpp-python server answers even /models only between completions
        model = os.environ.get("LLMIGRATE_BENCH_MODEL") or \
            get_json(f"{url}/models", timeout=timeout)["data"][0]["id"]
        print(f"server {url}, model {model}, context {context}", flush=True)
        speed = probe(url, model, timeout)
        src, out = scratch_src(Path(tmp), context, timeout), Path(tmp) / "out"
        code, wall = migrate(src, out, url, model, args.timeout)
        journal = json.loads((out / ".llmigrate" / "journal.json").read_text())
        print_run(journal, code, wall, speed)
        print_functions(journal)
        if args.keep:
            shutil.copytree(out, args.keep, dirs_exist_ok=True)
        if args.record:
            record(out, args.record)


if __name__ == "__main__":
    main()
