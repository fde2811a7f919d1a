// Step 1: where the list comes from (an office or a village, and its name), the file (picked
// or dropped), and the upload with its progress. Names of sources that already have a saved
// column template are offered, so the same office is always written the same way.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { listImportTemplates, uploadImport, type ImportJob, type SourceKind, type Upload } from '../../lib/importApi';
import { formatBytes, JobProgress } from './Progress';
import { loadRegencyVillages, type District } from './villages';

const ACCEPTED = ['.xlsx', '.csv'];
const MAX_BYTES = 100 * 1024 * 1024;
const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

interface Props {
  regencyCode: string;
  onUploaded: (job: ImportJob) => void;
}

export function UploadStep({ regencyCode, onUploaded }: Props) {
  const { lang, t } = useI18n();
  const [kind, setKind] = useState<SourceKind>('office');
  const [source, setSource] = useState('');
  const [village, setVillage] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [errors, setErrors] = useState<{ source?: string; village?: string; file?: string }>({});
  const [failure, setFailure] = useState('');
  const [sent, setSent] = useState<{ done: number; total: number } | null>(null);
  const [knownSources, setKnownSources] = useState<string[]>([]);
  const upload = useRef<Upload | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listImportTemplates(regencyCode, controller.signal)
      .then((items) => setKnownSources([...new Set(items.map((i) => i.source))].sort((a, b) => a.localeCompare(b, 'id'))))
      .catch(() => setKnownSources([])); // suggestions only: the form works without them
    return () => controller.abort();
  }, [regencyCode]);

  useEffect(() => () => upload.current?.abort(), []);

  const fileError = (candidate: File): string | undefined => {
    const name = candidate.name.toLowerCase();
    if (!ACCEPTED.some((ext) => name.endsWith(ext))) return t('import.upload.wrongType');
    if (candidate.size > MAX_BYTES) return t('import.upload.tooLarge');
    if (candidate.size === 0) return t('import.upload.empty');
    return undefined;
  };

  const choose = (candidate: File | null | undefined) => {
    if (!candidate) return;
    setFile(candidate);
    setErrors((e) => ({ ...e, file: fileError(candidate) }));
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (source.trim() === '') next.source = t('import.upload.sourceRequired');
    if (kind === 'village' && village.trim() !== '' && !VILLAGE_CODE.test(village.trim())) {
      next.village = t('import.upload.villageFormat');
    } else if (kind === 'village' && village.trim() !== '' && !village.trim().startsWith(`${regencyCode}.`)) {
      next.village = t('import.upload.villageOutside');
    }
    if (!file) next.file = t('import.upload.fileRequired');
    else next.file = fileError(file);
    setErrors(next);
    setFailure('');
    if (next.source || next.village || next.file || !file) {
      const first = next.source ? 'import-source' : next.village ? 'import-village' : 'import-file';
      document.getElementById(first)?.focus();
      return;
    }
    setSent({ done: 0, total: file.size });
    const started = uploadImport(
      regencyCode,
      { file, source: source.trim(), sourceKind: kind, village: kind === 'village' ? village.trim() || undefined : undefined },
      (done, total) => setSent({ done, total }),
    );
    upload.current = started;
    started.promise
      .then((job) => onUploaded(job))
      .catch((error: unknown) => {
        setSent(null);
        if (error instanceof DOMException && error.name === 'AbortError') return;
        if (error instanceof ApiError && error.status === 413) setFailure(t('import.upload.tooLarge'));
        else if (error instanceof ApiError && error.status === 0) setFailure(t('state.network'));
        else setFailure(error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        upload.current = null;
      });
  };

  const uploading = sent !== null;

  return (
    <section class="import-step" aria-labelledby="import-view-title" data-testid="upload-step">
      <h2 id="import-view-title" tabIndex={-1}>
        {t('import.step.upload')}
      </h2>
      <p class="import-hint">{t('import.upload.intro')}</p>
      <form class="import-form" onSubmit={submit} noValidate>
        <fieldset class="import-fieldset" disabled={uploading}>
          <legend>{t('import.upload.kind')}</legend>
          <div class="import-radios">
            <label class="import-radio">
              <input
                type="radio"
                name="source-kind"
                value="office"
                checked={kind === 'office'}
                data-testid="kind-office"
                onChange={() => setKind('office')}
              />
              {t('import.upload.kindOffice')}
            </label>
            <label class="import-radio">
              <input
                type="radio"
                name="source-kind"
                value="village"
                checked={kind === 'village'}
                data-testid="kind-village"
                onChange={() => setKind('village')}
              />
              {t('import.upload.kindVillage')}
            </label>
          </div>

          <div class="import-field">
            <label for="import-source">
              {kind === 'office' ? t('import.upload.sourceOffice') : t('import.upload.sourceVillage')}
              <span class="import-required"> ({t('import.required')})</span>
            </label>
            <p class="import-field-hint" id="import-source-hint">
              {kind === 'office' ? t('import.upload.sourceOfficeHint') : t('import.upload.sourceVillageHint')}
            </p>
            <input
              id="import-source"
              type="text"
              list="import-known-sources"
              value={source}
              autoComplete="off"
              aria-invalid={errors.source ? true : undefined}
              aria-describedby={`import-source-hint${errors.source ? ' import-source-error' : ''}`}
              onInput={(e) => setSource((e.currentTarget as HTMLInputElement).value)}
            />
            <datalist id="import-known-sources">
              {knownSources.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
            {errors.source && (
              <p class="import-field-error" id="import-source-error">
                {errors.source}
              </p>
            )}
          </div>

          {kind === 'village' && (
            <VillagePicker
              regencyCode={regencyCode}
              village={village}
              error={errors.village}
              onVillage={(code, name) => {
                setVillage(code);
                // The village's own list: its name is the natural source name.
                if (name && source.trim() === '') setSource(`Desa ${name}`);
              }}
            />
          )}

          <div class="import-field">
            <span class="import-label" id="import-file-label">
              {t('import.upload.file')}
              <span class="import-required"> ({t('import.required')})</span>
            </span>
            <label
              class={`import-drop${dragging ? ' import-drop-active' : ''}${errors.file ? ' import-drop-invalid' : ''}`}
              for="import-file"
              data-testid="drop-zone"
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                choose(e.dataTransfer?.files?.[0]);
              }}
            >
              <span class="import-drop-icon" aria-hidden="true">
                ⇪
              </span>
              <span class="import-drop-text">{t('import.upload.drop')}</span>
              <span class="import-drop-types">{t('import.upload.types')}</span>
              {file && (
                <span class="import-drop-file" data-testid="chosen-file">
                  {t('import.upload.chosen', { file: file.name, size: formatBytes(file.size, lang) })}
                </span>
              )}
            </label>
            <input
              id="import-file"
              class="import-file-input"
              type="file"
              accept={ACCEPTED.join(',')}
              aria-labelledby="import-file-label"
              aria-invalid={errors.file ? true : undefined}
              aria-describedby={errors.file ? 'import-file-error' : undefined}
              data-testid="file-input"
              onChange={(e) => choose((e.currentTarget as HTMLInputElement).files?.[0])}
            />
            {errors.file && (
              <p class="import-field-error" id="import-file-error">
                {errors.file}
              </p>
            )}
          </div>
        </fieldset>

        {failure && (
          <div class="import-alert import-alert-error" role="alert" data-testid="upload-error">
            <p>{t('import.upload.failed', { detail: failure })}</p>
          </div>
        )}

        {uploading ? (
          <div class="import-uploading">
            <JobProgress label={t('import.progress.upload')} progress={sent} unit="bytes" testid="upload-progress" />
            <button type="button" class="button button-secondary" onClick={() => upload.current?.abort()}>
              {t('import.upload.cancel')}
            </button>
          </div>
        ) : (
          <div class="import-actions">
            <button type="submit" class="button" data-testid="upload-submit">
              {t('import.upload.submit')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

type VillageLoad = { state: 'loading' } | { state: 'error' } | { state: 'ready'; districts: District[] };

/**
 * Kecamatan, then desa/kelurahan, from the Kemendagri list; the dotted code is what is sent.
 * While the list loads, or if it cannot be loaded, the code can be typed instead.
 */
function VillagePicker({
  regencyCode,
  village,
  error,
  onVillage,
}: {
  regencyCode: string;
  village: string;
  error?: string;
  onVillage: (code: string, name?: string) => void;
}) {
  const { t } = useI18n();
  const [load, setLoad] = useState<VillageLoad>({ state: 'loading' });
  const [districtCode, setDistrictCode] = useState(() => village.split('.').slice(0, 3).join('.'));

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    loadRegencyVillages(regencyCode)
      .then((districts) => live && setLoad({ state: 'ready', districts }))
      .catch(() => live && setLoad({ state: 'error' }));
    return () => {
      live = false;
    };
  }, [regencyCode]);

  if (load.state !== 'ready' || load.districts.length === 0) {
    return (
      <div class="import-field">
        <label for="import-village">{t('import.upload.villageCode')}</label>
        <p class="import-field-hint" id="import-village-hint">
          {t('import.upload.villageCodeHint', { example: `${regencyCode}.01.2001` })}
        </p>
        <input
          id="import-village"
          type="text"
          inputMode="decimal"
          value={village}
          placeholder={`${regencyCode}.__.____`}
          aria-invalid={error ? true : undefined}
          aria-describedby={`import-village-hint${error ? ' import-village-error' : ''}`}
          onInput={(e) => onVillage((e.currentTarget as HTMLInputElement).value)}
        />
        {error && (
          <p class="import-field-error" id="import-village-error">
            {error}
          </p>
        )}
      </div>
    );
  }

  const district = load.districts.find((d) => d.code === districtCode);
  return (
    <fieldset class="import-fieldset import-village-picker" data-testid="village-picker">
      <legend>{t('import.upload.villagePick')}</legend>
      <p class="import-field-hint">{t('import.upload.villagePickHint')}</p>
      <div class="import-village-selects">
        <div class="import-field">
          <label for="import-district">{t('import.field.district')}</label>
          <select
            id="import-district"
            value={districtCode}
            onChange={(e) => {
              setDistrictCode((e.currentTarget as HTMLSelectElement).value);
              onVillage('');
            }}
          >
            <option value="">{t('import.upload.villageNone')}</option>
            {load.districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div class="import-field">
          <label for="import-village">{t('import.field.village')}</label>
          <select
            id="import-village"
            value={village}
            disabled={!district}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'import-village-error' : undefined}
            onChange={(e) => {
              const code = (e.currentTarget as HTMLSelectElement).value;
              onVillage(code, district?.villages.find((v) => v.code === code)?.name);
            }}
          >
            <option value="">{t('import.upload.villageNone')}</option>
            {district?.villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {village && <p class="import-field-hint" data-testid="village-code">{t('import.upload.villageChosen', { code: village })}</p>}
      {error && (
        <p class="import-field-error" id="import-village-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
