"""Registers the fake engines of :mod:`alignkit_fakes` in every interpreter started with this
directory on ``PYTHONPATH`` (so that ``spawn`` workers know them too). Test and bench use only."""

try:
    import alignkit_fakes

    alignkit_fakes.register()
except ImportError:  # alignkit not installed in this interpreter: nothing to register
    pass
