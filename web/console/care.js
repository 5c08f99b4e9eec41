// Customer care in the ops console: the ticket queue (filtered by status,
// category, breach), one ticket (its thread with internal notes; reply in
// public or as a note, assign, resolve, compensate with a coupon), and the
// notifications log of a customer. The app passes its helpers in `ui`.
import { clean, describe, el, formValues, money, must, when } from "./shared/api.js";

const STATUSES = ["open", "answered", "resolved", "closed"];
const CATEGORIES = ["complaint", "question", "logistics", "after_sales", "other"];

function choice(name, label, values, current) {
  return el(
    "label",
    {},
    label,
    el("select", { name }, el("option", { value: "" }, "any"), values.map((v) => el("option", { value: v, selected: v === current }, v.replaceAll("_", " ")))),
  );
}

export async function ticketQueue(ui, query) {
  const filters = clean({ status: query.get("status"), category: query.get("category"), breached: query.get("breached") });
  const page = await must(ui.api().GET("/admin/tickets", { params: { query: { ...filters, limit: 100 } } }));
  const rows = page.items.map((t) =>
    el(
      "tr",
      { dataset: { ticketId: t.id } },
      el("td", {}, el("a", { href: `#/ticket/${t.id}` }, t.id), el("div", { class: "muted" }, when(t.created_at))),
      el("td", {}, t.category.replaceAll("_", " ")),
      el("td", {}, t.subject, t.order_id ? el("div", { class: "muted" }, t.order_id) : ""),
      el("td", {}, ui.badge(t.status), t.breached ? [" ", el("span", { class: "badge breached", "data-status": "breached" }, "breached")] : ""),
      el("td", {}, t.first_responded_at ? `answered ${when(t.first_responded_at)}` : `due ${when(t.first_response_due_at)}`),
      el("td", {}, t.assignee || "–"),
    ),
  );
  ui.render(
    el("h1", {}, "Customer-care tickets"),
    el(
      "form",
      {
        class: "inline",
        id: "ticket-filters",
        onsubmit: (event) => {
          event.preventDefault();
          location.hash = `#/tickets?${new URLSearchParams(formValues(event.target))}`;
        },
      },
      choice("status", "Status", STATUSES, filters.status),
      choice("category", "Category", CATEGORIES, filters.category),
      el("label", {}, "First response", el("select", { name: "breached" }, el("option", { value: "" }, "any"), el("option", { value: "true", selected: filters.breached === "true" }, "breached"), el("option", { value: "false", selected: filters.breached === "false" }, "not breached"))),
      el("button", { type: "submit", class: "secondary" }, "Filter"),
    ),
    ui.table(["Ticket", "Category", "Subject", "Status", "First response", "Assignee"], rows, "tickets"),
  );
}

/** A form that POSTs its values (shaped by `body`), then redraws the ticket. */
function ticketForm(ui, ticketId, { id, path, label, body, fields }) {
  return el(
    "form",
    {
      class: "stack card",
      id,
      onsubmit: async (event) => {
        event.preventDefault();
        const button = event.target.querySelector("button");
        button.disabled = true;
        try {
          const sent = body(formValues(event.target), event.target);
          await must(ui.api().POST(path, { params: { path: { ticket_id: ticketId } }, body: sent }));
          await ui.route(false);
          ui.prepend(ui.notice(`${label}: done.`));
        } catch (error) {
          button.disabled = false;
          ui.prepend(ui.notice(`${label}: ${describe(error)}`, "error"));
        }
      },
    },
    el("h3", {}, label),
    fields,
    el("button", { type: "submit" }, label),
  );
}

