// The engine's evidence of a finding in words: per compared pair its match probability and a
// statement per field ("NIK sama persis", "Nama mirip bunyinya"), each marked as speaking for
// or against the match (a sign and words, not colour alone); the fields one side lacks; and the
// finding's own facts (death date, KPJ, NIK problems, age, domicile...).

import { formatOptionalDate, formatPercent } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Finding } from '../../lib/vervalApi';
import { codeKey, evidenceView, isClusterKind, type Column, type EvidenceWord, type PairWords } from './logic';

export function EvidenceList({ finding, columns }: { finding: Finding; columns: Column[] }) {
  const { t } = useI18n();
  const view = evidenceView(finding);
  if (view.pairs.length === 0 && view.facts.length === 0) return null;
  return (
    <section class="verval-evidence" aria-labelledby="evidence-title" data-testid="evidence">
      <h4 id="evidence-title">{t('verval.evidence.title')}</h4>
      {view.pairs.map((pair, i) => (
        <Pair key={i} pair={pair} columns={columns} several={view.pairs.length > 1 || isClusterKind(finding.kind)} />
      ))}
      {view.facts.length > 0 && (
        <ul class="verval-words" data-testid="evidence-facts">
          {view.facts.map((word, i) => (
            <Word key={i} word={word} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Pair({ pair, columns, several }: { pair: PairWords; columns: Column[]; several: boolean }) {
  const { lang, t } = useI18n();
  const label = (id: number | undefined) => {
    const index = columns.findIndex((c) => c.type === 'worker' && c.record.id === id);
    return index >= 0 ? t('verval.evidence.record', { n: index + 1, id: id ?? '' }) : `#${id ?? '?'}`;
  };
  const fieldLabel = (field: string) => {
    const key = codeKey('field', field);
    return key ? t(key) : field;
  };
  return (
    <div class="verval-pair" data-testid="evidence-pair">
      {(several || pair.probability !== undefined) && (
        <p class="verval-pair-head">
          {several && pair.left !== undefined && <>{t('verval.evidence.pair', { left: label(pair.left), right: label(pair.right) })} · </>}
          {pair.probability !== undefined && t('verval.evidence.probability', { percent: formatPercent(pair.probability, lang) })}
        </p>
      )}
      <ul class="verval-words">
        {pair.words.map((word, i) => (
          <Word key={i} word={word} />
        ))}
      </ul>
      {pair.missing.length > 0 && (
        <p class="hint">{t('verval.evidence.missing', { fields: pair.missing.map(fieldLabel).join(', ') })}</p>
      )}
    </div>
  );
}

function Word({ word }: { word: EvidenceWord }) {
  const { lang, t } = useI18n();
  const params = word.params ? { ...word.params } : undefined;
  if (params && typeof params.date === 'string') params.date = formatOptionalDate(params.date, lang);
  const sign = word.tone === 'for' ? '✓' : word.tone === 'against' ? '✗' : '•';
  return (
    <li class={`verval-word verval-word-${word.tone}`} data-tone={word.tone} data-testid="evidence-word">
      <span class="verval-word-sign" aria-hidden="true">
        {sign}
      </span>{' '}
      {t(word.key, params)}
      {word.tone !== 'neutral' && <span class="visually-hidden"> ({t(word.tone === 'for' ? 'verval.evidence.for' : 'verval.evidence.against')})</span>}
    </li>
  );
}
