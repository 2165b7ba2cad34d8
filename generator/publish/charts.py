"""Charts drawn at build time: counts per month → an inline SVG bar chart in a ``<figure>``.

In: ``(YYYY-MM, count)`` pairs (made by the generator from article dates, never from article
text), a title and a noun for what is counted; the title may carry a person's or topic's name,
so it and every other label go through :func:`html.escape`. Out: one line of raw HTML that
Python-Markdown (and Zensical) pass through as a block: no blank line inside, nothing Markdown
would parse, no attribute that is not a number or a fixed word.

Inline, not an ``<img src=…svg>`` file: an image cannot read the page's CSS, so it could not
follow Material's light/dark palette toggle; inline, the bars and labels take the theme's
colour variables from ``archive.css``. The ``viewBox`` is small (320 wide) so that at 375 px
the labels stay at their nominal size; CSS caps the width on wide screens. The caption is the
text equivalent: every month with a count, in words.
"""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 320, 120
_LEFT, _RIGHT, _TOP, _BOTTOM = 26, 6, 10, 28
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Ids start with a capital: headings' ids never do (generator.anchors), nor are these P-anchors.
TITLE_ID, DESC_ID = "Chart-title", "Chart-desc"


def month_span(months: list[str]) -> list[str]:
    """Every month from the first to the last of ``months`` (``YYYY-MM``), in order."""
    if not months:
        return []
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:7])
    span = []
    while f"{year:04d}-{month:02d}" <= last:
        span.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def month_label(month: str) -> str:
    """``2025-11`` → ``Nov 2025``."""
    return f"{_MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def monthly_chart(counts: dict[str, int], title: str, noun: str) -> str:
    """A bar chart of ``counts`` (month → count, zero months filled in) with a caption;
    ``noun`` names one counted thing ("briefing", "statement")."""
    span = month_span([month for month, count in counts.items() if count])
    if not span:
        return ""
    values = [counts.get(month, 0) for month in span]
    top = max(values)
    plot_width = WIDTH - _LEFT - _RIGHT
    plot_height = HEIGHT - _TOP - _BOTTOM
    slot = plot_width / len(span)
    bar = max(1.0, slot * 0.8)
    base = _TOP + plot_height
    parts = [
        f'<line class="archive-chart__axis" x1="{_LEFT}" y1="{base}" x2="{WIDTH - _RIGHT}" '
        f'y2="{base}"/>',
        f'<line class="archive-chart__grid" x1="{_LEFT}" y1="{_TOP}" x2="{WIDTH - _RIGHT}" '
        f'y2="{_TOP}"/>',
        f'<text class="archive-chart__label" x="{_LEFT - 4}" y="{_TOP + 4}" '
        f'text-anchor="end">{top}</text>',
        f'<text class="archive-chart__label" x="{_LEFT - 4}" y="{base}" '
        f'text-anchor="end">0</text>',
    ]
    # Label every month when there is room, else January of each year (and the first month).
    every_month = len(span) <= 8
    for index, (month, value) in enumerate(zip(span, values, strict=True)):
        x = _LEFT + index * slot + (slot - bar) / 2
        height = plot_height * value / top
        parts.append(
            f'<rect class="archive-chart__bar" x="{x:.2f}" y="{base - height:.2f}" '
            f'width="{bar:.2f}" height="{height:.2f}"><title>{month_label(month)}: '
            f'{_plural(value, noun)}</title></rect>')
        if every_month or month.endswith("-01") or index == 0:
            middle = _LEFT + (index + 0.5) * slot
            text = _MONTHS[int(month[5:7]) - 1] if every_month else month[:4]
            parts.append(f'<text class="archive-chart__label" x="{middle:.2f}" y="{base + 12}" '
                         f'text-anchor="middle">{text}</text>')
            if every_month and (index == 0 or month.endswith("-01")):
                parts.append(f'<text class="archive-chart__label" x="{middle:.2f}" '
                             f'y="{base + 24}" text-anchor="middle">{month[:4]}</text>')
    busiest = max(range(len(span)), key=lambda index: (values[index], index))
    summary = (f"{_plural(sum(values), noun)} from {month_label(span[0])} to "
               f"{month_label(span[-1])}; the most in {month_label(span[busiest])} "
               f"({values[busiest]}).")
    listed = "; ".join(f"{month_label(month)}: {value}"
                       for month, value in zip(span, values, strict=True) if value)
    caption = f"{summary} By month: {listed}" + ("" if len(span) == sum(
        1 for value in values if value) else "; no others.")
    return (
        '<figure class="archive-chart">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{TITLE_ID} {DESC_ID}">'
        f'<title id="{TITLE_ID}">{escape(title)}</title>'
        f'<desc id="{DESC_ID}">{escape(summary)}</desc>'
        + "".join(parts) +
        f'</svg><figcaption>{escape(caption)}</figcaption></figure>'
    )
