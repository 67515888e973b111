import { z } from 'zod';
import { Axis } from '../../domain/sector';

/** The building blocks every service's event data is made of. */

export const aggregateId = (what: string) => z.guid().describe(what);
export const optionalId = (what: string) => z.guid().nullable().describe(what);
export const nodeCode = (what = 'The owner node: `ministry` or a municipality such as `riyadh`.') => z.string().min(1).describe(what);
export const userId = (what: string) => z.string().min(1).describe(`${what} (the \`sub\` of their token).`);
export const instant = (what: string) => z.iso.datetime({ offset: true }).describe(what);
export const optionalInstant = (what: string) => z.iso.datetime({ offset: true }).nullable().describe(what);
export const localDay = (what: string) => z.iso.date().describe(`${what} (a calendar day in Asia/Riyadh).`);
export const text = (what: string) => z.string().describe(what);
export const optionalText = (what: string) => z.string().nullable().describe(what);
export const version = () => z.number().int().min(1).describe('The aggregate version after this change: 1 when created, one more at every change.');
export const axis = () => z.enum(Axis).describe('One of the six axes (محاور).');

/** A value before and after the change. */
export const fromTo = <S extends z.ZodType>(value: S) => z.object({ from: value, to: value }).describe('Before and after.');

/** A status change: any status before, the one the event names after. */
export const statusChange = <const V extends Readonly<Record<string, string>>, const T extends readonly [V[keyof V], ...V[keyof V][]]>(statuses: V, to: T) =>
  z.object({ from: z.enum(statuses), to: z.enum(to) }).describe(`The status before and after: ${to.join(' or ')}.`);

export const by = () => userId('Who made the change');
export const reason = () => optionalText('The reason given, if any.');

/** An active flag turned off, and who turned it off. */
export const retired = () => z.object({ active: z.object({ from: z.literal(true), to: z.literal(false) }), by: by() });
