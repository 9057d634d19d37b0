import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/platform/config';

describe('parseConfig', () => {
  it('works with an empty environment', () => {
    expect(parseConfig({})).toEqual({
      port: 3000,
      dbPath: './data/itaku.db',
      filesDir: undefined,
      maxUploadMb: 20,
      adminToken: undefined,
      timeZone: 'Asia/Tokyo',
      sweepCron: '0 9 * * *',
      smtpUrl: undefined,
      mailFrom: 'itaku <itaku@localhost>',
      publicUrl: undefined,
      organizationName: undefined,
      logLevel: 'info',
      auditKey: undefined,
      webhookAllowPrivate: false,
      reviewIntervals: { high: 6, medium: 12, low: 24 },
      oidc: null,
    });
  });

  it('reads single sign-on settings, and refuses an issuer without a client id', () => {
    expect(
      parseConfig({
        ITAKU_OIDC_ISSUER: 'https://login.example.com/tenant/v2.0',
        ITAKU_OIDC_CLIENT_ID: 'itaku',
        ITAKU_OIDC_CLIENT_SECRET: 's3cret',
        ITAKU_OIDC_CREATE_ROLE: 'manager',
      }).oidc,
    ).toEqual({
      issuer: 'https://login.example.com/tenant/v2.0',
      clientId: 'itaku',
      clientSecret: 's3cret',
      createRole: 'manager',
    });
    expect(() => parseConfig({ ITAKU_OIDC_ISSUER: 'https://login.example.com/' })).toThrow(
      /ITAKU_OIDC_CLIENT_ID is required/,
    );
    expect(() => parseConfig({ ITAKU_OIDC_ISSUER: 'http://login.example.com/', ITAKU_OIDC_CLIENT_ID: 'x' })).toThrow(
      /ITAKU_OIDC_ISSUER must be https:\/\/ \(http only for a provider on this machine\)/,
    );
    expect(parseConfig({ ITAKU_OIDC_ISSUER: 'http://127.0.0.1:4000/', ITAKU_OIDC_CLIENT_ID: 'x' }).oidc?.issuer).toBe(
      'http://127.0.0.1:4000/',
    );
    expect(() => parseConfig({ ITAKU_OIDC_CREATE_ROLE: 'admin', ITAKU_OIDC_CLIENT_SECRET: 'hidden' })).toThrow(
      /ITAKU_OIDC_CREATE_ROLE must be procurement, compliance, manager or off/,
    );
  });

  it('reads every variable', () => {
    const c = parseConfig({
      PORT: '8080',
      ITAKU_DB_PATH: '/var/lib/itaku/db.sqlite',
      ITAKU_FILES_DIR: '/var/lib/itaku/files',
      ITAKU_MAX_UPLOAD_MB: '50',
      ITAKU_ADMIN_TOKEN: 'itk_0123456789abcdefghijklmnopqrstuvwxyz',
      ITAKU_AUDIT_KEY: 'audit-key-0123456789abcdefghijklmnop',
      ITAKU_WEBHOOK_ALLOW_PRIVATE: 'true',
      ITAKU_TIMEZONE: 'Europe/Berlin',
      ITAKU_SWEEP_CRON: 'off',
      ITAKU_SMTP_URL: 'smtp://mail.internal:25',
      ITAKU_MAIL_FROM: 'Compliance <itaku@example.co.jp>',
      ITAKU_PUBLIC_URL: 'https://itaku.example.co.jp',
      ITAKU_LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      port: 8080,
      filesDir: '/var/lib/itaku/files',
      maxUploadMb: 50,
      timeZone: 'Europe/Berlin',
      sweepCron: 'off',
      logLevel: 'warn',
      auditKey: 'audit-key-0123456789abcdefghijklmnop',
      webhookAllowPrivate: true,
    });
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
    ['ITAKU_ADMIN_TOKEN', 'a'.repeat(40)],
    ['ITAKU_ADMIN_TOKEN', 'abab'.repeat(10)],
    ['ITAKU_AUDIT_KEY', 'too-short'],
    ['ITAKU_AUDIT_KEY', 'k'.repeat(64)],
    ['ITAKU_WEBHOOK_ALLOW_PRIVATE', 'yes'],
    ['ITAKU_PUBLIC_URL', 'ftp://x'],
    ['ITAKU_REVIEW_MONTHS_HIGH', '0'],
    ['ITAKU_REVIEW_MONTHS_LOW', 'two years'],
    ['ITAKU_MAX_UPLOAD_MB', '0'],
    ['ITAKU_MAX_UPLOAD_MB', '201'],
    ['ITAKU_MAX_UPLOAD_MB', '1.5'],
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

  it('never echoes the admin token or the audit key', () => {
    expect(() => parseConfig({ ITAKU_ADMIN_TOKEN: 'secret-but-short' })).toThrow(/^(?!.*secret-but-short).*$/);
    expect(() => parseConfig({ ITAKU_AUDIT_KEY: 'z'.repeat(40) })).toThrow(/^(?!.*zzzz).*$/);
  });

  it('never echoes the password of a bad ITAKU_SMTP_URL', () => {
    let message = '';
    try {
      parseConfig({ ITAKU_SMTP_URL: 'http://mailer:Pa55w0rd-S3cret@mail.internal:25' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('ITAKU_SMTP_URL');
    expect(message).toContain('mailer:***@mail.internal');
    expect(message).not.toContain('Pa55w0rd');
  });
});
