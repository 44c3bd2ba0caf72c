"""`walletdesk phishing-import <file>` loads an eth-phishing-detect config and audits it."""

import json

import pytest
from django.core.management import CommandError, call_command

from walletdesk.guard.models import AuditEntry, PhishingEntry, PhishingSettings
from walletdesk.guard.phishing import Verdict
from walletdesk.guard.selectors import links_assess, links_check
from walletdesk.guard.services import phishing_domain_block

pytestmark = pytest.mark.django_db


def write(tmp_path, data, name="config.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


CONFIG = {
    "version": 2,
    "tolerance": 2,
    "fuzzylist": ["metamask.io", "myetherwallet.com"],
    "allowlist": ["etherscan.io", "metamask.io"],
    "blocklist": ["fake-metamask.top", "claim-usdt.xyz", " CLAIM-USDT.xyz "],
}


def test_import_fills_the_lists_and_the_checker_uses_them(tmp_path, capsys):
    call_command("phishing_import", str(write(tmp_path, CONFIG)))
    assert "imported 2 blocked, 2 allowed, 2 fuzzy" in capsys.readouterr().out
    assert PhishingSettings.objects.get().tolerance == 2
    flags = {f.host: f.verdict for f in links_check("see app.claim-usdt.xyz and metamaks.io")}
    assert flags == {"app.claim-usdt.xyz": Verdict.BLOCKED, "metamaks.io": Verdict.SUSPICIOUS}
    assert links_assess("etherscan.io")[0].verdict is Verdict.ALLOWED
    assert AuditEntry.objects.filter(action="blocklist.imported").count() == 1


def test_reimport_replaces_imported_rows_but_keeps_manual_ones(tmp_path):
    call_command("phishing_import", str(write(tmp_path, CONFIG)))
    phishing_domain_block(domain="walletdesk-gift.top")
    smaller = {**CONFIG, "blocklist": ["fake-metamask.top"]}
    call_command("phishing_import", str(write(tmp_path, smaller)))
    blocked = set(PhishingEntry.objects.filter(kind="block").values_list("domain", flat=True))
    assert blocked == {"fake-metamask.top", "walletdesk-gift.top"}
    assert links_check("claim-usdt.xyz") == []


def test_legacy_keys_are_accepted(tmp_path):
    legacy = {"whitelist": ["a.io"], "blacklist": ["b-scam.top"], "fuzzylist": [], "tolerance": 1}
    call_command("phishing_import", str(write(tmp_path, legacy)))
    assert PhishingEntry.objects.filter(kind="block", domain="b-scam.top").exists()


@pytest.mark.parametrize(
    "data",
    [[], {"blocklist": "scam.top"}, {"blocklist": [1, 2]}, {"tolerance": "2"}, {"tolerance": 9}],
)
def test_malformed_files_are_refused_and_change_nothing(tmp_path, data):
    with pytest.raises(CommandError):
        call_command("phishing_import", str(write(tmp_path, data)))
    assert not PhishingEntry.objects.exists()


def test_missing_or_non_json_file_is_refused(tmp_path):
    with pytest.raises(CommandError):
        call_command("phishing_import", str(tmp_path / "absent.json"))
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("phishing_import", str(tmp_path / "bad.json"))
