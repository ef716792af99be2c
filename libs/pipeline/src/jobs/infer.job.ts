/**
 * Canonical records that were created or changed, for the inference workers (libs/inference).
 * Enqueued by PipelineChain once inference is enabled; the pipeline itself has no consumer.
 */
export interface InferJobData {
  tenantId: string;
  entity: string;
  connectionId: string;
  recordIds: string[];
}
