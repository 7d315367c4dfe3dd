"""Self-contained HTML reports (no network, no CDN): a run's corpus, or a sentence alignment.

- :func:`render`: summary, per-language SVG charts, the document side by side in every language.
- :func:`render_alignment`: source-vs-target index plot with bead types, non-1:1 beads listed;
  :func:`check_alignment` first, when the alignment was read from a file.
"""

from alignkit.report.alignment import check_alignment, render_alignment
from alignkit.report.corpus import render

__all__ = ["check_alignment", "render", "render_alignment"]
