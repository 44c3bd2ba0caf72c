// Compiles contracts/TestToken.sol with solc-js (an npm package, no binary download) into
// build/TestToken.json, which the tests deploy. Run: npm run compile
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const source = fs.readFileSync(path.join(__dirname, "contracts", "TestToken.sol"), "utf8");
const input = {
  language: "Solidity",
  sources: { "TestToken.sol": { content: source } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === "error");
if (errors.length) {
  console.error(errors.map((e) => e.formattedMessage).join("\n"));
  process.exit(1);
}
const contract = output.contracts["TestToken.sol"].TestToken;
const result = {
  compiler: solc.version(),
  abi: contract.abi,
  bytecode: "0x" + contract.evm.bytecode.object,
};
fs.mkdirSync(path.join(__dirname, "build"), { recursive: true });
fs.writeFileSync(path.join(__dirname, "build", "TestToken.json"), JSON.stringify(result, null, 1) + "\n");
console.log("build/TestToken.json", result.compiler);
