"""Side codes (readings, katakana suffixes) are single words for the database's tokenizer."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from kyoso.search.text import READING, SUFFIX, side_code


@pytest.mark.django_db
def test_side_codes_are_one_lexeme_for_the_database():
    rng = random.Random(20261205)
    kana = [chr(c) for c in range(0x3041, 0x3100)]
    codes = sorted(
        {
            side_code(rng.choice([READING, SUFFIX]), "".join(rng.sample(kana, rng.randint(1, 12))))
            for _ in range(2_000)
        }
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tsvector_to_array(to_tsvector('simple', %s))", [" ".join(codes)])
            words = set(cursor.fetchone()[0])
        else:
            cursor.execute("CREATE VIRTUAL TABLE temp.side_fts USING fts5(t)")
            cursor.execute("CREATE VIRTUAL TABLE temp.side_vocab USING fts5vocab(side_fts, row)")
            cursor.execute("INSERT INTO temp.side_fts(t) VALUES (%s)", [" ".join(codes)])
            cursor.execute("SELECT term FROM temp.side_vocab")
            words = {row[0] for row in cursor.fetchall()}
    assert words == set(codes)
