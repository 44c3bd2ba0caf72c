"""`walletdesk`: the operators' entry point, a thin shell over Django's management commands.

walletdesk serve        web server (+ embedded worker unless WALLETDESK_EMBEDDED_WORKER=0)
walletdesk worker       task worker and SLA / automation sweeps
walletdesk demo-data    demo teams, agents, customers and tickets
walletdesk migrate      … and every other Django command
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "walletdesk"
    if len(argv) > 1:
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
