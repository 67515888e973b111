import type { z } from 'zod';
import type { CloudEvent } from '../cloudevent';

export type ServiceName = 'initiatives' | 'calendar' | 'media';

/** `mmhub.<aggregate>.<verb>.v<version>`, as `eventType` names it. */
export type EventTypeName<A extends string, V extends string, N extends number = 1> = `mmhub.${A}.${V}.v${N}`;

/** What a consumer needs of a type: its name and the schema of its data. */
export interface TypedEvent<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  data: S;
}

/** One event type: its name, the topic it travels on, what it means, and the schema of its data. */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> extends TypedEvent<T, S> {
  /** `mmhub.<aggregate>.<verb>.v<version>` */
  type: T;
  service: ServiceName;
  aggregate: string;
  verb: string;
  /** Grows when the data changes in a way an existing consumer would misread. */
  version: number;
  /** One sentence for analysts: what happened. */
  summary: string;
  data: S;
}

/** An event of a service's aggregate, named as `eventType` names it. */
export function defineEvent<const A extends string, const V extends string, S extends z.ZodType, const N extends number = 1>(
  service: ServiceName,
  aggregate: A,
  verb: V,
  summary: string,
  data: S,
  version?: N,
): EventDefinition<EventTypeName<A, V, N>, S> {
  const n = version ?? 1;
  return { type: `mmhub.${aggregate}.${verb}.v${n}` as EventTypeName<A, V, N>, service, aggregate, verb, version: n, summary, data };
}

/** The events of one aggregate, defined with its service and name given once. */
export const aggregateEvents =
  <const A extends string>(service: ServiceName, aggregate: A) =>
  <const V extends string, S extends z.ZodType, const N extends number = 1>(verb: V, summary: string, data: S, version?: N) =>
    defineEvent(service, aggregate, verb, summary, data, version);

/** Each event of a list as it is recorded and read: its type and its typed data, a union discriminated by `type`. */
export type PayloadOf<D> = D extends TypedEvent<infer T, infer S> ? { type: T; data: z.output<S> } : never;

/** A CloudEvent carrying one of the payloads of a union, still discriminated by `type`. */
export type Received<P extends { type: string; data: unknown }> = P extends unknown ? Omit<CloudEvent, 'type' | 'data'> & P : never;

/** The events of a list of definitions as a consumer receives them. */
export type ReceivedOf<D> = Received<PayloadOf<D>>;

/** Every event type one service records, with what its topic carries in one phrase for the AsyncAPI document. */
export interface ServiceEvents<D extends EventDefinition = EventDefinition> {
  service: ServiceName;
  /** Completes "Changes to ..., at every node." */
  about: string;
  events: readonly D[];
}

/** The definitions a service's events list. */
export type EventsOf<S> = S extends ServiceEvents<infer D> ? D : never;
