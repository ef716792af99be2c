import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';

export const CONSOLE_BUILD_COMMAND = 'npx vite build -c apps/console/vite.config.ts';

export type ConsoleAsset =
  | { kind: 'file'; path: string; immutable: boolean }
  | { kind: 'index' }
  | { kind: 'not-built' }
  | { kind: 'not-found' };

/**
 * Decides what a console URL path serves from the built console in `root`: an existing file, the
 * SPA's index.html for an app route (no file extension), or nothing. Never leaves `root`.
 */
export function resolveConsoleAsset(root: string, urlPath: string): ConsoleAsset {
  if (!isFile(join(root, 'index.html'))) return { kind: 'not-built' };
  const relative = urlPath.replace(/^\/+/, '');
  if (relative === '' || relative === 'index.html') return { kind: 'index' };
  const full = resolve(root, relative);
  if (!full.startsWith(root + sep) || relative.split('/').includes('..')) return { kind: 'not-found' };
  if (isFile(full)) return { kind: 'file', path: relative, immutable: relative.startsWith('assets/') };
  return extname(relative) ? { kind: 'not-found' } : { kind: 'index' };
}

/** apps/console/dist of the checkout this file runs from (from the sources, or from the compiled dist/). */
export function findConsoleDist(from: string = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (
      existsSync(join(dir, 'apps', 'console', 'vite.config.ts')) ||
      existsSync(join(dir, 'apps', 'console', 'dist'))
    ) {
      return join(dir, 'apps', 'console', 'dist');
    }
  }
  return resolve('apps', 'console', 'dist');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
