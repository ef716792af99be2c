import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CONSOLE = join(ROOT, 'apps', 'console');
const BUILT_INDEX = join(CONSOLE, 'dist', 'index.html');
const LOCK = join(tmpdir(), `trestle-console-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}`);
const STALE_LOCK_MS = 180_000;

/**
 * Builds apps/console with vite when its dist is missing or older than any of its sources. Specs
 * running in parallel workers take turns (a lock directory), so one never reads a half-built dist.
 */
export function ensureConsoleBuilt(): void {
  withLock(() => {
    if (existsSync(BUILT_INDEX) && newestSource(CONSOLE) <= statSync(BUILT_INDEX).mtimeMs) return;
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', join(CONSOLE, 'vite.config.ts')],
      { cwd: ROOT, stdio: 'pipe', timeout: 120_000 },
    );
    if (!existsSync(BUILT_INDEX)) throw new Error(`vite build did not produce ${BUILT_INDEX}`);
  });
}

function withLock(build: () => void): void {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > STALE_LOCK_MS) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
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
