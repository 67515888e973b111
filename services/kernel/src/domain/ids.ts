import { uuidv7 } from 'uuidv7';

/** Time-ordered ids minted by the owner node, so rows of every node share one table without collision. */
export const newId = (): string => uuidv7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);
