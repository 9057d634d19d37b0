import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config';

describe('parseConfig', () => {
  it('works with an empty environment', () => {
    expect(parseConfig({})).toEqual({
      port: 3000,
      dbPath: './data/itaku.db',
      adminToken: undefined,
      timeZone: 'Asia/Tokyo',
      sweepCron: '0 9 * * *',
      smtpUrl: undefined,
      mailFrom: 'itaku <itaku@localhost>',
      publicUrl: undefined,
      logLevel: 'info',
      reviewIntervals: { high: 6, medium: 12, low: 24 },
    });
  });

  it('reads every variable', () => {
    const c = parseConfig({
      PORT: '8080',
      ITAKU_DB_PATH: '/var/lib/itaku/db.sqlite',
      ITAKU_ADMIN_TOKEN: 'x'.repeat(40),
      ITAKU_TIMEZONE: 'Europe/Berlin',
      ITAKU_SWEEP_CRON: 'off',
      ITAKU_SMTP_URL: 'smtp://mail.internal:25',
      ITAKU_MAIL_FROM: 'Compliance <itaku@example.co.jp>',
      ITAKU_PUBLIC_URL: 'https://itaku.example.co.jp',
      ITAKU_LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({ port: 8080, timeZone: 'Europe/Berlin', sweepCron: 'off', logLevel: 'warn' });
  });

  it('treats blank values as unset', () => {
    expect(parseConfig({ PORT: '', ITAKU_TIMEZONE: '  ' })).toMatchObject({ port: 3000, timeZone: 'Asia/Tokyo' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['ITAKU_TIMEZONE', 'Mars/Base'],
    ['ITAKU_SWEEP_CRON', 'every day'],
    ['ITAKU_SWEEP_CRON', '* * *'],
    ['ITAKU_SMTP_URL', 'http://mail'],
    ['ITAKU_SMTP_URL', 'not a url'],
    ['ITAKU_MAIL_FROM', 'nobody'],
    ['ITAKU_LOG_LEVEL', 'verbose'],
    ['ITAKU_ADMIN_TOKEN', 'short'],
    ['ITAKU_PUBLIC_URL', 'ftp://x'],
    ['ITAKU_REVIEW_MONTHS_HIGH', '0'],
    ['ITAKU_REVIEW_MONTHS_LOW', 'two years'],
  ])('rejects %s=%s naming the variable in one line', (variable, value) => {
    let error: unknown;
    try {
      parseConfig({ [variable]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect((error as ConfigError).variable).toBe(variable);
    expect(message).toContain(variable);
    expect(message).not.toContain('\n');
  });

  it('never echoes the admin token', () => {
    expect(() => parseConfig({ ITAKU_ADMIN_TOKEN: 'secret-but-short' })).toThrow(/^(?!.*secret-but-short).*$/);
  });
});
