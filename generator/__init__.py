"""Briefing archive generator: plain-text articles in, a cross-linked MkDocs site out.

Pipeline (one module per stage): read → clean → extract → render → index → write,
composed by :mod:`generator.build`; :mod:`generator.cli` is the thin command line.
"""
