export { InferenceModule, INFERENCE_ENTITIES } from './inference.module';
export { InferProcessor, type InferenceModuleOptions } from './infer.processor';
export { InferenceService, inputHash, type EnrichmentOutcome, type EnrichOptions } from './inference.service';
export { InferenceError, InferenceErrorCode } from './inference-error';
export { ModelRegistry, registerModel, type RegisteredModel } from './registry/model-registry.service';
export {
  loadModelsFile,
  parseModelsFile,
  ModelsFileError,
  MODELS_FILE_SCHEMA,
  type ModelDeclaration,
  type FeatureDeclaration,
} from './registry/model-declaration';
export { compileInputBuilder, type EnrichableRecord, type InputBuilder } from './registry/feature-builders';
export { MicroBatcher, type MicroBatcherOptions, type BatchObserver } from './batching/micro-batcher';
export { InferenceMetrics } from './batching/inference-metrics';
export type { InferenceProvider, ModelInput, ModelOutput, ProviderKind } from './providers/inference-provider';
export { OnnxRuntimeProvider, type InferenceDevice } from './providers/onnx-runtime.provider';
export { KserveV2Provider, type V2InferenceRequest, type V2InferenceResponse } from './providers/kserve-v2.provider';
export { OpenAiChatProvider, OpenAiEmbeddingsProvider } from './providers/openai-compatible.provider';
export { ResilientProvider, DEFAULT_RETRY_POLICY, type RetryPolicy } from './providers/resilient.provider';
export { EnrichmentRepository } from './enrichments/enrichment.repository';
export { EnrichmentReader } from './enrichments/enrichment-reader.service';
export { EnrichmentResponse } from './enrichments/enrichment.dto';
export {
  DriftAlertSink,
  EventDriftAlertSink,
  DRIFT_EVENT_TYPES,
  type DriftAlert,
  type DriftEventType,
  type DriftFeatureIndex,
} from './drift/drift-alert.sink';
export { DriftMonitor } from './drift/drift-monitor.service';
export { populationStabilityIndex, quantileEdges, histogram, PSI_FLOOR } from './drift/population-stability';
export type { DriftDeclaration } from './registry/model-declaration';
