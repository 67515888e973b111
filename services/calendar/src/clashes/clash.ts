import { AUDIENCES, MINISTRY, axisName, nodeName, type Axis, type Message } from '../../../kernel/src/domain';
import { intersection, overlaps, periodText, type Period } from '../period/period';

export enum ClashKind {
  /** Two campaigns of one node, same axis, a shared audience, overlapping periods. */
  SAME_NODE = 'SAME_NODE',
  /** A local campaign on the axis of a national campaign running at the same time. */
  NATIONAL_CAMPAIGN = 'NATIONAL_CAMPAIGN',
  /** A local campaign during a national occasion of its axis, or of every axis. */
  NATIONAL_OCCASION = 'NATIONAL_OCCASION',
}

export interface ClashingCampaign extends Period {
  id: string;
  node: string;
  titleAr: string;
  titleEn: string | null;
  axis: Axis;
  audiences: string[];
}

/** A national occasion; without an axis it concerns every axis. */
export interface ClashingOccasion extends Period {
  id: string;
  node: string;
  titleAr: string;
  titleEn: string | null;
  axis: Axis | null;
}

export interface Clash<C extends ClashingCampaign = ClashingCampaign, O extends ClashingOccasion = ClashingOccasion> {
  kind: ClashKind;
  /** The node of `campaign`, the one that has to look again. */
  node: string;
  axis: Axis;
  /** The audiences both campaigns address; empty for clashes with national campaigns and occasions. */
  audiences: string[];
  campaign: C;
  otherCampaign: C | null;
  occasion: O | null;
  overlap: Period;
  reason: Message;
}

const isNational = (c: { node: string }) => c.node === MINISTRY;
const byStart = (a: Period & { id: string }, b: Period & { id: string }) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id);

const title = (c: { titleAr: string; titleEn: string | null }): Message => ({ en: c.titleEn ?? c.titleAr, ar: c.titleAr });
const audienceNames = (codes: string[]): Message => {
  const named = codes.map((c) => AUDIENCES.find((a) => a.code === c) ?? { code: c, nameAr: c, nameEn: c });
  return { en: named.map((a) => a.nameEn.toLowerCase()).join(', '), ar: named.map((a) => a.nameAr).join('، ') };
};

function reasonOf(kind: ClashKind, c: ClashingCampaign, other: { titleAr: string; titleEn: string | null }, shared: string[], overlap: Period): Message {
  const [a, b, node, axis, when] = [title(c), title(other), nodeName(c.node), axisName(c.axis), periodText(overlap)];
  switch (kind) {
    case ClashKind.SAME_NODE: {
      const aud = audienceNames(shared);
      return {
        en: `“${a.en}” and “${b.en}” of ${node.nameEn} both address ${aud.en} on the ${axis.nameEn} axis, from ${when.en}.`,
        ar: `الحملتان «${a.ar}» و«${b.ar}» لدى ${node.nameAr} تخاطبان ${aud.ar} في محور ${axis.nameAr}، من ${when.ar}.`,
      };
    }
    case ClashKind.NATIONAL_CAMPAIGN:
      return {
        en: `The local campaign “${a.en}” of ${node.nameEn} runs on the ${axis.nameEn} axis at the same time as the national campaign “${b.en}”, from ${when.en}.`,
        ar: `الحملة المحلية «${a.ar}» لدى ${node.nameAr} تتزامن في محور ${axis.nameAr} مع الحملة الوطنية «${b.ar}»، من ${when.ar}.`,
      };
    case ClashKind.NATIONAL_OCCASION:
      return {
        en: `The local campaign “${a.en}” of ${node.nameEn} falls on the national occasion ${b.en}, from ${when.en}.`,
        ar: `الحملة المحلية «${a.ar}» لدى ${node.nameAr} تتزامن مع المناسبة الوطنية «${b.ar}»، من ${when.ar}.`,
      };
  }
}

/**
 * The clashes among committed campaigns and national occasions, ordered by when they start.
 * With `focus`, only the clashes of that campaign; it is `campaign` unless it is the national side.
 */
export function findClashes<C extends ClashingCampaign, O extends ClashingOccasion>(campaigns: C[], occasions: O[], focus?: string): Clash<C, O>[] {
  const sorted = [...campaigns].sort(byStart);
  const found: Clash<C, O>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      let [c, d] = [sorted[i], sorted[j]];
      if (c.axis !== d.axis || !overlaps(c, d)) continue;
      if (focus && c.id !== focus && d.id !== focus) continue;
      let kind: ClashKind;
      let shared: string[] = [];
      if (c.node === d.node) {
        shared = c.audiences.filter((a) => d.audiences.includes(a));
        if (!shared.length) continue;
        kind = ClashKind.SAME_NODE;
        if (d.id === focus) [c, d] = [d, c];
      } else if (isNational(c) !== isNational(d)) {
        kind = ClashKind.NATIONAL_CAMPAIGN;
        if (isNational(c)) [c, d] = [d, c];
      } else continue;
      const overlap = intersection(c, d);
      found.push({
        kind,
        node: c.node,
        axis: c.axis,
        audiences: shared,
        campaign: c,
        otherCampaign: d,
        occasion: null,
        overlap,
        reason: reasonOf(kind, c, d, shared, overlap),
      });
    }
    const c = sorted[i];
    if (isNational(c) || (focus && c.id !== focus)) continue;
    for (const o of occasions) {
      if (!isNational(o) || (o.axis && o.axis !== c.axis) || !overlaps(c, o)) continue;
      const overlap = intersection(c, o);
      const kind = ClashKind.NATIONAL_OCCASION;
      found.push({
        kind,
        node: c.node,
        axis: c.axis,
        audiences: [],
        campaign: c,
        otherCampaign: null,
        occasion: o,
        overlap,
        reason: reasonOf(kind, c, o, [], overlap),
      });
    }
  }
  return found.sort((x, y) => x.overlap.startsAt.getTime() - y.overlap.startsAt.getTime() || x.campaign.id.localeCompare(y.campaign.id));
}

/** Whether a clash concerns a node: one of its campaigns, or its national campaign or occasion. */
export const involves = (c: Clash, node: string): boolean => c.campaign.node === node || c.otherCampaign?.node === node || c.occasion?.node === node;
