// Data loading and action state for pages.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, newIdempotencyKey } from './api';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

// Loads `fetcher` when `deps` change; a stale answer never overwrites a newer one.
export function useResource<T>(fetcher: (() => Promise<T>) | null, deps: unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(fetcher !== null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!fetcher) {
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    setError(undefined);
    fetcher().then(
      (value) => {
        if (!live) return;
        setData(value);
        setLoading(false);
      },
      (failure) => {
        if (!live) return;
        setError(asApiError(failure));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload, setData };
}

export function asApiError(failure: unknown): ApiError {
  if (failure instanceof ApiError) return failure;
  return new ApiError(0, 'client', (failure as Error)?.message ?? String(failure));
}

export interface Action<A extends unknown[]> {
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  error: ApiError | undefined;
  clear: () => void;
}

// Runs an async action once at a time, keeping its error for display.
// run() resolves true on success so callers can move on.
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = async (...args: A) => {
    if (busy) return false;
    setBusy(true);
    setError(undefined);
    try {
      await action(...args);
      return true;
    } catch (failure) {
      if (mounted.current) setError(asApiError(failure));
      return false;
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  return { run, busy, error, clear: () => setError(undefined) };
}

// The error for one form field: the API names it in details.field, either
// exactly ("title") or as a path whose last part is the field ("shipping_address.city").
export function fieldError(error: ApiError | undefined, ...names: string[]): string | undefined {
  const field = error?.field;
  if (!field) return undefined;
  for (const name of names) {
    if (field === name || field.endsWith('.' + name)) return error.message;
  }
  return undefined;
}

// The error to show at form level: one that no field on the form claims.
export function formError(error: ApiError | undefined, fields: string[]): ApiError | undefined {
  if (!error) return undefined;
  return fieldError(error, ...fields) ? undefined : error;
}

// Idempotency-Keys for the POSTs that create orders or move money (the
// server refuses them without one). One key per operation, kept across
// retries of it so a lost answer can never pay twice, and renewed by done()
// once the operation succeeded so the next one is new.
export interface OperationKeys {
  key: (operation: string) => string;
  done: (operation: string) => void;
}

export function useOperationKeys(): OperationKeys {
  const keys = useRef(new Map<string, string>());
  return {
    key(operation: string) {
      let key = keys.current.get(operation);
      if (!key) {
        key = newIdempotencyKey();
        keys.current.set(operation, key);
      }
      return key;
    },
    done(operation: string) {
      keys.current.delete(operation);
    },
  };
}
