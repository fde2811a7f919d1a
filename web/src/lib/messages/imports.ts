// Words of the import pages (upload, mapping, preview, quarantine), merged into the dictionary
// by i18n.ts. Keys start with "import.". The English table must have every Indonesian key (the
// compiler checks through i18n.ts).

export const importsId = {
  'import.title': 'Impor daftar pekerja',
} as const;

export const importsEn: Record<keyof typeof importsId, string> = {
  'import.title': 'Import a list of workers',
};
