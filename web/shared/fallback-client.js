// A stand-in with the interface of the TypeScript client (clients/typescript),
// used until its browser bundle is served at ../commerce.js: openapi-fetch's
// call shape, the auth headers, and an Idempotency-Key on the money routes.

const MONEY_ROUTES = [
  ["POST", "/checkout"],
  ["POST", "/me/membership"],
  ["POST", "/orders/{order_id}/after-sales"],
  ["POST", "/admin/orders/{order_id}/refunds"],
];

export class CommerceError extends Error {
  constructor(problem, response) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${response && response.status}`);
    this.name = "CommerceError";
    this.problem = problem;
    this.status = response ? response.status : undefined;
    this.code = problem ? problem.code : undefined;
  }
}

function fill(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(values[name])));
}

function newKey() {
  return globalThis.crypto && crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

export function createCommerceClient({ baseUrl = "", accessToken, apiKey, cartToken } = {}) {
  async function call(method, template, { params = {}, body, headers = {} } = {}) {
    let url = baseUrl.replace(/\/$/, "") + fill(template, params.path);
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params.query || {})) {
      if (value !== undefined && value !== null && value !== "") query.set(name, String(value));
    }
    if ([...query].length) url += `?${query}`;
    const sent = { "Content-Type": "application/json" };
    if (accessToken) sent.Authorization = `Bearer ${accessToken}`;
    if (apiKey) sent["X-Api-Key"] = apiKey;
    if (cartToken) sent["X-Cart-Token"] = cartToken;
    if (MONEY_ROUTES.some(([m, p]) => m === method && p === template)) sent["Idempotency-Key"] = newKey();
    Object.assign(sent, headers);
    const response = await fetch(url, {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return response.ok ? { data: parsed, error: undefined, response } : { data: undefined, error: parsed, response };
  }
  const client = {};
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
    client[method] = (path, options) => call(method, path, options);
  }
  return client;
}
