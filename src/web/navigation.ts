import type { Role } from '../../db/schema';
import type { I18n, MessageKey } from './i18n';

/** Who sees a link: admins see everything; `'any'` is every signed-in role. */
const links: [href: string, key: MessageKey, roles: readonly Role[] | 'any'][] = [
  ['/', 'nav.dashboard', 'any'],
  ['/contractors', 'nav.contractors', 'any'],
  ['/alerts', 'nav.alerts', 'any'],
  ['/findings', 'nav.findings', 'any'],
  ['/incidents', 'nav.incidents', 'any'],
  ['/questionnaires', 'qn.nav', 'any'],
  ['/documents', 'doc.nav', 'any'],
  ['/subject-requests', 'sr.title', 'any'],
  ['/reports/supervision', 'nav.reports', 'any'],
  ['/imports/contractors', 'nav.imports', ['procurement']],
  ['/audit', 'nav.audit', 'any'],
  ['/users', 'nav.users', []],
  ['/webhooks', 'nav.webhooks', []],
  ['/jobs', 'nav.jobs', []],
  ['/api/docs', 'nav.api', 'any'],
];

/** The main navigation for a role, in the page's language. */
export function navigation(i18n: I18n, role: Role | null): [string, string][] {
  if (!role) return [];
  return links
    .filter(([, , roles]) => role === 'admin' || roles === 'any' || roles.includes(role))
    .map(([href, key]) => [href, i18n.t(key)]);
}
