import { Entity, PrimaryColumn } from 'typeorm';

/**
 * The outbox events not routed yet, by `seq`: appended with each event, deleted once routing has
 * created its deliveries. Routing state lives here, not on the event row, so routing never
 * rewrites an event.
 */
@Entity('event_outbox_unrouted')
export class UnroutedEventEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;
}
