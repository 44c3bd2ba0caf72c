"""Bot API updates shaped after payloads recorded by public bots (ids and names changed)."""

import json
from pathlib import Path

DIR = Path(__file__).parent / "payloads"


def load(name: str) -> dict:
    return json.loads((DIR / f"{name}.json").read_text(encoding="utf-8"))


def raw(name: str) -> bytes:
    return (DIR / f"{name}.json").read_bytes()


ALL = sorted(p.stem for p in DIR.glob("*.json"))
