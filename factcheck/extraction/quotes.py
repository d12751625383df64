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
    return _join_continued(text, spans)


def _join_continued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One quotation left open at a paragraph's end and reopened at the next is one quotation."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            prev_start, prev_end = joined[-1]
            left_open = text[prev_end - 1] not in '”"'
            if left_open and re.fullmatch(r"\s*\n\s*", text[prev_end:start]):
                joined[-1] = (prev_start, end)
                continue
        joined.append((start, end))
    return joined


def find_inner_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Single-quoted spans (‘…’ or '…') inside a quotation, skipping apostrophes like "don’t"."""
    spans = []
    for m in re.finditer(r"(?<![\w])[‘'](?=\w)(.+?)(?<=[\w.,!?])[’'](?![\w])", text[start:end]):
        spans.append((start + m.start(), start + m.end()))
    return spans


def mask(text: str, quotes: list[tuple[int, int]]) -> str:
    """The text with each quotation's inside blanked out, same length, so offsets still line up."""
    chars = list(text)
    for start, end in quotes:
        for i in range(start + 1, max(start + 1, end - 1)):
            if chars[i] != "\n":
                chars[i] = MASK
    return "".join(chars)
