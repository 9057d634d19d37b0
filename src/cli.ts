// Before anything else: refuses a Node.js too old for the SQLite driver.
import './require-node';
import { eq } from 'drizzle-orm';
import { apiTokens, users } from '../db/schema';
import { ConfigError, parseConfig } from './config';
import { runSweep } from './jobs/sweep';
import { verifyAuditChain } from './modules/audit/audit.service';
import { writeAudited } from './modules/audit/audit.writer';
import { deliverDue } from './notify/deliver';
import { smtpMailer } from './notify/smtp-mailer';
import { systemClock } from './platform/clock';
import { randomToken, sha256Hex } from './platform/crypto';
import { newId } from './platform/ids';
import { createLogger } from './platform/logger';
import { openSqlite } from './platform/node-sqlite';

/**
 * Operator commands against the configured database (same environment as `npm start`):
 *   sweep          run the sweep now, then deliver what it queued
 *   deliver        deliver due webhook and e-mail messages
 *   verify-audit   verify the audit hash chain (exit code 2 when broken)
 *   admin-token    issue a new API token for the first admin (recovery)
 */
const usage = 'usage: npm run cli -- sweep | deliver | verify-audit | admin-token';

async function main(command: string | undefined): Promise<number> {
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const { db, sqlite } = openSqlite(config.dbPath);
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined;
  const deps = { db, config, logger, clock: systemClock(config.timeZone), mailer };
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
        const result = await verifyAuditChain(db);
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return result.ok ? 0 : 2;
      }
      case 'admin-token': {
        const admin = await db
          .select()
          .from(users)
          .where(eq(users.role, 'admin'))
          .orderBy(users.createdAt)
          .limit(1)
          .get();
        if (!admin) {
          process.stderr.write('itaku: no admin user yet; start the server once to create one\n');
          return 1;
        }
        const token = randomToken();
        const id = newId();
        await writeAudited(
          { db, clock: deps.clock, actor: { id: 'system' } },
          [
            db.insert(apiTokens).values({
              id,
              userId: admin.id,
              kind: 'api',
              tokenHash: await sha256Hex(token),
              createdAt: deps.clock.now().toISOString(),
            }),
          ],
          [
            {
              action: 'token.issue',
              entityType: 'user',
              entityId: admin.id,
              after: { tokenId: id, kind: 'api', via: 'cli' },
            },
          ],
        );
        process.stdout.write(`New API token for ${admin.name} (shown once):\n\n  ${token}\n\n`);
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

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `itaku: ${String(err)}`}\n`);
    process.exit(1);
  },
);
