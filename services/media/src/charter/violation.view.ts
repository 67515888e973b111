import type { Violation } from './charter';
import type { CharterViolation } from './charter.types';

export const violationView = (v: Violation): CharterViolation => ({
  ruleId: v.ruleId,
  kind: v.kind,
  severity: v.severity,
  channel: v.channel,
  messageAr: v.message.ar,
  messageEn: v.message.en,
  span: v.span,
});
