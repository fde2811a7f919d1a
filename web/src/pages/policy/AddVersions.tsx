// Adding rule versions (manage_policy): from a policy file (its text sent as written, POST
// /api/v1/policy), or one version from a date, its family's rules prefilled from the version in
// force on the page's date and edited as JSON (logic.ts versionFile). The server's refusal
// (overlap, a malformed figure: Indonesian, naming the version and field) is shown as it is;
// after an addition the page reads the versions again and offers to show the new one's date.

import { useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { FilePicker } from '../../components/FilePicker';
import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { addPolicyFile, POLICY_FAMILIES, type PolicyAdded, type PolicyInForce } from '../../lib/programsApi';
import { describedBy, Field, TextField } from '../programs/Field';
import { failureText } from '../verval/logic';
import { familyKey, firstOfNextMonth, formFromVersion, versionFile, type VersionField, type VersionFormValues } from './logic';

interface Props {
  inForce: PolicyInForce;
  onAdded: () => void;
  onShow: (date: string) => void;
}

type Outcome = { ok: true; report: PolicyAdded; date: string | null } | { ok: false; detail: string };

export function AddVersions({ inForce, onAdded, onShow }: Props) {
  const { t } = useI18n();
  return (
    <section class="panel policy-add" aria-labelledby="policy-add-title" data-testid="policy-add">
      <header class="panel-head">
        <h2 id="policy-add-title">{t('policy.add.title')}</h2>
      </header>
      <p class="hint policy-add-intro">{t('policy.add.intro')}</p>
      <div class="policy-add-forms">
        <VersionForm inForce={inForce} onAdded={onAdded} onShow={onShow} />
        <FileForm onAdded={onAdded} />
      </div>
    </section>
  );
}

function OutcomeText({ outcome, onShow, testid }: { outcome: Outcome | null; onShow?: (date: string) => void; testid: string }) {
  const { lang, t } = useI18n();
  return (
    <div role="status" data-testid={testid} data-ok={outcome ? String(outcome.ok) : undefined}>
      {outcome?.ok && (
        <p class="notice">
          {t('policy.added', { count: formatNumber(outcome.report.added, lang) })}
          {outcome.report.defaults_stored > 0 && <> {t('policy.addedDefaults', { count: formatNumber(outcome.report.defaults_stored, lang) })}</>}
          {outcome.date && onShow && (
            <>
              {' '}
              <button type="button" class="link-button" data-testid="policy-show-new" onClick={() => onShow(outcome.date ?? '')}>
                {t('policy.show', { date: formatDate(outcome.date, lang) })}
              </button>
            </>
          )}
        </p>
      )}
      {outcome && !outcome.ok && (
        <p class="field-error" role="alert">
          {t('policy.refused', { detail: outcome.detail })}
        </p>
      )}
    </div>
  );
}

/** Sends a policy file and keeps what came of it: the report, or the server's refusal. */
function useAddition(onAdded: () => void) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const add = async (text: () => Promise<string>, date: string | null) => {
    setBusy(true);
    setOutcome(null);
    try {
      const report = await addPolicyFile(await text());
      setOutcome({ ok: true, report, date });
      onAdded();
    } catch (error) {
      setOutcome({ ok: false, detail: failureText(error, t('state.network')) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, setOutcome, add };
}

function FileForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const { busy, outcome, add } = useAddition(onAdded);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setMissing(true);
      document.getElementById('policy-file')?.focus();
      return;
    }
    setMissing(false);
    await add(() => file.text(), null);
  }

  return (
    <form class="policy-form" onSubmit={submit} noValidate aria-labelledby="policy-file-title" data-testid="policy-file-form">
      <h3 id="policy-file-title">{t('policy.file.title')}</h3>
      <div class="field">
        <label for="policy-file" id="policy-file-label">
          {t('policy.file.label')}
        </label>
        <FilePicker
          id="policy-file"
          labelledBy="policy-file-label"
          accept=".json,application/json"
          file={file}
          invalid={missing}
          describedBy="policy-file-hint"
          testid="policy-file"
          onFile={(chosen) => {
            setFile(chosen);
            setMissing(false);
          }}
        />
        <p id="policy-file-hint" class="hint">
          {missing ? <span class="field-error">{t('policy.file.choose')}</span> : t('policy.file.hint')}
        </p>
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy} data-testid="policy-file-upload">
          {busy ? t('policy.file.uploading') : t('policy.file.upload')}
        </button>
      </div>
      <OutcomeText outcome={outcome} testid="policy-file-outcome" />
    </form>
  );
}

