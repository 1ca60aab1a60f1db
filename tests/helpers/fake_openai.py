"""Test doubles at the network edge: a fake OpenAI Chat Completions server, and synthetic C codebases.

`FakeOpenAI` is a real HTTP server on 127.0.0.1 (random port, in a thread) that the real `openai` client
talks to through `base_url`. It answers from a script keyed by the `[unit <id>]` / `[repair <id>]` /
`[refine <id>]` / `[shared]` tag on the first line of the last user message, and records every request so
tests can count them.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from llmigrate.config import Config
from llmigrate.core import (
    CFunction,
    Codebase,
    MigrateContext,
    Param,
    Plan,
    SharedTranslation,
    Translator,
    Unit,
)
from llmigrate.journal import Journal
from llmigrate.signatures.mapper import map_all

_TAG = re.compile(r"^\[(unit|repair|refine) ([^\]]+)\]|^\[(shared)\]", re.M)


@dataclass
class Reply:
    """One scripted answer: a completion with `content`, or an HTTP error `status`, after `delay` seconds."""

    content: str | None = None
    status: int = 200
    delay: float = 0.0
    error: str = "scripted error"
    chunk_delay: float = 0.0  # seconds between the chunks of a streamed reply (a slow local model)


@dataclass
class Seen:
    key: str  # "unit:<id>", "repair:<id>", "shared" or "?"
    body: dict
    authorization: str
    start: float = 0.0  # time.monotonic() when the request arrived and when its answer was sent
    end: float = 0.0

    @property
    def prompt(self) -> str:
        return "\n".join(m["content"] for m in self.body["messages"])


@dataclass
class FakeOpenAI:
    """A Chat Completions server; `script[key]` replies are consumed in order, the last one repeats."""

    script: dict[str, list[Reply]] = field(default_factory=dict)
    default: Callable[[str, dict], Reply] | None = None  # answers keys the script lacks
    api_key: str | None = None  # when set, other keys get a 401 that echoes the key, as OpenAI's does
    models: tuple[str, ...] = ("gpt-4o",)
    refuses: tuple[str, ...] = ()  # request fields answered with HTTP 400, as strict servers do unknown ones
    requests: list[Seen] = field(default_factory=list)
    posts: int = 0  # every HTTP request, including those refused before the script (401, 404)
    in_flight: int = 0
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self, key: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.key == key)

    def answer(self, body: dict, authorization: str) -> tuple[Reply, Seen]:
        user = [m["content"] for m in body.get("messages", []) if m.get("role") == "user"]
        m = _TAG.search(user[-1]) if user else None
        key = "?" if not m else "shared" if m.group(3) else f"{m.group(1)}:{m.group(2)}"
        seen = Seen(key, body, authorization, start=time.monotonic())
        with self.lock:
            self.requests.append(seen)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            queue = self.script.get(key)
            if queue:
                return (queue.pop(0) if len(queue) > 1 else queue[0]), seen
        if self.default is not None:
            return self.default(key, body), seen
        return Reply(status=500, error=f"fake server: nothing scripted for {key}"), seen


def recorded(path: Path) -> dict[str, list[Reply]]:
    """A script of a real model's replies (bench/bench_local_model.py --record): per key, in the order the
    real run received them, each once; a request the real run never made gets an HTTP 500 saying so."""
    script: dict[str, list[Reply]] = {}
    for r in json.loads(path.read_text())["replies"]:
        script.setdefault(r["key"], []).append(Reply(r["response"]))
    for replies in script.values():
        replies.append(Reply(status=500, error="not recorded: the real run made no such request"))
    return script


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
            auth = self.headers.get("authorization", "")
            with fake.lock:
                fake.posts += 1
            if fake.api_key is not None and auth != f"Bearer {fake.api_key}":
                given = auth.removeprefix("Bearer ")
                return self._send(401, _error(f"Incorrect API key provided: {given}.", "invalid_api_key"))
            if body.get("model") not in fake.models:
                msg = f"The model `{body.get('model')}` does not exist or you do not have access to it."
                return self._send(404, _error(msg, "model_not_found"))
            refused = [f for f in fake.refuses if f in body]
            if refused:
                return self._send(400, _error(f"extra fields not permitted: {refused[0]}", None))
            reply, seen = fake.answer(body, auth)
            time.sleep(reply.delay)
            with fake.lock:  # before answering, so the client cannot act on the reply earlier
                seen.end = time.monotonic()
                fake.in_flight -= 1
            if reply.status != 200:
                return self._send(reply.status, _error(reply.error, None), {"retry-after-ms": "10"})
            if body.get("stream"):
                return self._stream(body, reply)
            self._send(200, _completion(body, reply.content or ""))

        def _stream(self, body: dict, reply: Reply) -> None:
            """Server-sent events as OpenAI sends them: content chunks, the finish, usage when asked."""
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.end_headers()
            try:
                for chunk in _chunks(body, reply.content or ""):
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    time.sleep(reply.chunk_delay)
                self.wfile.write(b"data: [DONE]\n\n")
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _send(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out and went away
                pass

    return Handler


def _error(message: str, code: str | None) -> dict:
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}


def _usage(body: dict, content: str) -> dict:
    prompt_tokens = sum(len(m.get("content", "").split()) for m in body.get("messages", []))
    completion_tokens = len(content.split())
    return {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens}


def _completion(body: dict, content: str) -> dict:
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
        "model": body.get("model"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": _usage(body, content),
    }


def _chunks(body: dict, content: str, size: int = 16) -> list[dict]:
    """The `chat.completion.chunk`s of a streamed reply."""
    def chunk(choices: list[dict], usage: dict | None = None) -> dict:
        return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                "model": body.get("model"), "choices": choices, "usage": usage}

    pieces = [content[i:i + size] for i in range(0, len(content), size)]
    out = [chunk([{"index": 0, "delta": {"content": p}, "finish_reason": None}]) for p in pieces]
    out.append(chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]))
    if (body.get("stream_options") or {}).get("include_usage"):
        out.append(chunk([], _usage(body, content)))
    return out


# ---------------------------------------------------------------- synthetic codebases


def fname(level: int, i: int) -> str:
    return f"f{level}_{i}"


def synthetic(widths: list[int], module_file: str = "chain.c") -> tuple[Codebase, Plan]:
    """A codebase of `sum(widths)` int functions; level L's functions call up to two of level L-1."""
    cb = Codebase(root="/synthetic", config=Config(), files=[module_file])
    levels: list[list[Unit]] = []
    line = 1
    for level, width in enumerate(widths):
        units = []
        for i in range(width):
            name = fname(level, i)
            callees = [fname(level - 1, j % widths[level - 1]) for j in (i, i + 1)] if level else []
            callees = list(dict.fromkeys(callees))
            src = c_source(name, callees, level * 100 + i)
            cb.functions[name] = CFunction(
                id=name, name=name, file=module_file, start_line=line, end_line=line + src.count("\n"),
                signature=f"int {name}(int x)", return_type="int", params=[Param("x", "int")], source=src,
                hash=f"h-{name}", callees=callees)
            line += src.count("\n") + 2
            units.append(Unit(name, [name]))
        levels.append(units)
    return cb, Plan(levels=levels)


