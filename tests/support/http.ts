import type { Target } from './target';

/** Small request helpers so tests read as the HTTP calls they make. */
export function client(target: Target, token: string | null = target.adminToken) {
  const headers = (extra?: Record<string, string>): Headers => {
    const h = new Headers(extra);
    if (token !== null && !h.has('authorization')) h.set('authorization', `Bearer ${token}`);
    return h;
  };
  const send = (method: string, path: string, body?: unknown, extra?: Record<string, string>) => {
    const h = headers(extra);
    let payload: string | undefined;
    if (body !== undefined) {
      if (typeof body === 'string') payload = body;
      else {
        payload = JSON.stringify(body);
        if (!h.has('content-type')) h.set('content-type', 'application/json');
      }
    }
    return target.fetch(path, { method, headers: h, body: payload });
  };
  return {
    get: (path: string, extra?: Record<string, string>) => send('GET', path, undefined, extra),
    post: (path: string, body?: unknown, extra?: Record<string, string>) => send('POST', path, body, extra),
    patch: (path: string, body?: unknown, extra?: Record<string, string>) => send('PATCH', path, body, extra),
    delete: (path: string, extra?: Record<string, string>) => send('DELETE', path, undefined, extra),
    send,
  };
}

export type Client = ReturnType<typeof client>;

/** Creates a user of the given role through the API and returns a client acting as it. */
export async function userWithRole(target: Target, role: string, extra: Record<string, unknown> = {}) {
  const res = await client(target).post('/api/v1/users', { name: `${role} user`, role, ...extra });
  if (res.status !== 201) throw new Error(`creating a ${role} user failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; token: string };
  return { id: body.user.id, token: body.token, api: client(target, body.token) };
}

export async function problem(res: Response) {
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { path: string; message: string }[];
    requestId?: string;
  };
}
