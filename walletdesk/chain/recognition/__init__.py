"""Pure recognition of blockchain addresses and transaction ids in free text.

Split by concern: ``types`` (the Reference value), ``tron``, ``evm``, ``btc`` (per-chain
validation), ``context`` (labels and block-explorer URLs around a match) and ``finder``
(the scanner). Import the public API from :mod:`walletdesk.chain.address`.
"""
