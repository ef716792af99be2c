import { AUDIT_ENTITIES } from '@trestle/audit';
import { AUTH_ENTITIES } from '@trestle/auth';
import { CONNECTOR_ENTITIES } from '@trestle/connectors';
import { EVENTS_ENTITIES } from '@trestle/events';
import { INFERENCE_ENTITIES } from '@trestle/inference';
import { PIPELINE_ENTITIES } from '@trestle/pipeline';
import { UNIFIED_ENTITIES } from '@trestle/unified';

/** Every TypeORM entity of every bounded context; migrations are generated against this list. */
export const ALL_ENTITIES: Function[] = [
  ...AUTH_ENTITIES,
  ...CONNECTOR_ENTITIES,
  ...UNIFIED_ENTITIES,
  ...AUDIT_ENTITIES,
  ...INFERENCE_ENTITIES,
  ...PIPELINE_ENTITIES,
  ...EVENTS_ENTITIES,
];
