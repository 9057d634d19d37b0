import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * A real OpenID provider for the tests: `oidc-provider` (panva; OpenID-certified) on
 * 127.0.0.1 with one static confidential client, PKCE required, and its development
 * sign-in pages, where any login name is accepted (the password is not checked) and the
 * account of that name is the one that signs in. Also the fetch-driven person who uses
 * those pages, for tests that need no browser.
 */

export interface TestAccount {
  email: string;
  /** `email_verified`; undefined leaves the claim out, as Microsoft Entra ID does. */
  emailVerified: boolean | undefined;
  name: string;
  /** Entra ID's optional claim "e-mail domain owner verified". */
  xmsEdov?: boolean;
}

export interface TestProviderOptions {
  /** `http://127.0.0.1:<port>` (or `http://localhost:<port>`); it listens on 127.0.0.1 either way. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** By login name, which is also the subject (`sub`). */
  accounts: Record<string, TestAccount>;
  /**
   * Put e-mail and name in the ID token itself (as Google and Entra ID do); by default,
   * as OpenID Connect Core prescribes for the code flow, they come from UserInfo only.
   */
  claimsInIdToken?: boolean;
}

export interface TestProvider {
  issuer: string;
  /**
   * Holds the next `count` UserInfo requests until all of them have arrived, then answers
   * them together: the relying parties waiting on them resume at the same moment, which
   * is how a race between them is made to happen rather than hoped for.
   */
  holdUserInfo(count: number): void;
  stop(): Promise<void>;
}

interface ProviderInstance {
  callback(): (req: unknown, res: unknown) => void;
}

/** Starts the provider and resolves once it listens. */
export async function startOidcProvider(options: TestProviderOptions): Promise<TestProvider> {
  // Not typed by the package: loaded by name, so its absence of types costs nothing here.
  const moduleName = 'oidc-provider';
  const { default: Provider } = (await import(moduleName)) as {
    default: new (issuer: string, config: Record<string, unknown>) => ProviderInstance;
  };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signing = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };
  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [signing] },
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    // Set, so that the provider does not log a notice for each default it falls back to.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    conformIdTokenClaims: !options.claimsInIdToken,
    findAccount: (_ctx: unknown, sub: string) => {
      const account = options.accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: account.email,
          name: account.name,
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
          ...(account.xmsEdov === undefined ? {} : { xms_edov: account.xmsEdov }),
        }),
      };
    },
  });
  const handle = provider.callback() as (req: IncomingMessage, res: ServerResponse) => void;
  let gate: { count: number; waiting: (() => void)[] } | null = null;
  const server = createServer((req, res) => {
    if (gate && req.url?.startsWith('/me')) {
      const held = gate;
      held.waiting.push(() => handle(req, res));
      if (held.waiting.length < held.count) return;
      gate = null;
      for (const release of held.waiting) release();
      return;
    }
    handle(req, res);
  });
  const port = Number(new URL(options.issuer).port);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    issuer: options.issuer,
    holdUserInfo: (count) => {
      gate = { count, waiting: [] };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies by origin, as a browser keeps them (enough for these pages: no paths, no expiry dates). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: string, res: Response): void {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.byOrigin.set(origin, jar);
  }
}

/** A request as a browser makes it: the jar's cookies sent, the answer's kept, no redirect followed. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(url, res);
  return res;
}

const attribute = (html: string, pattern: RegExp): string => {
  const value = pattern.exec(html)?.[1];
  if (!value) throw new Error(`the provider's page has no ${pattern}:\n${html.slice(0, 2000)}`);
  return value.replace(/&amp;/g, '&');
};

/**
 * Goes through the provider's development pages from the authorization URL (itaku's
 * redirect) until the provider sends the browser back to `redirectPrefix`, and returns
 * that callback URL unopened: signs in as `login` and consents, or cancels at the
 * sign-in page (`cancel`), which the provider answers with `error=access_denied`.
 */
export async function signInAtProvider(
  jar: CookieJar,
  authorizationUrl: string,
  redirectPrefix: string,
  person: { login: string } | { cancel: true },
): Promise<string> {
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(redirectPrefix)) return url;
    const res = await browse(jar, url);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`the provider answered ${res.status} at ${url}:\n${html.slice(0, 2000)}`);
    const prompt = attribute(html, /name="prompt" value="([a-z]+)"/);
    if ('cancel' in person) {
      url = new URL(attribute(html, /href="([^"]*\/abort)"/), url).href;
      continue;
    }
    const action = new URL(attribute(html, /<form[^>]*action="([^"]+)"/), url).href;
    const form: Record<string, string> =
      prompt === 'login' ? { prompt, login: person.login, password: 'any' } : { prompt };
    const posted = await browse(jar, action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const next = posted.headers.get('location');
    if (!next) throw new Error(`the provider answered ${posted.status} to the ${prompt} form`);
    url = new URL(next, action).href;
  }
  throw new Error('the provider never sent the browser back');
}
