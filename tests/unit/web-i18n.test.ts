import { describe, expect, it } from 'vitest';
import { admin } from '../../src/web/i18n/areas/admin';
import { agreements } from '../../src/web/i18n/areas/agreements';
import { alertsArea } from '../../src/web/i18n/areas/alerts';
import { contractorsArea } from '../../src/web/i18n/areas/contractors';
import { dashboardArea } from '../../src/web/i18n/areas/dashboard';
import { findings } from '../../src/web/i18n/areas/findings';
import { imports } from '../../src/web/i18n/areas/imports';
import { incidents } from '../../src/web/i18n/areas/incidents';
import { people } from '../../src/web/i18n/areas/people';
import { reports } from '../../src/web/i18n/areas/reports';
import { reviews } from '../../src/web/i18n/areas/reviews';
import { settings } from '../../src/web/i18n/areas/settings';
import { sso } from '../../src/web/i18n/areas/sso';
import { en } from '../../src/web/i18n/en';
import { ja } from '../../src/web/i18n/ja';

const areas = {
  contractors: contractorsArea,
  alerts: alertsArea,
  dashboard: dashboardArea,
  admin,
  agreements,
  findings,
  imports,
  incidents,
  people,
  reports,
  reviews,
  settings,
  sso,
};

describe('the web dictionaries', () => {
  it('define no key twice, across the core and every area', () => {
    const seen = new Map<string, string>(Object.keys(en).map((k) => [k, 'core']));
    const twice: string[] = [];
    for (const [name, a] of Object.entries(areas)) {
      for (const key of Object.keys(a.en)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${name})`);
        seen.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });

  it.each(Object.entries({ core: { en, ja }, ...areas }))(
    '%s: Japanese for every English key, and no other',
    (_, a) => {
      expect(Object.keys(a.ja).sort()).toEqual(Object.keys(a.en).sort());
      for (const [key, text] of Object.entries(a.ja)) expect(text.trim(), key).not.toBe('');
    },
  );
});
