"""In a real browser: the editor "lin" edits a translation with the live preview, attaches an
image and shows it in the preview, saves, and compares the revisions in the history."""

import struct
import zlib

import pytest

from tests.browser.conftest import DESKTOP, ROOT, live_walletdesk, run_browser, shot, sign_in

pytestmark = pytest.mark.slow


def _png(width: int = 40, height: int = 20) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x1a\x73\xe8" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def kb_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("wd-kb-browser")
    with live_walletdesk(data, ROOT / "tests/browser/seed_kb.py") as facts:
        yield facts


def test_editor_previews_attaches_an_image_saves_and_compares(kb_server, tmp_path):
    base = kb_server["url"]
    picture = tmp_path / "energy-panel.png"
    picture.write_bytes(_png())

    def scenario(browser):
        page = browser.new_context(locale="en-US", **DESKTOP).new_page()
        sign_in(page, base, "lin")
        page.click("text=Knowledge base")
        page.click("a:has-text('波场能量')")
        page.set_input_files("input[name=image]", str(picture))
        page.click("button:has-text('Attach')")
        page.wait_for_selector(".kb-images code")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.kb-images img')].every(i => i.naturalWidth)"
        )
        shot(page, "kb-editor-article-desktop")
        page.goto(f"{base}/console/kb/energy/en/edit/")
        page.fill("#id_body", "Energy pays for **contract calls**.\n\n")
        page.wait_for_selector("#kb-preview strong:has-text('contract calls')", timeout=10_000)
        page.click("[data-insert-md]")
        img = page.wait_for_selector("#kb-preview img[src^='/kb/images/']", timeout=10_000)
        page.wait_for_function("img => img.complete && img.naturalWidth === 40", arg=img)
        assert page.locator(".kb-other h3").inner_text() == "波场能量"  # the other language
        assert page.locator("#kb-preview h3").inner_text() == "TRON energy"
        shot(page, "kb-editor-preview-desktop")
        page.fill("#id_note", "shorter text")
        page.click("button:has-text('Save revision')")
        page.wait_for_selector(".flash-success:has-text('revision 2')")
        page.goto(f"{base}/console/kb/energy/en/history/")
        page.click("#compare-form button:has-text('Compare')")
        diff = page.locator("#kb-diff").inner_text()
        assert "+Energy pays for **contract calls**." in diff
        assert "-Energy pays for smart contract calls such as USDT transfers." in diff
        shot(page, "kb-editor-history-desktop")

    run_browser(scenario)
