import type { Scenario } from './scenario';
import { gatewayScenario } from './gateway';
import { sqlScenario } from './sql';
import { eventsScenario } from './events';
import { hubScaleScenario } from './hub-scale';
import { startScenario } from './start';
import { rebuildScenario } from './rebuild';
import { consoleScenario } from './console';

/** In the order of the issue; the rebuild after the events, so that it reads their burst. */
export const SCENARIOS: Scenario[] = [gatewayScenario, sqlScenario, eventsScenario, hubScaleScenario, startScenario, rebuildScenario, consoleScenario];
