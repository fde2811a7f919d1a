// The head every monev page shares: its title, the tabs to the regency's page, the province's and
// (for those who set them) the targets and denominators, and the month picker that writes
// ?period= into the address (kept with the regency, so a month can be bookmarked and shared).

import type { ComponentChildren } from 'preact';
import { MonthField } from '../../components/MonthField';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { MONEV_PATH, monevSearch, PROVINCE_PATH, TARGETS_PATH } from './logic';

export type MonevTab = 'regency' | 'province' | 'targets';

const TABS: { tab: MonevTab; path: string; key: MessageKey; permission: string }[] = [
  { tab: 'regency', path: MONEV_PATH, key: 'monev.tab.regency', permission: 'view_dashboard' },
  { tab: 'province', path: PROVINCE_PATH, key: 'monev.tab.province', permission: 'view_dashboard' },
  { tab: 'targets', path: TARGETS_PATH, key: 'monev.tab.targets', permission: 'manage_targets' },
];

interface Props {
  title: string;
  tab: MonevTab;
  permissions: readonly string[];
  /** What the head says under the title (the month shown, the data's date). */
  children?: ComponentChildren;
}

export function MonevHead({ title, tab, permissions, children }: Props) {
  const { t } = useI18n();
  // The tabs keep the regency and the month of the address (not the district opened).
  const keep = typeof window === 'undefined' ? '' : monevSearch(window.location.search, { district: '' });
  return (
    <>
      <div class="page-head monev-head">
        <div>
          <h1 id="page-title" data-testid="monev-title">
            {title}
          </h1>
          {children}
        </div>
      </div>
      <nav class="page-tabs monev-tabs" aria-label={t('monev.tabs')}>
        {TABS.filter((x) => permissions.includes(x.permission)).map((x) => (
          <a key={x.tab} class="page-tab" href={`${x.path}${keep}`} aria-current={x.tab === tab ? 'page' : undefined} data-testid={`monev-tab-${x.tab}`}>
            {t(x.key)}
          </a>
        ))}
      </nav>
    </>
  );
}

/** The month picker of a monev page: the month shown, changed through the address. */
export function MonevMonth({ period, shownLabel }: { period: string; shownLabel?: string }) {
  const { t } = useI18n();
  return (
    <MonthField
      id="monev-period"
      class="monev-month"
      legend={shownLabel ?? t('monev.month')}
      value={period}
      onChange={(next) => navigate(`${window.location.pathname}${monevSearch(window.location.search, { period: next, district: '' })}`)}
    />
  );
}
