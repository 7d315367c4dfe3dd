"""Usage errors are one line on stderr, like every other error (not click's usage block)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from alignkit.cli import main


@pytest.mark.parametrize(("args", "message"), [
    # CliRunner names the program "main" (a real shell: "alignkit")
    (["segment"], "Missing argument 'INPUT'. (see 'main segment --help')"),
    (["bogus"], "No such command 'bogus'."),
    (["segment", "x", "--format", "xml"], "Invalid value for '--format' / '-f'"),
    (["score", "--no-such-flag", "x"], "No such option '--no-such-flag'"),
], ids=["missing-argument", "unknown-command", "bad-choice", "unknown-option"])
def test_usage_error_is_one_line_exit_2(args: list[str], message: str) -> None:
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2
    assert len(res.stderr.splitlines()) == 1 and res.stderr.startswith("alignkit: error: ")
    assert message in res.stderr


def test_bare_command_still_shows_the_help() -> None:
    res = CliRunner().invoke(main, [])
    assert "Commands:" in res.output
