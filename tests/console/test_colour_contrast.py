"""The stylesheet's text colours meet WCAG AA contrast (4.5:1) on the backgrounds they are used
on, and the supervisor charts' colours are at least 3:1 against the white card (non-text
contrast), computed from the shipped CSS and script."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "walletdesk"
CSS = (ROOT / "portal/static/ui/ui.css").read_text()
CHARTS = (ROOT / "console/static/console/charts.js").read_text()
VARS = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", CSS))


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colour(name: str) -> str:
    value = name if name.startswith("#") else VARS[name]
    return "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value


TEXT_ON = [
    ("ink", "bg"),  # body text
    ("ink", "card"),
    ("muted", "card"),  # hints, table headers
    ("muted", "bg"),
    ("brand", "card"),  # links
    ("brand-ink", "brand"),  # buttons
    ("ok", "ok-bg"),  # badges and flashes
    ("warn", "warn-bg"),
    ("bad", "bad-bg"),
    ("#ffffff", "bad"),  # urgent badge, breached countdown
    ("#0842a0", "out-bg"),  # new / open badge
    ("#ffffff", "#102a56"),  # the header bar
]


@pytest.mark.parametrize(("fg", "bg"), TEXT_ON)
def test_text_colours_meet_aa(fg, bg):
    assert contrast(colour(fg), colour(bg)) >= 4.5, (fg, bg)


def test_chart_colours_stand_out_from_the_card():
    palette = dict(re.findall(r"(\w+): \"(#[0-9a-fA-F]{6})\"", CHARTS))
    assert {"created", "resolved", "breached", "at_risk", "unassigned"} <= set(palette)
    for name, value in palette.items():
        if name != "free":  # the empty part of a capacity bar
            assert contrast(value, colour("card")) >= 3, name
