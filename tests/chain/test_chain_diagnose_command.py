"""walletdesk chain-diagnose prints the same diagnosis."""

import json

import pytest
from django.core.management import CommandError, call_command

OOE = "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481"


@pytest.fixture
def failed_transfer(tron_node):
    tron_node.tx(info="tron/info_out_of_energy.json")
    tron_node.block(66860030, solid=66860020)


def test_prints_the_agent_view(failed_transfer, capsys):
    call_command("chain_diagnose", OOE, "--chain", "tron")
    out = capsys.readouterr().out
    assert "failed (out_of_energy)" in out
    assert "中文: " in out


def test_customer_text_in_chinese(failed_transfer, capsys):
    call_command("chain_diagnose", OOE, "--lang", "zh-hans")
    assert "能量不足" in capsys.readouterr().out


def test_json(failed_transfer, capsys):
    call_command("chain_diagnose", OOE, "--json")
    data = json.loads(capsys.readouterr().out)
    assert (data["verdict"], data["reason"], data["chain"]) == ("failed", "out_of_energy", "tron")


def test_rejects_what_it_does_not_recognise(chain_settings):
    with pytest.raises(CommandError):
        call_command("chain_diagnose", "hello")
    with pytest.raises(CommandError):
        call_command("chain_diagnose", OOE, "--chain", "dogecoin")


def test_diagnose_is_the_same_command(failed_transfer, capsys):
    call_command("diagnose", OOE, "--lang", "zh-hans")
    assert "能量不足" in capsys.readouterr().out
