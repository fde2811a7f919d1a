// Typed calls for enrolment (kepesertaan, issue 13 item 5) under /api/v1/regencies/{code}/…:
// a program's batches, their approval and BPJS file, the branch's answers, the program's
// ineligible list and a worker's coverage history. The shapes are those of
// src/services/enrolment_views.cpp (ToJson) and the routes of src/http/enrolment_routes.hpp.
// Months are "YYYY-MM", dates "YYYY-MM-DD"; NIKs arrive as the viewer may see them (masked or
// not). Failures are api.ts's ApiError (the server's Indonesian `detail`).

import { send, sendBytes } from './api';

/** How a batch's persons were chosen from the settled month. */
export interface SelectionCounts {
  /** Persons on the settled list. */
  settled: number;
  /** Left out by the program's rules. */
  ineligible: number;
  /** Eligible, already covered or waiting in an earlier batch of the program. */
  already: number;
  /** Eligible and not yet enrolled. */
  eligible: number;
  /** Taken into this batch (quota permitting). */
  selected: number;
  /** Eligible beyond the quota. */
  waiting: number;
  /** The priority order applied (program.priority codes). */
  priority: string[];
  /** Priority rules the registry cannot apply yet (no data for them). */
  priority_without_data: string[];
}

export type BatchStatus = 'created' | 'approved' | 'answered';
export const BATCH_STATUSES: readonly BatchStatus[] = ['created', 'approved', 'answered'];

/** Members by answer state: sent (no answer yet), matched, name_differs, rejected. */
export type MemberStates = Partial<Record<'sent' | 'matched' | 'name_differs' | 'rejected', number>>;

export interface Batch {
  id: number;
  program_id: number;
  program_name: string;
  /** The settled month the batch was chosen from. */
  period: string;
  /** "JRG-35.14-P1-B3": written in every row of the file, read back from answers. */
  reference: string;
  status: BatchStatus | string;
  workers: number;
  counts: SelectionCounts;
  actor: string;
  created_at: string;
  approved_by: string | null;
  approved_at: string | null;
  answered_at: string | null;
  /** Only from GET …/enrolment-batches/{id}, not from the list. */
  states?: MemberStates;
}

export interface AnswerCounts {
  matched: number;
  unknown: number;
  rejected: number;
  name_differs: number;
  /** New coverage periods (a repeated answer starts none). */
  coverage_started: number;
}

/** A row of an answer to follow up: a NIK nobody sent, a rejection, a name spelt differently. */
export interface AnswerLine {
  /** The line of the branch's file. */
  line: number;
  kind: 'unknown' | 'rejected' | 'name_differs' | string;
  nik: string;
  worker_id: number | null;
  batch_id: number | null;
  name_sent: string | null;
  name_answered: string | null;
  kpj: string | null;
  reason: string | null;
}

export interface Answer extends AnswerCounts {
  /** The answer's id. */
  answer: number;
  program_id: number;
  file_name: string;
  checksum: string;
  actor: string;
  created_at: string;
  /** Filled by the upload and by GET …/answers/{id}; empty in the list. */
  lines: AnswerLine[];
}

export interface Reason {
  code: string;
  /** The server's Indonesian words ("Usia di atas batas program"). */
  label: string;
}

export interface IneligibleWorker {
  worker_id: number;
  nik: string;
  name: string;
  village_code: string;
  occupation: string;
  birth_date: string | null;
  period: string;
  reasons: Reason[];
}

export interface CoveragePeriod {
  program_id: number;
  program_name: string;
  kpj: string;
  start: string;
  end: string;
  start_reason: string;
  end_reason: string;
  batch_id: number;
}

export interface WorkerEnrolment {
  batch_id: number;
  program_id: number;
  program_name: string;
  period: string;
  batch_status: string;
  state: string;
  kpj: string | null;
  reason: string | null;
}

export interface WorkerCoverage {
  worker_id: number;
  coverage: CoveragePeriod[];
  enrolments: WorkerEnrolment[];
  ineligible: { program_id: number; program_name: string; period: string; reasons: Reason[] }[];
}

const regencyPath = (code: string) => `/api/v1/regencies/${encodeURIComponent(code)}`;
const programPath = (code: string, id: number) => `${regencyPath(code)}/programs/${id}`;
const batchPath = (code: string, id: number) => `${regencyPath(code)}/enrolment-batches/${id}`;

export async function listBatches(code: string, programId: number, signal?: AbortSignal): Promise<Batch[]> {
  const body = await send<{ items: Batch[] }>('GET', `${programPath(code, programId)}/batches`, undefined, signal);
  return body.items;
}

/** One batch with its members' answer states. */
export function getBatch(code: string, id: number, signal?: AbortSignal): Promise<Batch> {
  return send<Batch>('GET', batchPath(code, id), undefined, signal);
}

/** A batch from a settled month; 409 while the month is not settled. */
export function createBatch(code: string, programId: number, period: string): Promise<Batch> {
  return send<Batch>('POST', `${programPath(code, programId)}/batches`, { period });
}

/** The verifikator's approval; refused for the batch's creator and for one approved already. */
export function approveBatch(code: string, id: number): Promise<Batch> {
  return send<Batch>('POST', `${batchPath(code, id)}/approval`, {});
}

/** The download address of the batch's collective-registration file (.xlsx). */
export const batchFileUrl = (code: string, id: number) => `${batchPath(code, id)}/file`;

/** Sends the branch's answer (.xlsx or .csv) as written; the program's counts and lines come back. */
export function uploadAnswer(code: string, programId: number, file: File): Promise<Answer> {
  return sendBytes<Answer>('POST', `${regencyPath(code)}/enrolment-answers?program=${programId}`, file, undefined, {
    'X-File-Name': encodeURIComponent(file.name),
  });
}

/** The program's answers, newest first, without their lines. */
export async function listAnswers(code: string, programId: number, signal?: AbortSignal): Promise<Answer[]> {
  const body = await send<{ items: Answer[] }>('GET', `${programPath(code, programId)}/answers`, undefined, signal);
  return body.items;
}

export function getAnswer(code: string, programId: number, answerId: number, signal?: AbortSignal): Promise<Answer> {
  return send<Answer>('GET', `${programPath(code, programId)}/answers/${answerId}`, undefined, signal);
}

/** Who the program's rules left out at its last selection, and why. */
export async function listIneligible(code: string, programId: number, signal?: AbortSignal): Promise<IneligibleWorker[]> {
  const body = await send<{ items: IneligibleWorker[] }>('GET', `${programPath(code, programId)}/ineligible`, undefined, signal);
  return body.items;
}

/** The ineligible list as a spreadsheet for the villages (export_personal_data). */
export const ineligibleXlsxUrl = (code: string, programId: number) => `${programPath(code, programId)}/ineligible?format=xlsx`;

export function getWorkerCoverage(code: string, workerId: number, signal?: AbortSignal): Promise<WorkerCoverage> {
  return send<WorkerCoverage>('GET', `${regencyPath(code)}/workers/${workerId}/coverage`, undefined, signal);
}
