// Denominators from a file (POST /api/v1/denominators, the file as the body with X-File-Name): an
// .xlsx or .csv with the columns kode_wilayah, tahun, nama, nilai, sumber and optionally
// tanggal_sumber. Every row is checked before any is stored; one bad row refuses the file with
// its line number, shown in the server's words.

import { useState } from 'preact/hooks';
import { FilePicker } from '../../components/FilePicker';
import { Panel } from '../../components/Panel';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { importDenominators } from '../../lib/monevApi';
import { StatusLine, useSave } from './FormParts';

export function DenominatorImport({ onImported }: { onImported: () => void }) {
  const { lang, t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const save = useSave('monev.import.refused');

  function submit(event: Event) {
    event.preventDefault();
    if (!file) {
      save.fail(t('monev.import.noFile'));
      document.getElementById('monev-import-file')?.focus();
      return;
    }
    void save.run(async () => {
      const report = await importDenominators(file);
      onImported();
      return t('monev.import.done', { file: file.name, stored: formatNumber(report.stored, lang), rows: formatNumber(report.rows, lang) });
    });
  }

  return (
    <Panel id="monev-import" title={t('monev.import.title')}>
      <p class="hint" id="monev-import-hint">
        {t('monev.import.hint')}
      </p>
      <form class="monev-upload" onSubmit={submit} noValidate aria-labelledby="monev-import-title">
        <span id="monev-import-label" class="monev-label">
          {t('monev.import.file')}
        </span>
        <FilePicker
          id="monev-import-file"
          labelledBy="monev-import-label"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          file={file}
          onFile={(chosen) => {
            setFile(chosen);
            save.clear();
          }}
          invalid={save.status?.ok === false}
          describedBy="monev-import-hint"
          testid="monev-import-file"
        />
        <button type="submit" class="button" disabled={save.busy} data-testid="monev-import-submit">
          {save.busy ? t('monev.import.busy') : t('monev.import.submit')}
        </button>
      </form>
      <StatusLine status={save.status} testid="monev-import-status" />
    </Panel>
  );
}
