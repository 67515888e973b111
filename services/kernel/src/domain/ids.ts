import { uuidv7 } from 'uuidv7';
import { badInput } from './errors';
import { cutShort } from './wording';

/** Time-ordered ids minted by the owner node, so rows of every node share one table without collision. */
export const newId = (): string => uuidv7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);

/** An id argument, or BAD_USER_INPUT naming the field; ids compare in lower case. */
export function validId(field: string, id: string): string {
  if (!isUuid(id)) throw badInput(field, { en: `"${cutShort(id)}" is not an id.`, ar: `"${cutShort(id)}" ليس معرّفاً صالحاً.` });
  return id.toLowerCase();
}
