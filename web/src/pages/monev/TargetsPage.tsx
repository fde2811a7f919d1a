// /monev/target: the targets and denominators that coverage is measured against and divided by
// (manage_targets: the regency's and the province's administrators). A region is chosen (the
// province for a province-wide role, where it starts; the regency of the header, where a
// regency's administrator starts; or one of its districts); its
// targets are listed and set per year (typed as a percentage, sent as a fraction) beside the
// province's and the nation's that apply when the region has none; its denominators are listed
// and set (a known name, value, source and source date); a denominator file (.xlsx or .csv) is
// imported whole or refused whole; and the regency's district boundaries (GeoJSON) are uploaded
// for the coverage map.

import { useState } from 'preact/hooks';
import type { SessionRole } from '../../lib/api';
import { getDashboard } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useLoad } from '../../lib/useLoad';
import { BoundaryImport } from './BoundaryImport';
import { DenominatorImport } from './DenominatorImport';
import { DenominatorsPanel } from './DenominatorsPanel';
import { isProvinceWide, provinceOf } from './logic';
import { MonevHead } from './MonevHead';
import { TargetsPanel } from './TargetsPanel';
import './monev.css';

interface Props {
  regencyCode: string;
  roles: readonly SessionRole[];
  permissions: readonly string[];
}

export interface RegionChoice {
  code: string;
  name: string;
  level: 'province' | 'regency' | 'district';
}

export function TargetsPage({ regencyCode, roles, permissions }: Props) {
  const { t } = useI18n();
  const wide = isProvinceWide(roles);
  const province = provinceOf(roles, regencyCode);
  const provinceName = roles.find((r) => r.scope === province)?.scope_name ?? province;
  const [load] = useLoad((signal) => getDashboard(regencyCode, signal), [regencyCode]);
  const regencyName = load.state === 'ready' ? load.data.regency.name : regencyCode;
  const choices: RegionChoice[] = [
    ...(wide ? [{ code: province, name: provinceName, level: 'province' as const }] : []),
    { code: regencyCode, name: regencyName, level: 'regency' },
    ...(load.state === 'ready' ? load.data.by_district.map((d) => ({ code: d.code, name: d.name, level: 'district' as const })) : []),
  ];
  const [picked, setPicked] = useState('');
  // An import may change any region's denominators: the list is read again after one.
  const [imports, setImports] = useState(0);
  // A province-wide administrator starts on the province (its target is the one they set); a
  // regency's, on the regency of the header.
  const region = choices.find((c) => c.code === picked) ?? (wide ? choices[0] : choices.find((c) => c.code === regencyCode)) ?? choices[0];
  return (
    <div class="monev monev-targets" data-testid="monev-targets" data-region={region.code}>
      <MonevHead title={t('monev.targets.title')} tab="targets" permissions={permissions}>
        <p class="muted">{t('monev.targets.intro')}</p>
      </MonevHead>
      <div class="monev-toolbar">
        <div class="field">
          <label for="monev-region">{t('monev.targets.region')}</label>
          <select id="monev-region" data-testid="monev-region" value={region.code} onChange={(e) => setPicked((e.currentTarget as HTMLSelectElement).value)}>
            {choices.map((c) => (
              <option key={c.code} value={c.code}>
                {c.level === 'district' ? t('monev.targets.district', { name: c.name }) : c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="monev-grid">
        <div class="panel-column">
          <TargetsPanel key={`t-${region.code}`} region={region} province={region.level === 'province' ? '' : province} />
        </div>
        <div class="panel-column">
          <DenominatorsPanel key={`d-${region.code}-${imports}`} region={region} />
          <DenominatorImport onImported={() => setImports((n) => n + 1)} />
          <BoundaryImport regencyCode={regencyCode} regencyName={regencyName} />
        </div>
      </div>
    </div>
  );
}
