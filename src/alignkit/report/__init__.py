"""Self-contained HTML reports (no network, no CDN): a run's corpus, or a sentence alignment.

- :func:`render`: summary, per-language SVG charts, the document side by side in every language.
- :func:`render_alignment`: source-vs-target index plot with bead types, non-1:1 beads listed.
"""

from alignkit.report.alignment import render_alignment
from alignkit.report.corpus import render

__all__ = ["render", "render_alignment"]
