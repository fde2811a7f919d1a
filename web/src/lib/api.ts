// Typed access to the jaring HTTP API (/api/v1). Failures become ApiError carrying the
// server's RFC 9457 problem (its `detail` is already Indonesian and safe to show), or
// status 0 when the server could not be reached at all.

export interface Regency {
  code: string;
  name: string;
  workers: number;
  /** Demo mode, the demo regency only: the month ("2025-07") the demo's data and extracts are for. */
  demo_period?: string;
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
  /** Persons of the newest settled month when `settled` is set, else the registry's records. */
  workers_total: number;
  /** Records in the registry: every status, duplicates included. */
  registry_rows: number;
  settled: { period: string; version: number; persons: number; settled_at: string } | null;
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

/** One field's validation failure of a 422 answer. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: FieldError[];
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

export function send<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  if (body === undefined) return request<T>(method, path, undefined, undefined, signal);
  return request<T>(method, path, JSON.stringify(body), 'application/json', signal);
}

/** Sends JSON text exactly as written (a policy file); answers and failures as `send`. */
export function sendJsonText<T>(method: string, path: string, text: string, signal?: AbortSignal): Promise<T> {
  return request<T>(method, path, text, 'application/json', signal);
}

/**
 * Sends a file's raw bytes as the body (extract and answer uploads), with `headers` such as
 * X-File-Name; answers and failures as `send`.
 */
export function sendBytes<T>(method: string, path: string, body: Blob, signal?: AbortSignal, headers?: Record<string, string>): Promise<T> {
  return request<T>(method, path, body, 'application/octet-stream', signal, headers);
}

/** The ApiError of a failed answer, with the server's problem when it sent one. */
async function failureOf(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status };
  try {
    problem = { ...problem, ...((await response.json()) as Problem) };
  } catch {
    // Not a problem+json body (a proxy's error page, say): status alone will do.
  }
  const error = new ApiError(response.status, problem);
  error.retryAfter = Number(response.headers.get('Retry-After') ?? '') || undefined;
  return error;
}

async function request<T>(
  method: string,
  path: string,
  body: BodyInit | undefined,
  contentType: string | undefined,
  signal?: AbortSignal,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'UNAVAILABLE' });
  }
  if (!response.ok) throw await failureOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Sends JSON and takes a file back (a PDF the server makes on a POST): the bytes and the answer's
 * headers; failures as `send` (the problem+json of a refusal).
 */
export async function sendForFile(method: string, path: string, body: unknown): Promise<{ blob: Blob; headers: Headers }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/pdf, application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'UNAVAILABLE' });
  }
  if (!response.ok) throw await failureOf(response);
  return { blob: await response.blob(), headers: response.headers };
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

// --- Registry -------------------------------------------------------------------------------

