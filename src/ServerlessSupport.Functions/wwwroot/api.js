// The agent API client: every call carries the agent key; errors come back as ApiError with the server's message.

const storageKey = 'serverlessSupport.apiKey';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export const session = {
  get key() {
    return sessionStorage.getItem(storageKey);
  },
  set key(value) {
    if (value) sessionStorage.setItem(storageKey, value);
    else sessionStorage.removeItem(storageKey);
  },
};

async function call(method, path, body, key = session.key) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { error: text };
    }
  }
  if (!response.ok) {
    const message = data?.error ?? data?.title ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, data);
  }
  return data;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const ticketPath = (id) => `/api/tickets/${encodeURIComponent(id)}`;

export const api = {
  me: (key) => call('GET', '/api/me', undefined, key),
  updateMe: (changes) => call('PATCH', '/api/me', changes),
  tickets: (filters) => call('GET', `/api/tickets${query(filters)}`),
  ticket: (id) => call('GET', ticketPath(id)),
  reply: (id, text, isPublic, version, promise = null) =>
    call('POST', `${ticketPath(id)}/replies`, { text, public: isPublic, version, ...(promise ? { promise } : {}) }),
  update: (id, changes, version) => call('PATCH', ticketPath(id), { ...changes, version }),
  metrics: () => call('GET', '/api/metrics'),
  intakeRecords: (max = 50) => call('GET', `/api/intake-records${query({ max })}`),
  recoverIntake: (id) => call('POST', `/api/intake-records/${encodeURIComponent(id)}/recover`),
  dismissIntake: (id) => call('POST', `/api/intake-records/${encodeURIComponent(id)}/dismiss`),
};
