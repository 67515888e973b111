import { z } from 'zod';
import { NODE_HEARTBEAT_TYPE, type Heartbeat } from '../../nodes/heartbeat';
import { instant, nodeCode } from './common';
import { describing } from './describing';

export { NODE_HEARTBEAT_TYPE };

/** What each service of a node says periodically on `mmhub.nodes.v1`, so the hub tells a quiet node from a silent one. */
export const nodeHeartbeat = describing<Heartbeat>()(
  z.object({
    node: nodeCode('The node speaking.'),
    role: z.enum(['hub', 'municipality']).describe('`hub` for the ministry, `municipality` for the others.'),
    service: z.string().min(1).describe('The service speaking: initiatives, calendar or media.'),
    time: instant("When it was sent, by the node's clock."),
  }),
);

/** The heartbeat as its consumers take it in. */
export const nodeHeartbeatEvent = { type: NODE_HEARTBEAT_TYPE, data: nodeHeartbeat } as const;
