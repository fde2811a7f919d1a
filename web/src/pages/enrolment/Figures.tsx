// A row of counted figures with their labels (a batch's selection, an answer's counts), as a
// description list: each figure carries its raw value (data-value) beside the formatted one.

import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

export interface Figure {
  /** Test id suffix and CSS hook. */
  key: string;
  label: string;
  value: number;
  /** 'warn': a figure to act on when it is not zero (rejected, unknown, waiting). */
  tone?: 'warn' | 'main';
}

export function Figures({ items, prefix, label }: { items: readonly Figure[]; prefix: string; label?: string }) {
  const { lang } = useI18n();
  return (
    <dl class="enrol-figures" aria-label={label} data-testid={prefix}>
      {items.map((f) => (
        <div
          key={f.key}
          class={`enrol-figure${f.tone === 'main' ? ' enrol-figure-main' : ''}${f.tone === 'warn' && f.value > 0 ? ' enrol-figure-warn' : ''}`}
          data-testid={`${prefix}-${f.key}`}
          data-value={f.value}
        >
          <dt>{f.label}</dt>
          <dd>{formatNumber(f.value, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}
