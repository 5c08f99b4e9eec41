// Merchandising and operations in the ops console: review moderation (publish,
// hide, the shop's reply), purchase orders (list, draft with a new supplier,
// order, receive, cancel, close), the content slot editor (the storefront's
// banners) and the KPI report with its chart. The app passes its helpers in `ui`.
import { clean, describe, el, formValues, money, must, when } from "./shared/api.js";

const REVIEW_STATUSES = ["held", "published", "hidden"];
const PO_STATUSES = ["draft", "ordered", "partially_received", "received", "closed", "cancelled"];
const METRICS = ["gmv", "orders", "uv", "pv", "conversion_rate", "aov", "refunds", "gross_margin", "roi"];

function statusTabs(route, statuses, current) {
  return el(
    "p",
    { class: "actions", id: `${route}-status` },
    statuses.map((s) => el("a", { href: `#/${route}?status=${s}`, class: s === current ? "current" : "" }, s.replaceAll("_", " "))),
  );
}

async function post(ui, label, path, pathParams, body) {
  try {
    await must(ui.api().POST(path, { params: { path: pathParams }, body }));
    await ui.route(false);
    ui.prepend(ui.notice(`${label}: done.`));
  } catch (error) {
    ui.prepend(ui.notice(`${label}: ${describe(error)}`, "error"));
  }
}

// ---- reviews ---------------------------------------------------------------

export async function reviewQueue(ui, query) {
  const status = query.get("status") || "held";
  const page = await must(ui.api().GET("/admin/reviews", { params: { query: { status, limit: 100 } } }));
  const rows = page.items.map((r) =>
    el(
      "tr",
      { dataset: { reviewId: r.id } },
      el("td", {}, r.id, el("div", { class: "muted" }, when(r.created_at)), el("div", { class: "muted" }, r.order_id)),
      el("td", {}, ui.badge(r.status), r.hidden_reason ? el("div", { class: "muted" }, r.hidden_reason) : ""),
      el(
        "td",
        {},
        r.items.map((i) => el("div", {}, `${"★".repeat(i.rating)} ${i.title || i.sku}: `, i.text || el("span", { class: "muted" }, "(no text)"))),
        el("div", { class: "muted" }, `service ${r.service_rating} · delivery ${r.logistics_rating} · ${r.author}`),
        r.reply ? el("div", { class: "reply" }, el("strong", {}, "Reply: "), r.reply.body) : "",
      ),
      el(
        "td",
        {},
        el(
          "div",
          { class: "actions" },
        r.status !== "published" ? el("button", { class: "secondary publish", onclick: () => post(ui, "Publish", "/admin/reviews/{review_id}/publish", { review_id: r.id }, {}) }, "Publish") : "",
        r.status !== "hidden"
          ? el(
              "button",
              {
                class: "danger hide",
                onclick: () => {
                  const reason = window.prompt("Why hide it? (kept with the review)");
                  if (reason) post(ui, "Hide", "/admin/reviews/{review_id}/hide", { review_id: r.id }, { reason });
                },
              },
              "Hide",
            )
          : "",
        el(
          "form",
          {
            class: "inline reply-form",
            onsubmit: (event) => {
              event.preventDefault();
              const { body } = formValues(event.target);
              if (body) post(ui, "Reply", "/admin/reviews/{review_id}/reply", { review_id: r.id }, { body });
            },
          },
          el("input", { name: "body", placeholder: r.reply ? "Edit the reply" : "Reply as the shop", maxlength: 1000, "aria-label": "Reply" }),
          el("button", { type: "submit", class: "secondary" }, r.reply ? "Edit reply" : "Reply"),
        ),
        ),
      ),
    ),
  );
  ui.render(el("h1", {}, "Reviews"), statusTabs("reviews", REVIEW_STATUSES, status), ui.table(["Review", "Status", "What they wrote", ""], rows, "reviews"));
}

// ---- purchase orders -------------------------------------------------------

