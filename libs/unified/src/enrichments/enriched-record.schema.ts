import { ApiResponseSchemaHost, getSchemaPath } from '@nestjs/swagger';
import { EnrichmentResponse } from '@trestle/inference';

/** A canonical record as REST reads answer it: the record, plus `enrichments` with `?include=enrichments`. */
export function enrichedRecordSchema(record: Function): ApiResponseSchemaHost['schema'] {
  return {
    allOf: [
      { $ref: getSchemaPath(record) },
      {
        type: 'object',
        properties: {
          enrichments: {
            type: 'array',
            items: { $ref: getSchemaPath(EnrichmentResponse) },
            description:
              'With `include=enrichments`: the newest output of each model and field about this record, newest first.',
          },
        },
      },
    ],
  };
}
