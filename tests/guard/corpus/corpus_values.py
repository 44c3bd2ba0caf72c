"""Random but valid chain values for the redaction corpus: addresses, hashes and keys.

Every function takes the corpus's seeded random.Random, so the corpus stays deterministic.
"""

import hashlib
import json
import random

import base58
import bech32m
from Crypto.Hash import keccak
from Crypto.PublicKey import ECC


def b58check(payload: bytes) -> str:
    checksum = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return base58.b58encode(payload + checksum).decode()


def tron_address(rng: random.Random) -> str:
    return b58check(b"\x41" + rng.randbytes(20))


def evm_address(rng: random.Random) -> str:
    raw = rng.randbytes(20).hex()
    digest = keccak.new(digest_bits=256, data=raw.encode()).hexdigest()
    return "0x" + "".join(
        c.upper() if int(d, 16) >= 8 else c for c, d in zip(raw, digest[:40], strict=True)
    )


def btc_address(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return b58check(b"\x00" + rng.randbytes(20))
    if kind == 1:
        return b58check(b"\x05" + rng.randbytes(20))
    return bech32m.encode("bc", 0, rng.randbytes(20))


def tx_hash(rng: random.Random) -> str:
    return rng.randbytes(32).hex()


def sol_signature(rng: random.Random) -> str:
    return base58.b58encode(rng.randbytes(64)).decode()


def hex_key(rng: random.Random) -> str:
    value = rng.randbytes(32).hex()
    return rng.choice([value, "0x" + value, value.upper()])


def wif_key(rng: random.Random) -> str:
    version = rng.choice([b"\x80", b"\x80", b"\xef"])
    suffix = rng.choice([b"", b"\x01"])
    return b58check(version + rng.randbytes(32) + suffix)


XPRV_VERSIONS = {
    "xprv": "0488ade4",
    "tprv": "04358394",
    "yprv": "049d7878",
    "zprv": "04b2430c",
    "uprv": "044a4e28",
    "vprv": "045f18bc",
}


def xprv_key(rng: random.Random) -> str:
    version = bytes.fromhex(rng.choice(list(XPRV_VERSIONS.values())))
    depth = rng.randrange(6).to_bytes(1, "big")
    payload = version + depth + rng.randbytes(8) + rng.randbytes(32) + b"\x00" + rng.randbytes(32)
    return b58check(payload)


def solana_keypair(rng: random.Random) -> bytes:
    seed = rng.randbytes(32)
    public = ECC.construct(curve="Ed25519", seed=seed).public_key().export_key(format="raw")
    return seed + public


def solana_key(rng: random.Random) -> str:
    raw = solana_keypair(rng)
    if rng.random() < 0.5:
        return base58.b58encode(raw).decode()
    spacer = rng.choice([",", ", "])
    return "[" + spacer.join(str(b) for b in raw) + "]"


def keystore(rng: random.Random) -> str:
    if rng.random() < 0.5:
        kdfparams = {"dklen": 32, "n": 262144, "p": 1, "r": 8, "salt": rng.randbytes(32).hex()}
        kdf = "scrypt"
    else:
        kdfparams = {
            "c": 262144,
            "dklen": 32,
            "prf": "hmac-sha256",
            "salt": rng.randbytes(32).hex(),
        }
        kdf = "pbkdf2"
    data = {
        "address": rng.randbytes(20).hex(),
        rng.choice(["crypto", "Crypto"]): {
            "cipher": "aes-128-ctr",
            "ciphertext": rng.randbytes(32).hex(),
            "cipherparams": {"iv": rng.randbytes(16).hex()},
            "kdf": kdf,
            "kdfparams": kdfparams,
            "mac": rng.randbytes(32).hex(),
        },
        "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
        "version": 3,
    }
    return json.dumps(data, indent=rng.choice([None, 2]))