/** `SKU QUANTITY UNIT_COST` per line (the cost in minor units). */
function parsePoLines(text) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [sku, quantity, cost] = line.split(/[\s,:]+/);
      return { sku, quantity: Number(quantity), unit_cost: Number(cost || 0) };
    });
}

export async function purchaseOrders(ui, query) {
  const status = query.get("status") || "draft";
  const [page, suppliers] = await Promise.all([
    must(ui.api().GET("/admin/purchase-orders", { params: { query: { status, limit: 100 } } })),
    must(ui.api().GET("/admin/suppliers", { params: { query: { limit: 100 } } })),
  ]);
  const names = Object.fromEntries(suppliers.items.map((s) => [s.id, s.name]));
  const rows = page.items.map((po) =>
    el(
      "tr",
      { dataset: { poId: po.id } },
      el("td", {}, el("a", { href: `#/purchase-order/${po.id}` }, po.id), el("div", { class: "muted" }, when(po.created_at))),
      el("td", {}, names[po.supplier_id] || po.supplier_id),
      el("td", {}, ui.badge(po.status)),
      el("td", {}, po.lines.map((l) => el("div", {}, `${l.sku} × ${l.quantity} (received ${l.received})`))),
      el("td", { class: "num" }, money({ amount: po.total, currency: po.currency })),
    ),
  );
  const create = el(
    "form",
    {
      class: "stack card",
      id: "new-po",
      onsubmit: async (event) => {
        event.preventDefault();
        const values = formValues(event.target);
        try {
          let supplierId = values.supplier_id;
          if (!supplierId) {
            const made = await must(ui.api().POST("/admin/suppliers", { body: { name: values.supplier_name || "", lead_time_days: Number(values.lead_time_days || 7) } }));
            supplierId = made.id;
          }
          const po = await must(ui.api().POST("/admin/purchase-orders", { body: { supplier_id: supplierId, lines: parsePoLines(values.lines || "") } }));
          location.hash = `#/purchase-order/${po.id}`;
        } catch (error) {
          ui.prepend(ui.notice(describe(error), "error"));
        }
      },
    },
    el("h3", {}, "New purchase order"),
    el("label", {}, "Supplier", el("select", { name: "supplier_id" }, el("option", { value: "" }, "a new supplier (below)"), suppliers.items.map((s) => el("option", { value: s.id }, `${s.name} (${s.lead_time_days} d)`)))),
    el("div", { class: "row" }, el("label", {}, "New supplier's name", el("input", { name: "supplier_name", maxlength: 200 })), el("label", {}, "Lead time (days)", el("input", { name: "lead_time_days", type: "number", min: 0, max: 365, value: 7 }))),
    el("label", {}, "Lines: SKU quantity unit-cost (minor units), one per line", el("textarea", { name: "lines", rows: 3, required: true, placeholder: "TEE-M 50 1200" })),
    el("button", { type: "submit", id: "create-po" }, "Create draft"),
  );
  ui.render(el("h1", {}, "Purchase orders"), statusTabs("purchase-orders", PO_STATUSES, status), ui.table(["Order", "Supplier", "Status", "Lines", "Total"], rows, "purchase-orders"), create);
}

