// A bare in-process chain for the EVM look-up tests (nothing is compiled by Hardhat here).
// Failing transactions are mined and reported by their receipt, as on a real chain.
module.exports = {
  networks: { hardhat: { chainId: 31337, throwOnTransactionFailures: false, throwOnCallFailures: true } },
};
