import Ajv2020 from 'ajv/dist/2020';
import { CONNECTOR_DEFINITION_SCHEMA } from './parse-connector-definition';

describe('published connector definition schema', () => {
  it('is a valid draft 2020-12 schema that strict Ajv compiles', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, discriminator: true });
    expect(ajv.validateSchema(CONNECTOR_DEFINITION_SCHEMA)).toBe(true);
    expect(() => ajv.compile(CONNECTOR_DEFINITION_SCHEMA)).not.toThrow();
  });
});
