"""The command line: glue only. Each command loads config, builds what it needs and calls a stage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from llmigrate import __version__
from llmigrate.backends import BACKENDS
from llmigrate.cli.helptext import Command, Group
from llmigrate.core import LlmigrateError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, cls=Group,
                  rich_markup_mode=None,
                  help="Migrate a directory of C to a Rust crate, one function at a time.")
command = app.command(cls=Command)

SrcArg = Annotated[Path, typer.Argument(metavar="SRC", help="Directory of C sources (.c/.h).")]
OutArg = Annotated[Path, typer.Argument(metavar="OUT", help="The migrated crate directory (OUT of "
                                                              "`migrate`).")]

ModelOpt = Annotated[str | None, typer.Option(metavar="NAME", help="Model for the openai backend (gpt-4o).")]
BaseUrlOpt = Annotated[str | None, typer.Option(metavar="URL", help="OpenAI-compatible endpoint (vLLM, "
                                                "...).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Bypass the model cache.")]
FrozenOpt = Annotated[bool, typer.Option("--frozen", help="Answer only from the model cache.")]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"llmigrate {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Options of llmigrate itself (the app's help text is given to typer.Typer above)."""


def _fail(e: LlmigrateError) -> None:
    typer.echo(f"llmigrate: error: {e}", err=True)
    raise typer.Exit(e.exit_code)


@command
def analyze(
    src: SrcArg,
    json_out: Annotated[bool, typer.Option("--json", help="Print the whole analysis as JSON.")] = False,
    dot: Annotated[Path | None, typer.Option(metavar="FILE", help="Write the call graph (Graphviz DOT) "
                                             "here.")] = None,
) -> None:
    """Parse SRC, build the call graph and print the translation order."""
    from llmigrate import plan as plan_stage
    from llmigrate.analyze import codebase as analyze_stage

    try:
        codebase = analyze_stage.analyze_dir(src)
        plan = plan_stage.make_plan(codebase)
        if dot is not None:
            plan_stage.write_dot(plan, codebase, dot)
    except LlmigrateError as e:
        _fail(e)
    if json_out:
        typer.echo(analyze_stage.to_json(codebase, plan))
    else:
        typer.echo(analyze_stage.summary(codebase, plan))
    raise typer.Exit(1 if any(d.severity == "error" for d in codebase.diagnostics) else 0)


@command
def migrate(
    src: SrcArg,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="OUT", help="Directory for the generated "
                                      "crate.")],
    backend: Annotated[str | None, typer.Option(metavar="|".join(BACKENDS), help="Translator (default: "
                                                "openai when a model is configured, else builtin).")] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    jobs: Annotated[int | None, typer.Option(metavar="N", help="Units translated at once (default: the "
                                             "number of cores).")] = None,
    max_repairs: Annotated[int | None, typer.Option(metavar="N", help="Repair rounds per unit (5).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Write into an OUT llmigrate did not make.")] = False,
    no_cache: NoCacheOpt = False,
    frozen: FrozenOpt = False,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip verification.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the units, estimated tokens and cost; "
                                          "translate nothing.")] = False,
    refine: Annotated[bool, typer.Option("--refine", help="Then ask the model for safer Rust of each "
                                         "verified function (as `llmigrate refine`).")] = False,
) -> None:
    """Translate SRC into a Cargo crate in OUT, repair it until it builds, verify it and write the report."""
    from llmigrate import pipeline

    try:
        options = pipeline.MigrateOptions(backend, model, base_url, jobs, max_repairs, resume=resume,
                                          force=force, no_cache=no_cache, frozen=frozen, verify=not no_verify,
                                          dry_run=dry_run, refine=refine)
        code = pipeline.migrate_command(src, out, options)
    except LlmigrateError as e:
        _fail(e)
    raise typer.Exit(code)


@command
def verify(out: OutArg) -> None:
    """Run SRC's C tests and differential tests against the crate in OUT."""
    from llmigrate.verify import run as verify_stage

    try:
        code = verify_stage.verify_command(out)
    except LlmigrateError as e:
        _fail(e)
    raise typer.Exit(code)


@command
def refine(
    out: OutArg,
    backend: Annotated[str | None, typer.Option(metavar="|".join(BACKENDS), help="The model backend "
                                                "(default: openai).")] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    no_cache: NoCacheOpt = False,
    frozen: FrozenOpt = False,
) -> None:
    """Ask the model to rewrite each verified function of OUT into safer Rust; keep a rewrite only when it
    compiles, answers like the C on the differential tests and has fewer unsafe lines."""
    from llmigrate.refine import command as refine_stage

    try:
        options = refine_stage.RefineOptions(backend, model, base_url, no_cache=no_cache, frozen=frozen)
        code = refine_stage.refine_command(out, options)
    except LlmigrateError as e:
        _fail(e)
    raise typer.Exit(code)


@command
def report(
    out: OutArg,
    fmt: Annotated[str, typer.Option("--format", metavar="html|md|json", help="All are written; md and json "
                                     "are also printed (default: html).")] = "html",
) -> None:
    """Render OUT/report/ from the run journal (measures manual edits of the crate)."""
    from llmigrate.report import render as report_stage

    try:
        code = report_stage.report_command(out, fmt)
    except LlmigrateError as e:
        _fail(e)
    raise typer.Exit(code)


@command
def check(
    src: SrcArg,
    out: OutArg,
    junit: Annotated[Path | None, typer.Option(metavar="FILE", help="Write JUnit XML results to this "
                                               "file.")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="text|github", help="Output for a terminal, or "
                                     "GitHub annotations (default: text).")] = "text",
    fix: Annotated[bool, typer.Option("--fix", help="Retranslate drifted functions (frozen model "
                                      "cache).")] = False,
    frozen: Annotated[bool, typer.Option("--frozen/--no-frozen", help="--fix answers only from the model "
                                         "cache; --no-frozen lets it call the model.")] = True,
    force: Annotated[bool, typer.Option("--force", help="--fix also retranslates a function whose C changed "
                                        "and whose Rust was edited by hand, replacing the edit.")] = False,
) -> None:
    """CI mode: exit 1 on drift, a build failure or failed verification."""
    from llmigrate.check import run as check_stage

    try:
        options = check_stage.CheckOptions(junit, fmt, fix, frozen, force)
        code = check_stage.check_command(src, out, options)
    except LlmigrateError as e:
        _fail(e)
    raise typer.Exit(code)


def main() -> None:  # pragma: no cover - console entry for `python -m llmigrate`
    sys.exit(app())
