// The ops console: staff sign in with their API key (kept in this tab's
// sessionStorage only), then work the queues: orders held for risk review,
// exceptions and SLA breaches, stock alerts, after-sales requests, orders by
// status, settlement statements, customer care (care.js: tickets, the
// notifications log), and merchandising (ops.js: reviews, purchase orders,
// content slots, KPIs; promotions.js: promotions and their reports). Plain ES module on the API's own origin.
import { clean, createCommerceClient, describe, el, formValues, money, must, when } from "./shared/api.js";
import { notificationsLog, ticketPage, ticketQueue } from "./care.js";
import { kpiReport, purchaseOrder, purchaseOrders, reviewQueue, slotEditor } from "./ops.js";
import { promotionList, promotionReport } from "./promotions.js";

const view = document.getElementById("view");
const KEY = "console.apiKey";

function apiKey() {
  return window.sessionStorage.getItem(KEY);
}

function api() {
  return createCommerceClient({ baseUrl: window.location.origin, apiKey: apiKey() || undefined });
}

let shown = null; // the hash being drawn: a slower answer for a page already left draws nothing

function render(...nodes) {
  if (location.hash !== shown) return;
  view.replaceChildren(...nodes);
}

function notice(text, kind = "") {
  return el("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}

function badge(status) {
  return el("span", { class: `badge ${status}`, "data-status": status }, status);
}

function showWho() {
  const who = document.getElementById("who");
  who.replaceChildren(
    apiKey()
      ? el("span", {}, `Key …${apiKey().slice(-4)} `, el("a", { href: "#/signout", id: "signout" }, "Sign out"))
      : el("span", {}, "Not signed in"),
  );
}

/** A button that POSTs, then redraws the page; failures are shown above it. */
function act(label, path, pathParams, body, { id, kind = "" } = {}) {
  return el(
    "button",
    {
      class: kind,
      id,
      onclick: async (event) => {
        event.target.disabled = true;
        try {
          const sent = typeof body === "function" ? body() : body;
          if (sent === null) {
            event.target.disabled = false;
            return;
          }
          await must(api().POST(path, { params: { path: pathParams }, body: sent }));
          await route(false);
          view.prepend(notice(`${label}: done.`));
        } catch (error) {
          event.target.disabled = false;
          view.prepend(notice(`${label}: ${describe(error)}`, "error"));
        }
      },
    },
    label,
  );
}

function table(headings, rows, id) {
  if (!rows.length) return el("p", { class: "muted empty" }, "Nothing here.");
  return el("table", { id }, el("tr", {}, headings.map((h) => el("th", {}, h))), rows);
}

// ---- pages -----------------------------------------------------------------

function signIn() {
  render(
    el("h1", {}, "Staff sign in"),
    el(
      "form",
      {
        class: "stack card",
        id: "signin",
        onsubmit: async (event) => {
          event.preventDefault();
          const { api_key: key } = formValues(event.target);
          try {
            await must(
              createCommerceClient({ baseUrl: window.location.origin, apiKey: key }).GET("/admin/orders", {
                params: { query: { status: "under_review", limit: 1 } },
              }),
            );
          } catch (error) {
            // 403 still proves the key: it just may not read orders.
            if (error.status !== 403) {
              view.prepend(notice(describe(error), "error"));
              return;
            }
          }
          window.sessionStorage.setItem(KEY, key);
          showWho();
          location.hash = "#/review";
        },
      },
      el("p", { class: "muted" }, "Your staff API key (X-Api-Key). It stays in this browser tab only and is forgotten when the tab closes."),
      el("label", {}, "API key", el("input", { name: "api_key", type: "password", required: true, autocomplete: "off" })),
      el("button", { type: "submit" }, "Sign in"),
    ),
  );
}

async function review() {
  const page = await must(api().GET("/admin/orders", { params: { query: { status: "under_review", limit: 50 } } }));
  const orders = await Promise.all(
    page.items.map((o) => must(api().GET("/admin/orders/{order_id}", { params: { path: { order_id: o.id } } }))),
  );
  const rows = orders.map((o) =>
    el(
      "tr",
      { dataset: { orderId: o.id } },
      el("td", {}, el("a", { href: `#/order/${o.id}` }, o.id), el("div", { class: "muted" }, when(o.created_at))),
      el("td", {}, o.risk_reasons.map((r) => el("div", { class: "badge under_review" }, r))),
      el("td", {}, o.shipping_address ? `${o.shipping_address.province}, ${o.shipping_address.city}` : "–"),
      el("td", { class: "num" }, money(o.total)),
      el(
        "td",
        {},
        act("Approve", "/admin/orders/{order_id}/approve", { order_id: o.id }, {}, { id: `approve-${o.id}` }),
        " ",
        act("Reject", "/admin/orders/{order_id}/reject", { order_id: o.id }, () => {
          const reason = window.prompt("Reason for rejecting (the customer is refunded):", "failed risk review");
          return reason === null ? null : { reason };
        }, { id: `reject-${o.id}`, kind: "danger" }),
      ),
    ),
  );
  render(
    el("h1", {}, "Orders held for risk review"),
    el("p", { class: "muted" }, "Paid orders a risk rule held (large order, high-risk region, order velocity). Approving sends them to fulfillment; rejecting cancels and refunds them."),
    table(["Order", "Held for", "Ship to", "Total", ""], rows, "review-queue"),
  );
}

async function exceptions(query) {
  const status = query.get("status") || "open";
  const page = await must(api().GET("/admin/exceptions", { params: { query: { status, limit: 100 } } }));
  const rows = page.items.map((e) =>
    el(
      "tr",
      { dataset: { exceptionId: e.id } },
      el("td", {}, badge(e.kind), el("div", { class: "muted" }, `owner: ${e.owner_role}`)),
      el("td", {}, el("a", { href: `#/order/${e.order_id}` }, e.order_id)),
      el("td", {}, e.detail),
      el("td", {}, when(e.due_at)),
      el(
        "td",
        {},
        e.status === "open"
          ? act("Resolve", "/admin/exceptions/{exception_id}/resolve", { exception_id: e.id }, () => {
              const reason = window.prompt("Note:", "handled");
              return reason === null ? null : { reason };
            })
          : `${e.resolved_by || ""} ${when(e.resolved_at)} ${e.note || ""}`,
      ),
    ),
  );
  render(
    el("h1", {}, "Exceptions and SLA breaches"),
    el(
      "p",
      { class: "row" },
      el("span", {}, el("a", { href: "#/exceptions?status=open" }, "Open"), " · ", el("a", { href: "#/exceptions?status=resolved" }, "Resolved")),
      el("span", {}, act("Run the SLA scan now", "/admin/jobs/{name}/runs", { name: "scan_slas" }, {}, { kind: "secondary", id: "scan-slas" })),
    ),
    table(["Kind", "Order", "Detail", "Due", ""], rows, "exceptions"),
  );
}

async function alerts(query) {
  const status = query.get("status") || "open";
  const page = await must(api().GET("/admin/stock-alerts", { params: { query: { status, limit: 100 } } }));
  const rows = page.items.map((a) =>
    el(
      "tr",
      { dataset: { alertId: a.id } },
      el("td", {}, el("strong", {}, a.sku), el("div", { class: "muted" }, when(a.created_at))),
      el("td", { class: "num" }, `${a.available} / ${a.safety_stock}`),
      el("td", {}, a.suggestion ? `reorder ${a.suggestion.reorder_quantity} (≈${a.suggestion.average_daily_sales}/day, ${a.suggestion.lead_time_days} d lead)` : "–"),
      el("td", {}, badge(a.status)),
      el(
        "td",
        {},
        a.status === "open" ? act("Acknowledge", "/admin/stock-alerts/{alert_id}/acknowledge", { alert_id: a.id }, {}, { kind: "secondary" }) : "",
        " ",
        a.status !== "resolved" ? act("Resolve", "/admin/stock-alerts/{alert_id}/resolve", { alert_id: a.id }, {}) : "",
      ),
    ),
  );
  render(
    el("h1", {}, "Stock alerts"),
    el("p", {}, ["open", "acknowledged", "resolved"].map((s) => el("a", { href: `#/alerts?status=${s}` }, `${s} `))),
    table(["SKU", "Available / safety", "Suggestion", "Status", ""], rows, "alerts"),
  );
}

async function afterSales(query) {
  const status = query.get("status") || "requested";
  const page = await must(api().GET("/admin/after-sales", { params: { query: { status, limit: 100 } } }));
  const rows = page.items.map((r) =>
    el(
      "tr",
      { dataset: { afterSaleId: r.id } },
      el("td", {}, r.id, el("div", {}, el("a", { href: `#/order/${r.order_id}` }, r.order_id))),
      el("td", {}, `${r.type} · ${r.reason}`, el("div", { class: "muted" }, r.description || "")),
      el("td", {}, r.lines.map((l) => el("div", {}, `${l.quantity} × ${l.sku}`))),
      el("td", { class: "num" }, money(r.refund_amount)),
      el("td", {}, r.due ? Object.entries(r.due).map(([k, v]) => el("div", { class: "muted" }, `${k.replaceAll("_", " ")} ${when(v)}`)) : ""),
      el(
        "td",
        {},
        r.status === "requested"
          ? [
              act("Approve", "/admin/after-sales/{after_sale_id}/approve", { after_sale_id: r.id }, {}),
              " ",
              act("Reject", "/admin/after-sales/{after_sale_id}/reject", { after_sale_id: r.id }, () => {
                const reason = window.prompt("Reason for rejecting:", "");
                return reason ? { reason } : null;
              }, { kind: "danger" }),
            ]
          : r.status === "return_in_transit" || r.status === "approved"
            ? act("Mark received", "/admin/after-sales/{after_sale_id}/receive", { after_sale_id: r.id }, {}, { kind: "secondary" })
            : r.status === "received"
              ? act("Inspection passed", "/admin/after-sales/{after_sale_id}/inspect", { after_sale_id: r.id }, { result: "pass" }, { kind: "secondary" })
              : badge(r.status),
      ),
    ),
  );
  render(
    el("h1", {}, "After-sales requests"),
    el("p", {}, ["requested", "approved", "return_in_transit", "received", "inspected", "refunded", "rejected"].map((s) => el("a", { href: `#/after-sales?status=${s}` }, `${s.replaceAll("_", " ")} `))),
    table(["Request", "Type", "Lines", "Refund", "Due", ""], rows, "after-sales"),
  );
}

const ORDER_STATUSES = ["pending_payment", "paid", "under_review", "fulfilling", "shipped", "delivered", "completed", "cancelled"];

async function orders(query) {
  const status = query.get("status") || "paid";
  const page = await must(api().GET("/admin/orders", { params: { query: { status, limit: 100 } } }));
  render(
    el("h1", {}, "Orders"),
    el("p", {}, ORDER_STATUSES.map((s) => el("a", { href: `#/orders?status=${s}` }, `${s.replaceAll("_", " ")} `))),
    el("h2", {}, status.replaceAll("_", " ")),
    table(
      ["Order", "Placed", "Status", "Payment", "Items", "Total"],
      page.items.map((o) => el("tr", {}, el("td", {}, el("a", { href: `#/order/${o.id}` }, o.id)), el("td", {}, when(o.created_at)), el("td", {}, badge(o.status)), el("td", {}, o.payment_status), el("td", { class: "num" }, o.item_count), el("td", { class: "num" }, money(o.total)))),
      "orders",
    ),
  );
}

async function order(orderId) {
  const o = await must(api().GET("/admin/orders/{order_id}", { params: { path: { order_id: orderId } } }));
  render(
    el("h1", {}, "Order ", el("span", { id: "order-id" }, o.id)),
    el("p", { id: "order-status" }, badge(o.status), " ", o.payment_status, " · ", money(o.total), " · customer ", o.customer_id),
    o.status === "under_review"
      ? el("p", {}, act("Approve", "/admin/orders/{order_id}/approve", { order_id: o.id }, {}, { id: "approve" }), " ", act("Reject", "/admin/orders/{order_id}/reject", { order_id: o.id }, { reason: "failed risk review" }, { kind: "danger", id: "reject" }))
      : "",
    el("h2", {}, "Lines"),
    table(["SKU", "Title", "Qty", "Payable"], o.lines.map((l) => el("tr", {}, el("td", {}, l.sku), el("td", {}, l.title), el("td", { class: "num" }, l.quantity), el("td", { class: "num" }, money(l.payable)))), "lines"),
    el("h2", {}, "Timeline"),
    table(["When", "What", "By", "Note"], o.timeline.map((t) => el("tr", {}, el("td", {}, when(t.at)), el("td", {}, t.type === "status_changed" ? `${t.from} → ${t.to}` : t.type), el("td", {}, t.actor), el("td", {}, t.reason || ""))), "timeline"),
  );
}

async function settlements(query) {
  const range = clean({ from: query.get("from"), to: query.get("to") });
  const page = await must(api().GET("/admin/settlements", { params: { query: range } }));
  const csv = (day) =>
    el(
      "button",
      {
        class: "secondary",
        onclick: async () => {
          const response = await fetch(`/admin/settlements/${day}/csv`, { headers: { "X-Api-Key": apiKey() } });
          const link = el("a", { href: URL.createObjectURL(await response.blob()), download: `settlement-${day}.csv` });
          link.click();
        },
      },
      "CSV",
    );
  const rows = page.items.map((s) =>
    el(
      "tr",
      {},
      el("td", {}, s.business_date),
      el("td", { class: "num" }, s.orders),
      el("td", { class: "num" }, money(s.gross)),
      el("td", { class: "num" }, money(s.refunds)),
      el("td", { class: "num" }, money(s.fees)),
      el("td", { class: "num" }, el("strong", {}, money(s.net))),
      el("td", { class: "num" }, s.exceptions),
      el("td", {}, csv(s.business_date)),
    ),
  );
  render(
    el("h1", {}, "Settlements"),
    el(
      "form",
      { class: "inline", onsubmit: (event) => { event.preventDefault(); location.hash = `#/settlements?${new URLSearchParams(formValues(event.target))}`; } },
      el("label", {}, "From", el("input", { name: "from", type: "date", value: range.from || "" })),
      el("label", {}, "To", el("input", { name: "to", type: "date", value: range.to || "" })),
      el("button", { type: "submit", class: "secondary" }, "Show"),
    ),
    table(["Day", "Orders", "Gross", "Refunds", "Fees", "Net", "Exceptions", ""], rows, "settlements"),
  );
}

// The helpers the customer-care pages (care.js) draw with.
const ui = { api, render, notice, badge, table, route, prepend: (node) => view.prepend(node) };

// ---- router ----------------------------------------------------------------

async function route(scrollTop = true) {
  shown = location.hash;
  const [path, search] = (location.hash.slice(1) || "/review").split("?");
  const query = new URLSearchParams(search || "");
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "signout") {
    window.sessionStorage.removeItem(KEY);
    showWho();
    location.hash = "#/signin";
    return;
  }
  if (!apiKey()) {
    signIn();
    document.body.dataset.page = "signin";
    return;
  }
  const pages = { review, exceptions, alerts, "after-sales": afterSales, orders, settlements };
  const care = { tickets: (q) => ticketQueue(ui, q), notifications: (q) => notificationsLog(ui, q) };
  Object.assign(pages, care);
  const ops = {
    reviews: (q) => reviewQueue(ui, q),
    "purchase-orders": (q) => purchaseOrders(ui, q),
    slots: (q) => slotEditor(ui, q),
    kpis: (q) => kpiReport(ui, q),
    promotions: () => promotionList(ui),
  };
  Object.assign(pages, ops);
  try {
    if (parts[0] === "order") await order(parts[1]);
    else if (parts[0] === "ticket") await ticketPage(ui, parts[1]);
    else if (parts[0] === "purchase-order") await purchaseOrder(ui, parts[1]);
    else if (parts[0] === "promotion") await promotionReport(ui, parts[1]);
    else if (pages[parts[0] || "review"]) await pages[parts[0] || "review"](query);
    else await review();
  } catch (error) {
    if (error.status === 401) {
      window.sessionStorage.removeItem(KEY);
      showWho();
    }
    render(notice(describe(error), "error"));
  }
  document.body.dataset.page = parts[0] || "review";
  if (scrollTop) window.scrollTo(0, 0);
}

window.addEventListener("hashchange", () => route());
showWho();
route();
