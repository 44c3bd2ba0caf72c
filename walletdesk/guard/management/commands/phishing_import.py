"""walletdesk phishing-import <file>: load a MetaMask eth-phishing-detect config.json."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from walletdesk.core.errors import InvalidInput
from walletdesk.guard.services import phishing_file_import


class Command(BaseCommand):
    help = "Import an allowlist/blocklist/fuzzylist/tolerance JSON file (replaces the last import)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            result = phishing_file_import(path=file)
        except InvalidInput as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"imported {result.blocklist} blocked, {result.allowlist} allowed, "
            f"{result.fuzzylist} fuzzy names (tolerance {result.tolerance}); "
            f"{result.removed} stale entries removed"
        )
