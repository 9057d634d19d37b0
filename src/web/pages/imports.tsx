import type { ImportError } from '../../modules/imports/imports.parse';
import type { PreviewRow } from '../../modules/imports/imports.service';
import { FieldError, Layout, type PageContext } from '../layout';
import { ImportErrors, ImportRows } from './import-preview';

/** What the dry run found, and what the import form carries to register exactly that file. */
export interface Preview {
  fileName: string;
  encoding: 'utf-8' | 'shift_jis';
  rows: number;
  created: number;
  errors: ImportError[];
  contractors: PreviewRow[];
  /** SHA-256 of the checked bytes: the import refuses any other file. */
  digest: string;
  /** The checked bytes as base64 when small enough to keep on the page; else the file is chosen again. */
  inline: string | null;
}

export interface ImportPageProps {
  page: PageContext;
  limits: { mib: number; rows: number };
  preview?: Preview;
  /** Registered by the last import (after its redirect). */
  imported?: number;
  /** A message for the whole form: the file changed, or the register did. */
  summary?: string;
  fileError?: string;
}

function CsrfField(props: { page: PageContext }) {
  return <input type="hidden" name="_csrf" value={props.page.csrf} />;
}

function FileInput(props: { id: string; label: string; hint: string; error?: string }) {
  const describedBy = [`${props.id}-hint`, props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <p class="muted hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
      <input
        type="file"
        id={props.id}
        name="file"
        accept=".csv,text/csv"
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

/** The import form of a clean dry run: the checked file itself, or the same file chosen again. */
function ImportForm(props: { page: PageContext; preview: Preview }) {
  const { t } = props.page.i18n;
  const p = props.preview;
  return (
    <form method="post" action="/imports/contractors/import" enctype="multipart/form-data" class="import-confirm">
      <CsrfField page={props.page} />
      <input type="hidden" name="sha256" value={p.digest} />
      <input type="hidden" name="fileName" value={p.fileName} />
      {p.inline !== null ? (
        <input type="hidden" name="content" value={p.inline} />
      ) : (
        <FileInput id="import-file-again" label={t('imp.sameFile')} hint={t('imp.chooseAgain')} />
      )}
      <p class="actions">
        <button type="submit">{t('imp.import', { n: p.created })}</button>
      </p>
    </form>
  );
}

function PreviewSection(props: { page: PageContext; preview: Preview }) {
  const { t } = props.page.i18n;
  const p = props.preview;
  return (
    <section aria-labelledby="preview-title" class="import-preview">
      <h2 id="preview-title">{t('imp.previewTitle')}</h2>
      <dl class="import-facts">
        <dt>{t('imp.fileName')}</dt>
        <dd>{p.fileName}</dd>
        <dt>{t('imp.encoding')}</dt>
        <dd>{p.encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'}</dd>
        <dt>{t('imp.rows')}</dt>
        <dd data-testid="import-rows">{p.rows}</dd>
        <dt>{t('imp.wouldCreate')}</dt>
        <dd data-testid="import-created">{p.created}</dd>
        <dt>{t('imp.errorCount')}</dt>
        <dd data-testid="import-error-count">{p.errors.length}</dd>
      </dl>
      {p.errors.length ? (
        <>
          <p class="notice error" role="alert">
            {t('imp.hasErrors', { n: p.errors.length })}
          </p>
          <ImportErrors page={props.page} errors={p.errors} />
        </>
      ) : p.created === 0 ? (
        <p class="notice error" role="alert">
          {t('imp.nothing')}
        </p>
      ) : (
        <>
          <p class="notice" role="status">
            {t('imp.ok', { n: p.created })}
          </p>
          <ImportForm page={props.page} preview={p} />
          <ImportRows page={props.page} rows={p.contractors} />
        </>
      )}
    </section>
  );
}

/** Upload, dry-run preview with every row's errors, then import. */
export function ImportPage(props: ImportPageProps) {
  const { page } = props;
  const { t } = page.i18n;
  return (
    <Layout page={page} title={t('imp.title')}>
      <h1>{t('imp.title')}</h1>
      <p>{t('imp.intro')}</p>
      {props.imported !== undefined ? (
        <div class="notice" role="status">
          <p>{t('imp.imported', { n: props.imported })}</p>
          <p>
            <a href="/contractors?status=proposed">{t('imp.viewProposed')}</a>
          </p>
        </div>
      ) : null}
      {props.summary ? (
        <p class="notice error" role="alert">
          {props.summary}
        </p>
      ) : null}
      {props.preview ? <PreviewSection page={page} preview={props.preview} /> : null}
      <section aria-labelledby="upload-title" class="import-upload">
        <h2 id="upload-title">{t('imp.step1')}</h2>
        <p class="actions">
          <a class="button secondary" href="/api/v1/imports/contractors/template.csv?lang=ja" download>
            {t('imp.templateJa')}
          </a>
          <a class="button secondary" href="/api/v1/imports/contractors/template.csv?lang=en" download>
            {t('imp.templateEn')}
          </a>
        </p>
        <p class="muted">{t('imp.templateHint')}</p>
        <h2>{t('imp.step2')}</h2>
        <form method="post" action="/imports/contractors" enctype="multipart/form-data">
          <CsrfField page={page} />
          <FileInput
            id="import-file"
            label={t('imp.file')}
            hint={t('imp.fileHint', { mib: props.limits.mib, rows: props.limits.rows.toLocaleString('en-US') })}
            error={props.fileError}
          />
          <p class="actions">
            <button type="submit" class={props.preview && !props.preview.errors.length ? 'secondary' : undefined}>
              {t('imp.check')}
            </button>
          </p>
        </form>
      </section>
    </Layout>
  );
}
