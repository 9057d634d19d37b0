import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../platform/app-env';
import { conflictError, json } from '../../platform/openapi';
import { ProblemError } from '../../platform/problem';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { CSV_BOM, csvLines } from '../csv/cells';
import { importColumns } from '../csv/contractor-columns';
import { type CsvFormat, headerOf } from '../csv/csv-format';
import { importContractors, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './imports.service';

const csvTypes = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'];

const ImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    encoding: z.enum(['utf-8', 'shift_jis']).openapi({ description: 'How the file was read' }),
    rows: z.number().int().openapi({ description: 'Data rows in the file (the header is row 0)' }),
    created: z.number().int().openapi({ description: 'Contractors created, or with dryRun that would be' }),
    errors: z.array(
      z.object({
        row: z.number().int(),
        field: z.string(),
        message: z.string(),
        code: z.string().optional(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    ),
  })
  .openapi('ImportResult');

const limit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new ProblemError(
      413,
      'payload-too-large',
      `Import files may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`,
    );
  },
});

const csvOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!csvTypes.includes(type)) {
    throw new ProblemError(415, 'unsupported-media-type', 'Send the file as text/csv (UTF-8 or Shift_JIS).');
  }
  await next();
};

const importRoute = authed(['procurement'], {
  method: 'post',
  path: '/imports/contractors',
  tags: ['Import and export'],
  summary: 'Import contractors from a CSV file',
  description: `Header row with the contractor field names or their Japanese headers (see the template). UTF-8 (with or without BOM) or Shift_JIS as Excel saves it; lists separated by \`;\`; booleans true/false, 1/0, yes/no, はい/いいえ; \`parentName\` names another row of the file or a registered contractor. Every row is checked like \`POST /contractors\`; with any error nothing is imported. At most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB and ${MAX_IMPORT_ROWS} rows.`,
  request: {
    query: z.object({
      dryRun: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true')
        .openapi({ description: 'Check only: report what would be created and every error' }),
    }),
    body: { required: true, content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } } },
  },
  responses: {
    200: json(ImportResultSchema, 'Dry run: what would be created, and every error'),
    201: json(ImportResultSchema, 'Imported'),
    400: {
      description: '`import-invalid`: errors in the file; nothing was imported. `errors` lists {row, field, message}.',
      content: { 'application/problem+json': { schema: z.object({}).passthrough() } },
    },
    ...conflictError(
      '`duplicate-contractor` · `reconsignment-cycle` · `chain-too-deep`: the registry changed during the import; nothing was imported',
    ),
  },
});
importRoute.middleware.push(limit, csvOnly);

const template = createRoute(
  authed('any', {
    method: 'get',
    path: '/imports/contractors/template.csv',
    tags: ['Import and export'],
    summary: 'A CSV template with every import column and two example rows',
    request: {
      query: z.object({
        headers: z
          .enum(['en', 'ja'])
          .default('en')
          .openapi({ description: 'Without `lang`: `en` field names, `ja` Japanese headers' }),
        lang: z.enum(['en', 'ja']).optional().openapi({
          description: 'Headers as labels in this language (English or Japanese); the import accepts both',
        }),
      }),
    },
    responses: { 200: { description: 'UTF-8 CSV with BOM', content: { 'text/csv': { schema: z.string() } } } },
  }),
);

export const importRoutes = createRouter()
  .openapi(createRoute(importRoute), async (c) => {
    const { dryRun } = c.req.valid('query');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await importContractors(requestContext(c), bytes, dryRun);
    if (result.errors.length && !dryRun) {
      const problem = new ProblemError(
        400,
        'import-invalid',
        `${result.errors.length} error(s) in the file; nothing was imported.`,
        result.errors.map((e) => ({ ...e, path: `row ${e.row}: ${e.field}` })),
      ).toBody(c.var.requestId);
      return c.body(JSON.stringify({ ...problem, created: 0, rows: result.rows, encoding: result.encoding }), 400, {
        'Content-Type': 'application/problem+json; charset=utf-8',
      }) as never;
    }
    return c.json(result, dryRun ? 200 : 201);
  })
  .openapi(template, (c) => {
    const { headers, lang } = c.req.valid('query');
    const format: CsvFormat = lang ? { lang, codes: true } : { lang: null, codes: true, jaHeaders: headers === 'ja' };
    const rows = [
      importColumns.map((col) => headerOf(col, format)),
      importColumns.map((col) => col.example[0]),
      importColumns.map((col) => col.example[1]),
    ];
    const csv = `${CSV_BOM}${csvLines(rows)}`;
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="itaku-contractors-template${(lang ?? headers) === 'ja' ? '-ja' : ''}.csv"`,
    });
  });
