/** The configuration, read and validated once at start, and its reference. */
export { ConfigError, DEVELOPMENT_GATEWAY_SECRET, DEVELOPMENT_JWT_SECRET, NODE_CODE, RENAMED, loadConfig, type Config } from './config';
export { configurationReference } from './reference';
