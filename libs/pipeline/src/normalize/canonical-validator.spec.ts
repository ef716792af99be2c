import 'reflect-metadata';
import { CANONICAL_ENTITIES, CanonicalEntityName, flattenValidationErrors } from '@trestle/core';
import { plainToInstance } from 'class-transformer';
import * as classValidator from 'class-validator';
import { CanonicalValidator } from './canonical-validator';

const money = { amount: '1250.00', currency: 'EUR' };
const VALID: Record<CanonicalEntityName, Record<string, unknown>> = {
  customer: {
    name: 'Acme',
    email: 'ap@acme.example',
    phone: '+49 30 1234',
    status: 'active',
    creditLimit: money,
    createdAt: '2024-01-02',
    updatedAt: '2024-01-02T03:04:05.000Z',
  },
  contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '1', customerSourceId: 'C1' },
  product: { sku: 'WID-1', name: 'Widget', price: money, unit: 'EA', active: true },
  order: {
    number: 'SO-1',
    customerSourceId: 'C1',
    orderedAt: '2024-01-02T00:00:00Z',
    status: 'open',
    total: money,
    lines: [{ lineNo: 1, productSourceId: 'P1', quantity: '3', unitPrice: money }],
  },
  invoice: {
    number: 'INV-1',
    orderSourceId: 'SO-1',
    customerSourceId: 'C1',
    issuedAt: '2024-01-02',
    dueAt: '2024-02-02',
    amount: money,
    paid: false,
  },
};

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x'.repeat(301),
  'not-an-email',
  'a@b.example',
  '2024-13-45',
  '2024-02-29T10:00:00Z',
  'active',
  'blocked',
  'cancelled',
  '12.5',
  '-3',
  'EUR',
  'XXX',
  0,
  -1,
  1.5,
  true,
  {},
  [],
  { amount: '1.00', currency: 'EUR' },
  { amount: 1, currency: 'EUR' },
  { amount: '1.00' },
  [{ lineNo: 1, quantity: '1' }],
  [{ lineNo: -1, quantity: '2' }],
  [{ lineNo: 1, quantity: 'x' }],
  [{ lineNo: 1, quantity: '1', unitPrice: { amount: '1.0', currency: 'EURO' } }],
  ['x'],
  [null],
];

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function reference(entity: CanonicalEntityName, values: Record<string, unknown>) {
  const type = CANONICAL_ENTITIES[entity].fields as new () => object;
  return flattenValidationErrors(
    classValidator.validateSync(plainToInstance(type, values), { forbidUnknownValues: false }),
  );
}

describe('CanonicalValidator', () => {
  const validator = new CanonicalValidator();

  it.each(Object.keys(VALID) as CanonicalEntityName[])(
    'decides every %s record as class-validator does on the class instance',
    (entity) => {
      const next = random(entity.length * 7919);
      const fields = [...Object.keys(VALID[entity]), 'unknownField'];
      let rejected = 0;
      for (let n = 0; n < 600; n++) {
        const values: Record<string, unknown> = structuredClone(VALID[entity]);
        const changes = next() < 0.6 ? 1 : 2;
        for (let c = 0; c < changes; c++) {
          const field = fields[Math.floor(next() * fields.length)];
          const value = structuredClone(ODD_VALUES[Math.floor(next() * ODD_VALUES.length)]);
          if (value === undefined) delete values[field];
          else values[field] = value;
        }
        const expected = reference(entity, values);
        expect({ values, errors: validator.validate(entity, values).errors }).toEqual({ values, errors: expected });
        if (expected.length > 0) rejected++;
      }
      expect(rejected).toBeGreaterThan(50);
      expect(rejected).toBeLessThan(600);
    },
  );

  it('accepts valid records without building class instances', () => {
    const spy = jest.spyOn(classValidator, 'validateSync');
    try {
      for (const [entity, values] of Object.entries(VALID)) {
        expect(validator.validate(entity as CanonicalEntityName, values)).toEqual({ errors: [], missing: [] });
      }
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('names the required fields a rejected record lacks, nested ones by their dotted path', () => {
    const customer = validator.validate('customer', { email: 'nope', creditLimit: { currency: 'EUR' } });
    expect(customer.missing).toEqual(['name', 'creditLimit.amount']);
    expect(customer.errors.map((error) => error.field)).toEqual(
      expect.arrayContaining(['name', 'email', 'creditLimit.amount']),
    );
    const order = validator.validate('order', { number: 'SO-1', lines: [{ lineNo: 1 }, { quantity: '2' }] });
    expect(order.missing).toEqual(['lines.0.quantity', 'lines.1.lineNo']);
    expect(validator.validate('contact', { lastName: 'x'.repeat(101) }).missing).toEqual([]);
  });
});
