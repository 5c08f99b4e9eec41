/**
 * The Commerce API client: openapi-fetch over the types generated from
 * docs/openapi.yaml (src/schema.ts), plus what every caller would otherwise
 * write by hand:
 *
 * - credentials: a customer's Bearer token, a staff API key, a guest cart's token;
 * - an `Idempotency-Key` on every money route (the operations in src/operations.ts,
 *   generated from the document), unless the caller passes its own;
 * - every answer that is not 2xx thrown as a `CommerceError` built from the
 *   problem+json body, so `data` is always the success body.
 *
 *     const commerce = createCommerceClient({ baseUrl: "http://127.0.0.1:8000" });
 *     const { data: products } = await commerce.GET("/products", { params: { query: { q: "tea" } } });
 */
import createClient, { type Client, type FetchResponse, type MaybeOptionalInit, type Middleware } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import { IDEMPOTENT_OPERATIONS } from "./operations";
import type { components, paths } from "./schema";

export type { components, operations, paths } from "./schema";
export { IDEMPOTENT_OPERATIONS } from "./operations";

export type Schemas = components["schemas"];
export type Problem = components["schemas"]["Problem"];
export type FieldError = components["schemas"]["FieldError"];

export interface CommerceClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:8000` (a trailing slash is ignored). */
  baseUrl: string;
  /** A customer's access token (from `POST /auth/login` or `/auth/register`): sent as `Authorization: Bearer`. */
  accessToken?: string | null;
  /** A staff API key: sent as `X-Api-Key`. */
  apiKey?: string | null;
  /** A guest cart's token (from `POST /carts` without a token): sent as `X-Cart-Token`. */
  cartToken?: string | null;
  /** Headers added to every request (the caller's own win over the client's). */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one, looked up on each request). */
  fetch?: (request: Request) => Promise<Response>;
  /** Makes an `Idempotency-Key` for money routes (default: a random UUID v4). */
  newIdempotencyKey?: () => string;
}

export interface Credentials {
  accessToken: string | null;
  apiKey: string | null;
  cartToken: string | null;
}

// openapi-fetch's method signature, with the answer narrowed to its success branch:
// errors are thrown (CommerceError), so `data` is always the success body.
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];
type Success<R> = Extract<R, { error?: never }>;
type OperationOf<Path extends keyof paths, M extends HttpMethod> = paths[Path] extends { [K in M]: infer O } ? O : never;
type Answer<Operation, Init> =
  Operation extends infer O extends Record<string | number, any>
    ? Success<FetchResponse<O, Init, "application/json">>
    : never;
export type CommerceMethod<M extends HttpMethod> = <
  Path extends PathsWithMethod<paths, M>,
  Init extends MaybeOptionalInit<paths[Path], M>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<Answer<OperationOf<Path, M>, Init>>;

export type CommerceClient = Omit<Client<paths, "application/json">, "GET" | "PUT" | "POST" | "DELETE" | "PATCH"> & {
  GET: CommerceMethod<"get">;
  PUT: CommerceMethod<"put">;
  POST: CommerceMethod<"post">;
  DELETE: CommerceMethod<"delete">;
  PATCH: CommerceMethod<"patch">;
  readonly baseUrl: string;
  /** The credentials the next request sends. */
  readonly credentials: Readonly<Credentials>;
  setAccessToken(token: string | null): void;
  setApiKey(key: string | null): void;
  setCartToken(token: string | null): void;
};

/** A non-2xx answer. `code` is the API's stable problem code: match on it, not on `detail`. */
export class CommerceError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** Field errors of a validation failure (`field`, `code`, `message`); empty otherwise. */
  readonly errors: FieldError[];
  /** The whole problem document, with any extra members (`skus`, `available`, `current_status`, ...). */
  readonly problem: Record<string, unknown>;
  readonly requestId: string | null;
  /** Seconds from `Retry-After` (503, 429), when the API sent it. */
  readonly retryAfter: number | null;
  readonly method: string;
  readonly url: string;

  constructor(init: {
    status: number;
    problem: Record<string, unknown>;
    requestId?: string | null;
    retryAfter?: number | null;
    method?: string;
    url?: string;
  }) {
    const problem = init.problem;
    const text = (key: string): string | undefined => (typeof problem[key] === "string" ? (problem[key] as string) : undefined);
    const code = text("code") ?? `http_${init.status}`;
    const detail = text("detail") ?? "";
    super(`${init.status} ${code}${detail ? `: ${detail}` : ""}`);
    this.name = "CommerceError";
    this.status = init.status;
    this.code = code;
    this.title = text("title") ?? "";
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
    this.problem = problem;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.method = init.method ?? "";
    this.url = init.url ?? "";
  }

  /** Reads a failed response's body (problem+json, other JSON, or text) into an error. */
  static async fromResponse(response: Response, request?: Request): Promise<CommerceError> {
    const raw = await response.text();
    let problem: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      problem = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { body: parsed };
    } catch {
      problem = { detail: raw.slice(0, 500) };
    }
    const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
    return new CommerceError({
      status: response.status,
      problem,
      requestId: response.headers.get("X-Request-Id"),
      retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
      method: request?.method,
      url: request?.url ?? response.url,
    });
  }
}

/** A random UUID v4 (crypto.getRandomValues works on plain-HTTP pages too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const IDEMPOTENT = new Set(IDEMPOTENT_OPERATIONS);

export function createCommerceClient(options: CommerceClientOptions): CommerceClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const credentials: Credentials = {
    accessToken: options.accessToken ?? null,
    apiKey: options.apiKey ?? null,
    cartToken: options.cartToken ?? null,
  };
  const makeKey = options.newIdempotencyKey ?? newIdempotencyKey;
  const client = createClient<paths, "application/json">({
    baseUrl,
    headers: options.headers,
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  });
  const middleware: Middleware = {
    onRequest({ request, schemaPath }) {
      const headers = request.headers;
      if (credentials.accessToken && !headers.has("Authorization")) {
        headers.set("Authorization", `Bearer ${credentials.accessToken}`);
      }
      if (credentials.apiKey && !headers.has("X-Api-Key")) headers.set("X-Api-Key", credentials.apiKey);
      if (credentials.cartToken && !headers.has("X-Cart-Token")) headers.set("X-Cart-Token", credentials.cartToken);
      if (IDEMPOTENT.has(`${request.method} ${schemaPath}`) && !headers.has("Idempotency-Key")) {
        headers.set("Idempotency-Key", makeKey());
      }
      return request;
    },
    async onResponse({ request, response }) {
      if (!response.ok) throw await CommerceError.fromResponse(response, request);
      return undefined;
    },
  };
  client.use(middleware);
  const commerce = Object.assign(client, {
    baseUrl,
    setAccessToken(token: string | null) {
      credentials.accessToken = token || null;
    },
    setApiKey(key: string | null) {
      credentials.apiKey = key || null;
    },
    setCartToken(token: string | null) {
      credentials.cartToken = token || null;
    },
  });
  // A getter (Object.assign would copy a snapshot): what the next request sends.
  Object.defineProperty(commerce, "credentials", { get: () => ({ ...credentials }), enumerable: true });
  return commerce as unknown as CommerceClient;
}
