// A titled card holding one chart and its data table.

import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  title: string;
  note?: string;
  class?: string;
  children: ComponentChildren;
}

export function Panel({ id, title, note, class: extra, children }: Props) {
  return (
    <section class={`panel ${extra ?? ''}`} aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <header class="panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {note && <p class="panel-note">{note}</p>}
      </header>
      {children}
    </section>
  );
}
