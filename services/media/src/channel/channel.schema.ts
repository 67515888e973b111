import { z } from 'zod';
import { Channel } from './channel';

/** A channel code in an event's data. */
export const channel = () => z.enum(Channel).describe('A channel code.');
