"""The content-hash cache of per-article results: what is stored, how it is keyed, where.

:mod:`generator.cache.codec` turns the pipeline's frozen dataclasses into plain JSON and
back (checking every field's type: an entry is data, never code); :mod:`generator.cache.store`
keeps entries in files keyed by SHA-256 digests of everything a result depends on (the
article's bytes and its fallback date, the registries' bytes, the generator's version);
:mod:`generator.cache.lookups` records which archive-wide names an extraction looked up, so
a stored result is reused only when every one of those lookups would answer the same;
:mod:`generator.cache.entries` gives the pipeline typed access, and the text memo of the hub
pages, feeds and export; :mod:`generator.cache.manifest` records what the last run read and
wrote, so a run with nothing changed can stop at once. Deleting the cache folder is always
safe: the next run is a cold one, with the same output.
"""
