import { documentKinds } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import { one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';
import { type FormProps, Input, Problems, Select } from './supervision';

export interface UploadChoices {
  contractor: { id: string; name: string };
  /** The contractor's reviews and agreements the document may be tied to. */
  reviews: { id: string; label: string }[];
  agreements: { id: string; label: string }[];
}

const invalid = (errors: Record<string, string>, name: string, extra?: string) => {
  const ids = [errors[name] ? `${name}-error` : null, extra].filter(Boolean).join(' ');
  return {
    ...(errors[name] ? { 'aria-invalid': 'true' as const } : {}),
    ...(ids ? { 'aria-describedby': ids } : {}),
  };
};

/** A choice among the contractor's own records, "none" first. */
function RecordSelect(props: FormProps & { name: string; label: string; options: { id: string; label: string }[] }) {
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} {...invalid(props.errors, props.name)}>
        <option value="">{props.page.i18n.t('doc.none')}</option>
        {props.options.map((o) => (
          <option value={o.id} selected={one(props.values, props.name) === o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={props.name} error={props.errors[props.name]} />
    </div>
  );
}

/**
 * The upload of one document for a contractor. After a refusal every typed field comes
 * back; the file cannot (no browser lets a page preset a file input), and the page says so.
 */
export function DocumentFormPage(
  props: FormProps & { choices: UploadChoices; maxMib: number; chooseFileAgain: boolean },
) {
  const { page, choices } = props;
  const { t } = page.i18n;
  const fileError = props.errors.file;
  return (
    <Layout page={page} title={t('doc.upload')}>
      <h1>{t('doc.uploadFor', { name: choices.contractor.name })}</h1>
      <p>
        <a href={`/contractors/${choices.contractor.id}`}>{choices.contractor.name}</a>
      </p>
      <Problems {...props} />
      <form
        method="post"
        action={`/documents?contractorId=${choices.contractor.id}`}
        enctype="multipart/form-data"
        novalidate
      >
        <input type="hidden" name="_csrf" value={page.csrf} />
        <input type="hidden" name="contractorId" value={choices.contractor.id} />
        <div>
          <label for="file">{t('doc.file')}</label>
          <p class="hint" id="file-hint">
            {t('doc.fileHint', { mib: props.maxMib })}
          </p>
          {props.chooseFileAgain ? (
            <p class="hint again" id="file-again">
              {t('doc.fileAgain')}
            </p>
          ) : null}
          <input
            type="file"
            id="file"
            name="file"
            required
            {...invalid(props.errors, 'file', props.chooseFileAgain ? 'file-hint file-again' : 'file-hint')}
          />
          <FieldError id="file" error={fileError} />
        </div>
        <Select
          {...props}
          name="kind"
          label={t('doc.kind')}
          options={documentKinds}
          table={labels.documentKind}
          required
        />
        <Input {...props} name="title" label={t('doc.docTitle')} />
        <Input {...props} name="number" label={t('doc.number')} />
        <Input {...props} name="issuer" label={t('doc.issuer')} />
        <Input {...props} name="validFrom" label={t('doc.validFrom')} type="date" />
        <Input {...props} name="validUntil" label={t('doc.validUntil')} type="date" />
        <RecordSelect {...props} name="reviewId" label={t('doc.review')} options={choices.reviews} />
        <RecordSelect {...props} name="agreementId" label={t('doc.agreement')} options={choices.agreements} />
        <p class="actions">
          <button type="submit">{t('doc.save')}</button>
          <a class="button secondary" href={`/contractors/${choices.contractor.id}`}>
            {t('doc.cancel')}
          </a>
        </p>
      </form>
    </Layout>
  );
}

/** /documents/new without a contractor: which one the document is for. */
export function ChooseContractorPage(props: {
  page: PageContext;
  contractors: { id: string; name: string }[];
  /** Why an upload came back here (it was too large to read). */
  refusal?: string;
}) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('doc.upload')}>
      <h1>{t('doc.upload')}</h1>
      {props.refusal ? (
        <p class="notice error" role="alert">
          {props.refusal}
        </p>
      ) : null}
      <form method="get" action="/documents/new">
        <label for="contractorId">{t('doc.contractor')}</label>
        <p class="hint" id="contractorId-hint">
          {t('doc.chooseContractor')}
        </p>
        <select id="contractorId" name="contractorId" required aria-describedby="contractorId-hint">
          {props.contractors.map((c) => (
            <option value={c.id}>{c.name}</option>
          ))}
        </select>
        <p class="actions">
          <button type="submit">{t('doc.next')}</button>
        </p>
      </form>
    </Layout>
  );
}
