# ruff: noqa: E501 - Chinese sentences: ruff counts each character as two columns
"""Customer-facing sentences per reason and per alert, in English and Simplified Chinese.

Keys are a Reason/Alert value, optionally suffixed with a chain family ("underpriced:btc").
Placeholders come from Diagnosis.details (missing ones render empty).
"""

REASONS: dict[str, dict[str, str]] = {
    "not_found": {
        "en": "We could not find this transaction on {chains}. It was probably never broadcast, "
        "it expired before a block included it, it was sent on another network, or the hash is "
        "mistyped. What to do: copy the hash again from your wallet's history and check which "
        "network you used (TRC20, ERC20, BEP20...).",
        "zh-hans": "我们在{chains}上没有找到这笔交易。可能的原因：交易没有广播成功、在打包前已过期、"
        "使用了其他网络，或哈希有误。建议：从钱包的交易记录中重新复制哈希，并确认所用的网络"
        "（TRC20、ERC20、BEP20 等）。",
    },
    "waiting": {
        "en": "Your transaction was broadcast and is waiting for a block. Nothing to do yet: "
        "this usually takes a few minutes.",
        "zh-hans": "您的交易已广播，正在等待打包进区块。暂时无需操作，通常几分钟内完成。",
    },
    "nonce_gap": {
        "en": "Your transaction is stuck: it has nonce {nonce}, but the earlier transaction with "
        "nonce {next_nonce} from the same address is missing, so the network cannot process it. "
        "What to do: in your wallet, speed up or cancel the earlier pending transaction, or send "
        "a new one with nonce {next_nonce}.",
        "zh-hans": "您的交易卡住了：它的 nonce 是 {nonce}，但同一地址更早的、nonce 为 {next_nonce} "
        "的交易缺失，网络无法处理它。建议：在钱包中加速或取消之前待处理的交易，或用 nonce "
        "{next_nonce} 重新发送一笔交易。",
    },
    "underpriced": {
        "en": "Your transaction is waiting because its fee is too low for the network right now "
        "(it offers {offered_gwei} gwei, blocks currently need at least {base_fee_gwei} gwei). "
        "What to do: use your wallet's speed-up option to raise the fee, or wait for fees to drop.",
        "zh-hans": "您的交易因手续费过低而在等待（出价 {offered_gwei} gwei，当前区块至少需要 "
        "{base_fee_gwei} gwei）。建议：使用钱包的加速功能提高手续费，或等待网络手续费下降。",
    },
    "underpriced:btc": {
        "en": "Your Bitcoin transaction is waiting because its fee rate ({fee_rate} sat/vB) is "
        "below what the network needs even for a slow confirmation ({needed_fee_rate} sat/vB). "
        "What to do: speed it up with replace-by-fee (RBF) or CPFP in your wallet, or wait.",
        "zh-hans": "您的比特币交易在等待，因为费率（{fee_rate} sat/vB）低于网络慢速确认所需的费率"
        "（{needed_fee_rate} sat/vB）。建议：在钱包中使用 RBF 或 CPFP 加速，或耐心等待。",
    },
    "expired": {
        "en": "This TRON transaction expired before a block included it, so it will never run "
        "and nothing was taken from your account. What to do: send the transfer again.",
        "zh-hans": "这笔波场交易在打包前已过期，不会再被执行，您的账户也没有被扣款。建议：重新发起转账。",
    },
    "out_of_energy": {
        "en": "Your transfer failed with OUT_OF_ENERGY: the account did not have enough energy to "
        "run the token contract, and the fee limit ran out while paying for energy with TRX. "
        "{energy_fee_trx} TRX was burned for the energy used and the tokens did not move. "
        "Next time: keep enough TRX for the fee (a USDT transfer can burn well over 10 TRX, "
        "more when the recipient has never held the token), or stake or rent energy first, and "
        "keep the wallet's fee limit high enough. Then send the transfer again.",
        "zh-hans": "您的转账因 OUT_OF_ENERGY（能量不足）失败：账户的能量不足以执行代币合约，"
        "用 TRX 支付能量时又超出了手续费上限。已消耗 {energy_fee_trx} TRX 支付已用掉的能量，"
        "代币没有转出。下次请：保留足够的 TRX 作为手续费（一笔 USDT 转账可能消耗 10 TRX 以上，"
        "收款地址从未持有该代币时更多），或先质押或租用能量，并把钱包的手续费上限设得足够高。"
        "然后重新发起转账。",
    },
    "revert": {
        "en": "Your transaction failed: the contract rejected it (REVERT{message_part}). The "
        "tokens did not move; only the network fee ({fee} {native}) was spent. Common causes: "
        "not enough token balance, a frozen address, or a wrong amount. What to do: check your "
        "balance and the recipient, then try again.",
        "zh-hans": "您的交易失败：合约拒绝了它（REVERT{message_part}）。代币没有转出，只扣除了网络"
        "手续费（{fee} {native}）。常见原因：代币余额不足、地址被冻结或金额有误。建议：核对余额"
        "和收款地址后重试。",
    },
    "out_of_time": {
        "en": "Your transaction failed with OUT_OF_TIME: the contract took too long to run and "
        "was stopped. The tokens did not move. What to do: try again later; if it keeps failing, "
        "contact the token's issuer.",
        "zh-hans": "您的交易因 OUT_OF_TIME（执行超时）失败：合约执行时间过长被终止，代币没有转出。"
        "建议：稍后重试；如果一直失败，请联系代币发行方。",
    },
    "bandwidth_error": {
        "en": "Your transaction failed for lack of bandwidth, and the account had too little TRX "
        "to pay for it. What to do: keep some TRX in the account (or stake TRX for bandwidth) "
        "and send again.",
        "zh-hans": "您的交易因带宽不足失败，账户里的 TRX 也不够支付带宽费用。建议：在账户中保留一些 "
        "TRX（或质押 TRX 获取带宽）后重新发送。",
    },
    "out_of_gas": {
        "en": "Your transaction failed because it ran out of gas: its gas limit was too low for "
        "what it had to do. The fee ({fee} {native}) was spent and nothing else moved. What to "
        "do: send it again and let the wallet estimate the gas limit (do not lower it by hand).",
        "zh-hans": "您的交易因 Gas 耗尽失败：设置的 Gas 上限不足以完成操作。已扣除手续费"
        "（{fee} {native}），资产没有转出。建议：重新发送，并让钱包自动估算 Gas 上限（不要手动调低）。",
    },
    "failed_other": {
        "en": "Your transaction failed on chain{message_part}. The assets did not move. An agent "
        "will look at the details with you.",
        "zh-hans": "您的交易在链上执行失败{message_part}，资产没有转出。客服会和您一起查看详情。",
    },
    "confirming": {
        "en": "Your transfer succeeded{transfer_part}. It has {confirmations} confirmation(s) "
        "and is not final yet; the receiving platform may wait for more before crediting it.",
        "zh-hans": "您的转账已成功{transfer_part}。目前有 {confirmations} 个确认，尚未最终确认；"
        "收款平台可能会等待更多确认后才入账。",
    },
    "final": {
        "en": "Your transfer succeeded and is final{transfer_part}, with {confirmations} "
        "confirmations. If it has not arrived, the recipient should give this hash to their "
        "platform and check the address and network there.",
        "zh-hans": "您的转账已成功并已最终确认{transfer_part}，共 {confirmations} 个确认。如果对方"
        "仍未收到，请让收款方把这个哈希提供给其平台，并核对地址和网络。",
    },
    "active": {
        "en": "This {chain_name} address is active. Balance: {balance} {native}.",
        "zh-hans": "这个{chain_name}地址已激活，余额：{balance} {native}。",
    },
    "inactive": {
        "en": "This TRON address is not activated: it has never received TRX. It can receive "
        "tokens, but to send anything it must first be activated by receiving some TRX.",
        "zh-hans": "这个波场地址尚未激活：它从未收到过 TRX。它可以接收代币，但要转出任何资产，"
        "需要先转入一些 TRX 完成激活。",
    },
    "unused": {
        "en": "This {chain_name} address has no transactions and no balance yet.",
        "zh-hans": "这个{chain_name}地址目前没有任何交易，也没有余额。",
    },
    "not_configured": {
        "en": "We cannot check {chain_name} automatically yet; an agent will check it by hand.",
        "zh-hans": "我们暂时无法自动查询{chain_name}，客服会人工核实。",
    },
    "node_unavailable": {
        "en": "We could not reach the {chain_name} network just now; we will try again shortly.",
        "zh-hans": "暂时无法连接{chain_name}网络，我们稍后会再次查询。",
    },
    "private_key_suspected": {
        "en": "This looks like it could be a private key, so we did not look it up. Never share "
        "your private key or recovery phrase with anyone, including us.",
        "zh-hans": "这串内容可能是私钥，因此我们没有查询。请勿向任何人（包括我们）提供私钥或助记词。",
    },
}

