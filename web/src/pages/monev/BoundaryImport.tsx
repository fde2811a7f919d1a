// The regency's district boundaries for the coverage map (POST …/boundaries, the GeoJSON file as
// the body; manage_targets): each feature is placed on a district by its code or name; those that
// fit none are listed back, and a file where none fits is refused in the server's words. None are
// bundled: without an upload the regency page draws no map.

import { useState } from 'preact/hooks';
import { Panel } from '../../components/Panel';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { uploadBoundaries } from '../../lib/monevApi';
import { UploadForm } from './FormParts';

export function BoundaryImport({ regencyCode, regencyName }: { regencyCode: string; regencyName: string }) {
  const { lang, t } = useI18n();
  const [unmatched, setUnmatched] = useState<string[]>([]);
  return (
    <Panel id="monev-boundaries" title={t('monev.boundaries.title', { regency: regencyName })}>
      <UploadForm
        id="monev-boundaries"
        label={t('monev.boundaries.file')}
        hint={t('monev.boundaries.hint')}
        accept=".geojson,.json,application/geo+json,application/json"
        submit={t('monev.import.submit')}
        busy={t('monev.import.busy')}
        noFile={t('monev.boundaries.noFile')}
        refusedKey="monev.import.refused"
        send={async (file) => {
          const report = await uploadBoundaries(regencyCode, file);
          setUnmatched(report.unmatched);
          return t('monev.boundaries.done', { file: file.name, matched: formatNumber(report.matched, lang), features: formatNumber(report.features, lang) });
        }}
      >
        {unmatched.length > 0 && (
          <p class="hint" data-testid="monev-boundaries-unmatched">
            {t('monev.boundaries.unmatched', { names: unmatched.join(', ') })}
          </p>
        )}
      </UploadForm>
    </Panel>
  );
}
