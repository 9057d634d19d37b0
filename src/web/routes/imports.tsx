import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Role } from '../../../db/schema';
import { fileDigest, fromBase64, toBase64 } from '../../modules/imports/file-digest';
import {
  importContractors,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  previewImport,
} from '../../modules/imports/imports.service';
import { ProblemError } from '../../platform/problem';
import { one } from '../forms';
import { guardedForm, may } from '../guards';
import { problemText } from '../i18n/problems';
import { ImportPage, type ImportPageProps, type Preview } from '../pages/imports';
import { pageQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** The contractor import: upload a CSV file, see the dry run, register exactly that file. */
export const importPages = new Hono<WebEnv>();

/** The API's roles for imports (an admin may do everything). */
const ROLES: Role[] = ['procurement'];
/** The multipart framing and the form's other fields around the file. */
const FORM_OVERHEAD = 64 * 1024;
/**
 * Up to this size the checked file rides on the preview page (base64 in a hidden field),
 * so one click registers it; a larger one is chosen again, and its SHA-256 must match.
 */
const INLINE_BYTES = 256 * 1024;
const limits = { mib: MAX_IMPORT_BYTES / 1024 / 1024, rows: MAX_IMPORT_ROWS };

type Props = Omit<ImportPageProps, 'page' | 'limits'>;
const render = (c: WebContext, props: Props, status: 200 | 400 | 409 | 413 = 200) =>
  c.html(<ImportPage page={pageOf(c)} limits={limits} {...props} />, status);

/**
 * Files up to the API's import limit, refused before they are buffered: this route's own
 * limit, as the pages' form limit is far smaller than a spreadsheet of 20,000 rows.
 */
const fileLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES + FORM_OVERHEAD,
  onError: (c) => {
    const wc = c as WebContext;
    if (!may(wc, ROLES)) return forbidden(wc);
    return render(wc, { fileError: pageOf(wc).i18n.t('imp.tooLarge', { mib: limits.mib }) }, 413);
  },
});

/** The uploaded file of a multipart form (the form itself is already read and cached). */
async function uploaded(c: WebContext): Promise<File | null> {
  const file = (await c.req.parseBody()).file;
  return file instanceof File && file.size > 0 ? file : null;
}

const ImportsQuery = z.object({ imported: z.coerce.number().int().min(0).max(MAX_IMPORT_ROWS).optional() });

importPages.get('/imports/contractors', (c) => {
  if (!may(c, ROLES)) return forbidden(c);
  return render(c, { imported: pageQuery(c, ImportsQuery).imported });
});

/** The dry run: every row checked, nothing written. */
importPages.post('/imports/contractors', fileLimit, async (c) => {
  const values = await guardedForm(c, ROLES);
  if (values instanceof Response) return values;
  const { t } = pageOf(c).i18n;
  const file = await uploaded(c);
  if (!file) return render(c, { fileError: t('imp.fileRequired') }, 400);
  if (file.size > MAX_IMPORT_BYTES) return render(c, { fileError: t('imp.tooLarge', { mib: limits.mib }) }, 413);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await previewImport(ctxOf(c), bytes);
  const preview: Preview = {
    ...result,
    fileName: file.name.slice(0, 200),
    digest: await fileDigest(bytes),
    inline: bytes.length <= INLINE_BYTES ? toBase64(bytes) : null,
  };
  return render(c, { preview }, result.errors.length ? 400 : 200);
});

/** The import of the checked file: the same bytes (by SHA-256), all rows or none. */
importPages.post('/imports/contractors/import', fileLimit, async (c) => {
  const values = await guardedForm(c, ROLES);
  if (values instanceof Response) return values;
  const { t, lang } = pageOf(c).i18n;
  const inline = one(values, 'content');
  const file = inline ? null : await uploaded(c);
  const bytes = inline ? fromBase64(inline) : file ? new Uint8Array(await file.arrayBuffer()) : null;
  const digest = one(values, 'sha256');
  if (!bytes || bytes.length > MAX_IMPORT_BYTES || (await fileDigest(bytes)) !== digest) {
    return render(c, { summary: t('imp.notSame') }, 400);
  }
  try {
    const result = await importContractors(ctxOf(c), bytes, false);
    if (!result.errors.length) return c.redirect(`/imports/contractors?imported=${result.created}`, 303);
    // Checked clean, refused now: the register changed in between (or a concurrent import).
    const preview: Preview = {
      ...result,
      contractors: [],
      fileName: one(values, 'fileName').slice(0, 200),
      digest,
      inline: null,
    };
    return render(c, { preview, summary: t('imp.changed') }, 409);
  } catch (err) {
    if (!(err instanceof ProblemError)) throw err;
    return render(c, { summary: problemText(err, lang) }, 409);
  }
});
