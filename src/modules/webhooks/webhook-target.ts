import {
  type AddressKind,
  addressKindLabels,
  classifyAddress,
  classifyHost,
  isIpLiteral,
} from '../../domain/network-address';
import { fieldMessage } from '../../i18n/messages';

/**
 * Where a webhook may be delivered: public http(s) hosts only, checked when the URL is
 * registered (its literal host) and again before every delivery (the literal host and
 * every address its name resolves to, since DNS can point a public-looking name at the
 * internal network). ITAKU_WEBHOOK_ALLOW_PRIVATE=true turns the address rules off for
 * receivers on the internal network; the scheme and credential rules always hold.
 */

/** Resolves a host name to every address it has (Node: `dns.lookup(host, {all: true})`). */
export type ResolveHost = (host: string) => Promise<string[]>;

const refusal = (kind: Exclude<AddressKind, 'public'>, what: string) =>
  `must not point at ${addressKindLabels[kind]} (${what}): webhooks reach only public hosts`;

/** Which rule of the URL's form is broken (scheme, credentials), or null. */
export function urlFormRule(url: string): 'webhookUrl' | 'webhookCredentials' | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'webhookUrl';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'webhookUrl';
  // Credentials in the URL would be stored and listed in clear; the secret signs instead.
  if (parsed.username !== '' || parsed.password !== '') return 'webhookCredentials';
  return null;
}

/** Why the URL's form is not acceptable (scheme, credentials), or null. */
export function urlFormProblem(url: string): string | null {
  const rule = urlFormRule(url);
  return rule ? fieldMessage(rule, undefined, 'en') : null;
}

/** Why the URL's literal host may not receive webhooks, or null (after `urlFormProblem`). */
export function hostProblem(url: string): string | null {
  const { hostname } = new URL(url);
  const kind = classifyHost(hostname);
  return kind === 'public' ? null : refusal(kind, hostname);
}

/** Why a resolved address may not receive webhooks, or null. */
export function resolvedAddressProblem(host: string, addresses: readonly string[]): string | null {
  for (const address of addresses) {
    const kind = classifyAddress(address) ?? 'reserved';
    if (kind !== 'public') return refusal(kind, `${host} resolves to ${address}`);
  }
  return null;
}

/** Thrown when a host name cannot be resolved: worth retrying, unlike a refusal. */
export class UnresolvableHostError extends Error {
  constructor(host: string, cause: unknown) {
    const code = (cause as { code?: string } | undefined)?.code;
    super(`cannot resolve ${host}${code ? `: ${code}` : ''}`);
    this.name = 'UnresolvableHostError';
  }
}

/**
 * Why this delivery must not be sent, or null: the URL's form, its literal host and,
 * with a resolver (none on Workers, where Cloudflare itself refuses private targets),
 * every address of its host name. Throws `UnresolvableHostError` when resolution fails.
 */
export async function deliveryTargetProblem(url: string, resolveHost?: ResolveHost): Promise<string | null> {
  const form = urlFormProblem(url);
  if (form) return form;
  const literal = hostProblem(url);
  if (literal) return literal;
  const { hostname } = new URL(url);
  if (!resolveHost || isIpLiteral(hostname)) return null;
  let addresses: string[];
  try {
    addresses = await resolveHost(hostname);
  } catch (err) {
    throw new UnresolvableHostError(hostname, err);
  }
  if (addresses.length === 0) throw new UnresolvableHostError(hostname, undefined);
  return resolvedAddressProblem(hostname, addresses);
}