function VersionForm({ inForce, onAdded, onShow }: Props) {
  const { lang, t } = useI18n();
  const prefill = (family: string, from: string): VersionFormValues => {
    const version = inForce.versions.find((v) => v.family === family);
    return version
      ? formFromVersion(version, from)
      : { family, from, legal: '', certainty: 'confirmed', uncertain: '', rules: '{\n}' };
  };
  const [values, setValues] = useState<VersionFormValues>(() => prefill('contribution', firstOfNextMonth(inForce.date)));
  // What the rules were filled from: the versions in force on this date (the page's date then).
  const [source, setSource] = useState(() => ({ date: inForce.date, found: inForce.versions.some((v) => v.family === 'contribution') }));
  const [errors, setErrors] = useState<Partial<Record<VersionField, string>>>({});
  const { busy, outcome, setOutcome, add } = useAddition(onAdded);
  const setText = (key: keyof VersionFormValues) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  const set = (key: keyof VersionFormValues) => (e: Event) => setText(key)((e.currentTarget as HTMLInputElement).value);
  const familyName = (family: string) => {
    const key = familyKey(family);
    return key ? t(key) : family;
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setOutcome(null);
    const built = versionFile(values);
    if (!built.ok) {
      const shown: Partial<Record<VersionField, string>> = {};
      for (const [field, message] of Object.entries(built.errors)) shown[field as VersionField] = t(message.key, message.params);
      setErrors(shown);
      const first = (['legal', 'uncertain', 'rules'] as const).find((f) => shown[f]);
      if (first) document.getElementById(`version-${first}`)?.focus();
      return;
    }
    setErrors({});
    await add(async () => built.text, values.from);
  }

  return (
    <form class="policy-form" onSubmit={submit} noValidate aria-labelledby="policy-version-title" data-testid="policy-version-form">
      <h3 id="policy-version-title">{t('policy.form.title')}</h3>
      <div class="policy-form-row">
        <div class="field">
          <label for="version-family">{t('policy.form.family')}</label>
          <select
            id="version-family"
            value={values.family}
            data-testid="version-family"
            onChange={(e) => {
              const family = (e.currentTarget as HTMLSelectElement).value;
              setValues((old) => prefill(family, old.from));
              setSource({ date: inForce.date, found: inForce.versions.some((v) => v.family === family) });
              setErrors({});
            }}
          >
            {POLICY_FAMILIES.map((f) => (
              <option key={f} value={f}>
                {familyName(f)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <DateField
            id="version-from"
            legend={t('policy.form.from')}
            value={values.from}
            describedBy="version-from-hint"
            onChange={(from) => setValues((old) => ({ ...old, from }))}
          />
        </div>
        <div class="field">
          <label for="version-certainty">{t('policy.form.certainty')}</label>
          <select id="version-certainty" value={values.certainty} onChange={set('certainty')} data-testid="version-certainty">
            <option value="confirmed">{t('policy.certainty.confirmed')}</option>
            <option value="uncertain">{t('policy.certainty.uncertain')}</option>
          </select>
        </div>
      </div>
      <p class="hint" id="version-from-hint">
        {t('policy.form.fromHint')}
      </p>
      <TextField id="version-legal" label={t('policy.form.legal')} error={errors.legal} wide value={values.legal} onInput={setText('legal')} />
      <TextField id="version-uncertain" label={t('policy.form.uncertain')} hint={t('policy.form.uncertainHint')} error={errors.uncertain} wide
        value={values.uncertain} onInput={setText('uncertain')} />
      <Field
        id="version-rules"
        label={t('policy.form.rules')}
        hint={t(source.found ? 'policy.form.rulesHint' : 'policy.form.rulesHintEmpty', {
          family: familyName(values.family),
          date: formatDate(source.date, lang),
        })}
        error={errors.rules}
        wide
      >
        <textarea
          id="version-rules"
          class="policy-json-input"
          rows={12}
          spellcheck={false}
          value={values.rules}
          onInput={set('rules')}
          aria-invalid={errors.rules ? 'true' : undefined}
          aria-describedby={describedBy('version-rules', true, Boolean(errors.rules))}
          data-testid="version-rules"
        />
      </Field>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy} data-testid="version-save">
          {busy ? t('policy.form.saving') : t('policy.form.save')}
        </button>
      </div>
      {Object.keys(errors).length > 0 && <p class="form-summary">{t('policy.form.invalid')}</p>}
      <OutcomeText outcome={outcome} onShow={onShow} testid="policy-version-outcome" />
    </form>
  );
}

