#!/usr/bin/env node
// Validates openapi/openapi.json (or the file given) against the OpenAPI 3.1 JSON Schema.
import { Validator } from '@seriousme/openapi-schema-validator';

const file = process.argv[2] ?? new URL('../openapi/openapi.json', import.meta.url).pathname;
const validator = new Validator();
const result = await validator.validate(file);
if (!result.valid) {
  console.error(`${file} is not a valid OpenAPI document:`);
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
console.log(`${file} is valid OpenAPI ${validator.version}`);
