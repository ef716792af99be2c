import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CONSOLE = join(ROOT, 'apps', 'console');
const BUILT_INDEX = join(CONSOLE, 'dist', 'index.html');

/** Builds apps/console with vite when its dist is missing or older than any of its sources. */
export function ensureConsoleBuilt(): void {
  if (existsSync(BUILT_INDEX) && newestSource(CONSOLE) <= statSync(BUILT_INDEX).mtimeMs) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', join(CONSOLE, 'vite.config.ts')],
    { cwd: ROOT, stdio: 'pipe', timeout: 120_000 },
  );
  if (!existsSync(BUILT_INDEX)) throw new Error(`vite build did not produce ${BUILT_INDEX}`);
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
