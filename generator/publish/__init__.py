"""Publish: the indexed archive → what the site shows and serves beyond the article pages.

Related briefings (:mod:`generator.publish.related`) and inline SVG charts
(:mod:`generator.publish.charts`) for the pages; feeds (Atom and JSON Feed 1.1) of the latest
briefings, of each speaker and of each topic (:mod:`generator.publish.feeds`), and the archive
as data with its JSON Schemas (:mod:`generator.publish.export`). Every function is pure:
:class:`~generator.model.Article` values in, values or :class:`~generator.model.Page` values
out, written by the write stage with the pages, into the archive folder MkDocs publishes.
:mod:`generator.publish.places` says where each file lives and how one file links to another.
"""
