"""The assistant's understanding of one message: language, entities, ranked intents and the
articles that answer it. Loads (or trains once and caches) the intent engine and the library.
No database access."""

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from walletdesk.assistant import embeddings
from walletdesk.assistant import entities as entity_rules
from walletdesk.assistant import language as lang
from walletdesk.assistant.intents import IntentEngine, IntentScore, engine_load_or_train, prepare
from walletdesk.assistant.library import Library, library_from_dir
from walletdesk.assistant.retrieval import Hit, rank_articles

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAIN_FILES = ("train_zh.jsonl", "train_en.jsonl")
_lock = threading.Lock()
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Understanding:
    text: str
    language: lang.LanguageInfo
    entities: entity_rules.Entities
    intents: list[IntentScore]
    articles: list[str]

    @property
    def top(self) -> IntentScore:
        return self.intents[0]


def training_examples(library: Library) -> tuple[list[str], list[str]]:
    """The labelled questions plus each single-intent article's phrasings and titles."""
    texts, labels = [], []
    for name in TRAIN_FILES:
        for row in _rows(DATA_DIR / name):
            texts.append(row["text"])
            labels.append(row["intent"])
    for article in library.articles.values():
        if len(article.intents) == 1:
            for phrase in (article.title, *article.phrasings):
                texts.append(phrase)
                labels.append(article.intents[0])
    return texts, labels


def article_examples(library: Library) -> tuple[list[str], list[str]]:
    """Questions labelled with the article that answers them, plus every article's phrasings."""
    texts, labels = [], []
    for name in TRAIN_FILES:
        for row in _rows(DATA_DIR / name):
            if row.get("articles"):
                texts.append(row["text"])
                labels.append(row["articles"][0])
    for article in library.articles.values():
        for phrase in (article.title, *article.phrasings):
            texts.append(phrase)
            labels.append(article.slug)
    return texts, labels


def _rows(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@cache
def library() -> Library:
    return library_from_dir()


def intent_engine() -> IntentEngine:
    with _lock:
        return _engine("intents")


def article_engine() -> IntentEngine:
    with _lock:
        return _engine("articles")


@cache
def _engine(kind: str) -> IntentEngine:
    examples = training_examples if kind == "intents" else article_examples
    texts, labels = examples(library())
    return engine_load_or_train(
        texts, labels, Path(str(settings.ASSISTANT["MODEL_DIR"])), embedded=embedders_on()
    )


def embedders_on(setting: str | None = None) -> tuple[str, ...]:
    """The embeddings ASSISTANT_EMBEDDINGS names ("use", "e5,use"; empty: none) whose wheels are
    installed, in the setting's order; a missing wheel or an unknown name is left out with a
    warning, so the engines fall back to fewer blocks or TF-IDF alone."""
    if setting is None:
        setting = str(settings.ASSISTANT["EMBEDDINGS"])
    names = list(dict.fromkeys(n.strip().lower() for n in setting.split(",") if n.strip()))
    on = []
    for name in names:
        if name not in embeddings.EMBEDDERS:
            log.warning("ASSISTANT_EMBEDDINGS: unknown embedding %r ignored", name)
        elif not embeddings.available(name):
            wheel = embeddings.EMBEDDERS[name]
            log.warning(
                "ASSISTANT_EMBEDDINGS: %s is not installed (uv sync --extra %s): %s left out",
                wheel.distribution,
                wheel.extra,
                name,
            )
        else:
            on.append(name)
    return tuple(on)


def understand(
    text: str,
    *,
    fallback_language: str = lang.EN,
    search: Callable[[str, str], list[Hit]] | None = None,
    limit: int = 3,
) -> Understanding:
    """Everything the policy and the answer need about one message. `search(text, language)`
    returns `Hit`s (slug, score, the article's intents); the file index by default."""
    info = lang.detect(text, fallback=fallback_language)
    prepared = prepare(text)
    intents = intent_engine().rank(text, k=3, prepared=prepared)
    lib = library()
    hits = search(text, info.code) if search else lib.search(text, limit=5, prepared=prepared)
    articles = article_engine()
    by_article = articles.rank(text, k=5, prepared=prepared)
    return Understanding(
        text=text,
        language=info,
        entities=entity_rules.extract(
            text, ticket_prefix=str(settings.WALLETDESK["TICKET_PREFIX"])
        ),
        intents=intents,
        articles=rank_articles(
            intents, by_article, hits, lib.for_intent, limit=limit, classified=articles.known
        ),
    )
