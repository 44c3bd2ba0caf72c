"""Typo tolerance (pure): a deletion-neighbourhood index over the vocabulary (SymSpell style).

Two words are neighbours when deleting at most one character from each makes them equal,
which covers one insertion, deletion or substitution, and most transpositions.
"""

from collections import defaultdict
from collections.abc import Iterable

MIN_LENGTH = 4  # shorter words have too many neighbours to guess


def _deletes(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    def __init__(self, words: Iterable[str]) -> None:
        self.counts: dict[str, int] = defaultdict(int)
        for word in words:
            self.counts[word] += 1
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        for word in self.counts:
            if len(word) >= MIN_LENGTH - 1 and word.isalpha():
                for key in _deletes(word):
                    self._neighbours[key].add(word)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def corrections(self, word: str, *, limit: int = 2) -> list[str]:
        """Known words one edit away, most frequent first; [] when the word is known."""
        if word in self.counts or len(word) < MIN_LENGTH or not word.isalpha():
            return []
        found: set[str] = set()
        for key in _deletes(word):
            found |= self._neighbours.get(key, set())
        found.discard(word)
        return sorted(found, key=lambda w: (-self.counts[w], w))[:limit]
