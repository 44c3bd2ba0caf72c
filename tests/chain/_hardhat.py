"""Start a real Hardhat node (tests/chain/evm_node) and drive it over JSON-RPC."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

NODE_DIR = Path(__file__).parent / "evm_node"
HARDHAT = NODE_DIR / "node_modules" / ".bin" / "hardhat"
START_SECONDS = 90


def skip_or_fail_without_node() -> None:
    """Skip locally when Node.js or the npm packages are missing; CI must have them."""
    if shutil.which("node") is None:
        reason = "needs Node.js (node) to run the local Hardhat node; CI machines have it"
    elif not HARDHAT.exists():
        reason = "run `npm ci` in tests/chain/evm_node (make test does it when npm exists)"
    else:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Hardhat:
    def __init__(self, log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - fixed command, our own package
            [str(HARDHAT), "node", "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=NODE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.http = httpx.Client(timeout=30)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hardhat exited with {self.process.returncode}")
            try:
                self.rpc("eth_chainId")
                return
            except httpx.TransportError:
                time.sleep(0.2)
        raise RuntimeError("hardhat did not start in time")

    def rpc(self, method: str, *params: Any) -> Any:
        body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}
        answer = self.http.post(self.url, json=body).json()
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]

    def send(self, **tx: Any) -> str:
        return self.rpc("eth_sendTransaction", tx)

    def receipt(self, tx_hash: str) -> dict[str, Any]:
        return self.rpc("eth_getTransactionReceipt", tx_hash)

    def stop(self) -> None:
        self.http.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def token_artifact() -> dict[str, Any]:
    return json.loads((NODE_DIR / "build" / "TestToken.json").read_text())
