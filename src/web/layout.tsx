import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Role } from '../../db/schema';
import { labels } from '../i18n/labels';
import type { I18n } from './i18n';
import { navigation } from './navigation';

export interface PageContext {
  i18n: I18n;
  /** Signed-in user, or null on the sign-in page. */
  user: { name: string; role: Role } | null;
  csrf: string;
  /** The current path, for the navigation. */
  path: string;
}

/** The page frame: language, navigation, and the sign-out form. */
export function Layout(props: { page: PageContext; title: string; children: Child }) {
  const { i18n, user, path, csrf } = props.page;
  const { t } = i18n;
  const nav = navigation(i18n, user?.role ?? null);
  const other = i18n.lang === 'ja' ? 'en' : 'ja';
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={i18n.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · itaku`}</title>
          <link rel="stylesheet" href="/assets/itaku.css" />
        </head>
        <body>
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header>
            <a class="brand" href="/">
              itaku <span class="muted">{t('tagline')}</span>
            </a>
            {user ? (
              <nav aria-label="main">
                <ul>
                  {nav.map(([href, label]) => (
                    <li>
                      <a
                        href={href}
                        aria-current={(href === '/' ? path === '/' : path.startsWith(href)) ? 'page' : undefined}
                      >
                        {label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <div class="me">
              <a href={`?lang=${other}`} hreflang={other} lang={other}>
                {t('nav.language')}
              </a>
              {user ? (
                <>
                  <span>
                    {user.name} ({i18n.label(labels.role, user.role)})
                  </span>
                  <a href="/settings/password">{t('people.changePasswordLink')}</a>
                  <a href="/settings/calendar">{t('nav.calendar')}</a>
                  <a href="/settings">{t('set.idx.title')}</a>
                  <form class="inline" method="post" action="/logout">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <button type="submit" class="secondary">
                      {t('nav.signOut')}
                    </button>
                  </form>
                </>
              ) : null}
            </div>
          </header>
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}

/** A label with the field's error shown next to it, what was typed kept by the caller. */
export function FieldError(props: { id: string; error: string | undefined }) {
  return props.error ? (
    <p class="field-error" id={`${props.id}-error`}>
      {props.error}
    </p>
  ) : null;
}

/** A value as a coloured badge: the value names its style, the label is what the reader sees. */
export const Badge = (props: { value: string | null | undefined; label: string }) =>
  props.value ? <span class={`badge ${props.value}`}>{props.label}</span> : null;
