// Number, money and date formatting for the UI, in one place so that every page writes
// figures the same way. Indonesian is the default: 28.448, Rp 2.800.000.000, 24 September 2025.
// Money is integer rupiah (as the server sends it); the space after "Rp" is a no-break space
// (U+00A0) so that a figure never wraps away from its currency.

export type Lang = 'id' | 'en';

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions, key: string): Intl.NumberFormat {
  const cacheKey = `${lang}:${key}`;
  let format = numberFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], options);
    numberFormats.set(cacheKey, format);
  }
  return format;
}

/** A whole or decimal count: 28448 -> "28.448" (id) or "28,448" (en). */
export function formatNumber(value: number, lang: Lang = 'id'): string {
  return numberFormat(lang, { maximumFractionDigits: 2 }, 'number').format(value);
}

/** A share in [0, 1] with one decimal: 0.527 -> "52,7%" (id) or "52.7%" (en). */
export function formatPercent(share: number, lang: Lang = 'id'): string {
  return numberFormat(
    lang,
    { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 },
    'percent',
  ).format(share);
}

/**
 * A share with two decimals and a space before the sign, as monitoring figures are written
 * (coverage against a target): 0.213412 -> "21,34 %" (id) or "21.34 %" (en). The space is a
 * no-break space so that the sign never wraps away from its figure.
 */
export function formatShare(share: number, lang: Lang = 'id'): string {
  if (!Number.isFinite(share)) throw new RangeError(`formatShare: not a number: ${share}`);
  const text = numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }, 'share').format(share * 100);
  return `${text}\u00a0%`;
}

/**
 * Integer rupiah: 2800000000 -> "Rp 2.800.000.000" in both languages (rupiah are always
 * written the Indonesian way in official documents); negative amounts get a leading minus.
 */
export function formatRupiah(rupiah: number): string {
  if (!Number.isFinite(rupiah)) throw new RangeError(`formatRupiah: not a number: ${rupiah}`);
  const digits = numberFormat('id', { maximumFractionDigits: 0 }, 'rupiah').format(Math.abs(rupiah));
  return `${rupiah < 0 ? '-' : ''}Rp\u00a0${digits}`;
}

const RUPIAH_UNITS: Record<Lang, readonly [number, string][]> = {
  id: [[1e12, 'T'], [1e9, 'M'], [1e6, 'jt'], [1e3, 'rb']],
  en: [[1e12, 'tn'], [1e9, 'bn'], [1e6, 'mn'], [1e3, 'k']],
};

/**
 * Rupiah shortened for a chart's axis: 2800000000 -> "Rp 2,8 M" (miliar), 477926400 ->
 * "Rp 477,9 jt" (juta); English "Rp 2.8 bn", "Rp 477.9 mn". Tables keep the whole figure.
 */
export function formatRupiahShort(rupiah: number, lang: Lang = 'id'): string {
  if (!Number.isFinite(rupiah)) throw new RangeError(`formatRupiahShort: not a number: ${rupiah}`);
  const size = Math.abs(rupiah);
  const unit = RUPIAH_UNITS[lang].find(([step]) => size >= step);
  const sign = rupiah < 0 ? '-' : '';
  if (!unit) return `${sign}Rp\u00a0${formatNumber(size, lang)}`;
  const scaled = numberFormat(lang, { maximumFractionDigits: 1 }, 'short').format(size / unit[0]);
  return `${sign}Rp\u00a0${scaled}\u00a0${unit[1]}`;
}

const MONTHS: Record<Lang, readonly string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September',
    'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'],
};

/** The twelve month names, January first: for a month picker that speaks the UI's language. */
export function monthNames(lang: Lang = 'id'): readonly string[] {
  return MONTHS[lang];
}

/**
 * A calendar date "YYYY-MM-DD" (as the API sends it) -> "24 September 2025". The string is read
 * as a plain date, not an instant, so the browser's time zone can never shift the day.
 * Throws RangeError on anything that is not a real date.
 */
