"""pySBD on a long paragraph of one-letter words took minutes: it now gets bounded windows (issue 12 fuzz)."""

from __future__ import annotations

import pytest

from alignkit.segment import segment_text


def test_long_paragraph_for_pysbd_is_windowed_and_rebuilds() -> None:
    pytest.importorskip("pysbd")
    import alignkit.segment.sbd_adapter as adapter

    text = "Hello there. " + "a " * 5_000 + "The end."
    segments = segment_text(text, "es", segmenter="pysbd")
    assert all(len(s.text) <= adapter.MAX_CHARS for s in segments)
    assert all(text[s.start:s.end] == s.text for s in segments)
    assert segments[0].text == "Hello there." and segments[-1].text.endswith("The end.")
    assert "".join(s.text for s in segments).replace(" ", "") == text.replace(" ", "")
