// Names the monev pages show for what the server sends as codes: a denominator's name in the UI's
// language (the server's label is Indonesian, and a name it does not know is shown as written).

import type { I18n, MessageKey } from '../../lib/i18n';
import { KNOWN_DENOMINATORS, type Denominator } from '../../lib/monevApi';

/** The message key of a known denominator name, else null. */
export function denominatorKey(name: string): MessageKey | null {
  return (KNOWN_DENOMINATORS as readonly string[]).includes(name) ? (`monev.denominator.${name}` as MessageKey) : null;
}

/** A denominator's name in the UI's language: "Penduduk bekerja" / "Working population". */
export function denominatorName(d: Pick<Denominator, 'name' | 'label'>, t: I18n['t']): string {
  const key = denominatorKey(d.name);
  return key ? t(key) : d.label || d.name;
}
