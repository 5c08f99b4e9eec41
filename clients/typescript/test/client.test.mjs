// The client on its own (no server): credentials, Idempotency-Key on money routes
// only, problem+json thrown as CommerceError. Runs on the built dist/commerce.js.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CommerceError, IDEMPOTENT_OPERATIONS, createCommerceClient } from "../dist/commerce.js";

function recorder(status = 200, body = {}, headers = { "Content-Type": "application/json" }) {
  const seen = [];
  const fetch = async (request) => {
    seen.push(request);
    return new Response(JSON.stringify(body), { status, headers });
  };
  return { seen, fetch };
}

test("money routes get an Idempotency-Key, other routes none, and a caller's own key wins", async () => {
  assert.deepEqual([...IDEMPOTENT_OPERATIONS].sort(), [
    "POST /admin/orders/{order_id}/refunds",
    "POST /admin/tickets/{ticket_id}/compensate",
    "POST /checkout",
    "POST /me/membership",
    "POST /orders/{order_id}/after-sales",
    "POST /orders/{order_id}/balance-payment",
  ]);
  const { seen, fetch } = recorder(201);
  const commerce = createCommerceClient({ baseUrl: "http://api.test/", accessToken: "tok", fetch });
  await commerce.POST("/checkout", { body: { cart_id: "cart_1" } });
  await commerce.POST("/checkout", { body: { cart_id: "cart_1" } });
  await commerce.POST("/checkout", { body: { cart_id: "cart_1" }, params: { header: { "Idempotency-Key": "mine" } } });
  await commerce.POST("/admin/orders/{order_id}/refunds", { params: { path: { order_id: "ord_1" } }, body: { amount: 100 } });
  await commerce.POST("/carts/{cart_id}/items", { params: { path: { cart_id: "cart_1" } }, body: { sku: "A", quantity: 1 } });
  await commerce.GET("/orders/{order_id}", { params: { path: { order_id: "ord_1" } } });
  const keys = seen.map((r) => r.headers.get("Idempotency-Key"));
  assert.match(keys[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(keys[0], keys[1], "each call is a new intended operation");
  assert.equal(keys[2], "mine");
  assert.ok(keys[3]);
  assert.deepEqual(keys.slice(4), [null, null]);
  assert.equal(seen[3].url, "http://api.test/admin/orders/ord_1/refunds");
  assert.ok(seen.every((r) => r.headers.get("Authorization") === "Bearer tok"));
});

test("credentials: bearer, API key and cart token are sent, and can be changed or cleared", async () => {
  const { seen, fetch } = recorder();
  const commerce = createCommerceClient({ baseUrl: "http://api.test", apiKey: "key_1", cartToken: "ct_1", fetch });
  await commerce.GET("/health");
  commerce.setApiKey(null);
  commerce.setAccessToken("tok_2");
  commerce.setCartToken("ct_2");
  await commerce.GET("/health");
  assert.equal(seen[0].headers.get("X-Api-Key"), "key_1");
  assert.equal(seen[0].headers.get("X-Cart-Token"), "ct_1");
  assert.equal(seen[0].headers.get("Authorization"), null);
  assert.equal(seen[1].headers.get("X-Api-Key"), null);
  assert.equal(seen[1].headers.get("Authorization"), "Bearer tok_2");
  assert.equal(seen[1].headers.get("X-Cart-Token"), "ct_2");
  assert.deepEqual(commerce.credentials, { accessToken: "tok_2", apiKey: null, cartToken: "ct_2" });
});

test("a problem+json answer is thrown as a CommerceError with its members", async () => {
  const problem = {
    type: "urn:commerce:problem:validation_error",
    title: "Bad Request",
    status: 400,
    detail: "The request is not valid.",
    code: "validation_error",
    errors: [{ field: "email", code: "required", message: "Field required" }],
  };
  const { fetch } = recorder(400, problem, { "Content-Type": "application/problem+json", "X-Request-Id": "req_1" });
  const commerce = createCommerceClient({ baseUrl: "http://api.test", fetch });
  const error = await commerce.POST("/auth/register", { body: { email: "", password: "", name: "" } }).catch((e) => e);
  assert.ok(error instanceof CommerceError);
  assert.equal(error.name, "CommerceError");
  assert.equal(error.status, 400);
  assert.equal(error.code, "validation_error");
  assert.equal(error.title, "Bad Request");
  assert.equal(error.detail, "The request is not valid.");
  assert.deepEqual(error.errors, problem.errors);
  assert.equal(error.requestId, "req_1");
  assert.equal(error.method, "POST");
  assert.equal(error.url, "http://api.test/auth/register");
  assert.equal(error.message, "400 validation_error: The request is not valid.");
});

test("an answer that is not a problem still throws, with the HTTP status as its code", async () => {
  const fetch = async () => new Response("<html>Bad gateway</html>", { status: 502, headers: { "Retry-After": "3" } });
  const commerce = createCommerceClient({ baseUrl: "http://api.test", fetch });
  const error = await commerce.GET("/health").catch((e) => e);
  assert.ok(error instanceof CommerceError);
  assert.equal(error.code, "http_502");
  assert.equal(error.retryAfter, 3);
  assert.deepEqual(error.errors, []);
});
