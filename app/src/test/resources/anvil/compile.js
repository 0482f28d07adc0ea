// Rebuilds TestToken.bin from TestToken.sol with the solc npm package (see README.md beside it).
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const source = fs.readFileSync(path.join(__dirname, 'TestToken.sol'), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'TestToken.sol': { content: source } },
  settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['evm.bytecode.object'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  errors.forEach((e) => console.error(e.formattedMessage));
  process.exit(1);
}
const bytecode = output.contracts['TestToken.sol'].TestToken.evm.bytecode.object;
fs.writeFileSync(path.join(__dirname, 'TestToken.bin'), bytecode + '\n');
console.log('TestToken.bin: ' + bytecode.length / 2 + ' bytes, solc ' + solc.version());
