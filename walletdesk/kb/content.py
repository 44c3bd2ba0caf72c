"""The starter content on disk (pure parsing): content/<slug>/{meta.toml,en.md,zh-hans.md}.

Each .md file opens with TOML front matter between `+++` lines (title, summary, phrasings).
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = Path(__file__).with_name("content")
LANGUAGES = ("zh-hans", "en")


@dataclass(frozen=True)
class SourceTranslation:
    language: str
    title: str
    summary: str
    phrasings: list[str]
    body: str


@dataclass(frozen=True)
class SourceArticle:
    slug: str
    category: str
    intents: list[str]
    tags: list[str]
    related: list[str]
    translations: list[SourceTranslation]


def parse_markdown(raw: str, language: str) -> SourceTranslation:
    if not raw.startswith("+++"):
        raise ValueError("an article file must open with +++ front matter")
    _, front, body = raw.split("+++", 2)
    meta = tomllib.loads(front)
    return SourceTranslation(
        language=language,
        title=meta["title"],
        summary=meta.get("summary", ""),
        phrasings=list(meta.get("phrasings", [])),
        body=body.strip() + "\n",
    )


def read_article(folder: Path) -> SourceArticle:
    meta = tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))
    translations = [
        parse_markdown((folder / f"{lang}.md").read_text(encoding="utf-8"), lang)
        for lang in LANGUAGES
        if (folder / f"{lang}.md").exists()
    ]
    return SourceArticle(
        slug=meta.get("slug", folder.name),
        category=meta["category"],
        intents=list(meta.get("intents", [])),
        tags=list(meta.get("tags", [])),
        related=list(meta.get("related", [])),
        translations=translations,
    )


def read_all(root: Path = CONTENT_DIR) -> list[SourceArticle]:
    return [read_article(d) for d in sorted(root.iterdir()) if (d / "meta.toml").exists()]
