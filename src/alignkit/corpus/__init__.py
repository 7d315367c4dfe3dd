"""Corpus-scale runs: a plan of work units, one unit function, executors, a streaming writer.

```
inputs --collect--> Sources --plan (lazy)--> WorkUnit* --executor.map(unit worker)--> UnitResult*
                                                                 (in order) --> CorpusWriter --> commit
```

Modules: :mod:`inputs` (which documents), :mod:`plan` (units), :mod:`unit` (the unit function),
:mod:`executor` (inline, local processes, Ray), :mod:`writer` and :mod:`outdir` (the output set),
:mod:`records` (typed ``run.json``).
"""
