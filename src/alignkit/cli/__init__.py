"""alignkit's command line: a thin click layer over the library.

Each command lives in its own module and is imported only when it runs (``--help`` stays fast).
Library errors (:class:`~alignkit.errors.AlignkitError`) become one line on stderr and the
error's exit code; no traceback reaches the user.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click

from alignkit import __version__
from alignkit.errors import AlignkitError

#: command name -> "module:function" (a click.Command), imported on use.
COMMANDS: dict[str, str] = {
    "run": "alignkit.cli.run:run",
    "segment": "alignkit.cli.segment:segment",
    "translate": "alignkit.cli.translate:translate",
    "align": "alignkit.cli.align:align",
    "eval-align": "alignkit.cli.align:eval_align",
    "score": "alignkit.cli.score:score",
    "filter": "alignkit.cli.score:filter_cmd",
    "report": "alignkit.cli.report:report",
    "glossary": "alignkit.cli.glossary:glossary",
    "models": "alignkit.cli.models:models",
    "tm": "alignkit.cli.tm:tm",
    "engines": "alignkit.cli.translate:engines",
    "dict": "alignkit.cli.dicts:dict_group",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when listed or invoked.

    Usage errors (a missing argument, an unknown option or command) are one line too, like
    every other error, instead of click's usage block.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.UsageError as err:
            if type(err).__name__ == "NoArgsIsHelpError":  # bare `alignkit`: the help is the answer
                err.show()
                sys.exit(err.exit_code)
            where = err.ctx.command_path if err.ctx is not None else "alignkit"
            message = " ".join(err.format_message().split())
            click.echo(f"alignkit: error: {message} (see '{where} --help')", err=True)
            sys.exit(err.exit_code)
        except click.ClickException as err:
            click.echo(f"alignkit: error: {' '.join(err.format_message().split())}", err=True)
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("alignkit: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
        except ModuleNotFoundError as err:
            if err.name and err.name.startswith("alignkit"):
                return None  # command not built yet in this checkout
            raise

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """click's main, with usage errors on one line like every other error (see :func:`usage_line`)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as err:
            click.echo(usage_line(err), err=True)
            sys.exit(err.exit_code)
        except click.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("alignkit: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AlignkitError as err:
            # one line, even when the message quotes a parser's multi-line text (lxml's do)
            click.echo(f"alignkit: error: {' '.join(str(err).splitlines())}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("alignkit: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()  # reader went away (e.g. `| head`): not an error
            ctx.exit(0)


def usage_line(err: click.UsageError) -> str:
    """``alignkit: error: <what> (see 'alignkit CMD --help')``: one line, as the README promises."""
    path = err.ctx.command_path if err.ctx is not None else "alignkit"
    message = " ".join(err.format_message().split())
    return f"alignkit: error: {message} (see '{path} --help')"


#: Exit codes, one per kind of problem (``alignkit --help`` and the README list them).
EXIT_CODES = """\b
Exit codes:
  0  success
  1  unexpected error (a bug: please report it)
  2  bad input or usage: a missing or malformed file, an unknown name, a wrong option
  3  engine: not installed (the message says how to install it) or failed while running
  4  model or model archive missing files, malformed or unsafe
  5  glossary malformed (every problem is listed with its line)
  6  output cannot be written
  130 interrupted"""


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=EXIT_CODES)
@click.version_option(__version__, prog_name="alignkit")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """Offline multilingual parallel text: segment, translate, align, enforce glossaries, score.

    \b
    Examples:
      alignkit run seeds/putin-war-israel-2025.en.txt --to es,fr --out corpora/seed/
      alignkit segment article.txt --lang en --format text
      alignkit translate sentences.en --lines --to es > sentences.es
      alignkit translate messages.pot --to es --out es.po
      alignkit align doc.en doc.es --from en --to es
      alignkit score hyp.es --ref ref.es
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.ensure_object(dict)
