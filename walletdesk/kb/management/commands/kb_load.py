from pathlib import Path

from django.core.management.base import BaseCommand

from walletdesk.kb.services import kb_load


class Command(BaseCommand):
    help = "Load the starter knowledge-base articles (idempotent; placeholders from settings)."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, default=None, help="content folder")

    def handle(self, *args, path: Path | None, **options):
        result = kb_load(root=path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Knowledge base: {result.created} created, {result.revised} revised, "
                f"{result.unchanged} unchanged."
            )
        )
