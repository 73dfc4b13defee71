// The API client: JSON over fetch with the session's bearer token, errors as
// ApiError carrying the server's machine-readable code and details.field so
// forms can show the message next to the field it is about.
import { t } from './i18n';
import { saveSession, session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  // The request field the error is about ("title", "skus[0].price"), if any.
  get field(): string | undefined {
    const field = this.details.field;
    return typeof field === 'string' ? field : undefined;
  }
}

export interface RequestOptions {
  body?: unknown;
  // Raw bytes (an image upload) instead of a JSON body.
  blob?: Blob;
  // Sent on POSTs that create orders or move money, so a retry is harmless.
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.get()?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.blob) {
    body = options.blob;
    headers['Content-Type'] = options.blob.type || 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', t('common.network_error'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // A non-JSON body (a proxy's error page): reported below by status.
  }
  if (!response.ok) {
    const error = json?.error;
    if (response.status === 401 && token) saveSession(null);  // expired or revoked
    throw new ApiError(
      response.status,
      error?.code ?? 'http_' + response.status,
      error?.message ?? t('common.error'),
      error?.details ?? {},
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

// Builds "?a=1&b=x" from the defined, non-empty values.
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}
