import type { z } from 'zod';

export type ServiceName = 'initiatives' | 'calendar' | 'media';

/** One event type: its name, the topic it travels on, what it means, and the schema of its data. */
export interface EventDefinition {
  /** `mmhub.<aggregate>.<verb>.v1` */
  type: string;
  service: ServiceName;
  aggregate: string;
  verb: string;
  /** One sentence for analysts: what happened. */
  summary: string;
  data: z.ZodType;
}

/** An event of a service's aggregate, named as `eventType` names it. */
export const defineEvent = (service: ServiceName, aggregate: string, verb: string, summary: string, data: z.ZodType): EventDefinition => ({
  type: `mmhub.${aggregate}.${verb}.v1`,
  service,
  aggregate,
  verb,
  summary,
  data,
});
