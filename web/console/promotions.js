// Promotions in the ops console (ADR 0028): every promotion with its type,
// state, owner and budget (spent, left); a click opens its report: paid
// orders, units, GMV, the discount it gave, refunds and the budget left, with
// the promotion's own fields. The app passes its helpers in `ui`.
import { el, money, must, when } from "./shared/api.js";

function budgetCell(p) {
  if (!p.budget) return el("span", { class: "muted" }, "no budget");
  return el("span", {}, `${money(p.budget_left)} left of ${money(p.budget)}`);
}

export async function promotionList(ui) {
  const page = await must(ui.api().GET("/admin/promotions", { params: { query: { limit: 100 } } }));
  const rows = page.items.map((p) =>
    el(
      "tr",
      { dataset: { promotionId: p.id } },
      el("td", {}, el("a", { href: `#/promotion/${p.id}` }, p.name), el("div", { class: "muted" }, p.id)),
      el("td", {}, p.type.replaceAll("_", " ")),
      el("td", {}, ui.badge(p.state)),
      el("td", {}, `${when(p.starts_at)} – ${when(p.ends_at)}`),
      el("td", {}, p.owner || el("span", { class: "muted" }, "–")),
      el("td", { class: "num" }, budgetCell(p)),
    ),
  );
  ui.render(el("h1", {}, "Promotions"), ui.table(["Promotion", "Type", "State", "Runs", "Owner", "Budget"], rows, "promotions"));
}

export async function promotionReport(ui, id) {
  const path = { params: { path: { promotion_id: id } } };
  const [promotion, report] = await Promise.all([
    must(ui.api().GET("/admin/promotions/{promotion_id}", path)),
    must(ui.api().GET("/admin/promotions/{promotion_id}/report", path)),
  ]);
  const refunds = report.refunds || { count: 0, amount: null };
  const figures = [
    ["Orders", report.orders, "orders"],
    ["Units", report.units, "units"],
    ["GMV", money(report.gmv), "gmv"],
    ["Discount given", money(report.discount), "discount"],
    ["Refunds", `${refunds.count} · ${money(refunds.amount)}`, "refunds"],
    ["Budget", report.budget ? money(report.budget) : "no budget", "budget"],
    ["Spent (placed orders)", money(report.spent), "spent"],
    ["Budget left", report.budget_left ? money(report.budget_left) : "–", "budget-left"],
  ];
  const shown = ["type", "state", "sku", "price", "deposit", "deposit_value", "balance_starts_at", "balance_ends_at", "quantity", "sold", "percent"];
  const fields = shown
    .filter((name) => promotion[name] !== undefined && promotion[name] !== null)
    .map((name) => {
      const value = promotion[name];
      const text = typeof value === "object" && "amount" in value ? money(value) : name.endsWith("_at") ? when(value) : String(value);
      return el("tr", {}, el("td", {}, name.replaceAll("_", " ")), el("td", {}, text));
    });
  ui.render(
    el("p", {}, el("a", { href: "#/promotions" }, "← Promotions")),
    el("h1", {}, `${promotion.name} `, ui.badge(promotion.state)),
    el("p", { id: "promotion-owner" }, `Owner: ${report.owner || "–"}`),
    el("div", { class: "row" },
      el("section", { class: "card" }, el("h2", {}, "Report"),
        el("table", { id: "promotion-report", class: "totals" }, figures.map(([name, value, key]) => el("tr", { dataset: { figure: key } }, el("td", {}, name), el("td", { class: "num" }, value)))),
        el("p", { class: "muted" }, `Paid orders counted up to ${when(report.as_of)}; budget read ${when(report.read_at)}.`)),
      el("section", { class: "card" }, el("h2", {}, "Promotion"), el("table", {}, fields)),
    ),
  );
}
