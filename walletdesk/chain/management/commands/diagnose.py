"""`walletdesk diagnose <hash-or-address> [--chain]`: the name the operators' guide uses for
`walletdesk chain-diagnose`."""

from walletdesk.chain.management.commands.chain_diagnose import Command as ChainDiagnose


class Command(ChainDiagnose):
    pass
