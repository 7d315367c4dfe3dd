"""Engine choices from --option and from a TOML config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignkit.config import load_engine_config, parse_options
from alignkit.errors import InputError, UnknownNameError
from alignkit.pipeline import EngineSpec


def test_parse_options_uses_toml_values_else_strings() -> None:
    assert parse_options(["beam_size=4", "repair=false", "variants=ca:valencia", "path=/m x", "ratio=0.5"]) == {
        "beam_size": 4, "repair": False, "variants": "ca:valencia", "path": "/m x", "ratio": 0.5}
    with pytest.raises(InputError, match="expected KEY=VALUE"):
        parse_options(["beam_size"])


def test_engine_per_language(tmp_path: Path) -> None:
    cfg = tmp_path / "engines.toml"
    cfg.write_text('[engine]\nname = "apertium"\nbatch_size = 64\n\n'
                   '[engine.de]\nname = "ct2"\nmodel = "opus-mt-en-de"\nbeam_size = 4\n\n'
                   '[engine.spa]\nname = "apertium"\n')
    default, per_lang = load_engine_config(cfg)
    assert default == EngineSpec("apertium", {"batch_size": 64})
    assert per_lang == {"de": EngineSpec("ct2", {"model": "opus-mt-en-de", "beam_size": 4}),
                        "es": EngineSpec("apertium", {})}


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [("[engine\n", InputError, "invalid TOML"),
     ('[engine.de]\nmodel = "x"\n', InputError, r"\[engine.de\] needs name"),
     ('[engine.xx]\nname = "ct2"\n', UnknownNameError, "unknown language code 'xx'"),
     ('engine = 3\n', InputError, r"\[engine\] must be a table")],
    ids=["bad-toml", "no-name", "bad-language", "not-a-table"],
)
def test_bad_config(tmp_path: Path, text: str, error: type[Exception], message: str) -> None:
    cfg = tmp_path / "engines.toml"
    cfg.write_text(text)
    with pytest.raises(error, match=message):
        load_engine_config(cfg)
