"""Every message of the console, portal, knowledge-base and accounts (agent notices)
catalogues has a Simplified Chinese translation that is compiled, keeps its placeholders, and
covers every string in the code."""

import ast
import gettext
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

APPS = ("console", "portal", "kb", "accounts")
ROOT = Path(__file__).resolve().parents[2] / "walletdesk"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@dataclass
class Entry:
    context: str | None
    msgid: str
    msgstrs: list[str]
    fuzzy: bool

    @property
    def key(self) -> str:
        """The key of the entry in a compiled catalogue."""
        return f"{self.context}\x04{self.msgid}" if self.context else self.msgid


def _entries(po: Path) -> list[Entry]:
    """A small .po reader: msgctxt, msgid, msgstr / msgstr[n], continuation lines, flags."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        field = None
        for line in block.splitlines():
            if line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
                field, _, rest = line.partition(" ")
                fields[field] = ast.literal_eval(rest)
            elif line.startswith('"') and field:
                fields[field] += ast.literal_eval(line)
        if fields.get("msgid"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
            entries.append(Entry(fields.get("msgctxt"), fields["msgid"], strs, fuzzy))
    return entries


def _catalogue(app: str) -> Path:
    return ROOT / app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("app", APPS)
def test_every_message_is_translated(app):
    missing = [e.msgid for e in _entries(_catalogue(app)) if e.fuzzy or not all(e.msgstrs)]
    assert missing == [], f"{app}: untranslated or fuzzy in zh_Hans: {missing}"


@pytest.mark.parametrize("app", APPS)
def test_translations_keep_their_placeholders(app):
    broken = [
        e.msgid
        for e in _entries(_catalogue(app))
        for s in e.msgstrs
        if s and set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(e.msgid))
    ]
    assert broken == [], f"{app}: placeholders differ from the English: {broken}"


@pytest.mark.parametrize("app", APPS)
def test_compiled_catalogue_matches_the_po_file(app):
    po = _catalogue(app)
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    stale = [
        e.msgid
        for e in _entries(po)
        if e.msgstrs[0] and compiled.get(e.key, compiled.get((e.key, 0))) != e.msgstrs[0]
    ]
    assert stale == [], f"{app}: django.mo is older than django.po (run `make messages`): {stale}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext's xgettext")
@pytest.mark.parametrize("app", APPS)
def test_catalogue_holds_every_string_of_the_code(app, tmp_path, monkeypatch):
    """makemessages on a copy of the app finds no msgid that the committed catalogue lacks."""
    copy = tmp_path / app
    shutil.copytree(ROOT / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["zh_Hans"], verbosity=0)
    extracted = {(e.context, e.msgid) for e in _entries(copy.joinpath(*_catalogue(app).parts[-4:]))}
    committed = {(e.context, e.msgid) for e in _entries(_catalogue(app))}
    assert sorted(extracted - committed, key=str) == [], f"{app}: run makemessages"