ALERTS: dict[str, dict[str, str]] = {
    "amount_differs": {
        "en": "Note: the chain shows {amount} {token} moved, not the amount you mentioned.",
        "zh-hans": "注意：链上显示转出的是 {amount} {token}，与您提到的金额不一致。",
    },
    "recipient_differs": {
        "en": "Note: the recipient on chain ({to}) is not the address you gave us.",
        "zh-hans": "注意：链上的收款地址（{to}）与您提供的地址不一致。",
    },
    "recipient_lookalike": {
        "en": "Warning: the recipient on chain ({to}) only looks like the address you meant: the "
        "same beginning and end, different in the middle. This is the address-poisoning scam: "
        "the address was copied from your history after a scammer sent you a tiny transfer. "
        "Always check the whole address.",
        "zh-hans": "警告：链上的收款地址（{to}）只是与您想转的地址相似：开头和结尾相同，中间不同。"
        "这是“地址投毒”骗局：骗子先向您转一笔小额交易，让假地址出现在您的记录里。请务必核对完整地址。",
    },
    "transfer_to_token_contract": {
        "en": "Warning: the tokens were sent to the token's own contract address "
        "({token_contract}), not to a person. Such transfers usually cannot be recovered.",
        "zh-hans": "警告：代币被转到了代币合约本身的地址（{token_contract}），而不是某个人的地址。"
        "这类转账通常无法找回。",
    },
    "wrong_network": {
        "en": "Note: this transaction is on {chain_name}, not on the network you mentioned"
        "{asked_part}. Make sure the recipient supports {chain_name}.",
        "zh-hans": "注意：这笔交易在{chain_name}上，而不是您提到的网络{asked_part}。请确认收款方"
        "支持{chain_name}。",
    },
    "approval_not_transfer": {
        "en": "Note: this transaction was an approval (it lets {to} spend your {token}), not a "
        "transfer. If you did not mean to approve it, revoke the approval now.",
        "zh-hans": "注意：这笔交易是授权（允许 {to} 动用您的 {token}），不是转账。如果这不是您本意，"
        "请立即取消授权。",
    },
    "foreign_permission_keys": {
        "en": "Warning: this account's permissions include keys that are not its own "
        "({foreign_keys}). Someone else controls this wallet (the multi-signature scam). "
        "Do not send funds to it.",
        "zh-hans": "警告：该账户的权限中包含不属于它自己的密钥（{foreign_keys}），钱包已被他人控制"
        "（“多签”骗局）。请不要再向该地址转入资产。",
    },
    "no_energy": {
        "en": "This account has no energy of its own: token transfers from it will burn TRX.",
        "zh-hans": "该账户没有可用能量：从它转出代币将燃烧 TRX 作为手续费。",
    },
}
