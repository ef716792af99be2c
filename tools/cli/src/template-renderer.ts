import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const ADAPTER_TEMPLATE = join(__dirname, '..', '..', '..', 'templates', 'adapter');

/** The spellings of one adapter kind a template uses: `__kind__`, `__Kind__`, `__kindCamel__`, `__KIND__`. */
export function kindSpellings(kind: string): Record<string, string> {
  const words = kind.split('-');
  const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  return {
    __kindCamel__: pascal[0].toLowerCase() + pascal.slice(1),
    __Kind__: pascal,
    __KIND__: words.join('_').toUpperCase(),
    __kind__: kind,
  };
}

function render(text: string, spellings: Record<string, string>): string {
  return Object.entries(spellings).reduce((out, [token, value]) => out.split(token).join(value), text);
}

function templateFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? templateFiles(path) : name.endsWith('.tpl') ? [path] : [];
  });
}

/** Writes the template into `target` (which must not exist or be empty); returns the files written, relative. */
export function renderTemplate(template: string, target: string, spellings: Record<string, string>): string[] {
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} exists and is not empty`);
  return templateFiles(template).map((source) => {
    const name = render(relative(template, source), spellings)
      .replace(/\.tpl$/, '')
      .replace(/(^|\/)gitignore$/, '$1.gitignore');
    mkdirSync(dirname(join(target, name)), { recursive: true });
    writeFileSync(join(target, name), render(readFileSync(source, 'utf8'), spellings));
    return name;
  });
}
