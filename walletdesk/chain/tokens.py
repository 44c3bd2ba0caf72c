"""Known chains and tokens (pure data): names, native coins, decimals, finality depth."""

from __future__ import annotations

from typing import NamedTuple


class Token(NamedTuple):
    symbol: str
    decimals: int


class EvmChain(NamedTuple):
    name: str
    native: str
    standard: str  # what customers call its tokens: ERC20, BEP20...
    confirmations: int  # blocks after which a transaction counts as final (fallback)


EVM_CHAINS: dict[int, EvmChain] = {
    1: EvmChain("Ethereum", "ETH", "ERC20", 64),
    56: EvmChain("BNB Smart Chain", "BNB", "BEP20", 15),
    137: EvmChain("Polygon", "POL", "Polygon", 128),
    42161: EvmChain("Arbitrum One", "ETH", "Arbitrum", 64),
    10: EvmChain("OP Mainnet", "ETH", "Optimism", 64),
    8453: EvmChain("Base", "ETH", "Base", 64),
    11155111: EvmChain("Sepolia", "ETH", "ERC20", 64),
    31337: EvmChain("Hardhat (local)", "ETH", "ERC20", 1),
}
NATIVE_DECIMALS = {"tron": 6, "btc": 8, "evm": 18}
TRON_NATIVE = "TRX"
BTC_NATIVE = "BTC"

# (chain key, contract) -> Token; EVM contracts lowercase, TRON in base58.
KNOWN_TOKENS: dict[tuple[str, str], Token] = {
    ("tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"): Token("USDT", 6),
    ("tron", "TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8"): Token("USDC", 6),
    ("evm:1", "0xdac17f958d2ee523a2206206994597c13d831ec7"): Token("USDT", 6),
    ("evm:1", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"): Token("USDC", 6),
    ("evm:56", "0x55d398326f99059ff775485246999027b3197955"): Token("USDT", 18),
    ("evm:56", "0x8ac76a51cc950d9822d68b83fe1ad97b32cd580d"): Token("USDC", 18),
    ("evm:137", "0xc2132d05d31c914a87c6611c10748aeb04b58e8f"): Token("USDT", 6),
    ("evm:137", "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359"): Token("USDC", 6),
    ("evm:42161", "0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9"): Token("USDT", 6),
    ("evm:42161", "0xaf88d065e77c8cc2239327c5edb3a432268e5831"): Token("USDC", 6),
}


def evm_chain(chain_id: int) -> EvmChain:
    return EVM_CHAINS.get(chain_id, EvmChain(f"EVM chain {chain_id}", "ETH", "EVM", 64))


def chain_id_of(chain: str) -> int | None:
    return int(chain.split(":", 1)[1]) if chain.startswith("evm:") else None


def chain_name(chain: str) -> str:
    chain_id = chain_id_of(chain)
    if chain_id is not None:
        return evm_chain(chain_id).name
    return {"tron": "TRON", "btc": "Bitcoin"}.get(chain, chain)


def native_symbol(chain: str) -> str:
    chain_id = chain_id_of(chain)
    if chain_id is not None:
        return evm_chain(chain_id).native
    return {"tron": TRON_NATIVE, "btc": BTC_NATIVE}.get(chain, "")


def native_decimals(chain: str) -> int:
    return NATIVE_DECIMALS[chain.split(":", 1)[0]]


def token_standard(chain: str) -> str:
    chain_id = chain_id_of(chain)
    if chain_id is not None:
        return evm_chain(chain_id).standard
    return {"tron": "TRC20", "btc": "Bitcoin"}.get(chain, chain)


def known_token(chain: str, contract: str) -> Token | None:
    key = contract.lower() if chain.startswith("evm:") else contract
    return KNOWN_TOKENS.get((chain, key))
