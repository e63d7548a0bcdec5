"""Project-level guarantees: the committed SDL is current, every message is translated."""
from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

from project.management.commands.export_graphql_schema import SCHEMA_FILE, current_sdl

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_graphql_is_up_to_date():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == current_sdl(), (
        "schema.graphql is stale: run `make schema` and commit the result"
    )


def test_every_message_has_an_indonesian_translation_and_is_compiled():
    po = (ROOT / "locale/id/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entries = re.findall(r'\nmsgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', po)
    assert len(entries) > 50
    untranslated = [m for m, t in entries if t.strip() == '""' and m.strip() != '""']
    assert untranslated == []
    assert "fuzzy" not in po  # msgfmt leaves fuzzy entries out of the .mo
    with (ROOT / "locale/id/LC_MESSAGES/django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    unquote = lambda block: "".join(ast.literal_eval(line) for line in block.strip().splitlines())  # noqa: E731
    stale = [unquote(m) for m, t in entries
             if unquote(m) and compiled.gettext(unquote(m)) != unquote(t)]
    assert stale == [], "django.mo is stale: run `make messages`"
