import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantId } from '@trestle/auth';
import { randomUUID } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { DriftCountEntity } from './drift-count.entity';
import { DriftReferenceEntity } from './drift-reference.entity';
import { DriftSampleEntity } from './drift-sample.entity';

/** One monitored model version. */
export interface DriftKey {
  model: string;
  version: string;
}

export interface DriftCell {
  feature: number;
  bin: number;
  count: number;
}

const CHUNK = 200;

/** Reference windows, their samples while collecting, and the sliced counts of the current window. */
@Injectable()
export class DriftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get references() {
    return this.dataSource.getRepository(DriftReferenceEntity);
  }

  private get samples() {
    return this.dataSource.getRepository(DriftSampleEntity);
  }

  private get counts() {
    return this.dataSource.getRepository(DriftCountEntity);
  }

  reference(tenantId: TenantId, key: DriftKey): Promise<DriftReferenceEntity | null> {
    return this.references.findOneBy({ tenantId, model: key.model, modelVersion: key.version });
  }

  /** Starts collecting a reference unless one exists already. */
  async createReference(tenantId: TenantId, key: DriftKey, targetSize: number, features: string): Promise<void> {
    await this.references
      .createQueryBuilder()
      .insert()
      .into(DriftReferenceEntity)
      .values({
        tenantId,
        model: key.model,
        modelVersion: key.version,
        epoch: 1,
        status: 'collecting',
        source: 'first',
        targetSize,
        features,
        edges: null,
        counts: null,
        alerting: '',
        readyAt: null,
        updatedAt: new Date().toISOString(),
      })
      .orIgnore()
      .execute();
  }

  sampleCount(tenantId: TenantId, key: DriftKey, epoch: number): Promise<number> {
    return this.samples.countBy({ tenantId, model: key.model, modelVersion: key.version, epoch });
  }

  async addSamples(tenantId: TenantId, key: DriftKey, epoch: number, rows: (number | null)[][]): Promise<void> {
    const createdAt = new Date().toISOString();
    for (let start = 0; start < rows.length; start += CHUNK) {
      await this.samples.insert(
        rows.slice(start, start + CHUNK).map((values) => ({
          id: randomUUID(),
          tenantId,
          model: key.model,
          modelVersion: key.version,
          epoch,
          values: JSON.stringify(values),
          createdAt,
        })),
      );
    }
  }

  /** The first `limit` samples in the order they were taken (ties broken by id, the same for every reader). */
  async firstSamples(tenantId: TenantId, key: DriftKey, epoch: number, limit: number): Promise<(number | null)[][]> {
    const rows = await this.samples.find({
      where: { tenantId, model: key.model, modelVersion: key.version, epoch },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => JSON.parse(row.values) as (number | null)[]);
  }

  /** Turns a collecting reference ready; false when another process did it first. */
  async completeReference(
    tenantId: TenantId,
    key: DriftKey,
    epoch: number,
    edges: number[][],
    counts: number[][],
  ): Promise<boolean> {
    const now = new Date().toISOString();
    const result = await this.references.update(
      { tenantId, model: key.model, modelVersion: key.version, epoch, status: 'collecting' },
      { status: 'ready', edges: JSON.stringify(edges), counts: JSON.stringify(counts), readyAt: now, updatedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }

  async deleteSamples(tenantId: TenantId, key: DriftKey): Promise<void> {
    await this.samples.delete({ tenantId, model: key.model, modelVersion: key.version });
  }

  /** Adds counts to one slice, atomically (several processes may count the same slice). */
  async addCounts(
    tenantId: TenantId,
    key: DriftKey,
    epoch: number,
    sliceMinute: number,
    cells: DriftCell[],
  ): Promise<void> {
    const postgres = this.dataSource.options.type === 'postgres';
    for (let start = 0; start < cells.length; start += CHUNK) {
      const chunk = cells.slice(start, start + CHUNK);
      let index = 0;
      const placeholder = () => (postgres ? `$${++index}` : '?');
      const rows = chunk.map(() => `(${Array.from({ length: 8 }, placeholder).join(', ')})`).join(', ');
      await this.dataSource.query(
        'INSERT INTO inference_drift_counts (tenant_id, model, model_version, epoch, slice_minute, feature, bin, records) ' +
          `VALUES ${rows} ON CONFLICT (tenant_id, model, model_version, epoch, slice_minute, feature, bin) ` +
          'DO UPDATE SET records = inference_drift_counts.records + excluded.records',
        chunk.flatMap((cell) => [
          tenantId,
          key.model,
          key.version,
          epoch,
          sliceMinute,
          cell.feature,
          cell.bin,
          cell.count,
        ]),
      );
    }
  }

  /** The current window: counts per feature and bin over the slices from `sinceMinute` on. */
  async windowCounts(tenantId: TenantId, key: DriftKey, epoch: number, sinceMinute: number): Promise<DriftCell[]> {
    const rows = await this.counts
      .createQueryBuilder('c')
      .select('c.feature', 'feature')
      .addSelect('c.bin', 'bin')
      .addSelect('SUM(c.records)', 'count')
      .where('c.tenant_id = :tenantId AND c.model = :model AND c.model_version = :version AND c.epoch = :epoch', {
        tenantId,
        model: key.model,
        version: key.version,
        epoch,
      })
      .andWhere('c.slice_minute >= :sinceMinute', { sinceMinute })
      .groupBy('c.feature')
      .addGroupBy('c.bin')
      .getRawMany<{ feature: number | string; bin: number | string; count: number | string }>();
    return rows.map((row) => ({ feature: Number(row.feature), bin: Number(row.bin), count: Number(row.count) }));
  }

  async dropCountsBefore(tenantId: TenantId, key: DriftKey, minute: number): Promise<void> {
    await this.counts.delete({ tenantId, model: key.model, modelVersion: key.version, sliceMinute: LessThan(minute) });
  }

  /** Compare-and-set of the alerting features; false when another process changed them first. */
  async setAlerting(tenantId: TenantId, key: DriftKey, epoch: number, from: string, to: string): Promise<boolean> {
    const result = await this.references.update(
      { tenantId, model: key.model, modelVersion: key.version, epoch, alerting: from },
      { alerting: to, updatedAt: new Date().toISOString() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Pins new reference counts on the same bins. */
  async pin(tenantId: TenantId, key: DriftKey, epoch: number, counts: number[][]): Promise<boolean> {
    const now = new Date().toISOString();
    const result = await this.references.update(
      { tenantId, model: key.model, modelVersion: key.version, epoch, status: 'ready' },
      { counts: JSON.stringify(counts), source: 'pinned', alerting: '', readyAt: now, updatedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Drops the reference (new epoch) so the next scored records form a new one. */
  async restart(tenantId: TenantId, key: DriftKey, targetSize: number, features: string): Promise<void> {
    const current = await this.reference(tenantId, key);
    if (!current) return this.createReference(tenantId, key, targetSize, features);
    await this.references.update(
      { tenantId, model: key.model, modelVersion: key.version, epoch: current.epoch },
      {
        epoch: current.epoch + 1,
        status: 'collecting',
        source: 'first',
        targetSize,
        features,
        edges: null,
        counts: null,
        alerting: '',
        readyAt: null,
        updatedAt: new Date().toISOString(),
      },
    );
    await this.deleteSamples(tenantId, key);
    await this.counts.delete({
      tenantId,
      model: key.model,
      modelVersion: key.version,
      epoch: LessThan(current.epoch + 1),
    });
  }
}
