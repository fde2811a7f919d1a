// Typed calls for importing lists of workers through the web (/api/v1/regencies/{code}/imports…,
// docs: helpers' api2.md "Imports through the web"). JSON calls go through api.ts's `send`
// (CSRF header, ApiError); the upload itself uses XMLHttpRequest because fetch reports no
// upload progress, and a 20 MB file on a village office's connection takes minutes.

import { ApiError, currentCsrfToken, send, type Problem } from './api';

export type JobState = 'parsing' | 'preview' | 'committing' | 'done' | 'failed';
export type SourceKind = 'office' | 'village';
export type Severity = 'error' | 'warning';

export interface MappingColumn {
  index: number;
  header: string;
  field: string | null;
}

export interface MappingField {
  field: string;
  label: string;
  required: boolean;
}

export interface RowIssue {
  code: string;
  message: string;
  field?: string | null;
  severity: Severity;
}

export interface PreviewRow {
  line: number;
  values: Record<string, string>;
  issues: RowIssue[];
}

export interface IssueGroup {
  code: string;
  /** What every row of the group has in common (never one row's value). */
  message: string;
  severity: Severity;
  count: number;
  lines: number[];
  /** A few distinct values of the group as read from the file, with their lines. */
  examples?: { line: number; value: string }[];
}

export interface FileIssue {
  code: string;
  message: string;
}

export interface ImportCounts {
  read: number;
  accepted: number;
  quarantined: number;
  updated: number;
  unchanged: number;
}

export interface ImportJob {
  id: string;
  state: JobState;
  file_name: string;
  source: string;
  source_kind: SourceKind;
  size_bytes: number;
  created_at: string;
  progress: { phase: 'parse' | 'commit'; done: number; total: number } | null;
  mapping: { columns: MappingColumn[]; fields: MappingField[]; from_template: boolean } | null;
  preview: { rows: PreviewRow[] } | null;
  issues: IssueGroup[];
  file_issues: FileIssue[];
  counts: ImportCounts | null;
  batch_id: number | null;
  error: { code: string; detail: string } | null;
}

export interface ImportBatch extends ImportCounts {
  id: number;
  source: string;
  source_kind: SourceKind;
  file_name: string;
  checksum: string;
  actor: string;
  created_at: string;
  open_quarantine: number;
}

export interface QuarantineRow {
  id: number;
  line: number;
  header: string[];
  cells: string[];
  issues: RowIssue[];
  resolved: boolean;
}

export interface ImportTemplate {
  source: string;
  columns: unknown[];
}

export interface UploadRequest {
  file: File;
  source: string;
  sourceKind: SourceKind;
  /** Dotted village code ("35.14.01.2001") for a list sent by one village; optional. */
  village?: string;
}

const base = (code: string) => `/api/v1/regencies/${encodeURIComponent(code)}`;

/** Reads the problem+json body of a failed XMLHttpRequest (or just its status). */
function problemOf(xhr: XMLHttpRequest): ApiError {
  let problem: Problem = { status: xhr.status };
  try {
    problem = { ...problem, ...(JSON.parse(xhr.responseText) as Problem) };
  } catch {
    // Not JSON (a proxy's 413 page, say): the status alone will do.
  }
  return new ApiError(xhr.status, problem);
}

export interface Upload {
  promise: Promise<ImportJob>;
  abort: () => void;
}

/**
 * Sends the file's raw bytes; `onProgress(sent, total)` follows the upload. Resolves with the
 * new job (202) whose parsing has only started. Rejects with ApiError (413 for files over
 * 100 MB, 422, status 0 when the network failed) or a DOMException "AbortError" after abort().
 */
export function uploadImport(
  code: string,
  request: UploadRequest,
  onProgress: (sent: number, total: number) => void,
): Upload {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({ source: request.source, source_kind: request.sourceKind });
  if (request.village) query.set('village', request.village);
  const promise = new Promise<ImportJob>((resolve, reject) => {
    xhr.open('POST', `${base(code)}/imports?${query.toString()}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(request.file.name));
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : request.file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((JSON.parse(xhr.responseText) as { job: ImportJob }).job);
        } catch {
          reject(new ApiError(xhr.status, { status: xhr.status, code: 'BAD_RESPONSE' }));
        }
      } else {
        reject(problemOf(xhr));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'UNAVAILABLE' }));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    xhr.send(request.file);
  });
  return { promise, abort: () => xhr.abort() };
}

export async function getImportJob(code: string, jobId: string, signal?: AbortSignal): Promise<ImportJob> {
  const body = await send<{ job: ImportJob }>(
    'GET',
    `${base(code)}/imports/jobs/${encodeURIComponent(jobId)}`,
    undefined,
    signal,
  );
  return body.job;
}

/** Re-parses with the person's mapping; `saveTemplate` keeps it for this source's next file. */
export async function setImportMapping(
  code: string,
  jobId: string,
  columns: { index: number; field: string | null }[],
  saveTemplate: boolean,
): Promise<ImportJob> {
  const body = await send<{ job: ImportJob }>(
    'PUT',
    `${base(code)}/imports/jobs/${encodeURIComponent(jobId)}/mapping`,
    { columns, save_template: saveTemplate },
  );
  return body.job;
}

export async function commitImport(code: string, jobId: string): Promise<ImportJob> {
  const body = await send<{ job: ImportJob }>(
    'POST',
    `${base(code)}/imports/jobs/${encodeURIComponent(jobId)}/commit`,
  );
  return body.job;
}

export function discardImport(code: string, jobId: string): Promise<void> {
  return send<void>('DELETE', `${base(code)}/imports/jobs/${encodeURIComponent(jobId)}`);
}

export async function listImportBatches(code: string, signal?: AbortSignal): Promise<ImportBatch[]> {
  const body = await send<{ items: ImportBatch[] }>('GET', `${base(code)}/imports`, undefined, signal);
  return body.items;
}

export function getQuarantine(
  code: string,
  batchId: number,
  after?: number,
  signal?: AbortSignal,
): Promise<{ items: QuarantineRow[]; next_after: number | null }> {
  const query = new URLSearchParams({ limit: '100' });
  if (after !== undefined) query.set('after', String(after));
  return send('GET', `${base(code)}/imports/${batchId}/quarantine?${query.toString()}`, undefined, signal);
}

/** Accepts a corrected quarantined row; ApiError 422 with `errors` when it still fails. */
export function fixQuarantineRow(
  code: string,
  rowId: number,
  values: Record<string, string>,
): Promise<{ worker_id: number }> {
  return send('POST', `${base(code)}/quarantine/${rowId}/fix`, { values });
}

export async function listImportTemplates(code: string, signal?: AbortSignal): Promise<ImportTemplate[]> {
  const body = await send<{ items: ImportTemplate[] }>('GET', `${base(code)}/import-templates`, undefined, signal);
  return body.items;
}

/** A 422's per-field errors (problem.errors), or []. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  const errors = (error.problem as Problem & { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as FieldError[]) : [];
}
