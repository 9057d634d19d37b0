import type { ExtraHolidayRow } from '../../../db/schema';
import { FieldError, Layout, type PageContext } from '../layout';
import { type ListPaging, Pager } from '../pager';

export interface HolidaySettingsProps {
  page: PageContext;
  items: (ExtraHolidayRow & { createdByName: string })[];
  pager: ListPaging;
  dataEnds: string;
  canWrite: boolean;
  notice?: string;
  /** The add form as typed, with its refusals by field. */
  form: { values: { day: string; name: string }; errors: Partial<Record<'day' | 'name', string>> };
  /** A removal refused for want of its confirmation: the day, and the message. */
  removeError?: { day: string; message: string };
}

/** /settings/holidays: the extra closed days, adding one, removing one after a confirmation. */
export function HolidaySettingsPage(props: HolidaySettingsProps) {
  const { page, form } = props;
  const { t, date, dateTime } = page.i18n;
  return (
    <Layout page={page} title={t('hol.title')}>
      <h1>{t('hol.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="hol-intro">{t('hol.intro')}</p>
      <p class="muted">{t('hol.dataEnds', { date: date(props.dataEnds) })}</p>

      <h2 id="hol-list">{t('hol.list')}</h2>
      {props.items.length === 0 ? (
        <p>{t('hol.none')}</p>
      ) : (
        <section class="scroll" tabindex={0} aria-labelledby="hol-list">
          <table class="hol-list">
            <tr>
              <th scope="col">{t('hol.day')}</th>
              <th scope="col">{t('hol.name')}</th>
              <th scope="col">{t('hol.added')}</th>
              {props.canWrite ? <th scope="col">{t('hol.actions')}</th> : null}
            </tr>
            {props.items.map((h) => {
              const error = props.removeError?.day === h.day ? props.removeError.message : undefined;
              const id = `confirm-${h.day}`;
              return (
                <tr data-day={h.day}>
                  <td class="date">{date(h.day)}</td>
                  <td>{h.name}</td>
                  <td>{t('hol.addedBy', { at: dateTime(h.createdAt), who: h.createdByName })}</td>
                  {props.canWrite ? (
                    <td>
                      <form method="post" action={`/settings/holidays/${h.day}/delete`} class="hol-remove">
                        <input type="hidden" name="_csrf" value={page.csrf} />
                        <label class="check" for={id}>
                          <input
                            type="checkbox"
                            id={id}
                            name="confirm"
                            aria-invalid={error ? 'true' : undefined}
                            aria-describedby={error ? `${id}-error` : undefined}
                          />
                          {t('hol.confirm', { day: date(h.day) })}
                        </label>
                        <FieldError id={id} error={error} />
                        <button type="submit" class="secondary">
                          {t('hol.remove')}
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </table>
        </section>
      )}
      <Pager i18n={page.i18n} {...props.pager} shown={props.items.length} />

      {props.canWrite ? (
        <section aria-labelledby="hol-add">
          <h2 id="hol-add">{t('hol.add')}</h2>
          <form method="post" action="/settings/holidays" novalidate>
            <input type="hidden" name="_csrf" value={page.csrf} />
            {(['day', 'name'] as const).map((name) => (
              <div>
                <label for={`hol-${name}`}>{t(`hol.${name}`)}</label>
                <input
                  type={name === 'day' ? 'date' : 'text'}
                  id={`hol-${name}`}
                  name={name}
                  required
                  maxlength={name === 'name' ? 100 : undefined}
                  value={form.values[name]}
                  aria-invalid={form.errors[name] ? 'true' : undefined}
                  aria-describedby={form.errors[name] ? `hol-${name}-error` : undefined}
                />
                <FieldError id={`hol-${name}`} error={form.errors[name]} />
              </div>
            ))}
            <p class="actions">
              <button type="submit">{t('hol.addButton')}</button>
            </p>
          </form>
        </section>
      ) : (
        <p class="muted">{t('hol.readOnly')}</p>
      )}
    </Layout>
  );
}
