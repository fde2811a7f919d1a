// One finding of the review queue: what it is and what accepting it would do, its records side by
// side with the differing fields marked, the engine's evidence in words with its confidence, and
// the decision form (or, once decided, who decided what and why).

import { formatDateTime, formatNumber, formatPercent } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import type { Finding, Verdict } from '../../lib/vervalApi';
import { CompareTable } from './CompareTable';
import { DecisionForm } from './DecisionForm';
import { EvidenceList } from './EvidenceList';
import { columnsOf, kindKey, proposalKey } from './logic';

interface Props {
  regencyCode: string;
  finding: Finding;
  position: number;
  count: number;
  /** More findings than the `count` loaded match the filter (the list pages by 50). */
  more: boolean;
  verdict: Verdict | null;
  onVerdict: (verdict: Verdict) => void;
  onDecided: (state: string) => void;
}

export function FindingDetail({ regencyCode, finding, position, count, more, verdict, onVerdict, onDecided }: Props) {
  const { lang, t } = useI18n();
  const key = kindKey(finding.kind);
  const columns = columnsOf(finding);
  const name = finding.workers[0]?.name_original || finding.workers[0]?.name || `#${finding.worker_id}`;
  const proposal = proposalKey(finding.proposal);
  return (
    <article class="verval-detail" aria-labelledby="finding-title" data-testid="finding-detail" data-finding={finding.id} data-kind={finding.kind}>
      <header class="verval-detail-head">
        <p class="hint">
          {t(more ? 'verval.review.positionLoaded' : 'verval.review.position', {
            position: formatNumber(position, lang),
            count: formatNumber(count, lang),
          })}
        </p>
        <h3 id="finding-title">
          {key ? t(key) : finding.kind}: {name}
        </h3>
        <p class="verval-detail-meta">
          <span class="verval-confidence" data-testid="confidence">
            {t('verval.review.confidence', { percent: formatPercent(finding.confidence, lang) })}
          </span>
          <span class="verval-tag">{t(finding.action === 'automatic' ? 'verval.action.automatic' : 'verval.action.review')}</span>
          {finding.blocking && <span class="verval-tag verval-tag-blocking">{t('verval.review.blocking')}</span>}
        </p>
        <p>
          <strong>{t('verval.review.proposal')}</strong> {proposal ? t(proposal) : finding.proposal}
        </p>
      </header>
      <CompareTable columns={columns} kind={finding.kind} />
      <EvidenceList finding={finding} columns={columns} />
      {finding.state === 'open' ? (
        <DecisionForm
          regencyCode={regencyCode}
          finding={finding}
          columns={columns}
          verdict={verdict}
          onVerdict={onVerdict}
          onDecided={onDecided}
        />
      ) : (
        <p class="verval-decided" data-testid="decided">
          {t('verval.review.decided', {
            state: t(`verval.state.${finding.state}` as MessageKey),
            actor: finding.decided_by || '–',
            when: finding.decided_at ? formatDateTime(finding.decided_at, lang) : '–',
            reason: finding.reason || '–',
          })}
        </p>
      )}
    </article>
  );
}
