"""Facts the project promises about itself: settings documented, taxonomy in sync with shared/."""

import json
import re
from pathlib import Path

import pytest

from walletdesk.core.taxonomy import TAXONOMY_PATH

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_read_is_listed_in_env_example():
    read = set(
        re.findall(r'env_\w+\(\s*"([A-Z_]+)"', (ROOT / "walletdesk/config/settings.py").read_text())
    )
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no settings found: the pattern above is out of date"
    assert read == listed


def test_taxonomy_copy_matches_shared_contract():
    shared = ROOT.parent / "shared" / "eval" / "taxonomy.json"
    if not shared.exists():
        pytest.skip("shared/eval/taxonomy.json is not beside this checkout")
    assert json.loads(TAXONOMY_PATH.read_text()) == json.loads(shared.read_text())
