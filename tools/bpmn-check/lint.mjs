// Runs bpmnlint on a BPMN file with the rules of .bpmnlintrc (bpmnlint:recommended): usage
// `node lint.mjs FILE.bpmn`. Like the bpmnlint command, an import warning from bpmn-moddle counts
// as an error. Prints a JSON summary (errors, warnings, counts by rule, the first reports) and
// exits 0 when there are no errors, 1 otherwise (2 if the file cannot be read).

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const LIST_AT_MOST = 50;
const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
if (!file) {
  console.error('usage: node lint.mjs FILE.bpmn');
  process.exit(2);
}

let parsed;
try {
  parsed = await BpmnModdle().fromXML(await readFile(file, 'utf8'));
} catch (err) {
  console.log(JSON.stringify({ file, error: err.message }));
  process.exit(2);
}
const config = JSON.parse(await readFile(join(here, '.bpmnlintrc'), 'utf8'));
const reports = await new Linter({ config, resolver: new NodeResolver() }).lint(parsed.rootElement);
if (parsed.warnings.length) {
  reports['import-warning'] = parsed.warnings.map(w => ({ id: w.element?.id, message: w.message.split('\n')[0], category: 'error' }));
}

let errors = 0;
let warnings = 0;
const byRule = {};
const listed = [];
for (const [rule, found] of Object.entries(reports)) {
  for (const report of found) {
    if (report.category === 'error' || report.category === 'rule-error') errors += 1;
    else if (report.category === 'warn') warnings += 1;
    else continue;
    byRule[rule] = (byRule[rule] || 0) + 1;
    if (listed.length < LIST_AT_MOST) listed.push(`${report.category} ${rule} ${report.id}: ${report.message}`);
  }
}
console.log(JSON.stringify({ file, errors, warnings, byRule, reports: listed }, null, 2));
process.exit(errors === 0 ? 0 : 1);
