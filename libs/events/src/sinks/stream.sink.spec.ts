import { streamSubject } from './stream.sink';

describe('stream subjects', () => {
  it('is <prefix>.<tenant>.<entity>.<kind> for record changes', () => {
    expect(streamSubject('trestle', 'default', 'trestle.customer.updated')).toBe('trestle.default.customer.updated');
  });

  it('keeps a dotted tenant id in one subject token, and other events under their type', () => {
    expect(streamSubject('trestle', 'acme.eu', 'trestle.order.created')).toBe('trestle.acme~eu.order.created');
    expect(streamSubject('p', 'default', 'trestle.alert.model_drift')).toBe('p.default.alert.model_drift');
  });
});
