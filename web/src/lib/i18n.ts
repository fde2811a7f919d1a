// The UI's words in Bahasa Indonesia (default) and English. Every visible string goes through
// `translate`; the Indonesian dictionary defines the keys and the English one must match it
// (the compiler checks). The chosen language is kept in localStorage and mirrored on <html lang>.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from './format';
import { billsEn, billsId } from './messages/bills';
import { claimsEn, claimsId } from './messages/claims';
import { enrolmentEn, enrolmentId } from './messages/enrolment';
import { importsEn, importsId } from './messages/imports';
import { monevEn, monevId } from './messages/monev';
import { policyEn, policyId } from './messages/policy';
import { programsEn, programsId } from './messages/programs';
import { registryEn, registryId } from './messages/registry';
import { vervalEn, vervalId } from './messages/verval';

const coreId = {
  'app.name': 'jaring',
  'app.tagline': 'Jaminan sosial ketenagakerjaan bagi pekerja rentan',
  'app.skip': 'Lewati ke konten utama',
  'lang.label': 'Bahasa',
  'lang.switchTo': 'English',
  'lang.switchToLabel': 'Switch to English',
  'nav.label': 'Navigasi utama',
  'nav.dashboard': 'Dasbor',
  'nav.workers': 'Pekerja',
  'nav.import': 'Impor',
  'nav.verval': 'Verval',
  'nav.programs': 'Program',
  'nav.policy': 'Versi aturan',
  'nav.claims': 'Klaim',
  'nav.monev': 'Monev',
  'nav.soon': 'segera',
  'regency.label': 'Kabupaten/kota',
  'regency.none': 'Belum ada data pekerja. Impor daftar pekerja terlebih dahulu.',
  'state.loading': 'Memuat data…',
  'state.error': 'Data tidak dapat dimuat.',
  'state.retry': 'Coba lagi',
  'state.network': 'Server tidak dapat dihubungi.',
  'monthField.month': 'Bulan',
  'monthField.year': 'Tahun',
  'dateField.day': 'Tanggal',
  'file.choose': 'Pilih berkas',
  'file.none': 'Belum ada berkas dipilih',
  'dashboard.title': 'Dasbor {regency}',
  'dashboard.asOf': 'Data per {date}',
  'dashboard.persons': 'Peserta (orang)',
  'dashboard.personsHint': 'orang berbeda dalam daftar yang ditetapkan {period}; register memuat {rows} baris',
  'dashboard.rows': 'Baris di register',
  'dashboard.rowsHint': 'belum ada bulan yang ditetapkan: data ganda dan yang meninggal masih terhitung',
  'dashboard.districts': 'Kecamatan',
  'dashboard.districtsHint': '{withWorkers} dari {all} kecamatan memiliki pekerja',
  'dashboard.male': 'Laki-laki',
  'dashboard.female': 'Perempuan',
  'dashboard.byDistrict': 'Pekerja per kecamatan',
  'dashboard.byDistrictNote': 'Diurutkan dari jumlah terbanyak',
  'dashboard.byOccupation': 'Pekerja per jenis pekerjaan',
  'dashboard.bySex': 'Pekerja menurut jenis kelamin',
  'dashboard.byAge': 'Pekerja menurut kelompok umur',
  'dashboard.ageUnit': '{band} tahun',
  'table.show': 'Lihat tabel data',
  'table.code': 'Kode',
  'table.district': 'Kecamatan',
  'table.occupation': 'Jenis pekerjaan',
  'table.sex': 'Jenis kelamin',
  'table.ageBand': 'Kelompok umur',
  'table.count': 'Jumlah pekerja',
  'table.share': 'Persentase',
  'table.total': 'Jumlah',
  'chart.label': 'Grafik: {title}. Angka lengkap ada di tabel data.',
  'chart.workers': 'pekerja',
  'chart.downloads': 'Unduhan grafik {title}',
  'chart.png': 'Unduh grafik (PNG)',
  'chart.pngFailed': 'Grafik tidak dapat dijadikan PNG di peramban ini.',
  'chart.xlsx': 'Unduh tabel (.xlsx)',
  'footer.note': 'jaring · data pribadi dilindungi UU 27/2022 tentang Pelindungan Data Pribadi',
  'signin.title': 'Masuk ke jaring',
  'signin.intro': 'Gunakan akun yang diberikan oleh admin kabupaten/kota Anda.',
  'signin.username': 'Nama pengguna',
  'signin.password': 'Kata sandi',
  'signin.submit': 'Masuk',
  'signin.busy': 'Sedang masuk…',
  'signin.invalid': 'Nama pengguna atau kata sandi salah.',
  'signin.required': 'Isi nama pengguna dan kata sandi.',
  'signin.throttled': 'Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.',
  'signin.failed': 'Tidak dapat masuk: {detail}',
  'user.label': 'Pengguna',
  'user.signOut': 'Keluar',
} as const;

// Page groups keep their words in lib/messages/*.ts so that they can grow apart.
const id = { ...coreId, ...importsId, ...registryId, ...vervalId, ...programsId, ...policyId, ...enrolmentId, ...billsId, ...claimsId, ...monevId };

export type MessageKey = keyof typeof id;

