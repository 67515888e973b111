import data from './sector-data.json';

export interface NamedCode {
  code: string;
  nameAr: string;
  nameEn: string;
}
export interface SectorNode extends NamedCode {
  role: 'hub' | 'municipality';
}

export const MINISTRY = 'ministry';
export const SECTOR_NODES: readonly SectorNode[] = data.nodes as SectorNode[];
/** The six campaign and initiative axes (محاور): the codes are the keys of sector-data.json's axes. */
export type Axis = keyof typeof data.axes;
export const Axis = Object.fromEntries(Object.keys(data.axes).map((code) => [code, code])) as { readonly [A in Axis]: A };
export const AXES: readonly NamedCode[] = Object.entries(data.axes).map(([code, names]) => ({ code, ...names }));
/** The channels a message or a campaign goes out on: the codes are the keys of sector-data.json's channels. */
export type Channel = keyof typeof data.channels;
export const Channel = Object.fromEntries(Object.keys(data.channels).map((code) => [code, code])) as { readonly [C in Channel]: C };
export const CHANNELS: readonly NamedCode[] = Object.entries(data.channels).map(([code, names]) => ({ code, ...names }));
export const AUDIENCES: readonly NamedCode[] = data.audiences;
/** A day in one calendar, and how many days after it. */
export interface OccasionStart {
  calendar: 'hijri' | 'gregorian';
  month: number;
  day: number;
  afterDays?: number;
}
/** A national occasion's rule: the day it starts on in one calendar (and how many days after it), and how long it lasts. */
export interface NationalOccasionRule extends NamedCode {
  rule: string;
  starts: OccasionStart;
  /** Whole days, or the whole Hijri month it starts in. */
  days: number | 'month';
  /** A day off for the sector: offices are closed. */
  publicHoliday: boolean;
  /** The days off, where the law counts them apart from the occasion's own days (Eid al-Fitr's from the day after 29 Ramadan). */
  holiday?: { starts: OccasionStart; days: number };
  /** The first day it was observed (Gregorian): none before it. */
  since?: string;
  /** The first day it was a public holiday, where it was observed before without one. */
  holidaySince?: string;
}
export const NATIONAL_OCCASIONS: readonly NationalOccasionRule[] = data.nationalOccasions as NationalOccasionRule[];

export const axisName = (axis: Axis): NamedCode => AXES.find((a) => a.code === axis) ?? { code: axis, nameAr: axis, nameEn: axis };
export const nodeName = (code: string): NamedCode => SECTOR_NODES.find((n) => n.code === code) ?? { code, nameAr: code, nameEn: code };