export async function ticketPage(ui, ticketId) {
  const t = await must(ui.api().GET("/admin/tickets/{ticket_id}", { params: { path: { ticket_id: ticketId } } }));
  const thread = t.messages.map((m) =>
    el(
      "tr",
      { class: m.internal ? "internal" : "", dataset: { author: m.author, internal: String(m.internal) } },
      el("td", {}, when(m.created_at)),
      el("td", {}, m.author, m.actor ? el("div", { class: "muted" }, m.actor) : "", m.internal ? el("div", { class: "badge" }, "internal note") : ""),
      el("td", {}, m.body),
    ),
  );
  const open = t.status !== "closed";
  ui.render(
    el("p", {}, el("a", { href: "#/tickets" }, "← Tickets")),
    el("h1", {}, "Ticket ", el("span", { id: "ticket-id" }, t.id)),
    el(
      "p",
      { id: "ticket-status" },
      ui.badge(t.status),
      t.breached ? [" ", el("span", { class: "badge breached" }, "breached")] : "",
      ` · ${t.category.replaceAll("_", " ")} · customer `,
      el("a", { href: `#/notifications?customer=${t.customer_id}`, id: "customer-notifications" }, t.customer_id),
      t.order_id ? [" · order ", el("a", { href: `#/order/${t.order_id}` }, t.order_id)] : "",
      ` · assignee ${t.assignee || "–"}`,
    ),
    el("h2", {}, t.subject),
    el("p", { class: "muted" }, `First response due ${when(t.first_response_due_at)}`, t.first_responded_at ? ` · answered ${when(t.first_responded_at)}` : ""),
    t.resolution ? el("p", { id: "resolution" }, "Resolution: ", t.resolution) : "",
    t.compensation ? el("p", { id: "compensation" }, `Compensated ${money(t.compensation.amount)} · coupon ${t.compensation.coupon_code} · ${t.compensation.reason || ""}`) : "",
    ui.table(["When", "Who", "Message"], thread, "thread"),
    el(
      "div",
      { class: "row" },
      open
        ? ticketForm(ui, t.id, {
            id: "reply",
            path: "/admin/tickets/{ticket_id}/messages",
            label: "Reply",
            body: (v, form) => ({ body: v.body || "", internal: form.querySelector("input[name=internal]").checked }),
            fields: [
              el("label", {}, "Message", el("textarea", { name: "body", rows: 3, maxlength: 4000, required: true })),
              el("label", { class: "check" }, el("input", { type: "checkbox", name: "internal" }), " Internal note (staff only)"),
            ],
          })
        : "",
      open
        ? ticketForm(ui, t.id, {
            id: "assign",
            path: "/admin/tickets/{ticket_id}/assign",
            label: "Assign",
            body: (v) => ({ assignee: v.assignee || "" }),
            fields: el("label", {}, "Assignee", el("input", { name: "assignee", maxlength: 100, required: true, value: t.assignee || "" })),
          })
        : "",
      ["open", "answered"].includes(t.status)
        ? ticketForm(ui, t.id, {
            id: "resolve",
            path: "/admin/tickets/{ticket_id}/resolve",
            label: "Resolve",
            body: (v) => ({ resolution: v.resolution || "" }),
            fields: el("label", {}, "Resolution", el("textarea", { name: "resolution", rows: 2, maxlength: 2000, required: true })),
          })
        : "",
      t.compensation
        ? ""
        : ticketForm(ui, t.id, {
            id: "compensate",
            path: "/admin/tickets/{ticket_id}/compensate",
            label: "Compensate", // the client sends the Idempotency-Key itself
            body: (v) => ({ amount: Math.round(Number(v.amount) * 100), reason: v.reason || "" }),
            fields: [
              el("label", {}, "Coupon value (CNY)", el("input", { name: "amount", type: "number", min: "0.01", step: "0.01", required: true })),
              el("label", {}, "Reason", el("input", { name: "reason", maxlength: 500, required: true })),
            ],
          }),
    ),
  );
}

export async function notificationsLog(ui, query) {
  const customer = query.get("customer") || "";
  const form = el(
    "form",
    {
      class: "inline",
      id: "notifications-customer",
      onsubmit: (event) => {
        event.preventDefault();
        location.hash = `#/notifications?${new URLSearchParams(formValues(event.target))}`;
      },
    },
    el("label", {}, "Customer id", el("input", { name: "customer", value: customer, placeholder: "cus_...", required: true })),
    el("button", { type: "submit", class: "secondary" }, "Show"),
  );
  if (!customer) {
    ui.render(el("h1", {}, "Notifications"), form, el("p", { class: "muted" }, "What was sent to one customer, on every channel."));
    return;
  }
  const page = await must(ui.api().GET("/admin/notifications", { params: { query: { customer_id: customer, limit: 100 } } }));
  const rows = page.items.map((s) =>
    el(
      "tr",
      { dataset: { kind: s.kind, channel: s.channel } },
      el("td", {}, when(s.created_at)),
      el("td", {}, s.channel),
      el("td", {}, s.kind, el("div", { class: "muted" }, s.category)),
      el("td", {}, ui.badge(s.status), s.reason ? el("div", { class: "muted" }, s.reason) : ""),
      el("td", {}, s.subject || ""),
    ),
  );
  ui.render(
    el("h1", {}, "Notifications of ", el("span", { id: "notifications-of" }, customer)),
    form,
    ui.table(["When", "Channel", "Kind", "Status", "Subject"], rows, "sends"),
  );
}
