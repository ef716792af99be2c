import { AppConfig, configFieldsOf } from '@trestle/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const README = join(__dirname, '..', 'README.md');
const START = '<!-- config:start -->';
const END = '<!-- config:end -->';

export function configTable(): string {
  const rows = configFieldsOf(AppConfig).map((field) => {
    const fallback = field.default === undefined ? '(unset)' : `\`${field.default}\``;
    return `| \`${field.env}\` | ${fallback} | ${field.sensitive ? 'yes' : ''} | ${field.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| variable | default | sensitive | description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const readme = readFileSync(README, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} ... ${END} markers`);
const updated = `${readme.slice(0, start + START.length)}\n${configTable()}\n${readme.slice(end)}`;
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md configuration table is stale: run `npm run config:docs` and commit.');
    process.exitCode = 1;
  } else console.log('README.md configuration table is up to date');
} else {
  writeFileSync(README, updated);
}