export async function purchaseOrder(ui, poId) {
  const po = await must(ui.api().GET("/admin/purchase-orders/{po_id}", { params: { path: { po_id: poId } } }));
  const path = { po_id: po.id };
  const move = (label, action, id) => el("button", { class: "secondary", id, onclick: () => post(ui, label, `/admin/purchase-orders/{po_id}/${action}`, path, {}) }, label);
  const actions = [];
  if (po.status === "draft") actions.push(move("Send to the supplier", "order", "order-po"));
  if (["draft", "ordered"].includes(po.status)) actions.push(move("Cancel", "cancel", "cancel-po"));
  if (po.status === "partially_received") actions.push(move("Close (the rest will not come)", "close", "close-po"));
  const receivable = ["ordered", "partially_received"].includes(po.status);
  const receive = receivable
    ? el(
        "form",
        {
          class: "stack card",
          id: "receive",
          onsubmit: (event) => {
            event.preventDefault();
            const values = formValues(event.target);
            const lines = po.lines.map((l) => ({ sku: l.sku, quantity: Number(values[`qty.${l.sku}`] || 0) })).filter((l) => l.quantity > 0);
            post(ui, "Receipt", "/admin/purchase-orders/{po_id}/receipts", path, { receipt_id: values.receipt_id, lines });
          },
        },
        el("h3", {}, "Receive a delivery"),
        el("label", {}, "Receipt id (the same id again adds nothing)", el("input", { name: "receipt_id", value: `rcpt-${Date.now()}`, pattern: "[A-Za-z0-9_\\-]{1,64}", required: true })),
        po.lines.map((l) => el("label", {}, `${l.sku}: units received (outstanding ${l.quantity - l.received})`, el("input", { name: `qty.${l.sku}`, type: "number", min: 0, max: l.quantity - l.received, value: l.quantity - l.received }))),
        el("button", { type: "submit", id: "receive-po" }, "Record receipt"),
      )
    : "";
  ui.render(
    el("p", {}, el("a", { href: `#/purchase-orders?status=${po.status}` }, "← Purchase orders")),
    el("h1", {}, "Purchase order ", el("span", { id: "po-id" }, po.id)),
    el("p", { id: "po-status" }, "Status ", ui.badge(po.status), ` · supplier ${po.supplier_id} · total ${money({ amount: po.total, currency: po.currency })}`),
    el("div", { class: "actions" }, actions),
    el("table", { id: "po-lines" }, el("tr", {}, ["SKU", "Ordered", "Received", "Unit cost"].map((h) => el("th", {}, h))), po.lines.map((l) => el("tr", { dataset: { sku: l.sku } }, el("td", {}, l.sku), el("td", { class: "num" }, l.quantity), el("td", { class: "num received" }, l.received), el("td", { class: "num" }, money({ amount: l.unit_cost, currency: po.currency }))))),
    receive,
    el("h2", {}, "History"),
    ui.table(["When", "From", "To", "By", "Note"], (po.history || []).map((h) => el("tr", {}, el("td", {}, when(h.at)), el("td", {}, h.from || "–"), el("td", {}, h.to || h.action || ""), el("td", {}, h.actor || h.by || ""), el("td", {}, h.reason || h.note || ""))), "po-history"),
  );
}

// ---- content slots ---------------------------------------------------------

function slotRow(item = {}) {
  const input = (name, attributes = {}) => el("td", {}, el("input", { name, value: item[name] ?? "", "aria-label": name, ...attributes }));
  return el(
    "tr",
    { class: "slot-item" },
    input("title", { maxlength: 200 }),
    input("image", { placeholder: "https://… or /path" }),
    input("media_id", { placeholder: "or a media id" }),
    input("link", { placeholder: "/demo/#/product/…" }),
    input("position", { type: "number", min: 0, max: 10000 }),
    input("starts_at", { placeholder: "2026-12-01T00:00:00Z" }),
    input("ends_at"),
    el("td", {}, el("button", { type: "button", class: "secondary", onclick: (event) => event.target.closest("tr").remove() }, "Remove")),
  );
}

function slotItems(form) {
  return [...form.querySelectorAll("tr.slot-item")]
    .map((row) => {
      const item = {};
      for (const input of row.querySelectorAll("input")) {
        const value = input.value.trim();
        if (value) item[input.name] = input.name === "position" ? Number(value) : value;
      }
      return item;
    })
    .filter((item) => Object.keys(item).length);
}

