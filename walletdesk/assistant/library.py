"""The articles the assistant answers from, read from the knowledge base's content files.

Pure apart from reading those files: parses meta.toml and each language's front matter and
markdown into `ArticleText` (`article_from_markdown` does the same for the knowledge base's
stored articles), with its steps and a BM25 search over titles, phrasings, summaries and tags
(used for understanding; answers search the knowledge base itself, see knowledge.py).
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from walletdesk.assistant.intents import prepare, words
from walletdesk.assistant.retrieval import Hit
from walletdesk.core.taxonomy import taxonomy

CONTENT_DIR = Path(__file__).resolve().parent.parent / "kb" / "content"
LANGUAGE_FILES = {"en": "en.md", "zh-hans": "zh-hans.md"}
STEP_HEADINGS = re.compile(r"^##\s*(steps|操作步骤|步骤|what to do|怎么做)", re.I)
NUMBERED = re.compile(r"^\d+\.\s+(.*)")
TERM_RE = re.compile(r"^[\w\u4e00-\u9fff]+$")
NOT_PROSE = ("#", ">", "-", "*", "|", "!", "```")  # headings, quotes, lists, tables, images


@dataclass(frozen=True)
class ArticleText:
    slug: str
    language: str
    title: str
    summary: str
    steps: tuple[str, ...]
    phrasings: tuple[str, ...]
    intents: tuple[str, ...]
    tags: tuple[str, ...]
    category: str


def terms(prepared: str) -> list[str]:
    """Search terms: jieba words (English words stay whole), punctuation dropped."""
    return [w for w in words(prepared) if TERM_RE.match(w)]


def steps_of(markdown: str) -> tuple[str, ...]:
    """The numbered items of the first "Steps" section (continuation lines joined); without
    such a section (articles written in the console), the first numbered list."""
    return _numbered(markdown, in_steps_section=True) or _numbered(markdown, in_steps_section=False)


def _numbered(markdown: str, *, in_steps_section: bool) -> tuple[str, ...]:
    steps: list[str] = []
    inside = not in_steps_section
    for line in markdown.splitlines():
        if line.startswith("## ") and in_steps_section:
            if inside:
                break
            inside = bool(STEP_HEADINGS.match(line))
            continue
        if not inside:
            continue
        numbered = NUMBERED.match(line)
        if numbered:
            steps.append(numbered.group(1).strip())
        elif steps and (line.startswith("#") or not line.strip()) and not in_steps_section:
            break  # the end of the first list
        elif steps and line.strip():
            steps[-1] += " " + line.strip()
    return tuple(steps)


def first_paragraph(markdown: str) -> str:
    """The first plain paragraph (no heading, list or quote): an article's summary when it
    has none of its own."""
    paragraph: list[str] = []
    for line in markdown.splitlines():
        text = line.strip()
        if text and not text.startswith(NOT_PROSE) and not NUMBERED.match(text):
            paragraph.append(text)
        elif paragraph:
            break
    return " ".join(paragraph)


def article_from_markdown(
    *, slug: str, language: str, title: str, summary: str, body: str, **meta
) -> ArticleText:
    """An article as the assistant answers from it; `meta`: phrasings, intents, tags, category."""
    return ArticleText(
        slug=slug,
        language=language,
        title=title,
        summary=summary or first_paragraph(body),
        steps=steps_of(body),
        phrasings=tuple(meta.get("phrasings") or ()),
        intents=tuple(meta.get("intents") or ()),
        tags=tuple(meta.get("tags") or ()),
        category=meta.get("category") or "",
    )


def _front_matter(raw: str) -> tuple[dict, str]:
    _, meta, body = raw.split("+++", 2)
    return tomllib.loads(meta), body


def article_read(folder: Path, language: str) -> ArticleText | None:
    path = folder / LANGUAGE_FILES[language]
    if not path.exists():
        return None
    meta = tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))
    front, body = _front_matter(path.read_text(encoding="utf-8"))
    return article_from_markdown(
        slug=meta["slug"],
        language=language,
        title=front["title"],
        summary=front.get("summary", ""),
        body=body,
        phrasings=front.get("phrasings", ()),
        intents=meta.get("intents", ()),
        tags=meta.get("tags", ()),
        category=meta.get("category", ""),
    )


class Library:
    """All articles in both languages, searchable by a customer's question."""

    def __init__(self, articles: list[ArticleText]):
        self.articles = {(a.slug, a.language): a for a in articles}
        self.slugs = sorted({a.slug for a in articles})
        self.index = bm25s.BM25()
        self.index.index([terms(self._document(slug)) for slug in self.slugs], show_progress=False)

    def _document(self, slug: str) -> str:
        parts: list[str] = []
        for language in LANGUAGE_FILES:
            a = self.articles.get((slug, language))
            if a is not None:
                parts += [a.title, a.summary, *a.phrasings, " ".join(a.tags)]
        return prepare(" \n ".join(parts))

    def get(self, slug: str, language: str) -> ArticleText | None:
        return self.articles.get((slug, language)) or self.articles.get((slug, "en"))

    def search(self, text: str, limit: int = 5, *, prepared: str | None = None) -> list[Hit]:
        query = terms(prepared if prepared is not None else prepare(text))
        scores = self.index.get_scores(query) if query else np.zeros(len(self.slugs))
        order = np.argsort(-scores)[:limit]
        return [Hit(self.slugs[i], float(scores[i])) for i in order if scores[i] > 0]

    def for_intent(self, intent: str) -> list[str]:
        """Articles that list the intent, those naming it first ahead of the others."""
        tagged = [
            a for (_, lang), a in self.articles.items() if lang == "en" and intent in a.intents
        ]
        order = {a["slug"]: i for i, a in enumerate(taxonomy()["articles"])}
        return [
            a.slug
            for a in sorted(tagged, key=lambda a: (a.intents.index(intent), order.get(a.slug, 99)))
        ]


def library_from_dir(folder: Path = CONTENT_DIR) -> Library:
    articles = []
    for sub in sorted(p for p in folder.iterdir() if (p / "meta.toml").exists()):
        for language in LANGUAGE_FILES:
            article = article_read(sub, language)
            if article is not None:
                articles.append(article)
    return Library(articles)
