/** Logs, metrics, traces and the Prometheus text they are read in. */
export { createLogger, type Logger } from './logger';
export { createRegistry, outcomeOf, GraphQLRequestMetrics } from './metrics';
export { parsePrometheusText, samplesOf, sumOf, type Exposition } from './prometheus-text';
export { contextOf, injectTraceparent, tracer, tracingActive } from './trace-context';
export { startTracing, stopTracing } from './tracing';
