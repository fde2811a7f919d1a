// Denominators from a file (POST /api/v1/denominators, the file as the body with X-File-Name): an
// .xlsx or .csv with the columns kode_wilayah, tahun, nama, nilai, sumber and optionally
// tanggal_sumber. Every row is checked before any is stored; one bad row refuses the file with
// its line number, shown in the server's words.

import { Panel } from '../../components/Panel';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { importDenominators } from '../../lib/monevApi';
import { UploadForm } from './FormParts';

const SHEETS = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export function DenominatorImport({ onImported }: { onImported: () => void }) {
  const { lang, t } = useI18n();
  return (
    <Panel id="monev-import" title={t('monev.import.title')}>
      <UploadForm
        id="monev-import"
        label={t('monev.import.file')}
        hint={t('monev.import.hint')}
        accept={SHEETS}
        submit={t('monev.import.submit')}
        busy={t('monev.import.busy')}
        noFile={t('monev.import.noFile')}
        refusedKey="monev.import.refused"
        send={async (file) => {
          const report = await importDenominators(file);
          onImported();
          return t('monev.import.done', { file: file.name, stored: formatNumber(report.stored, lang), rows: formatNumber(report.rows, lang) });
        }}
      />
    </Panel>
  );
}
