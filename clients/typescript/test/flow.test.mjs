// browse -> cart -> checkout -> pay -> order, through the built client, against a
// running API: COMMERCE_URL (e.g. `make run`'s http://127.0.0.1:8000), with its
// localstripe at COMMERCE_STRIPE_URL and the admin key COMMERCE_ADMIN_API_KEY
// (make run's defaults when unset). The system tier runs it
// (tests/system/test_typescript_client.py). The catalog it buys from is created
// here, with unique codes, so it runs against a seeded stack as well as an empty one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CommerceError, createCommerceClient } from "../dist/commerce.js";

const API = process.env.COMMERCE_URL;
const STRIPE = process.env.COMMERCE_STRIPE_URL || "http://127.0.0.1:8420";
const ADMIN_KEY = process.env.COMMERCE_ADMIN_API_KEY || "local-admin-key";
const ADDRESS = { name: "Mei", phone: "13800000000", province: "Zhejiang", city: "Hangzhou", line1: "1 West Lake Rd" };

async function eventually(read, done, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a storefront does with the PaymentIntent on Stripe (here localstripe): attach a test card, confirm. */
async function payOnLocalstripe(paymentIntentId, card = "pm_card_visa") {
  const auth = { Authorization: "Bearer sk_test_local", "Content-Type": "application/x-www-form-urlencoded" };
  const intent = `${STRIPE}/v1/payment_intents/${paymentIntentId}`;
  let response = await fetch(intent, { method: "POST", headers: auth, body: new URLSearchParams({ payment_method: card }) });
  assert.equal(response.status, 200, await response.clone().text());
  response = await fetch(`${intent}/confirm`, { method: "POST", headers: auth, body: "" });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

test("browse, cart, checkout, pay on localstripe and see the order paid", { timeout: 120_000 }, async () => {
  assert.ok(API, "set COMMERCE_URL to a running API (make run: http://127.0.0.1:8000)");
  const run = Math.random().toString(36).slice(2, 8).toUpperCase();

  // Staff put a product on sale.
  const staff = createCommerceClient({ baseUrl: API, apiKey: ADMIN_KEY });
  const { data: category } = await staff.POST("/admin/categories", {
    body: { name: `Client ${run}`, slug: `client-${run.toLowerCase()}`, parent_id: null },
  });
  const sku = `TS-${run}`;
  const { data: created } = await staff.POST("/admin/products", {
    body: {
      title: `Client test tea ${run}`,
      description: "Bought by the TypeScript client's test.",
      images: ["https://images.example.com/client-tea.jpg"],
      category_id: category.id,
      status: "listed",
      skus: [{ code: sku, specs: { weight: "250 g" }, price: { amount: 12900, currency: "CNY" }, weight_grams: 300, stock: 5, safety_stock: 1 }],
    },
  });

  // A shopper browses.
  const shop = createCommerceClient({ baseUrl: API });
  const { data: tree } = await shop.GET("/categories");
  assert.ok(tree.items.some((node) => node.id === category.id));
  const page = await eventually(
    async () => (await shop.GET("/products", { params: { query: { category_id: category.id } } })).data,
    (p) => p.items.length > 0,
  );
  assert.deepEqual(page.items.map((p) => p.id), [created.id]);
  const { data: product } = await shop.GET("/products/{product_id}", { params: { path: { product_id: created.id } } });
  assert.equal(product.skus[0].code, sku);

  // Not found is a CommerceError with the API's code.
  const missing = await shop.GET("/products/{product_id}", { params: { path: { product_id: "prd_missing" } } }).catch((e) => e);
  assert.ok(missing instanceof CommerceError, String(missing));
  assert.equal(missing.status, 404);
  assert.equal(missing.code, "not_found");

  // Registers (a validation failure first: its field errors come through), signs in.
  const invalid = await shop.POST("/auth/register", { body: { email: "not an email", password: "correct horse", name: "Mei" } }).catch((e) => e);
  assert.ok(invalid instanceof CommerceError);
  assert.equal(invalid.code, "validation_error");
  assert.ok(invalid.errors.some((e) => e.field === "email" && e.code === "invalid_format"), JSON.stringify(invalid.errors));
  const email = `ts-client-${run.toLowerCase()}@example.com`;
  const { data: session } = await shop.POST("/auth/register", { body: { email, password: "correct horse", name: "Mei" } });
  shop.setAccessToken(session.access_token);

  // Fills a cart.
  const { data: cart } = await shop.POST("/carts", { body: {} });
  const { data: priced } = await shop.POST("/carts/{cart_id}/items", {
    params: { path: { cart_id: cart.id } },
    body: { sku, quantity: 2 },
  });
  assert.equal(priced.total.amount, 25800);

  // Checks out: the client sends the Idempotency-Key. The same key again replays the same order.
  const key = `ts-${run}`;
  const placed = await shop.POST("/checkout", {
    body: { cart_id: cart.id, shipping_address: ADDRESS },
    params: { header: { "Idempotency-Key": key } },
  });
  assert.equal(placed.response.status, 201);
  const { order, payment } = placed.data;
  assert.equal(order.status, "pending_payment");
  assert.equal(order.total.amount, 25800);
  const replay = await shop.POST("/checkout", {
    body: { cart_id: cart.id, shipping_address: ADDRESS },
    params: { header: { "Idempotency-Key": key } },
  });
  assert.equal(replay.response.headers.get("Idempotent-Replayed"), "true");
  assert.equal(replay.data.order.id, order.id);
  // Without a token checkout is refused: 401.
  const anonymous = await createCommerceClient({ baseUrl: API })
    .POST("/checkout", { body: { cart_id: cart.id, shipping_address: ADDRESS } })
    .catch((e) => e);
  assert.ok(anonymous instanceof CommerceError);
  assert.equal(anonymous.status, 401);

  // Pays on localstripe with a test card; Stripe's signed webhook marks the order paid.
  assert.ok(payment.client_secret.startsWith(payment.payment_intent_id));
  const intent = await payOnLocalstripe(payment.payment_intent_id);
  assert.equal(intent.status, "succeeded");
  const paid = await eventually(
    async () => (await shop.GET("/orders/{order_id}", { params: { path: { order_id: order.id } } })).data,
    (o) => o.payment_status === "paid",
  );
  assert.equal(paid.payment_status, "paid", JSON.stringify(paid));
  assert.ok(["paid", "fulfilling"].includes(paid.status), paid.status);
  assert.equal(paid.amount_paid.amount, 25800);

  // The order is in the shopper's list, and the stock was taken.
  const { data: orders } = await shop.GET("/orders");
  assert.ok(orders.items.some((o) => o.id === order.id));
  const { data: level } = await staff.GET("/admin/inventory/{sku}", { params: { path: { sku } } });
  assert.equal(level.reserved, 2);
  assert.equal(level.available, 3);
});
