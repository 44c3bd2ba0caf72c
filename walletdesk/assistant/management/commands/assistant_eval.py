"""walletdesk assistant-eval FILE.jsonl: the assistant's figures on labelled questions, as JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from walletdesk.assistant.evaluation import evaluate, read_questions


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Evaluate the assistant on a JSONL file of labelled questions; prints one JSON object."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        report = evaluate(read_questions(file))
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
