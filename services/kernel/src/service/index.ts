/** One bootstrap for a service, and the process's last word on an unhandled error. */
export { serviceDatabaseUrl, startService } from './service';
export { runStops, type Stop } from './lifecycle';
export { acceptedBy, type ConsumerDefinition, type RunningService, type ServiceDefinition, type ServiceRuntime } from './definition';
export { exitOnUnhandledErrors } from './fatal';
