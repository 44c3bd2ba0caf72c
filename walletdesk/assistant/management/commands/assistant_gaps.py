"""walletdesk assistant-gaps [--days 30] [--min-size 2] [--json]: the questions the assistant
could not answer, grouped by topic, largest group first (the knowledge-gap report)."""

import json
from dataclasses import asdict
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser

from walletdesk.assistant.gaps import cluster_questions
from walletdesk.assistant.selectors import knowledge_gap_questions
from walletdesk.core.clock import now


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Group the questions the assistant could not answer, for editors (missing articles)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30, help="questions of the last N days")
        parser.add_argument("--min-size", type=int, default=2, help="smallest group shown")
        parser.add_argument("--limit", type=int, default=2000, help="newest N questions")
        parser.add_argument("--json", action="store_true", help="one JSON object")

    def handle(self, *args, days: int, min_size: int, limit: int, json: bool, **options) -> None:
        questions = knowledge_gap_questions(since=now() - timedelta(days=days), limit=limit)
        gaps = cluster_questions(questions, min_size=min_size)
        if json:
            report = {"questions": len(questions), "groups": [asdict(g) for g in gaps]}
            self.stdout.write(_json(report))
            return
        grouped = sum(g.size for g in gaps)
        self.stdout.write(
            f"{len(questions)} unanswered questions in {days} days; "
            f"{len(gaps)} groups of {min_size} or more hold {grouped}."
        )
        for n, gap in enumerate(gaps, 1):
            self.stdout.write(f"\n{n}. {gap.size} questions · {', '.join(gap.terms)}")
            self.stdout.write(f"   guessed: {gap.intents} · why: {gap.reasons}")
            for example in gap.examples:
                self.stdout.write(f"   - {example}")


def _json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)