export function formatDate(isoDate: string, lang: Lang = 'id'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`formatDate: not a YYYY-MM-DD date: ${isoDate}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`formatDate: no such date: ${isoDate}`);
  }
  return `${day} ${MONTHS[lang][month - 1]} ${year}`;
}

/**
 * A month "YYYY-MM" (a verval period) -> "Oktober 2025" (id) or "October 2025" (en). Throws
 * RangeError on anything else.
 */
export function formatMonth(period: string, lang: Lang = 'id'): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!match) throw new RangeError(`formatMonth: not a YYYY-MM month: ${period}`);
  return `${MONTHS[lang][Number(match[2]) - 1]} ${match[1]}`;
}

/** A date the API may leave empty (null or ""): the formatted date, or "–". Never throws. */
export function formatOptionalDate(isoDate: string | null | undefined, lang: Lang = 'id'): string {
  if (!isoDate) return '–';
  try {
    return formatDate(isoDate, lang);
  } catch {
    return isoDate;
  }
}

/**
 * A birth as the API gives it: the date when the role may see it, else the year alone (roles
 * that see NIKs masked get no date: docs/privacy.md), else "–".
 */
export function formatBirth(isoDate: string | null | undefined, year: number | null | undefined, lang: Lang = 'id'): string {
  if (isoDate) return formatOptionalDate(isoDate, lang);
  return year ? String(year) : '–';
}

/**
 * The zone every time of day is shown in: the office's (WIB), whatever the browser's own zone,
 * so that one change shows the same time on the worker page, the audit trail and a printed
 * minute. (Every regency jaring serves today is in East Java; one in WITA or WIT would need
 * its zone from the region.)
 */
export const OFFICE_TIME_ZONE = 'Asia/Jakarta';

/**
 * An instant "2026-11-23T03:00:00Z" -> "23 November 2026 10.00" (id; hours and minutes with a
 * dot, as Indonesians write them) or "23 November 2026 10:00" (en), in `timeZone` (default: the
 * office's, WIB). Returns the input unchanged when it is not a timestamp.
 */
export function formatDateTime(iso: string, lang: Lang = 'id', timeZone: string = OFFICE_TIME_ZONE): string {
  const instant = new Date(iso);
  if (!iso || Number.isNaN(instant.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const separator = lang === 'id' ? '.' : ':';
  return `${Number(part('day'))} ${MONTHS[lang][Number(part('month')) - 1]} ${part('year')} ${part('hour')}${separator}${part('minute')}`;
}

/**
 * The rows a page shows, 1-based and inclusive: page 2 of 50 with 120 rows -> {from: 51, to: 100}.
 * An empty list or a page past the end gives {from: 0, to: 0}.
 */
export function pageRange(page: number, pageSize: number, total: number): { from: number; to: number } {
  const from = (page - 1) * pageSize + 1;
  if (total <= 0 || pageSize <= 0 || page < 1 || from > total) return { from: 0, to: 0 };
  return { from, to: Math.min(page * pageSize, total) };
}

/**
 * Paging of a server list whose total may be a lower bound: with `totalExact` false, MORE than
 * `total` rows match and the server promises total >= page * pageSize, so a next page exists.
 * `shown` is the number of rows on this page. `pages` is the page count, or with `more` true
 * the number of pages known to exist ("more than 200 pages").
 */
export function listPaging(
  page: number,
  pageSize: number,
  total: number,
  totalExact: boolean,
  shown: number,
): { from: number; to: number; pages: number; more: boolean; hasNext: boolean } {
  const known = totalExact ? total : Math.max(total, (page - 1) * pageSize + shown);
  const { from, to } = pageRange(page, pageSize, totalExact ? total : (page - 1) * pageSize + shown);
  const pages = pageSize > 0 ? Math.max(1, Math.ceil(known / pageSize)) : 1;
  return { from, to, pages, more: !totalExact, hasNext: totalExact ? page < pages : shown > 0 };
}
