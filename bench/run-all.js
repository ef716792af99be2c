#!/usr/bin/env node
'use strict';
// Runs every bench/*.bench.ts in sequence (forwarding --smoke) and prints a markdown summary table.
const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const smoke = process.argv.includes('--smoke');
const root = join(__dirname, '..');
const benches = readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
const rows = [];
let failed = 0;

for (const bench of benches) {
  console.log(`\n=== ${bench}${smoke ? ' --smoke' : ''}`);
  const run = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join('bench', bench), ...(smoke ? ['--smoke'] : [])],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  const checks = run.stdout
    .split('\n')
    .map((line) => /^\s+(PASS|FAIL) (.+?)\s+(-?[\d.]+x?) \(target (.+)\)$/.exec(line))
    .filter(Boolean);
  const figures = run.stdout
    .split('\n')
    .map((line) => /^ {2}(?!PASS |FAIL |\()(\S.*?)\s{2,}(\S.*)$/.exec(line))
    .filter(Boolean);
  // A smoke run gates on the benchmarks running at all; its short, noisy figures only report targets.
  if (run.status !== 0 || (!smoke && checks.some(([, result]) => result === 'FAIL'))) failed += 1;
  if (checks.length === 0)
    rows.push([bench, '(no checks printed)', '', '', run.status === 0 ? 'ran' : `exit ${run.status}`]);
  for (const [, result, name, value, target] of checks) rows.push([bench, name.trim(), value, target, result]);
  for (const [, name, value] of figures) rows.push([bench, name.trim(), value, '', 'figure']);
}

const cell = (text) => String(text).replace(/\|/g, '\\|');
console.log(
  `\n## Benchmarks${smoke ? ' (smoke)' : ''}: ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`,
);
console.log('| bench | measure | value | target | result |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.map(cell).join(' | ')} |`);
console.log(
  smoke
    ? `\n${benches.length - failed}/${benches.length} benchmarks ran (smoke: targets reported, not enforced).`
    : `\n${benches.length - failed}/${benches.length} benchmarks ran with every target met.`,
);
process.exitCode = failed > 0 ? 1 : 0;
