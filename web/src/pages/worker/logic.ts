// Pure helpers of the worker page (/pekerja/{id}), no DOM and no fetch: the edit form's fields
// and starting values, the patch of what changed, where the server's field errors go, the
// choices of the occupation and village selects, and the name of an audit action.
// Unit tests: logic.test.ts.

import type { EditableField, FieldError, WorkerDetail, WorkerPatch } from '../../lib/api';
import { dictionaries, type MessageKey } from '../../lib/i18n';
import type { District } from '../import/villages';

/** An audit action in the UI language ("update" -> "Diubah"), else its code as recorded. */
export function actionLabel(action: string, t: (key: MessageKey) => string): string {
  const key = `action.${action}` as MessageKey;
  return key in dictionaries.id ? t(key) : action;
}

export interface EditFieldSpec {
  field: EditableField;
  label: MessageKey;
  type?: string;
  /** A textarea (the address). */
  multiline?: boolean;
  inputMode?: string;
  autocomplete?: string;
}

/** What the edit form offers, in order. */
export const EDIT_FIELDS: EditFieldSpec[] = [
  { field: 'name', label: 'field.name', autocomplete: 'off' },
  { field: 'nik', label: 'field.nik', inputMode: 'numeric' },
  { field: 'kk', label: 'field.kk', inputMode: 'numeric' },
  { field: 'sex', label: 'field.sex' },
  { field: 'birth_place', label: 'field.birth_place' },
  { field: 'birth_date', label: 'field.birth_date', type: 'date' },
  { field: 'address', label: 'field.address', multiline: true },
  { field: 'village_code', label: 'field.village', inputMode: 'decimal' },
  { field: 'occupation', label: 'field.occupation' },
  { field: 'phone', label: 'field.phone', type: 'tel', inputMode: 'tel' },
];

export type EditValues = Record<EditableField, string>;

/** The edit form's starting values: the worker's, missing ones as "". */
export function initialValues(worker: WorkerDetail): EditValues {
  return {
    nik: worker.nik ?? '',
    kk: worker.kk ?? '',
    name: worker.name ?? '',
    sex: worker.sex ?? '',
    birth_place: worker.birth_place ?? '',
    birth_date: worker.birth_date ?? '',
    address: worker.address ?? '',
    village_code: worker.village_code ?? '',
    occupation: worker.occupation ?? '',
    phone: worker.phone ?? '',
  };
}

/**
 * The fields that changed, trimmed (the address as typed: its line breaks are the person's). A
 * masked NIK is never sent back: it is not a value, only a picture of one.
 */
export function changedFields(worker: WorkerDetail, initial: EditValues, values: EditValues): WorkerPatch {
  const patch: WorkerPatch = {};
  for (const { field } of EDIT_FIELDS) {
    if (field === 'nik' && worker.nik_masked) continue;
    if (values[field] !== initial[field]) patch[field] = field === 'address' ? values[field] : values[field].trim();
  }
  return patch;
}

const isFormField = (field: string) => EDIT_FIELDS.some((f) => f.field === field);

/** The server's errors split into those shown next to a field of the form and the others. */
export function splitErrors(errors: readonly FieldError[]): { byField: Map<string, FieldError[]>; other: FieldError[] } {
  const byField = new Map<string, FieldError[]>();
  const other: FieldError[] = [];
  for (const error of errors) {
    if (!isFormField(error.field)) {
      other.push(error);
      continue;
    }
    byField.set(error.field, [...(byField.get(error.field) ?? []), error]);
  }
  return { byField, other };
}

/** The first field of the form the server found fault with (it gets the focus), or null. */
export function firstInvalidField(errors: readonly FieldError[]): string | null {
  return errors.find((e) => isFormField(e.field))?.field ?? null;
}

/**
 * The occupation select's choices: the regency's occupations, with the worker's own first when
 * it is not among them (an old code), so that opening the form changes nothing.
 */
export function occupationChoices(
  occupations: readonly { code: string; label: string }[],
  worker: Pick<WorkerDetail, 'occupation' | 'occupation_label'>,
): { code: string; label: string }[] {
  const choices = [...occupations];
  if (worker.occupation && !choices.some((o) => o.code === worker.occupation)) {
    choices.unshift({ code: worker.occupation, label: worker.occupation_label || worker.occupation });
  }
  return choices;
}

/** Whether `code` is a village of the list (else the select offers it as itself). */
export function isKnownVillage(districts: readonly District[], code: string): boolean {
  return districts.some((d) => d.villages.some((v) => v.code === code));
}
