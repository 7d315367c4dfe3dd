"""Every reader and command on hostile input: hypothesis samples each fuzz family a few times.

The families live in ``cases.py``; ``bench/fuzz.py --cases 20000`` runs thousands of them with a
time limit per case. Each case must end with no traceback, a documented exit code, a one-line
message, nothing written outside its output directory and no half-written output.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.cases import FAMILIES, run_case

#: Examples per family in the test suite (translate starts Apertium pipelines: fewer).
EXAMPLES = {"translate": 3, "run": 3, "modeldir": 5, "align": 5}


def _needs(family: str) -> None:
    if family in ("translate", "run"):
        from tests.conftest import needs_apertium_pair

        needs_apertium_pair("eng-spa")


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_holds(family: str) -> None:
    _needs(family)

    @settings(max_examples=EXAMPLES.get(family, 12), deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.integers(0, 2**32 - 1))
    def check(seed: int) -> None:
        root = Path(tempfile.mkdtemp(prefix=f"fuzz-{family}-"))
        try:
            assert run_case(family, seed, root) == []
        finally:
            shutil.rmtree(root, ignore_errors=True)

    check()


def test_cases_are_reproducible() -> None:
    a = FAMILIES["jsonl"](random.Random("jsonl:7"), Path(tempfile.mkdtemp()))
    b = FAMILIES["jsonl"](random.Random("jsonl:7"), Path(tempfile.mkdtemp()))
    assert a.family == b.family and len(a.args) == len(b.args)
