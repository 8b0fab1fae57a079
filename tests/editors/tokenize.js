// Tokenizes files with the TextMate grammar of editors/vscode, as VS Code does
// (vscode-textmate on the Oniguruma engine), and prints each file's tokens as JSON:
// [{file, lines: [[[start, end, scope, …], …], …]}]; columns in UTF-16 units.
// Usage: node tokenize.js GRAMMAR FILE…   (NODE_PATH: target/editors-node/node_modules)
const fs = require("fs");
const path = require("path");
const tm = require("vscode-textmate");
const onig = require("vscode-oniguruma");

async function main() {
  const [grammarPath, ...files] = process.argv.slice(2);
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm"));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new onig.OnigScanner(p),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async () => tm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath),
  });
  const grammar = await registry.loadGrammar("source.metodika");
  const out = [];
  for (const file of files) {
    let text = fs.readFileSync(file, "utf8");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let stack = tm.INITIAL;
    const lines = [];
    for (const line of text.split("\n")) {
      const l = line.endsWith("\r") ? line.slice(0, -1) : line;
      const r = grammar.tokenizeLine(l, stack);
      lines.push(r.tokens.map((t) => [t.startIndex, t.endIndex, ...t.scopes.slice(1)]));
      stack = r.ruleStack;
    }
    out.push({ file, lines });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
