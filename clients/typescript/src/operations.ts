// Generated from docs/openapi.yaml by scripts/generate.mjs (npm run generate). Do not edit.

/** Operations that take an `Idempotency-Key` (money routes): the client sends one unless the caller does. */
export const IDEMPOTENT_OPERATIONS: readonly string[] = [
  "POST /admin/orders/{order_id}/refunds",
  "POST /admin/tickets/{ticket_id}/compensate",
  "POST /checkout",
  "POST /me/membership",
  "POST /orders/{order_id}/after-sales",
  "POST /orders/{order_id}/balance-payment"
];
