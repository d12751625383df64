"""Text as search compares it, the same on both databases: lower case, without accents, with one kind of
quotation mark and apostrophe. `fold` in Python; `Fold` is the same in SQL, a function registered on each
SQLite connection here and created on PostgreSQL over its unaccent extension (database.install_fold)."""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField
from django.dispatch import receiver

# Quotation marks and apostrophes, curly or straight, compare as one.
QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}


# Letters that carry their accent inside them, so Unicode cannot take it off; unaccent does, and so do we.
LETTERS = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
FOLDS = str.maketrans(QUOTES | LETTERS)


def fold(text: str) -> str:
    """Text as search compares it: lower case, without accents, with one kind of quote and apostrophe."""
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(FOLDS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class Fold(Func):
    """`fold` in the database."""

    function = "factcheck_fold"
    output_field = TextField()


@receiver(connection_created)
def register_fold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("factcheck_fold", 1, fold, deterministic=True)
