// Pure helpers of the import pages (no DOM, no fetch): mapping checks and edits, which cells of a
// preview row carry issues, and prefilling the fix form of a quarantined row from its original
// cells. Unit tests: logic.test.ts.

import type { MappingColumn, MappingField, PreviewRow, Severity } from '../../lib/importApi';

export interface MappingCheck {
  /** Required fields (NIK, name, …) no column is mapped to. */
  missingRequired: string[];
  /** Fields that two or more columns claim (the server keeps one; the person should choose). */
  duplicated: { field: string; indexes: number[] }[];
  /** Columns mapped to nothing: their cells are kept with each row, but not read. */
  unmapped: number[];
}

export function checkMapping(columns: readonly MappingColumn[], fields: readonly MappingField[]): MappingCheck {
  const byField = new Map<string, number[]>();
  const unmapped: number[] = [];
  for (const column of columns) {
    if (column.field === null || column.field === '') {
      unmapped.push(column.index);
      continue;
    }
    const list = byField.get(column.field) ?? [];
    list.push(column.index);
    byField.set(column.field, list);
  }
  const missingRequired = fields.filter((f) => f.required && !byField.has(f.field)).map((f) => f.field);
  const duplicated = [...byField.entries()]
    .filter(([, indexes]) => indexes.length > 1)
    .map(([field, indexes]) => ({ field, indexes }));
  return { missingRequired, duplicated, unmapped };
}

/**
 * Maps column `index` to `field` (null: to nothing). A field lives in one column only, as on the
 * server (intake::ColumnMapping::Set): any other column holding it becomes unmapped.
 */
export function assignField(
  columns: readonly MappingColumn[],
  index: number,
  field: string | null,
): MappingColumn[] {
  return columns.map((column) => {
    if (column.index === index) return { ...column, field };
    if (field !== null && column.field === field) return { ...column, field: null };
    return column;
  });
}

/** Field -> worst severity among the row's issues; issues without a field are under "". */
export function issueSeverityByField(row: PreviewRow): Map<string, Severity> {
  const result = new Map<string, Severity>();
  for (const issue of row.issues) {
    const key = issue.field ?? '';
    if (result.get(key) !== 'error') result.set(key, issue.severity);
  }
  return result;
}

/** "error" when any issue of the row is an error, "warning" when only warnings, else null. */
export function rowSeverity(row: { issues: { severity: Severity }[] }): Severity | null {
  if (row.issues.some((i) => i.severity === 'error')) return 'error';
  return row.issues.length > 0 ? 'warning' : null;
}

/** Fraction in [0, 1] of a job's progress, or null when the total is unknown (0). */
export function progressFraction(progress: { done: number; total: number } | null | undefined): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

// --- Prefilling the fix form of a quarantined row -------------------------------------------

