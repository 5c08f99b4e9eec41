// Customer care in the storefront demo: my tickets (open one, about an order
// or not; read the replies, write again, close), the notifications inbox and
// the notification preferences. The app passes its helpers in `ui`.
import { describe, el, formValues, must, when } from "./shared/api.js";

const CATEGORIES = ["complaint", "question", "logistics", "after_sales", "other"];

export async function myTickets(ui, query) {
  const [page, orders] = await Promise.all([
    must(ui.api().GET("/me/tickets", { params: { query: { limit: 50 } } })),
    must(ui.api().GET("/orders", { params: { query: { limit: 50 } } })),
  ]);
  const about = query.get("order") || "";
  const rows = page.items.map((t) =>
    el(
      "tr",
      { dataset: { ticketId: t.id } },
      el("td", {}, el("a", { href: `#/ticket/${t.id}` }, t.subject), el("div", { class: "muted" }, t.id)),
      el("td", {}, t.category.replaceAll("_", " ")),
      el("td", {}, t.order_id || "–"),
      el("td", {}, ui.badge(t.status)),
      el("td", {}, when(t.updated_at)),
    ),
  );
  ui.render(
    el("h1", {}, "My tickets"),
    page.items.length
      ? el("table", { id: "my-tickets" }, el("tr", {}, ["Subject", "Category", "Order", "Status", "Updated"].map((h) => el("th", {}, h))), rows)
      : el("p", { class: "muted" }, "No tickets yet."),
    el(
      "form",
      {
        class: "stack card",
        id: "new-ticket",
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            const ticket = await must(ui.api().POST("/me/tickets", { body: formValues(event.target) }));
            location.hash = `#/ticket/${ticket.id}`;
          } catch (error) {
            ui.fail(error);
          }
        },
      },
      el("h3", {}, "Contact customer care"),
      el("label", {}, "About", el("select", { name: "category" }, CATEGORIES.map((c) => el("option", { value: c }, c.replaceAll("_", " "))))),
      el(
        "label",
        {},
        "Order (optional)",
        el("select", { name: "order_id" }, el("option", { value: "" }, "none"), orders.items.map((o) => el("option", { value: o.id, selected: o.id === about }, `${o.id} · ${o.status}`))),
      ),
      el("label", {}, "Subject", el("input", { name: "subject", maxlength: 200, required: true })),
      el("label", {}, "Message", el("textarea", { name: "body", rows: 4, maxlength: 4000, required: true })),
      el("button", { type: "submit", id: "open-ticket" }, "Send"),
    ),
  );
}

export async function myTicket(ui, ticketId) {
  const t = await must(ui.api().GET("/me/tickets/{ticket_id}", { params: { path: { ticket_id: ticketId } } }));
  const post = (path, body) => async (event) => {
    event.preventDefault();
    try {
      await must(ui.api().POST(path, { params: { path: { ticket_id: t.id } }, body: body(event.target) }));
      await myTicket(ui, t.id);
    } catch (error) {
      ui.fail(error);
    }
  };
  ui.render(
    el("p", {}, el("a", { href: "#/tickets" }, "← My tickets")),
    el("h1", {}, t.subject),
    el("p", { id: "ticket-status" }, ui.badge(t.status), ` · ${t.category.replaceAll("_", " ")}`, t.order_id ? [" · order ", el("a", { href: `#/order/${t.order_id}` }, t.order_id)] : "", ` · ${t.id}`),
    t.resolution ? el("p", { class: "notice", id: "resolution" }, "Resolved: ", t.resolution) : "",
    t.compensation ? el("p", { class: "notice", id: "compensation" }, `A coupon for you: ${t.compensation.coupon_code}`) : "",
    el(
      "div",
      { id: "ticket-messages", class: "stack" },
      t.messages.map((m) => el("div", { class: "card", dataset: { author: m.author } }, el("div", { class: "muted" }, `${m.author === "customer" ? "You" : "Customer care"} · ${when(m.created_at)}`), el("p", {}, m.body))),
    ),
    t.status !== "closed"
      ? [
          el(
            "form",
            { class: "stack card", id: "ticket-reply", onsubmit: post("/me/tickets/{ticket_id}/messages", (form) => formValues(form)) },
            el("label", {}, "Write again", el("textarea", { name: "body", rows: 3, maxlength: 4000, required: true })),
            el("button", { type: "submit" }, "Send"),
          ),
          el("p", {}, el("button", { class: "secondary", id: "close-ticket", onclick: post("/me/tickets/{ticket_id}/close", () => ({})) }, "Close this ticket")),
        ]
      : el("p", { class: "muted" }, "This ticket is closed."),
  );
}

export async function inbox(ui) {
  const page = await must(ui.api().GET("/me/notifications", { params: { query: { limit: 50 } } }));
  ui.render(
    el("h1", {}, "Notifications"),
    el("p", {}, el("a", { href: "#/preferences" }, "Notification preferences")),
    page.items.length
      ? el(
          "div",
          { id: "inbox", class: "stack" },
          page.items.map((n) => el("div", { class: "card", dataset: { kind: n.kind, id: n.id } }, el("h3", {}, n.subject), el("p", {}, n.body), el("div", { class: "muted" }, `${n.kind} · ${when(n.created_at)}`))),
        )
      : el("p", { class: "muted", id: "inbox-empty" }, "Nothing yet."),
  );
}

export async function preferences(ui) {
  const p = await must(ui.api().GET("/me/notification-preferences"));
  const box = (name, label, checked) => el("label", { class: "check" }, el("span", {}, el("input", { type: "checkbox", name, checked }), ` ${label}`));
  ui.render(
    el("h1", {}, "Notification preferences"),
    el("p", { class: "muted" }, "Order, refund and ticket messages always reach your inbox. Marketing only with your consent, on the channels you choose."),
    el(
      "form",
      {
        class: "stack card",
        id: "preferences",
        onsubmit: async (event) => {
          event.preventDefault();
          const form = event.target;
          const checked = (name) => form.querySelector(`input[name='${name}']`).checked;
          const values = formValues(form);
          const body = {
            marketing: checked("marketing"),
            channels: { in_app: checked("in_app"), email: checked("email"), sms: checked("sms") },
            locale: values.locale,
          };
          if (values.phone) body.phone = values.phone;
          try {
            await must(ui.api().PUT("/me/notification-preferences", { body }));
            await preferences(ui);
            ui.prepend(ui.notice("Preferences saved."));
          } catch (error) {
            ui.prepend(ui.notice(describe(error), "error"));
          }
        },
      },
      box("marketing", "Send me offers and news", p.marketing),
      el("fieldset", {}, el("legend", {}, "Offers may come by"), box("in_app", "inbox", p.channels.in_app), box("email", "e-mail", p.channels.email), box("sms", "SMS", p.channels.sms)),
      el("label", {}, "Language", el("select", { name: "locale" }, [["zh-CN", "中文"], ["en", "English"]].map(([v, t]) => el("option", { value: v, selected: v === p.locale }, t)))),
      el("label", {}, "Mobile for SMS (E.164, e.g. +8613800000000)", el("input", { name: "phone", value: p.phone || "", placeholder: "+86..." })),
      el("button", { type: "submit", id: "save-preferences" }, "Save"),
      el("p", { class: "muted", id: "preferences-saved" }, p.updated_at ? `Saved ${when(p.updated_at)}` : "Not saved yet"),
    ),
  );
}
