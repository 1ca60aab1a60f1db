"""The exceptions every stage may raise: apart, so config and core need not import each other."""

from __future__ import annotations


class LlmigrateError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback and exits with `exit_code`."""

    exit_code = 2


class RunStopped(LlmigrateError):
    """The run cannot go on (model server unreachable, key refused); the units it finished are saved, so
    `migrate --resume` continues from them."""


class RejectOutput(Exception):
    """A backend's output is unusable (lazy, unparsable, incomplete); the reason goes into the next prompt."""
