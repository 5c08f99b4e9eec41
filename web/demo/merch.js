// Merchandising in the storefront demo (ADRs 0026 to 0028): the tags of a
// cart or order line (a gift at 0, a presale, a first-N price, a bundle's
// share), the cart's and checkout's `warnings`, and a presale order's panel:
// the deposit paid, the balance due and its window, and "Pay the balance"
// (POST /orders/{id}/balance-payment with an Idempotency-Key, then the same
// localstripe card step as checkout's payment).
import { el, money, must, when } from "./shared/api.js";

const store = window.sessionStorage;

/** The tags under a line's title: what made its price. */
export function lineTags(line) {
  const tags = [];
  if (line.gift) tags.push(el("span", { class: "tag gift", dataset: { kind: "gift" } }, "Gift"));
  if (line.price_source === "presale") {
    tags.push(el("span", { class: "tag presale", dataset: { kind: "presale" } }, "Presale: pay a deposit now, the balance later"));
  }
  if (line.price_source === "first_n") tags.push(el("span", { class: "tag", dataset: { kind: "first_n" } }, "First-N price"));
  return tags.length ? el("div", { class: "line-tags" }, tags) : "";
}

/** The warnings of a cart or a placed order, one notice each (matched by `code` in data-code). */
export function warningNotices(warnings) {
  return (warnings || []).map((w) =>
    el("div", { class: "notice warn", role: "status", dataset: { code: w.code } }, w.message || w.code),
  );
}

/** Checkout's warnings for an order, kept for its payment page (they are in checkout's answer only). */
export function keepWarnings(orderId, warnings) {
  if (warnings && warnings.length) store.setItem(`demo.warnings.${orderId}`, JSON.stringify(warnings));
}

export function keptWarnings(orderId) {
  return JSON.parse(store.getItem(`demo.warnings.${orderId}`) || "[]");
}

/** Whether the order page should keep refreshing: a payment taken on localstripe waits for its webhook. */
export function awaitingPayment(order) {
  if (["pending_payment", "deposit_pending"].includes(order.status)) return true;
  return order.status === "balance_due" && store.getItem(`demo.balancePaid.${order.id}`) !== null;
}

/** After a payment confirmed on localstripe: a balance's is awaited on the order page. */
export function paymentConfirmed(order) {
  if (order.status === "balance_due") store.setItem(`demo.balancePaid.${order.id}`, "1");
}

/** The amount a payment page asks for: the deposit, the balance, or the order's total. */
export function amountDue(order) {
  if (order.presale && order.status === "deposit_pending") return { label: "deposit", amount: order.presale.deposit };
  if (order.presale && order.status === "balance_due") return { label: "balance", amount: order.presale.balance };
  return { label: "total", amount: order.total };
}

/** A presale order's payments; in `balance_due`, the window and the "Pay the balance" button. */
export function presalePanel(ui, order) {
  const p = order.presale;
  if (!p) return "";
  const now = Date.now();
  const opens = new Date(p.balance_starts_at).getTime();
  const closes = new Date(p.balance_ends_at).getTime();
  const depositPaid = order.status !== "deposit_pending" && order.status !== "cancelled";
  const rows = [
    ["Deposit", `${money(p.deposit)}${depositPaid ? " (paid)" : " (to pay now)"}`, "presale-deposit"],
    ["Balance", `${money(p.balance)}${order.status === "balance_due" ? " (due)" : ""}`, "presale-balance"],
    ["Balance window", `${when(p.balance_starts_at)} – ${when(p.balance_ends_at)}`, "presale-window"],
    ["Deposit if the balance is not paid", p.deposit_refundable ? "refunded" : "kept (not refundable)", "presale-refundable"],
  ];
  let action = "";
  if (order.status === "balance_due") {
    if (store.getItem(`demo.balancePaid.${order.id}`) !== null) {
      action = ui.notice("Balance paid: waiting for the payment to be confirmed.", "warn");
    } else if (now < opens) {
      action = el("p", { class: "muted", id: "balance-not-open" }, `The balance can be paid from ${when(p.balance_starts_at)}.`);
    } else if (now >= closes) {
      action = el("p", { class: "muted" }, "The balance window has closed.");
    } else {
      action = el("button", { id: "pay-balance", onclick: (event) => payBalance(ui, order, event.target) }, `Pay the balance ${money(p.balance)}`);
    }
  }
  return el(
    "section",
    { class: "card", id: "presale" },
    el("h2", {}, "Presale"),
    el("table", { class: "totals" }, rows.map(([name, value, id]) => el("tr", {}, el("td", {}, name), el("td", { class: "num", id }, value)))),
    action,
  );
}

/** One Idempotency-Key per intended balance payment (a retry after an error sends the same one). */
function balanceKey(orderId) {
  const name = `demo.balanceKey.${orderId}`;
  let key = store.getItem(name);
  if (!key) {
    key = crypto.randomUUID();
    store.setItem(name, key);
  }
  return key;
}

async function payBalance(ui, order, button) {
  button.disabled = true;
  try {
    const asked = await must(
      ui.api().POST("/orders/{order_id}/balance-payment", {
        params: { path: { order_id: order.id } },
        body: {},
        headers: { "Idempotency-Key": balanceKey(order.id) },
      }),
    );
    store.removeItem(`demo.balanceKey.${order.id}`);
    store.setItem(`demo.payment.${order.id}`, JSON.stringify(asked.payment));
    location.hash = `#/pay/${order.id}`;
  } catch (error) {
    button.disabled = false;
    ui.fail(error);
  }
}
