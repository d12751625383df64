"""Reading attribution out of news text: plain Python, no Django imports.

`extract(text)` is the public entry point; other parts of the product and outside scripts call it.
"""

from factcheck.extraction.extractor import extract
from factcheck.extraction.model import ExtractedClaim

__all__ = ["ExtractedClaim", "extract"]
