import { InferenceError } from '../inference-error';
import { compileInputBuilder } from './feature-builders';
import type { FeatureDeclaration } from './model-declaration';

const order = {
  id: 'ord_1',
  number: 'SO0000042',
  orderedAt: '2024-03-02T13:45:00Z',
  status: 'shipped',
  total: { amount: '1250.50', currency: 'EUR' },
  paid: true,
  lines: [
    { quantity: '3', unitPrice: { amount: '10.50', currency: 'EUR' } },
    { quantity: '2', unitPrice: { amount: '100.00', currency: 'EUR' } },
  ],
};

const tensor = (...features: FeatureDeclaration[]) => compileInputBuilder('test', { kind: 'tensor', features });

describe('feature builders', () => {
  it('builds each named feature from the canonical record', () => {
    const builder = tensor(
      { name: 'amount', builder: 'money', field: 'total' },
      { name: 'amount_log', builder: 'money', field: 'total.amount', transform: 'log1p' },
      { name: 'lines', builder: 'array-length', field: 'lines' },
      { name: 'value', builder: 'array-sum', field: 'lines', item: 'quantity', times: 'unitPrice.amount' },
      { name: 'units', builder: 'array-sum', field: 'lines', item: 'quantity' },
      { name: 'weekend', builder: 'date-part', field: 'orderedAt', part: 'isWeekend' },
      { name: 'hour', builder: 'date-part', field: 'orderedAt', part: 'hour' },
      { name: 'weekday', builder: 'date-part', field: 'orderedAt', part: 'dayOfWeek' },
      { name: 'day', builder: 'date-part', field: 'orderedAt', part: 'dayOfYear' },
      { name: 'status', builder: 'one-hot', field: 'status', values: ['open', 'shipped', 'cancelled'] },
      { name: 'number_length', builder: 'string-length', field: 'number' },
      { name: 'paid', builder: 'boolean', field: 'paid' },
      { name: 'lines_amount', builder: 'numeric', field: 'lines.0.quantity' },
    );

    expect(builder.columns).toEqual([
      'amount',
      'amount_log',
      'lines',
      'value',
      'units',
      'weekend',
      'hour',
      'weekday',
      'day',
      'status_open',
      'status_shipped',
      'status_cancelled',
      'number_length',
      'paid',
      'lines_amount',
    ]);
    expect(builder.build(order)).toEqual([1250.5, Math.log1p(1250.5), 2, 231.5, 5, 1, 13, 5, 62, 0, 1, 0, 9, 1, 3]);
  });

  it('uses the declared missing value for absent fields and zeros for unknown one-hot values', () => {
    const builder = tensor(
      { name: 'credit', builder: 'money', field: 'creditLimit', missing: -1 },
      { name: 'lines', builder: 'array-length', field: 'lines' },
      { name: 'status', builder: 'one-hot', field: 'status', values: ['open'] },
    );

    expect(builder.build({ id: 'ord_2', status: 'archived' })).toEqual([-1, 0, 0]);
  });

  it('refuses values of the wrong kind with a typed, non-retryable error naming the feature', () => {
    const builder = tensor({ name: 'amount', builder: 'money', field: 'total' });

    let caught: unknown;
    try {
      builder.build({ id: 'ord_3', total: { amount: 'a lot', currency: 'EUR' } });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(InferenceError);
    expect(caught).toMatchObject({ code: 'invalid_input', retryable: false, model: 'test' });
    expect((caught as Error).message).toContain("feature 'amount'");
  });

  it('refuses a date that is not ISO 8601', () => {
    const builder = tensor({ name: 'month', builder: 'date-part', field: 'orderedAt', part: 'month' });

    expect(() => builder.build({ id: 'ord_4', orderedAt: 'yesterday' })).toThrow(/not an ISO 8601 date/);
  });

  it('renders text templates for embedding and chat models', () => {
    const builder = compileInputBuilder('test', { kind: 'text', template: '{number}: {total.amount} {missing}!' });

    expect(builder.build(order)).toBe('SO0000042: 1250.50 !');
  });
});
