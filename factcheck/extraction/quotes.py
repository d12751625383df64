"""Quotation spans in news text: curly and straight marks, and quotes left open at a paragraph's end."""

import re

MASK = "_"


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans (start of the opening mark, end past the closing mark) of top-level quotations.

    A quotation still open when its paragraph ends stops there, as newspapers leave the mark open when the
    same speaker goes on in the next paragraph.
    """
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        para, base = paragraph.group(), paragraph.start()
        i = 0
        while i < len(para):
            ch = para[i]
            if ch == "“":
                close = para.find("”", i + 1)
            elif ch == '"':
                close = para.find('"', i + 1)
            else:
                i += 1
                continue
            end = len(para) if close < 0 else close + 1
            spans.append((base + i, base + end))
            i = end
    return spans


def mask(text: str, quotes: list[tuple[int, int]]) -> str:
    """The text with each quotation's inside blanked out, same length, so offsets still line up."""
    chars = list(text)
    for start, end in quotes:
        for i in range(start + 1, max(start + 1, end - 1)):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)
