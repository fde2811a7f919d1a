// One read from the server for a component: loading, failed or ready, read again when its
// inputs change or on retry (after a failure, or to show what changed). The read is aborted when
// the inputs change or the component leaves, so a late answer never overwrites a newer one.

import { useCallback, useEffect, useState } from 'preact/hooks';

export type Load<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T };

/**
 * Calls `read` now and whenever `inputs` change; `reload()` calls it again. With `keep`, data
 * already shown stays on screen while it is read again (no flash of "loading" after a change
 * the person made); otherwise every read starts from "loading".
 */
export function useLoad<T>(read: (signal: AbortSignal) => Promise<T>, inputs: readonly unknown[], keep = false): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoad((old) => (keep && old.state === 'ready' ? old : { state: 'loading' }));
    read(controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
    // `read` is a new closure on every render; what it reads is in `inputs`.
  }, [...inputs, attempt, keep]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [load, reload];
}