export async function slotEditor(ui, query) {
  const slot = query.get("slot") || "home";
  let stored = { slot, items: [] };
  try {
    stored = await must(ui.api().GET("/admin/content/slots/{slot}", { params: { path: { slot } } }));
  } catch (error) {
    if (error.status !== 404) throw error; // a slot never set: start empty
  }
  const body = el("tbody", {}, (stored.items.length ? stored.items : [{}]).map((item) => slotRow(item)));
  const form = el(
    "form",
    {
      id: "slot-editor",
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          const saved = await must(ui.api().PUT("/admin/content/slots/{slot}", { params: { path: { slot } }, body: { items: slotItems(event.target) } }));
          await ui.route(false);
          ui.prepend(ui.notice(`Slot ${saved.slot} saved: ${saved.items.length} item(s), version ${saved.version}.`));
        } catch (error) {
          ui.prepend(ui.notice(describe(error), "error"));
        }
      },
    },
    el("table", {}, el("thead", {}, el("tr", {}, ["Title", "Image URL", "Media id", "Link", "Position", "Starts", "Ends", ""].map((h) => el("th", {}, h)))), body),
    el("div", { class: "actions" }, el("button", { type: "button", class: "secondary", id: "add-item", onclick: () => body.append(slotRow()) }, "Add an item"), el("button", { type: "submit", id: "save-slot" }, "Save the slot")),
  );
  ui.render(
    el("h1", {}, "Content slots"),
    el(
      "form",
      { class: "inline", id: "slot-pick", onsubmit: (event) => { event.preventDefault(); location.hash = `#/slots?${new URLSearchParams(formValues(event.target))}`; } },
      el("label", {}, "Slot", el("input", { name: "slot", value: slot, pattern: "[a-z0-9]+([_\\-][a-z0-9]+)*", maxlength: 64 })),
      el("button", { type: "submit", class: "secondary" }, "Open"),
    ),
    el("p", { class: "muted" }, stored.version ? `Version ${stored.version}, saved ${when(stored.updated_at)} by ${stored.updated_by}. ` : "Not set yet. ", "Saving replaces every item; the storefront shows the items live now, by position (the home page shows the ", el("code", {}, "home"), " slot)."),
    form,
  );
}

// ---- KPIs ------------------------------------------------------------------

export async function kpiReport(ui, query) {
  const params = clean({ from: query.get("from"), to: query.get("to"), granularity: query.get("granularity") || "day" });
  const metric = query.get("metric") || "gmv";
  const [report, svg] = await Promise.all([
    must(ui.api().GET("/admin/reports/kpis", { params: { query: params } })),
    must(ui.api().GET("/admin/reports/kpis", { params: { query: { ...params, format: "svg", metric } }, parseAs: "text" })),
  ]);
  const rate = (value) => (value === null || value === undefined ? "–" : `${(value * 100).toFixed(2)} %`);
  const rows = report.items.map((k) =>
    el("tr", {}, el("td", {}, k.period), el("td", { class: "num" }, k.uv), el("td", { class: "num" }, k.orders), el("td", { class: "num" }, rate(k.conversion_rate)), el("td", { class: "num" }, money(k.gmv)), el("td", { class: "num" }, money(k.aov)), el("td", { class: "num" }, rate(k.refund_rate)), el("td", { class: "num" }, rate(k.gross_margin_rate))),
  );
  const choose = (name, values, current) => el("select", { name }, values.map((v) => el("option", { value: v, selected: v === current }, v)));
  ui.render(
    el("h1", {}, "KPIs"),
    el(
      "form",
      { class: "inline", id: "kpi-range", onsubmit: (event) => { event.preventDefault(); location.hash = `#/kpis?${new URLSearchParams(formValues(event.target))}`; } },
      el("label", {}, "From", el("input", { name: "from", type: "date", value: report.from })),
      el("label", {}, "To", el("input", { name: "to", type: "date", value: report.to })),
      el("label", {}, "By", choose("granularity", ["day", "week", "month"], report.granularity)),
      el("label", {}, "Chart", choose("metric", METRICS, metric)),
      el("button", { type: "submit", class: "secondary" }, "Show"),
    ),
    el("img", { id: "kpi-chart", class: "card", alt: `${metric} by ${report.granularity}`, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
    ui.table(["Period", "UV", "Orders", "Conversion", "GMV", "AOV", "Refund rate", "Margin"], rows, "kpis"),
  );
}
