"""Diagnosis throughput, latency and node calls per diagnosis: a local Hardhat node (real
transactions) and a local server replaying recorded TRON answers; cold and warm cache.

.venv/bin/python bench/chain_lookup.py [--rounds 30] [--threads 1]
"""

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")

import django  # noqa: E402

django.setup()

from _common import percentiles, rss_mb  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402

from tests.chain._evm_scenario import build  # noqa: E402
from tests.chain._hardhat import Hardhat  # noqa: E402
from tests.core._http_server import Canned, LocalServer  # noqa: E402
from walletdesk.chain.address import recognize  # noqa: E402
from walletdesk.chain.lookup import configured_clients  # noqa: E402
from walletdesk.chain.runner import diagnose_reference  # noqa: E402

FIXTURES = ROOT / "tests" / "chain" / "fixtures" / "tron"
TRON_TX = {
    "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481": "info_out_of_energy",
    "b69c51db8f9d974e6a38c76852c8ce1adcb682dbacb25ad8ad4f6876121fe9dc": "info_trc20_success",
    "2389719608ed69f7ec3e72c1abb92acaa43b7175f3062f4ebc6e2e02cc82d0d2": "info_trx_transfer",
    "de289f255aa2cdda95fbd430caf8fde3f9c989c544c4917cf1285a088115d0e8": "info_revert",
}


def configure(**chain: object) -> None:
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOWED_HOSTS": ["127.0.0.1"]}
    settings.CHAIN = {
        **settings.CHAIN,
        "TRON_URL": "",
        "EVM_RPC_URLS": [],
        "BTC_ESPLORA_URL": "",
        **chain,
    }


def node_calls() -> int:
    return sum(client.node_calls for client in configured_clients().values())


def run(label: str, hashes: list[str], rounds: int, threads: int, *, warm: bool) -> None:
    refs = [recognize(value, tx_context=True) for value in hashes]
    jobs = [ref for _ in range(rounds) for ref in refs]
    cache.clear()
    if warm:
        for ref in refs:
            diagnose_reference(ref)
    calls_before = node_calls()
    timings: list[float] = []

    def one(ref):  # type: ignore[no-untyped-def]
        if not warm:
            cache.clear()  # every diagnosis asks the node again
        t0 = time.perf_counter()
        verdict = diagnose_reference(ref).verdict
        timings.append((time.perf_counter() - t0) * 1000)
        return verdict

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        verdicts = list(pool.map(one, jobs))
    total = time.perf_counter() - started
    calls = (node_calls() - calls_before) / len(jobs)
    print(
        f"{label:<28} {'warm' if warm else 'cold'}: {len(jobs)} diagnoses, "
        f"{len(jobs) / total:,.0f}/s; {percentiles(timings)}; {calls:.1f} node calls each; "
        f"verdicts {sorted(set(map(str, verdicts)))}"
    )


def hardhat_part(rounds: int, threads: int) -> None:
    node = Hardhat(Path("/tmp/bench_hardhat.log"))
    try:
        scenario = build(node)
        configure(EVM_RPC_URLS=[f"31337={node.url}"])
        hashes = [
            scenario.eth_transfer,
            scenario.token_transfer,
            scenario.reverted,
            scenario.out_of_gas,
            scenario.nonce_gap,
            scenario.underpriced,
            "0x" + "12" * 32,  # not found
        ]
        for warm in (False, True):
            run("EVM (Hardhat node)", hashes, rounds, threads, warm=warm)
    finally:
        node.stop()


def tron_part(rounds: int, threads: int) -> None:
    header = (FIXTURES / "block_header.json").read_text()

    def info(seen):  # type: ignore[no-untyped-def]
        name = TRON_TX.get(seen.json()["value"])
        body = (FIXTURES / f"{name}.json").read_bytes() if name else b"{}"
        return Canned(200, body, {"Content-Type": "application/json"})

    with LocalServer() as server:
        server.route("POST", "/wallet/gettransactioninfobyid", info)
        server.json("POST", "/wallet/gettransactionbyid", b"{}")
        server.json("POST", "/wallet/getnowblock", header.encode())
        server.json("POST", "/walletsolidity/getnowblock", header.encode())
        configure(TRON_URL=server.url)
        hashes = [*TRON_TX, "ab" * 32]
        for warm in (False, True):
            run("TRON (recorded answers)", hashes, rounds, threads, warm=warm)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    hardhat_part(args.rounds, args.threads)
    tron_part(args.rounds, args.threads)
    print(f"max RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