export type WorkerStatus = 'aktif' | 'calon' | 'ditangguhkan' | 'meninggal' | 'dikeluarkan';
export const WORKER_STATUSES: readonly WorkerStatus[] = ['aktif', 'calon', 'ditangguhkan', 'meninggal', 'dikeluarkan'];
export const AGE_BANDS = ['17-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export const WORKER_SORTS = ['name', 'nik', 'birth_date', 'updated_at', 'district'] as const;
export type WorkerSortKey = (typeof WORKER_SORTS)[number];

export interface WorkerListItem {
  id: number;
  nik: string;
  nik_masked: boolean;
  name: string;
  sex: 'L' | 'P';
  birth_date: string | null;
  /** The year alone: what roles that see NIKs masked get instead of birth_date and age. */
  birth_year: number | null;
  age: number | null;
  village_code: string;
  village_name: string;
  district_code: string;
  district_name: string;
  occupation: string;
  occupation_label: string;
  status: WorkerStatus;
  source: string;
  has_issues: boolean;
  updated_at: string;
}

export interface WorkerList {
  items: WorkerListItem[];
  /** Matching workers; when total_exact is false, MORE than this many match. */
  total: number;
  /** Absent from older servers: treat as true. */
  total_exact?: boolean;
  page: number;
  page_size: number;
}

export interface HouseholdMember {
  id: number;
  name: string;
  nik: string;
  nik_masked: boolean;
  sex: 'L' | 'P';
  birth_date: string | null;
  birth_year: number | null;
}

export interface AuditChange {
  at: string;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface WorkerDetail extends WorkerListItem {
  kk: string;
  name_original: string;
  birth_place: string;
  address: string;
  phone: string;
  created_at: string;
  household: HouseholdMember[];
  history: AuditChange[];
  batches: { id: number; file_name: string; source: string; created_at: string }[];
  issues: { code: string; message: string }[];
  can_edit: boolean;
  can_unmask: boolean;
}

/** The fields PATCH accepts. */
export const EDITABLE_FIELDS = [
  'nik', 'kk', 'name', 'sex', 'birth_place', 'birth_date', 'address', 'village_code', 'occupation', 'phone',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type WorkerPatch = Partial<Record<EditableField, string>>;

/** The list's filters, sort and page, as they appear in the page URL and in the API query. */
export interface WorkerQuery {
  q: string;
  district: string;
  village: string;
  occupation: string;
  status: string;
  source: string;
  sex: string;
  age_band: string;
  has_issues: string; // "", "true", "false"
  sort: string; // "name", "-name", …
  page: number;
  page_size: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const FILTER_KEYS = ['q', 'district', 'village', 'occupation', 'status', 'source', 'sex', 'age_band', 'has_issues'] as const;

export function emptyWorkerQuery(): WorkerQuery {
  return {
    q: '', district: '', village: '', occupation: '', status: '', source: '', sex: '', age_band: '',
    has_issues: '', sort: 'name', page: 1, page_size: DEFAULT_PAGE_SIZE,
  };
}

function isSort(value: string): boolean {
  return (WORKER_SORTS as readonly string[]).includes(value.replace(/^-/, ''));
}

/** Reads a page URL's query ("?status=aktif&page=2"); unknown or malformed values fall back to defaults. */
export function workerQueryFromSearch(search: string): WorkerQuery {
  const params = new URLSearchParams(search);
  const query = emptyWorkerQuery();
  for (const key of FILTER_KEYS) query[key] = (params.get(key) ?? '').trim();
  if (query.sex !== 'L' && query.sex !== 'P') query.sex = '';
  if (query.has_issues !== 'true' && query.has_issues !== 'false') query.has_issues = '';
  const sort = params.get('sort') ?? '';
  if (isSort(sort)) query.sort = sort;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page >= 1) query.page = page;
  const size = Number(params.get('page_size'));
  if (Number.isInteger(size) && size >= 1) query.page_size = Math.min(size, MAX_PAGE_SIZE);
  return query;
}

/** The query as URL parameters, defaults left out (so that a plain list has a plain URL). */
export function workerQueryParams(query: WorkerQuery, options: { paging?: boolean } = {}): Record<string, string> {
  const paging = options.paging ?? true;
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) if (query[key] !== '') out[key] = query[key];
  if (query.sort !== 'name') out.sort = query.sort;
  if (paging && query.page !== 1) out.page = String(query.page);
  if (paging && query.page_size !== DEFAULT_PAGE_SIZE) out.page_size = String(query.page_size);
  return out;
}

function search(params: Record<string, string>): string {
  const text = new URLSearchParams(params).toString();
  return text ? `?${text}` : '';
}

function regencyPath(code: string): string {
  return `/api/v1/regencies/${encodeURIComponent(code)}`;
}

export function listWorkers(code: string, query: WorkerQuery, signal?: AbortSignal): Promise<WorkerList> {
  const params = workerQueryParams(query);
  params.page = String(query.page);
  params.page_size = String(query.page_size);
  return getJson<WorkerList>(`${regencyPath(code)}/workers${search(params)}`, signal);
}

/** The download address of the filtered list (all pages) as xlsx or csv. */
export function workersExportUrl(code: string, query: WorkerQuery, format: 'xlsx' | 'csv'): string {
  return `${regencyPath(code)}/workers/export${search({ format, ...workerQueryParams(query, { paging: false }) })}`;
}

export function getWorker(code: string, id: number, signal?: AbortSignal): Promise<WorkerDetail> {
  return getJson<WorkerDetail>(`${regencyPath(code)}/workers/${id}`, signal);
}

export async function unmaskWorkerNik(code: string, id: number): Promise<string> {
  const body = await send<{ nik: string }>('POST', `${regencyPath(code)}/workers/${id}/unmask`, {});
  return body.nik;
}

/** Saves changed fields; ApiError 422 carries problem.errors per field. */
export function updateWorker(code: string, id: number, patch: WorkerPatch): Promise<WorkerDetail> {
  return send<WorkerDetail>('PATCH', `${regencyPath(code)}/workers/${id}`, patch);
}

export async function setWorkersStatus(code: string, ids: number[], status: WorkerStatus, reason: string): Promise<number> {
  const body = await send<{ changed: number }>('POST', `${regencyPath(code)}/workers/status`, { ids, status, reason });
  return body.changed;
}

// --- Audit ----------------------------------------------------------------------------------

export interface AuditEntry {
  sequence: number;
  at: string;
  actor: string;
  remote_address: string;
  action: string;
  record_type: string;
  record_id: string;
  regency_code: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditQuery {
  user: string;
  record_type: string;
  record_id: string;
  action: string;
  from: string;
  until: string;
}

export const AUDIT_FILTER_KEYS: readonly (keyof AuditQuery)[] = ['user', 'record_type', 'record_id', 'action', 'from', 'until'];

export function auditQueryFromSearch(text: string): AuditQuery {
  const params = new URLSearchParams(text);
  const query = { user: '', record_type: '', record_id: '', action: '', from: '', until: '' };
  for (const key of AUDIT_FILTER_KEYS) query[key] = (params.get(key) ?? '').trim();
  for (const key of ['from', 'until'] as const) if (!/^\d{4}-\d{2}-\d{2}$/.test(query[key])) query[key] = '';
  return query;
}

export function listAudit(
  query: AuditQuery,
  before: number | null,
  signal?: AbortSignal,
): Promise<{ items: AuditEntry[]; next_before: number | null }> {
  const params: Record<string, string> = {};
  for (const key of AUDIT_FILTER_KEYS) if (query[key] !== '') params[key] = query[key];
  if (before !== null) params.before = String(before);
  params.limit = '100';
  return getJson(`/api/v1/audit${search(params)}`, signal);
}
