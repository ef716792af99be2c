import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConsoleDist, resolveConsoleAsset } from './console-asset-resolver';

describe('resolveConsoleAsset', () => {
  let root: string;

  beforeEach(() => {
    root = join(mkdtempSync(join(tmpdir(), 'console-dist-')), 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'export {}');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(join(root, '..', 'secret.txt'), 'outside the console');
  });

  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('serves hashed assets as immutable files and other files as plain ones', () => {
    expect(resolveConsoleAsset(root, 'assets/index-abc123.js')).toEqual({
      kind: 'file',
      path: 'assets/index-abc123.js',
      immutable: true,
    });
    expect(resolveConsoleAsset(root, 'favicon.svg')).toEqual({ kind: 'file', path: 'favicon.svg', immutable: false });
  });

  it('answers the SPA index for the root and for app routes, 404 for a missing file', () => {
    expect(resolveConsoleAsset(root, '')).toEqual({ kind: 'index' });
    expect(resolveConsoleAsset(root, 'connections/1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b')).toEqual({ kind: 'index' });
    expect(resolveConsoleAsset(root, 'assets/gone-123.js')).toEqual({ kind: 'not-found' });
  });

  it('never leaves the console directory', () => {
    expect(resolveConsoleAsset(root, '../secret.txt')).toEqual({ kind: 'not-found' });
    expect(resolveConsoleAsset(root, 'assets/../../secret.txt')).toEqual({ kind: 'not-found' });
  });

  it('says the console is not built when index.html is missing', () => {
    rmSync(join(root, 'index.html'));
    expect(resolveConsoleAsset(root, '')).toEqual({ kind: 'not-built' });
    expect(resolveConsoleAsset(root, 'assets/index-abc123.js')).toEqual({ kind: 'not-built' });
  });
});

describe('findConsoleDist', () => {
  it('finds apps/console/dist of this checkout from the sources', () => {
    expect(findConsoleDist(__dirname)).toBe(join(__dirname, '..', '..', '..', 'console', 'dist'));
  });
});
