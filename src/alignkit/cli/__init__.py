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
    "engines": "alignkit.cli.translate:engines",
    "dict": "alignkit.cli.dicts:dict_group",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when listed or invoked."""

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

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AlignkitError as err:
            click.echo(f"alignkit: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("alignkit: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()  # reader went away (e.g. `| head`): not an error
            ctx.exit(0)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
      alignkit align doc.en doc.es --src-lang en --tgt-lang es
      alignkit score hyp.es --ref ref.es
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    ctx.ensure_object(dict)
