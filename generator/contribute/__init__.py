"""What a contributor uses: start an article (``new``), check it (``check``: diagnostics,
their renderings, safe fixes) and the pull request's summary. Depends on the pipeline
(``generator.build`` and the stages); nothing in the pipeline depends on it."""
