#!/usr/bin/env node
// Lints the OpenAPI document the application generates (run by `./mvnw verify` after the integration tests, see
// pom.xml): Redocly's OpenAPI linter (@redocly/openapi-core, the engine of Redocly CLI) with the rules of
// redocly.yaml beside this file. Prints every problem; exits 1 when any is an error.
//
// Usage: node lint.mjs <openapi.json>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, loadConfig, formatProblems, getTotals } from '@redocly/openapi-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'target', 'openapi', 'openapi.json'));
if (!fs.existsSync(file)) {
  // OrderPageIT writes the document; when the integration tests did not run, there is nothing to lint.
  console.log(`OpenAPI lint: ${path.relative(process.cwd(), file)} does not exist (the integration tests did not run); nothing linted`);
  process.exit(0);
}
const config = await loadConfig({ configPath: path.join(here, 'redocly.yaml') });
const problems = await lint({ ref: file, config });
const totals = getTotals(problems);
formatProblems(problems, { format: 'stylish', totals, version: 'openapi-core', maxProblems: 200 });
console.log(`OpenAPI lint of ${path.basename(file)}: ${totals.errors} error(s), ${totals.warnings} warning(s)`);
process.exit(totals.errors > 0 ? 1 : 0);
