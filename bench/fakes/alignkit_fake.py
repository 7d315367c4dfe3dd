"""``python bench/fakes/alignkit_fake.py ARGS``: the alignkit CLI with the ``fastfake`` engine registered."""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    import fast_engine

    from alignkit.translate.registry import ENGINES

    ENGINES.register("fastfake", fast_engine.FastEngine)
    from alignkit.cli import main

    main()
