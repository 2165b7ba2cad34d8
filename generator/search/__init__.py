"""Search: the Pagefind index of a built site (``index.py``); the theme's templates in
``generator/theme/`` mark what it indexes and show it."""
