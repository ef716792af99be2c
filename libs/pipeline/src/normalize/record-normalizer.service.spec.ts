import 'reflect-metadata';
import type { EntityBinding } from '@trestle/adapter-sdk';
import { RecordNormalizer } from './record-normalizer.service';

const binding: EntityBinding = {
  sourceId: 'ID',
  modifiedAt: 'CHANGED',
  operations: { list: {} },
  fields: {
    name: { path: 'NAME', transforms: ['trim'] },
    email: { path: 'MAIL', transforms: ['trim', 'lower'] },
    status: { path: 'ST', transforms: [{ enum: { A: 'active', B: 'blocked' } }] },
  },
};
const input = {
  connectionId: '00000000-0000-4000-8000-000000000000',
  entity: 'customer' as const,
  binding,
  mappingVersion: 'crm@3',
  fetchedAt: '2026-01-01T00:00:00.000Z',
  runId: 'run-1',
};

describe('RecordNormalizer', () => {
  const normalizer = new RecordNormalizer();

  it('maps, validates and hashes records; the content hash ignores key order and raw noise', () => {
    const page = normalizer.normalize(input, [
      { ID: ' 7 ', NAME: ' Acme ', MAIL: ' A@B.EXAMPLE ', ST: 'A', CHANGED: '2025-03-01T10:00:00Z' },
      { ST: 'A', MAIL: 'a@b.example', NAME: 'Acme', ID: '8', CHANGED: '2025-04-01T10:00:00Z' },
    ]);
    expect(page.rejected).toEqual([]);
    expect(page.records.map((r) => [r.sourceId, r.email, r.status, r.label, r.mappingVersion])).toEqual([
      ['7', 'a@b.example', 'active', 'Acme', 'crm@3'],
      ['8', 'a@b.example', 'active', 'Acme', 'crm@3'],
    ]);
    expect(page.records[0].contentHash).toBe(page.records[1].contentHash);
    expect(page.records[0].rawHash).not.toBe(page.records[1].rawHash);
    expect(page.maxModifiedAt).toBe('2025-04-01T10:00:00.000Z');
  });

  it('sends mapping and validation failures to dead letters with the reason and the raw record', () => {
    const page = normalizer.normalize(input, [
      { ID: '1', NAME: 'Bad status', ST: 'Z' },
      { ID: '2', NAME: 'Bad mail', MAIL: 'not-an-email' },
      { NAME: 'No id' },
      { ID: '4', NAME: 'Fine' },
    ]);
    expect(page.records.map((r) => r.sourceId)).toEqual(['4']);
    expect(page.rejected.map((r) => [r.sourceId, r.stage])).toEqual([
      ['1', 'mapping'],
      ['2', 'validation'],
      [null, 'mapping'],
    ]);
    expect(page.rejected[0].reason).toMatch(/status/);
    expect(page.rejected[1].errors).toEqual([{ field: 'email', message: expect.stringMatching(/email/) }]);
    expect(JSON.parse(page.rejected[1].raw)).toEqual({ ID: '2', MAIL: 'not-an-email', NAME: 'Bad mail' });
  });

  it('keeps the last of duplicate source ids in one page', () => {
    const page = normalizer.normalize(input, [
      { ID: '5', NAME: 'First' },
      { ID: '5', NAME: 'Second' },
    ]);
    expect(page.records.map((r) => r.label)).toEqual(['Second']);
  });
});
