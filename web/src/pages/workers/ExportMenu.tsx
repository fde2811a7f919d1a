// Download of the filtered worker list (every page, not only the one shown) as Excel or CSV, for
// roles with export_personal_data. Plain links: the browser downloads with the session cookie,
// and the server audits the export.

import { workersExportUrl, type WorkerQuery } from '../../lib/api';
import { useI18n } from '../../lib/i18n';

export function ExportMenu({ regencyCode, query }: { regencyCode: string; query: WorkerQuery }) {
  const { t } = useI18n();
  return (
    <div class="export" role="group" aria-label={t('workers.export')}>
      <a class="button button-secondary" href={workersExportUrl(regencyCode, query, 'xlsx')} download data-testid="export-xlsx">
        {t('workers.exportXlsx')}
      </a>
      <a class="button button-secondary" href={workersExportUrl(regencyCode, query, 'csv')} download data-testid="export-csv">
        {t('workers.exportCsv')}
      </a>
      <p class="hint">{t('workers.exportNote')}</p>
    </div>
  );
}