def c_source(name: str, callees: list[str], k: int) -> str:
    calls = "".join(f"    x = {c}(x) + {n};\n" for n, c in enumerate(callees))
    return f"int {name}(int x)\n{{\n{calls}    return x + {k};\n}}\n"


def rust_reply(name: str, callees: list[str], k: int, module: str = "chain", prose: bool = True) -> str:
    """A correct model-style reply for `c_source(name, callees, k)`."""
    calls = "".join(f"    let x = crate::{module}::{c}(x).wrapping_add({n});\n"
                    for n, c in enumerate(callees))
    code = f"pub fn {name}(x: i32) -> i32 {{\n{calls}    x.wrapping_add({k})\n}}\n"
    return f"Here is the translation:\n\n```rust\n{code}```\n\nIt keeps every call." if prose else code


def good_reply_for(codebase: Codebase, fid: str) -> str:
    """The correct reply for a function of a `synthetic` codebase."""
    fn = codebase.functions[fid]
    k = int(re.search(r"return x \+ (\d+);", fn.source).group(1))
    return rust_reply(fn.name, fn.callees, k)


def migrate_context(out: Path, backend: Translator, cb: Codebase, plan: Plan,
                    shared: SharedTranslation | None = None, **settings) -> MigrateContext:
    """What translate_units needs for a synthetic codebase: a fresh journal in OUT, settings over cb's."""
    journal = Journal.create(out, "/synthetic", backend.name, getattr(backend, "model", None))
    return MigrateContext(Path(cb.root), out, cb.config.override(**settings), cb, journal, plan, map_all(cb),
                          backend, shared or SharedTranslation(""))
