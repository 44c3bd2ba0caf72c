"""The starter canned replies, paired by position across languages (data, no logic); the demo
data seeds them as global macros (services.macros_seed_canned)."""

CANNED: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Greeting", "Hello, thank you for contacting Walletdesk support. "),
        (
            "Ask for the transaction hash",
            "Could you send us the transaction hash (TxID) and the receiving address? "
            "Please never share your recovery phrase or private key.",
        ),
        (
            "Still on chain",
            "The transaction is still being confirmed on the network. "
            "We will follow it and update you here.",
        ),
        ("Closing", "Is there anything else we can help you with?"),
    ],
    "zh-hans": [
        ("问候", "您好，感谢您联系 Walletdesk 客服。"),
        ("索要交易哈希", "请提供交易哈希（TxID）和收款地址。请勿向任何人透露您的助记词或私钥。"),
        ("链上确认中", "这笔交易仍在链上确认中，我们会持续跟进并在这里通知您。"),
        ("结束语", "请问还有其他可以帮您的吗？"),
    ],
}