const coreEn: Record<keyof typeof coreId, string> = {
  'app.name': 'jaring',
  'app.tagline': 'Employment social security for vulnerable workers',
  'app.skip': 'Skip to main content',
  'lang.label': 'Language',
  'lang.switchTo': 'Bahasa Indonesia',
  'lang.switchToLabel': 'Ganti ke Bahasa Indonesia',
  'nav.label': 'Main navigation',
  'nav.dashboard': 'Dashboard',
  'nav.workers': 'Workers',
  'nav.import': 'Import',
  'nav.verval': 'Verification',
  'nav.programs': 'Programmes',
  'nav.policy': 'Rule versions',
  'nav.claims': 'Claims',
  'nav.monev': 'Monitoring',
  'nav.soon': 'soon',
  'regency.label': 'Regency/city',
  'regency.none': 'No workers yet. Import a list of workers first.',
  'state.loading': 'Loading data…',
  'state.error': 'The data could not be loaded.',
  'state.retry': 'Try again',
  'state.network': 'The server cannot be reached.',
  'monthField.month': 'Month',
  'monthField.year': 'Year',
  'dateField.day': 'Day',
  'file.choose': 'Choose file',
  'file.none': 'No file chosen',
  'dashboard.title': '{regency} dashboard',
  'dashboard.asOf': 'Data as of {date}',
  'dashboard.persons': 'Covered (persons)',
  'dashboard.personsHint': 'distinct persons on the list settled for {period}; the registry holds {rows} rows',
  'dashboard.rows': 'Rows in the registry',
  'dashboard.rowsHint': 'no month settled yet: duplicates and the dead are still counted',
  'dashboard.districts': 'Districts',
  'dashboard.districtsHint': '{withWorkers} of {all} districts have workers',
  'dashboard.male': 'Male',
  'dashboard.female': 'Female',
  'dashboard.byDistrict': 'Workers by district',
  'dashboard.byDistrictNote': 'Largest first',
  'dashboard.byOccupation': 'Workers by occupation',
  'dashboard.bySex': 'Workers by sex',
  'dashboard.byAge': 'Workers by age band',
  'dashboard.ageUnit': '{band} years',
  'table.show': 'Show data table',
  'table.code': 'Code',
  'table.district': 'District',
  'table.occupation': 'Occupation',
  'table.sex': 'Sex',
  'table.ageBand': 'Age band',
  'table.count': 'Workers',
  'table.share': 'Share',
  'table.total': 'Total',
  'chart.label': 'Chart: {title}. The full figures are in the data table.',
  'chart.workers': 'workers',
  'chart.downloads': 'Downloads of the chart {title}',
  'chart.png': 'Download the chart (PNG)',
  'chart.pngFailed': 'This browser could not make a PNG of the chart.',
  'chart.xlsx': 'Download the table (.xlsx)',
  'footer.note': 'jaring · personal data protected under Law 27/2022 on Personal Data Protection',
  'signin.title': 'Sign in to jaring',
  'signin.intro': 'Use the account your regency or city administrator gave you.',
  'signin.username': 'Username',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.busy': 'Signing in…',
  'signin.invalid': 'Wrong username or password.',
  'signin.required': 'Enter your username and password.',
  'signin.throttled': 'Too many failed attempts. Try again in {seconds} seconds.',
  'signin.failed': 'Could not sign in: {detail}',
  'user.label': 'User',
  'user.signOut': 'Sign out',
};

const en: Record<MessageKey, string> = { ...coreEn, ...importsEn, ...registryEn, ...vervalEn, ...programsEn, ...policyEn, ...enrolmentEn, ...billsEn, ...claimsEn, ...monevEn };

/**
 * Occupation names the server sends in Indonesian; English names for the codes we know
 * (the same as src/domain/occupation.cpp).
 */
const occupationsEn: Record<string, string> = {
  petani: 'Farmer',
  buruh_tani: 'Farm labourer',
  petani_tembakau: 'Tobacco farmer',
  buruh_tani_tembakau: 'Tobacco farm labourer',
  buruh_pabrik_rokok: 'Cigarette factory worker',
  nelayan: 'Fisher',
  pedagang_kecil: 'Small trader',
  tukang_becak: 'Pedicab driver',
  tukang_batu: 'Mason',
  ojek: 'Motorcycle taxi driver',
  lainnya: 'Other informal worker',
};

export const dictionaries: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { id, en };

export const LANGS: readonly Lang[] = ['id', 'en'];
const STORAGE_KEY = 'jaring.lang';

/** The message for `key` in `lang`, with {name} placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = dictionaries[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The occupation's name in `lang`: the server's Indonesian label unless we know an English one. */
export function occupationLabel(lang: Lang, code: string, serverLabel: string): string {
  return lang === 'en' ? (occupationsEn[code] ?? serverLabel) : serverLabel;
}

/** The saved language, or Indonesian. Never throws (storage may be blocked). */
export function loadLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return saved === 'en' || saved === 'id' ? saved : 'id';
  } catch {
    return 'id';
  }
}

/** Remembers the language and sets <html lang> so that screen readers pronounce it right. */
export function saveLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage blocked (private mode): the choice lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

export const I18nContext = createContext<I18n>({
  lang: 'id',
  t: (key, params) => translate('id', key, params),
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}
