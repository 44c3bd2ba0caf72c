"""Guards that keep customers' wallet secrets out of Walletdesk.

`walletdesk.guard.redaction` is the one secret redactor: every path that stores or shows
customer text (tickets, chat, e-mail intake, the assistant) runs it first.
"""
