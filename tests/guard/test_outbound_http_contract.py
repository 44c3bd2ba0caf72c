"""Outbound HTTP goes through the one client (core/http.py, which refuses private and loopback
addresses unless a setting allows them): no other module opens HTTP connections itself."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "walletdesk"
THE_CLIENT = ROOT / "core" / "http.py"
OTHER_CLIENTS = {"requests", "urllib3", "aiohttp", "urllib.request", "http.client", "pycurl"}
HTTPX_OPENERS = {"Client", "AsyncClient", "HTTPTransport", "AsyncHTTPTransport", "get", "post",
                 "put", "patch", "delete", "head", "options", "request", "stream"}  # fmt: skip


def _names(node: ast.AST) -> list[str]:
    """Modules imported and httpx openers used by one node."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        return [module, *(f"{module}.{alias.name}" for alias in node.names)]
    if isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "httpx":
        return [f"httpx.{node.attr}"]
    return []


def _opens_http(name: str) -> bool:
    module, _, attr = name.rpartition(".")
    return name in OTHER_CLIENTS or (module == "httpx" and attr in HTTPX_OPENERS)


def violations(source: str, label: str) -> list[str]:
    return [
        f"{label}:{node.lineno} {name}"
        for node in ast.walk(ast.parse(source))
        for name in _names(node)
        if _opens_http(name)
    ]


def test_no_module_but_the_one_client_opens_http_connections():
    found = [
        violation
        for path in sorted(ROOT.rglob("*.py"))
        if path != THE_CLIENT
        for violation in violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []


def test_the_check_sees_a_module_that_would():
    sample = "import requests\nfrom httpx import Client\nimport httpx\nhttpx.get('https://x')\n"
    assert len(violations(sample, "sample")) == 3
    assert violations(THE_CLIENT.read_text(encoding="utf-8"), "core/http.py")  # it does
