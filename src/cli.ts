// Before anything else: refuses a Node.js too old for the SQLite driver.
import './require-node';
import { runSweep } from './jobs/sweep';
import { type Checkpoint, parseCheckpoint, verifyAuditChain } from './modules/audit/audit.service';
import { issueRecoveryToken } from './modules/users/api-tokens.service';
import { deliverDue } from './notify/deliver';
import { smtpMailer } from './notify/smtp-mailer';
import { SYSTEM_ACTOR } from './platform/app-env';
import { systemClock } from './platform/clock';
import { ConfigError, parseConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { nodeAuditTrail } from './platform/node-audit-key';
import { nodeResolveHost } from './platform/node-resolve-host';
import { openSqlite } from './platform/node-sqlite';

/**
 * Operator commands against the configured database (same environment as `npm start`):
 *   sweep          run the sweep now, then deliver what it queued
 *   deliver        deliver due webhook and e-mail messages
 *   verify-audit [--checkpoint <seq>:<hash>]
 *                  verify the keyed audit chain, optionally against a checkpoint kept
 *                  elsewhere (exit code 2 when broken or the checkpoint no longer holds)
 *   admin-token    issue a new API token for the first admin (recovery)
 */
const usage = 'usage: npm run cli -- sweep | deliver | verify-audit [--checkpoint <seq>:<hash>] | admin-token';

async function main(command: string | undefined, args: string[]): Promise<number> {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  let checkpoint: Checkpoint | undefined;
  if (command === 'verify-audit' && args.length > 0) {
    const parsed = args[0] === '--checkpoint' && args.length === 2 ? parseCheckpoint(args[1] ?? '') : null;
    if (!parsed) {
      process.stderr.write(`itaku: --checkpoint takes <seq>:<hash>, as a checkpoint prints it\n${usage}\n`);
      return 64;
    }
    checkpoint = parsed;
  }
  const { db, sqlite } = openSqlite(config.dbPath);
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  const clock = systemClock(config.timeZone);
  const audit = await nodeAuditTrail(db, config, clock, logger);
  const deps = { db, config, logger, clock, mailer, audit, resolveHost: nodeResolveHost };
  // Operator commands are itaku acting, not a signed-in user.
  const ctx = { ...deps, actor: SYSTEM_ACTOR };
  try {
    switch (command) {
      case 'sweep': {
        const result = await runSweep(deps, { trigger: 'cli', emailEnabled: mailer !== undefined });
        const delivery = result.status === 'succeeded' ? await deliverDue(deps) : null;
        process.stdout.write(`${JSON.stringify({ ...result, delivery })}\n`);
        return result.status === 'failed' ? 1 : 0;
      }
      case 'deliver':
        process.stdout.write(`${JSON.stringify(await deliverDue(deps))}\n`);
        return 0;
      case 'verify-audit': {
        const result = await verifyAuditChain(ctx, checkpoint);
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return result.ok ? 0 : 2;
      }
      case 'admin-token': {
        const issued = await issueRecoveryToken(ctx);
        if (!issued) {
          process.stderr.write('itaku: no admin user yet; start the server once to create one\n');
          return 1;
        }
        process.stdout.write(`New API token for ${issued.adminName} (shown once):\n\n  ${issued.token}\n\n`);
        return 0;
      }
      default:
        process.stderr.write(`${usage}\n`);
        return 64;
    }
  } finally {
    mailer?.close();
    sqlite.close();
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `itaku: ${String(err)}`}\n`);
    process.exit(1);
  },
);
