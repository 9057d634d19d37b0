import { labels } from '../../i18n/labels';
import type { ContractorView, SubContractorState } from '../../modules/contractors/contractors.service';
import { type FormValues, one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';

/** What the confirmation page posts back to show that the chain is still the one confirmed. */
export const chainStateOf = (members: readonly SubContractorState[]) =>
  members.map((m) => `${m.id}:${m.status}`).join(',');

/**
 * The confirmation of terminating a contractor with every sub-contractor still running
 * below it (one unit: src/modules/contractors/contractors.chain-end.ts). Lists each one
 * with its status and the agreements whose data disposition is missing; a refusal names
 * the sub-contractor on its row.
 */
export function ChainEndPage(props: {
  page: PageContext;
  contractor: ContractorView;
  members: SubContractorState[];
  ownLacking: string[];
  values: FormValues;
  errors: Record<string, string>;
  summary: string | null;
}) {
  const { page, contractor: c, members, values, errors } = props;
  const { t, label, lang } = page.i18n;
  const sep = lang === 'ja' ? '、' : ', ';
  const title = t('cl.end.title', { name: c.name });
  const running = members.filter((m) => m.status !== 'terminated');
  const described = (name: string, hint?: string) =>
    [errors[name] ? `${name}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;
  const back = (
    <a class="button secondary" href={`/contractors/${c.id}`}>
      {t('ctr.tr.back')}
    </a>
  );
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      {props.summary || Object.keys(errors).length ? (
        <div class="notice error" role="alert">
          <p>{props.summary ?? t('err.title')}</p>
        </div>
      ) : null}
      <p id="consequence">{t('cl.end.what')}</p>
      {props.ownLacking.length ? (
        <p class="missing">{t('cl.end.own', { agreements: props.ownLacking.join(sep) })}</p>
      ) : null}
      <h2 id="members">{t('cl.end.list', { n: members.length })}</h2>
      <div class="scroll">
        <table class="stack chain-end" aria-labelledby="members">
          <thead>
            <tr>
              <th scope="col">{t('cl.end.name')}</th>
              <th scope="col">{t('cl.end.status')}</th>
              <th scope="col">{t('cl.end.disposition')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const error = errors[`subContractors.${m.id}`];
              return (
                <tr data-member={m.id} class={error ? 'refused' : undefined}>
                  <td data-label={t('cl.end.name')} style={`padding-left:${0.4 + (m.depth - 1) * 1.2}rem`}>
                    <a href={`/contractors/${m.id}`}>{m.name}</a>
                    <FieldError id={`subContractors-${m.id}`} error={error} />
                  </td>
                  <td data-label={t('cl.end.status')}>{label(labels.contractorStatus, m.status)}</td>
                  <td data-label={t('cl.end.disposition')}>
                    {m.lackingDisposition.length ? (
                      <span class="missing">
                        {t('cl.end.dispositionMissing', { agreements: m.lackingDisposition.join(sep) })}
                      </span>
                    ) : (
                      t('cl.end.dispositionOk')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {running.length === 0 || c.status === 'terminated' ? (
        <>
          <p>{t('cl.end.nothing')}</p>
          <p class="actions">{back}</p>
        </>
      ) : (
        <form method="post" action={`/contractors/${c.id}/terminate-chain`} novalidate>
          <input type="hidden" name="_csrf" value={page.csrf} />
          <input type="hidden" name="version" value={String(c.version)} />
          <input type="hidden" name="chainState" value={chainStateOf(members)} />
          <div>
            <label for="reason">
              {t('ctr.reason')}
              <span class="muted">{`${lang === 'ja' ? '' : ' '}${t('ctr.required')}`}</span>
            </label>
            <p class="hint" id="reason-hint">
              {t('ctr.tr.reasonRequired')}
            </p>
            <textarea
              id="reason"
              name="reason"
              required
              maxlength={1000}
              aria-invalid={errors.reason ? 'true' : undefined}
              aria-describedby={described('reason', 'reason-hint')}
            >
              {one(values, 'reason')}
            </textarea>
            <FieldError id="reason" error={errors.reason} />
          </div>
          {(['cascade', 'confirm'] as const).map((name) => (
            <div>
              <label class="check" for={name}>
                <input
                  type="checkbox"
                  id={name}
                  name={name}
                  required
                  checked={one(values, name) === 'on'}
                  aria-invalid={errors[name] ? 'true' : undefined}
                  aria-describedby={described(name, name === 'confirm' ? 'consequence' : undefined)}
                />{' '}
                {name === 'cascade'
                  ? t('cl.end.cascade', { n: running.length })
                  : t('cl.end.confirm', { name: c.name })}
              </label>
              <FieldError id={name} error={errors[name]} />
            </div>
          ))}
          <p class="actions">
            <button type="submit" class="danger">
              {t('cl.end.submit')}
            </button>
            {back}
          </p>
        </form>
      )}
    </Layout>
  );
}
