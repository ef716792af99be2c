import type { EntityBinding } from '../connector-definition';
import { mapRecord } from './map-record';
import { MappingError, NotInvertibleMappingError } from './mapping-error';
import { unmapRecord } from './unmap-record';

const customer: EntityBinding = {
  sourceId: 'CUST_NO',
  modifiedAt: 'UPD_TS',
  operations: {},
  fields: {
    name: { path: 'CUST_NM', transforms: ['trim'] },
    email: { path: 'EMAIL', transforms: ['trim', 'lower'] },
    status: { path: 'STAT_CD', transforms: [{ enum: { A: 'active', I: 'inactive', B: 'blocked' } }] },
    'creditLimit.amount': { path: 'CRLIM_CENTS', transforms: ['centsToDecimal'] },
    'creditLimit.currency': { path: '', default: 'EUR' },
    createdAt: { path: 'CRT_DT', transforms: [{ date: 'YYYYMMDD' }] },
    updatedAt: { path: 'UPD_TS', transforms: [{ datetime: 'YYYYMMDDHHmmss' }] },
    phone: { path: 'PHONE', transforms: ['trim'], default: 'unknown' },
  },
};

const row = {
  CUST_NO: 'C0001   ',
  CUST_NM: 'Acme Trading GmbH                 ',
  EMAIL: ' Info@Acme.example ',
  STAT_CD: 'A',
  CRLIM_CENTS: 1250000,
  CRT_DT: '20190315',
  UPD_TS: '20240115093000',
  PHONE: '          ',
};

describe('mapRecord', () => {
  it('builds nested canonical values with trimmed text, ISO dates, decimal strings and defaults', () => {
    expect(mapRecord(customer, row)).toEqual({
      sourceId: 'C0001',
      modifiedAt: '2024-01-15T09:30:00.000Z',
      values: {
        name: 'Acme Trading GmbH',
        email: 'info@acme.example',
        status: 'active',
        creditLimit: { amount: '12500.00', currency: 'EUR' },
        createdAt: '2019-03-15',
        updatedAt: '2024-01-15T09:30:00.000Z',
        phone: 'unknown',
      },
    });
  });

  it('leaves out absent fields without a default', () => {
    const { values } = mapRecord(customer, { CUST_NO: 'C2', CUST_NM: 'B' });
    expect(values).toEqual({ name: 'B', creditLimit: { currency: 'EUR' }, phone: 'unknown' });
  });

  it('maps array paths element by element, treating a lone object as one element', () => {
    const order: EntityBinding = {
      sourceId: 'Number',
      operations: {},
      fields: {
        lines: {
          path: 'Lines.Line[]',
          items: {
            lineNo: { path: 'No', transforms: ['integer'] },
            'unitPrice.amount': { path: 'Price', transforms: [{ decimal: { scale: 2 } }] },
          },
        },
        tags: { path: 'Tags', transforms: [{ split: ',' }, 'trim', 'upper'] },
      },
    };
    const many = mapRecord(order, {
      Number: 7,
      Lines: {
        Line: [
          { No: '1', Price: '9.5' },
          { No: '2', Price: '10' },
        ],
      },
      Tags: 'a, b',
    });
    expect(many.values).toEqual({
      lines: [
        { lineNo: 1, unitPrice: { amount: '9.50' } },
        { lineNo: 2, unitPrice: { amount: '10.00' } },
      ],
      tags: ['A', 'B'],
    });
    expect(mapRecord(order, { Number: 8, Lines: { Line: { No: '1', Price: '1' } } }).values.lines).toHaveLength(1);
  });

  it('names field, source path and transform on a bad value, but not the value', () => {
    const error = (() => {
      try {
        mapRecord(customer, { ...row, CRLIM_CENTS: 'secret-12.5' });
      } catch (caught) {
        return caught as MappingError;
      }
    })();
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({
      field: 'creditLimit.amount',
      sourcePath: 'CRLIM_CENTS',
      transform: 'centsToDecimal',
    });
    expect(error?.message).not.toContain('secret');
  });

  it('fails when the record has no identifier', () => {
    expect(() => mapRecord(customer, { CUST_NM: 'x' })).toThrow(/no usable identifier/);
  });
});

describe('unmapRecord', () => {
  it('inverts transforms for the fields present, skipping constants', () => {
    expect(
      unmapRecord(customer, {
        name: 'Acme',
        status: 'blocked',
        creditLimit: { amount: '99.90', currency: 'EUR' },
        createdAt: '2024-02-01',
        email: null,
      }),
    ).toEqual({ CUST_NM: 'Acme', STAT_CD: 'B', CRLIM_CENTS: 9990, CRT_DT: '20240201', EMAIL: null });
  });

  it('round-trips array items', () => {
    const binding: EntityBinding = {
      sourceId: 'id',
      operations: {},
      fields: { lines: { path: 'Lines.Line[]', items: { quantity: { path: 'Qty', transforms: [{ divide: 1000 }] } } } },
    };
    const source = unmapRecord(binding, { lines: [{ quantity: '1.5' }] });
    expect(source).toEqual({ Lines: { Line: [{ Qty: '1500' }] } });
    expect(mapRecord(binding, { id: 1, ...source }).values).toEqual({ lines: [{ quantity: '1.5' }] });
  });

  it('throws NotInvertibleMappingError for a written field with a one-way transform', () => {
    const binding: EntityBinding = {
      sourceId: 'id',
      operations: {},
      fields: { active: { path: 'ACT', transforms: ['boolean'] } },
    };
    expect(() => unmapRecord(binding, { active: true })).toThrow(NotInvertibleMappingError);
    expect(unmapRecord(binding, { other: 1 })).toEqual({});
  });

  it('throws MappingError for a value that cannot be written', () => {
    expect(() => unmapRecord(customer, { creditLimit: { amount: '1.005' } })).toThrow(
      "Cannot map field 'creditLimit.amount' to 'CRLIM_CENTS' with transform 'centsToDecimal': has more than 2 fractional digits",
    );
  });
});
