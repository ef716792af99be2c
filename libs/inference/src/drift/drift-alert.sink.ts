import { Injectable, Logger, Optional } from '@nestjs/common';
import { trustedTenantId } from '@trestle/auth';
import { ChangeOutbox } from '@trestle/events';

export const DRIFT_EVENT_TYPES = ['inference.drift.detected', 'inference.drift.resolved'] as const;
export type DriftEventType = (typeof DRIFT_EVENT_TYPES)[number];

export interface DriftFeatureIndex {
  feature: string;
  kind: 'input' | 'output';
  psi: number;
}

/**
 * A model's drift crossing its threshold, shaped as a change event: `emit(tenantId, type, subject, data)`.
 * `detected` when a feature goes over the threshold, `resolved` when none is over it any more.
 */
export interface DriftAlert {
  tenantId: string;
  type: DriftEventType;
  /** `inference/models/<name>`. */
  subject: string;
  data: {
    model: string;
    version: string;
    threshold: number;
    /** Features over the threshold now. */
    drifted: DriftFeatureIndex[];
    /** Features that crossed it with this evaluation (over it for `detected`, back under for `resolved`). */
    changed: string[];
    windowRecords: number;
    evaluatedAt: string;
  };
}

/**
 * Where drift alerts go besides the audit trail (which records every one). Replace it through
 * `InferenceModule.forRoot({ driftAlertSink })`, e.g. with one that emits change events.
 */
export abstract class DriftAlertSink {
  abstract raise(alert: DriftAlert): Promise<void>;
}

/**
 * The default: a log line per alert, and a change event `trestle.alert.<type>` (for instance
 * `trestle.alert.inference.drift.detected`) to the tenant's subscriptions when events are composed.
 */
@Injectable()
export class EventDriftAlertSink extends DriftAlertSink {
  private readonly logger = new Logger('DriftAlert');

  constructor(@Optional() private readonly events?: ChangeOutbox) {
    super();
  }

  async raise(alert: DriftAlert): Promise<void> {
    const features = alert.data.drifted.map((f) => `${f.feature} ${f.psi.toFixed(3)}`).join(', ') || 'none';
    const message = `${alert.type} ${alert.subject}@${alert.data.version} (tenant ${alert.tenantId}, threshold ${alert.data.threshold}): ${features}`;
    if (alert.type === 'inference.drift.detected') this.logger.warn(message);
    else this.logger.log(message);
    await this.events?.emit(trustedTenantId(alert.tenantId), `trestle.alert.${alert.type}`, alert.subject, alert.data);
  }
}
