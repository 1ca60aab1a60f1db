"""`--help` and usage lines, rendered here rather than by typer.

Typer versions differ in what they print for a parameter (`{src}`, `<bool>`, `<path>`, boxes), and the help
is what a new user reads first; these command classes print plain text: the usage line with each argument's
metavar, the docstring, then one row per argument, option and subcommand with its help.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _argument_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    return name if param.required else f"[{name}]"


def _option_name(param: Any) -> str:
    name = ", ".join(sorted(param.opts, key=len))
    if param.secondary_opts:
        name += " / " + ", ".join(param.secondary_opts)
    if not getattr(param, "is_flag", False):
        name += " " + (param.metavar or param.name.upper())
    return name


def _rows(params: list[Any], argument: bool) -> list[tuple[str, str]]:
    rows = []
    for p in params:
        if _is_argument(p) != argument or getattr(p, "hidden", False):
            continue
        name = _argument_name(p) if argument else _option_name(p)
        rows.append((name, (p.help or "") + (" [required]" if p.required and not argument else "")))
    return rows


def _write(formatter: Any, ctx: Any, usage: list[str], text: str | None,
           sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
    formatter.write_usage(ctx.command_path, " ".join(usage))
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)
    for title, rows in sections:
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


class Command(TyperCommand):
    """A subcommand: `llmigrate migrate [OPTIONS] SRC`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        required = [f"{max(p.opts, key=len)} {p.metavar or p.name.upper()}" for p in self.params
                    if p.required and not _is_argument(p)]
        return ["[OPTIONS]", *(_argument_name(p) for p in self.params if _is_argument(p)), *required]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        _write(formatter, ctx, self.collect_usage_pieces(ctx), self.help,
               [("Arguments", _rows(params, True)), ("Options", _rows(params, False))])


class Group(TyperGroup):
    """The `llmigrate` command itself: its options and the list of subcommands."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return ["[OPTIONS]", "COMMAND [ARGS]..."]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        commands = [(name, cmd.get_short_help_str(limit=100)) for name, cmd in self.commands.items()
                    if not cmd.hidden]
        _write(formatter, ctx, self.collect_usage_pieces(ctx), self.help,
               [("Options", _rows(self.get_params(ctx), False)), ("Commands", commands)])
