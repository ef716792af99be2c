export { EventsModule, EVENTS_ENTITIES } from './events.module';
export { ChangeOutbox } from './outbox/change-outbox.repository';
export {
  CHANGE_KINDS,
  recordChangeData,
  recordChanges,
  type ChangeKind,
  type EmitOptions,
  type RecordChange,
} from './change-event';
export { CLOUDEVENTS_CONTENT_TYPE } from './cloud-event';
export { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './sinks/webhook-signature';
export { streamSubject } from './sinks/stream.sink';
export { type EventsOptions } from './dispatch/event-dispatcher.service';