/** Like intake::HeaderKey: ASCII letters lower-cased and digits; everything else dropped. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Header keys (see headerKey) of the common headers of village and office lists, by field. A
// subset of the server's DetectMapping: good enough to prefill a form the person then checks.
const HEADER_KEYS: Record<string, readonly string[]> = {
  nik: ['nik', 'noktp', 'nomorktp', 'ktp', 'nikktp', 'noinduk', 'nomorindukkependudukan', 'noidentitas'],
  kk: ['kk', 'nokk', 'nomorkk', 'nokartukeluarga', 'nomorkartukeluarga'],
  name: ['nama', 'name', 'namalengkap', 'namapekerja', 'namasesuaiktp', 'fullname'],
  sex: ['jeniskelamin', 'jk', 'lp', 'kelamin', 'sex', 'gender'],
  birth_place: ['tempatlahir', 'tmplahir', 'tmptlahir', 'birthplace'],
  birth_date: ['tanggallahir', 'tgllahir', 'tgllhr', 'tanggallhr', 'birthdate', 'dateofbirth', 'dob'],
  birth_place_date: ['ttl', 'tempattanggallahir', 'tempattgllahir', 'tempattgllhr'],
  address: ['alamat', 'address', 'alamatlengkap', 'jalan'],
  dusun: ['dusun', 'dsn'],
  rt: ['rt'],
  rw: ['rw'],
  rt_rw: ['rtrw'],
  village: ['desa', 'kelurahan', 'desakelurahan', 'desakel', 'village', 'namadesa'],
  district: ['kecamatan', 'kec', 'district', 'namakecamatan'],
  village_code: ['kodedesa', 'villagecode', 'kodewilayah'],
  occupation: ['pekerjaan', 'jenispekerjaan', 'occupation', 'profesi'],
  phone: ['nohp', 'hp', 'telepon', 'notelp', 'telp', 'nohpwa', 'wa', 'phone', 'nomorhp'],
};

const FIELD_BY_KEY = new Map<string, string>(
  Object.entries(HEADER_KEYS).flatMap(([field, keys]) => keys.map((key) => [key, field] as [string, string])),
);

/** The worker field a header names, or null. */
export function guessField(header: string): string | null {
  return FIELD_BY_KEY.get(headerKey(header)) ?? null;
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nop: 11, nopember: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

function isoIfReal(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A birth date as village lists write it -> "YYYY-MM-DD", or null: "17 Agustus 1980",
 * "17-08-1980", "17/8/1980", "17.08.1980", "1980-08-17". Day first (Indonesian order); two-digit
 * years are not guessed (the person types the year).
 */
export function parseLooseDate(text: string): string | null {
  const value = text.trim().toLowerCase();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) return isoIfReal(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (match) return isoIfReal(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$/.exec(value);
  if (match && MONTHS[match[2]]) return isoIfReal(Number(match[3]), MONTHS[match[2]], Number(match[1]));
  return null;
}

/** "Laki-laki", "L", "pria" -> "L"; "Perempuan", "P", "wanita" -> "P"; else "". */
export function normalizeSex(text: string): string {
  const key = headerKey(text);
  if (['l', 'lk', 'laki', 'lakilaki', 'pria', 'male', 'm'].includes(key)) return 'L';
  if (['p', 'pr', 'perempuan', 'wanita', 'female', 'f', 'w'].includes(key)) return 'P';
  return '';
}

/** Fields of the fix form, in the order shown. */
export const FIX_FIELDS = [
  'nik',
  'name',
  'sex',
  'birth_place',
  'birth_date',
  'kk',
  'address',
  'village',
  'district',
  'village_code',
  'occupation',
  'phone',
] as const;
export type FixField = (typeof FIX_FIELDS)[number];
export type FixValues = Record<FixField, string>;

/**
 * The fix form's starting values from a quarantined row's header and cells: each recognised
 * column's cell, dates turned into YYYY-MM-DD when readable (else left for the person), sex as
 * L/P, "Tempat, Tanggal Lahir" split, dusun/RT/RW joined into the address. A damaged NIK
 * ("3.51401E+15") is kept as written so that the person sees what must be retyped.
 */
export function prefillFix(header: readonly string[], cells: readonly string[]): FixValues {
  const values = Object.fromEntries(FIX_FIELDS.map((f) => [f, ''])) as FixValues;
  const extra: Record<string, string> = {};
  header.forEach((h, i) => {
    const field = guessField(h);
    const cell = (cells[i] ?? '').trim();
    if (!field || cell === '') return;
    if ((FIX_FIELDS as readonly string[]).includes(field)) {
      if (values[field as FixField] === '') values[field as FixField] = cell;
    } else if (!(field in extra)) {
      extra[field] = cell;
    }
  });
  if (extra.birth_place_date) {
    const comma = extra.birth_place_date.indexOf(',');
    if (comma >= 0) {
      if (!values.birth_place) values.birth_place = extra.birth_place_date.slice(0, comma).trim();
      if (!values.birth_date) values.birth_date = extra.birth_place_date.slice(comma + 1).trim();
    } else if (!values.birth_date) {
      values.birth_date = extra.birth_place_date;
    }
  }
  if (values.birth_date) values.birth_date = parseLooseDate(values.birth_date) ?? values.birth_date;
  if (values.sex) values.sex = normalizeSex(values.sex) || values.sex;
  if (/^[\d\s.'-]+$/.test(values.nik) && !/e/i.test(values.nik)) values.nik = values.nik.replace(/\D/g, '');
  if (/^[\d\s.'-]+$/.test(values.kk)) values.kk = values.kk.replace(/\D/g, '');
  const rtRw = extra.rt_rw ?? [extra.rt, extra.rw].filter(Boolean).join('/');
  const parts = [values.address, extra.dusun ? `Dusun ${extra.dusun}` : '', rtRw ? `RT/RW ${rtRw}` : ''];
  values.address = parts.filter(Boolean).join(', ');
  return values;
}

/** The values to send: trimmed, empty ones left out (the server's rules say what is required). */
export function fixPayload(values: Partial<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) {
    const trimmed = (value ?? '').trim();
    if (trimmed !== '') result[field] = trimmed;
  }
  return result;
}

/** Up to `max` line numbers as "4, 9, 17" plus "…" when there are more issues than lines shown. */
export function exampleLines(lines: readonly number[], count: number, max = 8): string {
  const shown = lines.slice(0, max).join(', ');
  return count > Math.min(lines.length, max) ? `${shown}, …` : shown;
}

/** New workers of an import: the server's `accepted` counts inserted and updated rows. */
export function newCount(counts: { accepted: number; updated: number }): number {
  return Math.max(0, counts.accepted - counts.updated);
}

/** An ISO instant "2026-11-23T03:00:00Z" -> local "YYYY-MM-DD" and "HH:MM" (for formatDate). */
export function localDateTime(iso: string): { date: string; time: string } | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA": the column letters the person sees in Excel. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
