import { PERMISSIONS, ROLES, type Permission, type Reach } from '../services/kernel/src/auth';

const REACH: Record<Reach, string> = { own: 'own node', other: 'other node', ministry: 'ministry' };

/** The permission matrix as a Markdown table, for the README: one row per action, one column per role. */
export function permissionsTable(): string {
  const header = `| action | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = Object.entries(PERMISSIONS as Record<string, Permission>).map(([action, p]) => {
    const cells = ROLES.map((role) => {
      const reaches = p.roles[role] ?? [];
      if (reaches.length === 3) return 'any';
      return reaches.map((r) => REACH[r]).join(', ') || '—';
    });
    const scope = p.ownerOnly ? ` (records of the ${p.ownerOnly} only)` : '';
    return `| \`${action}\`: ${p.description}${scope} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
