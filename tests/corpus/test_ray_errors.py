"""`--executor ray` errors a user can act on: one line, the right exit code, before any work."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from alignkit.cli import main
from tests.conftest import SEED, needs_apertium_pair


def _run(tmp_path: Path, *extra: str) -> tuple[int, str]:
    needs_apertium_pair("eng-spa")
    res = CliRunner().invoke(main, ["run", str(SEED), "--to", "es", "--out", str(tmp_path / "out"), "--no-tm",
                                    "--quiet", *extra])
    return res.exit_code, res.output


def _one_line(output: str) -> str:
    lines = output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


def test_ray_address_needs_the_ray_executor(tmp_path: Path) -> None:
    code, out = _run(tmp_path, "--ray-address", "auto")
    assert code == 2 and "--ray-address goes with --executor ray" in _one_line(out)


def test_without_ray_installed_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    code, out = _run(tmp_path, "--executor", "ray")
    assert code == 3 and "pip install 'alignkit[ray]'" in _one_line(out)
    assert not any((tmp_path / "out").glob("*")), "nothing is written"


def test_too_old_ray_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ray = pytest.importorskip("ray", reason="needs Ray: pip install 'alignkit[ray]'")
    monkeypatch.setattr(ray, "__version__", "2.3.1")
    code, out = _run(tmp_path, "--executor", "ray")
    line = _one_line(out)
    assert code == 3 and "Ray 2.3.1 is too old" in line and ">= 2.9" in line


def test_unreachable_cluster_is_one_line_in_seconds(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="needs Ray: pip install 'alignkit[ray]'")
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, out = _run(tmp_path, "--executor", "ray", "--ray-address", f"127.0.0.1:{port}")
    line = _one_line(out)
    assert code == 3 and f"cannot reach the Ray cluster at 127.0.0.1:{port}" in line


@pytest.mark.parametrize("address", ["nowhere", "host:port"], ids=["no-port", "bad-port"])
def test_malformed_address_is_an_input_error(tmp_path: Path, address: str) -> None:
    pytest.importorskip("ray", reason="needs Ray: pip install 'alignkit[ray]'")
    code, out = _run(tmp_path, "--executor", "ray", "--ray-address", address)
    assert code == 2 and f"--ray-address {address}: expected auto, HOST:PORT" in _one_line(out)
