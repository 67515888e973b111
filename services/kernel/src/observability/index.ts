export * from './metrics';
export * from './consumer-lag';
export * from './prometheus-text';
export * from './service-telemetry';
export * from './trace-context';
export * from './tracing';
