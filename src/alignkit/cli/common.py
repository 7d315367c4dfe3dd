"""Small helpers shared by the CLI commands.

Callbacks raise :class:`~alignkit.errors.AlignkitError` (not click's usage errors) so that a
bad value is reported as one line, like every other user error.
"""

from __future__ import annotations

import click

from alignkit import langs


def lang_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """click callback: normalise one language code (``spa`` -> ``es``)."""
    return None if value is None else langs.normalize(value)


def langs_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """click callback: normalise a comma-separated list of language codes."""
    return None if value is None else langs.parse_list(value)
