/** The sector's shared facts and rules: errors, ids, Arabic text, Hijri dates, nodes and channels, lifecycles, validation. */
export { expectVersion, type Acting, type Actor } from './acting';
export { FOLDED_FROM, FOLDED_TO, INVISIBLE_CHARACTERS, SEARCH_STEMS_VERSION, containsArabic, normalizeArabic, searchStems } from './arabic';
export { DomainError, badInput, closedTo, conflict, forbidden, invalidTransition, notFound, requireChange, unauthenticated, type Message } from './errors';
export { HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, WEEKDAYS_AR, WEEKDAYS_EN, WEEKEND, gregorianOfHijri, hijriMonthRange, hijriOfDay, weekdayOfDay } from './hijri';
export { isUuid, newId, validId } from './ids';
export { Lifecycle } from './lifecycle';
export {
  AUDIENCES,
  Axis,
  Channel,
  CHANNELS,
  MINISTRY,
  NATIONAL_OCCASIONS,
  SECTOR_NODES,
  axisName,
  nodeName,
  type NamedCode,
  type NationalOccasionRule,
  type OccasionStart,
} from './sector';
export { RIYADH, daysBetween, isLocalDate, riyadhDate, systemClock } from './time';
export { boundedNumber, localDate, optionalText, period, requiredText, storableText } from './validate';
export { NOUNS, countOf, counted, cutShort, figure, gregorianDayOf, percentage, type GrammaticalCase, type Noun } from './wording';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';
export { bySectorOrder, dashboardScope, nodesInView, scopeOfDashboardId, type DashboardScope } from './dashboard-scope';
