// The month at a glance, in the order the work is done: 1. the month's extracts (deaths,
// members), 2. the run, 3. the findings by kind and state, 4. settling and the documents.

import { useI18n } from '../../lib/i18n';
import type { VervalOverview } from '../../lib/vervalApi';
import { ExtractsPanel } from './ExtractsPanel';
import { FindingCounts } from './FindingCounts';
import type { RunState } from './logic';
import { RunPanel } from './RunPanel';
import { SettlePanel } from './SettlePanel';

interface Props {
  regencyCode: string;
  overview: VervalOverview;
  run: RunState;
  permissions: readonly string[];
  onStartRun: () => void;
  onChanged: () => void;
  onReview: (kind: string) => void;
}

export function MonthView({ regencyCode, overview, run, permissions, onStartRun, onChanged, onReview }: Props) {
  const { t } = useI18n();
  const can = (p: string) => permissions.includes(p);
  return (
    <section class="verval-view" aria-labelledby="verval-view-title" data-testid="month-view">
      <h2 id="verval-view-title" class="visually-hidden" tabIndex={-1}>
        {t('verval.tab.month')}
      </h2>
      <ExtractsPanel regencyCode={regencyCode} overview={overview} canUpload={can('import')} onChanged={onChanged} />
      <RunPanel overview={overview} run={run} canRun={can('decide')} onStart={onStartRun} />
      <FindingCounts overview={overview} canReview={can('decide')} onReview={onReview} />
      <SettlePanel
        regencyCode={regencyCode}
        overview={overview}
        canSettle={can('decide')}
        canExport={can('export_personal_data')}
        running={run.phase === 'starting' || run.phase === 'running'}
        onChanged={onChanged}
      />
    </section>
  );
}
