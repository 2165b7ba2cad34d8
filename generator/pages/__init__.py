"""The hub pages, one module per page type: articles (all of them) → :class:`Page` values.

``listing`` holds what several page types print (article lines, month names, counts);
``home``, ``archive`` (archive index, months), ``person`` (person pages, people and speakers
indexes) and ``topic`` build on it; :mod:`generator.index` composes them. Imports flow one
way: pages → render, markup, publish → model.
"""
