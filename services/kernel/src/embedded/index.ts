/** What hosts the demo in one process: PGlite for a database, and buses between its worker threads. */
export { embeddedSocket, embeddedStartParams, startEmbeddedPostgres } from '../db/embedded';
export { LingeringBus } from '../events/lingering-bus';
export { PortBus, PortBusServer, type BusDelivery, type BusRequest } from '../events/port-bus';
