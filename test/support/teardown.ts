/// <reference types="jest" />
import { killAllGroups } from './process';

// every test file ends with no process of its own left, whether its tests passed, failed or timed out
afterAll(() => killAllGroups(), 30_000);
