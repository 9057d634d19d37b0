import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFieldLabel, auditValueTable, eventLabel, eventLabels } from '../../src/i18n/events';
import { periodBounds, startOfDay } from '../../src/modules/audit/audit.period';

/**
 * Every audit action the code writes has a name in Japanese and English, read from the
 * sources: an action added without its label fails here, instead of showing as a code
 * in the audit trail and a contractor's history.
 */
const SRC = normalize(join(import.meta.dirname, '../../src'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The text of a call's parentheses from `open` (the index of its `(`), quotes skipped. */
function callArguments(text: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return '';
}

const ACTION_LITERAL = /\baction:\s*'([^']+)'/g;
/** A helper that takes the action as a parameter: `function commit(ctx, current, next, action: string)`. */
const ACTION_PARAMETER = /(?:function\s+(\w+)|(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?)\s*\([^)]*\baction:\s*string/g;
/** An action chosen before it is written: `const action = deactivated ? 'user.deactivate' : 'user.update';`. */
const ACTION_VARIABLE = /\b(?:const|let)\s+action\s*(?::\s*\w+\s*)?=([^;]+);/g;
const DOTTED = /'([a-z_]+\.[a-z_]+)'/g;

/** Where each action is written: `file` for the report. */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(SRC)) {
    if (file.endsWith(join('i18n', 'events.ts'))) continue;
    const text = readFileSync(file, 'utf8');
    const where = relative(SRC, file);
    for (const m of text.matchAll(ACTION_LITERAL)) found.set(m[1] as string, where);
    for (const m of text.matchAll(ACTION_VARIABLE)) {
      for (const d of (m[1] as string).matchAll(DOTTED)) found.set(d[1] as string, where);
    }
    for (const m of text.matchAll(ACTION_PARAMETER)) {
      const helper = (m[1] ?? m[2]) as string;
      const calls = new RegExp(`(?<![\\w.])${helper}\\(`, 'g');
      for (const call of text.matchAll(calls)) {
        const args = callArguments(text, (call.index ?? 0) + helper.length);
        for (const d of args.matchAll(DOTTED)) found.set(d[1] as string, where);
      }
    }
  }
  return found;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

describe('audit actions in words', () => {
  const written = writtenActions();

  it('finds the actions written as literals and through the helpers that take one', () => {
    expect(written.size).toBeGreaterThan(25);
    // Literals, and actions passed to a helper's `action` parameter (alerts, incidents).
    for (const action of ['contractor.create', 'review.complete', 'sweep.run', 'alert.resolve', 'incident.close']) {
      expect([...written.keys()], action).toContain(action);
    }
    // Strings that only look like actions are not taken for them.
    expect([...written.keys()]).not.toContain('users.email');
  });

  it.each([...written.entries()])('names %s (written in %s) in Japanese and English', (action) => {
    const label = eventLabels[action];
    expect(label, `${action} has no label in src/i18n/events.ts`).toBeDefined();
    expect(label?.ja, `${action} (ja)`).toMatch(JAPANESE);
    expect(label?.en.trim(), `${action} (en)`).not.toBe('');
    expect(label?.en).not.toBe(action);
    expect(eventLabel(action, 'ja')).toBe(label?.ja);
  });

  it('shows an action it does not know as its code, and never an inherited name', () => {
    expect(eventLabel('from.a_newer_version', 'en')).toBe('from.a_newer_version');
    expect(eventLabel('toString', 'ja')).toBe('toString');
  });

  it('names the fields of audited records, nested ones by both parts, and unknown ones by their path', () => {
    expect(auditFieldLabel('contractor', 'name')).toEqual({ ja: '名称', en: 'Name' });
    expect(auditFieldLabel('user', 'name').ja).toBe('氏名');
    expect(auditFieldLabel('review', 'checklist.human')).toEqual({
      ja: '安全管理措置：人的',
      en: 'Safety management measures: Human',
    });
    expect(auditFieldLabel('finding', 'dueDate').ja).toBe('是正期限');
    expect(auditFieldLabel('contractor', 'somethingNew')).toEqual({ ja: 'somethingNew', en: 'somethingNew' });
  });

  it('finds the labels of a field’s values by entity: the same field name means different things', () => {
    expect(auditValueTable('contractor', 'status')?.active?.ja).toBe('委託中');
    expect(auditValueTable('review', 'status')?.scheduled?.ja).toBe('予定');
    expect(auditValueTable('alert', 'kind')?.review_overdue?.en).toBe('Review overdue');
    expect(auditValueTable('review', 'checklist.physical')?.inadequate?.ja).toBe('不適切');
    expect(auditValueTable('contractor', 'name')).toBeUndefined();
  });
});

describe('a period of the audit trail in the organisation’s zone', () => {
  it.each([
    ['2026-04-01', 'Asia/Tokyo', '2026-03-31T15:00:00.000Z'],
    ['2026-04-01', 'UTC', '2026-04-01T00:00:00.000Z'],
    // The day DST starts in New York (02:00 → 03:00): midnight is still EST.
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    // The day it ends (02:00 → 01:00): midnight is still EDT.
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-10-04', 'Australia/Sydney', '2026-10-03T14:00:00.000Z'],
  ])('starts %s in %s at %s', (date, zone, instant) => {
    expect(startOfDay(date, zone)).toBe(instant);
  });

  it('includes both ends, and leaves an open end open', () => {
    expect(periodBounds({ from: '2026-12-31', to: '2026-12-31' }, 'Asia/Tokyo')).toEqual({
      since: '2026-12-30T15:00:00.000Z',
      until: '2026-12-31T15:00:00.000Z',
    });
    expect(periodBounds({ to: '2026-02-28' }, 'UTC')).toEqual({ since: undefined, until: '2026-03-01T00:00:00.000Z' });
    expect(periodBounds({}, 'UTC')).toEqual({ since: undefined, until: undefined });
  });
});
