"""Reading attribution out of news text: plain Python, no Django imports."""
