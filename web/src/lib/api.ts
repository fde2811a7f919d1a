// Typed access to the jaring HTTP API (/api/v1). Failures become ApiError carrying the
// server's RFC 9457 problem (its `detail` is already Indonesian and safe to show), or
// status 0 when the server could not be reached at all.

export interface Regency {
  code: string;
  name: string;
  workers: number;
}

export interface CodeCount {
  code: string;
  count: number;
}

export interface DistrictCount extends CodeCount {
  name: string;
}

export interface OccupationCount extends CodeCount {
  label: string;
}

export interface AgeBandCount {
  band: string;
  count: number;
}

export interface Dashboard {
  regency: { code: string; name: string };
  as_of: string;
  workers_total: number;
  by_district: DistrictCount[];
  by_occupation: OccupationCount[];
  by_sex: CodeCount[];
  by_age_band: AgeBandCount[];
}

export interface SessionRole {
  role: string; // "admin_daerah", …
  name: string; // Indonesian display name from the server: "Admin Daerah", …
  scope: string; // "35.14" or "35"
  scope_name: string; // "Kabupaten Pasuruan"
}

export interface Session {
  user: { id: number; username: string };
  roles: SessionRole[];
  permissions: string[];
  csrf_token: string | null;
  must_change_password: boolean;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
}

export class ApiError extends Error {
  /** Seconds from a Retry-After header (throttled sign-in), if any. */
  retryAfter?: number;

  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/**
 * The session's CSRF token, sent as X-CSRF-Token with every request that changes state. Kept
 * in memory only: the session cookie itself is HttpOnly and never visible to scripts.
 */
let csrfToken: string | null = null;
export const currentCsrfToken = (): string | null => csrfToken; // for XMLHttpRequest uploads (lib/importApi.ts)

function rememberSession(session: Session): Session {
  csrfToken = session.csrf_token;
  return session;
}

export async function send<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'UNAVAILABLE' });
  }
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...problem, ...((await response.json()) as Problem) };
    } catch {
      // Not a problem+json body (a proxy's error page, say): status alone will do.
    }
    const error = new ApiError(response.status, problem);
    error.retryAfter = Number(response.headers.get('Retry-After') ?? '') || undefined;
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return send<T>('GET', path, undefined, signal);
}

/** Who is signed in; ApiError 401 when nobody is. */
export async function getSession(signal?: AbortSignal): Promise<Session> {
  return rememberSession(await getJson<Session>('/api/v1/session', signal));
}

/** Signs in (sets the HttpOnly session cookie); ApiError 401 for wrong credentials, 429 when throttled. */
export async function signIn(username: string, password: string): Promise<Session> {
  return rememberSession(await send<Session>('POST', '/api/v1/session', { username, password }));
}

export async function signOut(): Promise<void> {
  try {
    await send<void>('DELETE', '/api/v1/session');
  } finally {
    csrfToken = null;
  }
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return send<void>('POST', '/api/v1/session/password', {
    current_password: currentPassword,
    new_password: newPassword,
  });
}

export async function listRegencies(signal?: AbortSignal): Promise<Regency[]> {
  const body = await getJson<{ items: Regency[] }>('/api/v1/regencies', signal);
  return body.items;
}

export function getDashboard(code: string, signal?: AbortSignal): Promise<Dashboard> {
  return getJson<Dashboard>(`/api/v1/regencies/${encodeURIComponent(code)}/dashboard`, signal);
}
