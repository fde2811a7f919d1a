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

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
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
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as T;
}

export async function listRegencies(signal?: AbortSignal): Promise<Regency[]> {
  const body = await getJson<{ items: Regency[] }>('/api/v1/regencies', signal);
  return body.items;
}

export function getDashboard(code: string, signal?: AbortSignal): Promise<Dashboard> {
  return getJson<Dashboard>(`/api/v1/regencies/${encodeURIComponent(code)}/dashboard`, signal);
}
