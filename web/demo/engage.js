// Engagement in the storefront demo: the home page's banners (the `home`
// content slot), a product's rating and reviews, the review form of a
// delivered order, the coupon wallet ("My coupons": claim a code, list the
// wallet) and the wallet coupon picker of checkout. The app passes its helpers in `ui`.
import { attempt, el, formValues, money, must, when } from "./shared/api.js";

export const HOME_SLOT = "home";

/** The live items of the home slot as banners (nothing when the slot is empty or unreachable). */
export async function homeBanners(ui) {
  const slot = await attempt(ui.api().GET("/content/slots/{slot}", { params: { path: { slot: HOME_SLOT } } }));
  const items = (slot && slot.items) || [];
  if (!items.length) return "";
  return el(
    "section",
    { id: "banners", class: "banners" },
    items.map((item) => {
      const body = [
        el("img", { src: item.image, alt: item.title, loading: "lazy" }),
        el("span", { class: "banner-title" }, item.title),
      ];
      return item.link
        ? el("a", { class: "banner card", href: item.link, dataset: { title: item.title } }, body)
        : el("div", { class: "banner card", dataset: { title: item.title } }, body);
    }),
  );
}

function stars(rating) {
  const whole = Math.round(Number(rating) || 0);
  return el("span", { class: "stars", "aria-label": `${rating} out of 5` }, "★".repeat(whole) + "☆".repeat(5 - whole));
}

/** The product's rating (average, count, lines per star) and its newest published reviews. */
export async function productReviews(ui, product) {
  const page = await attempt(
    ui.api().GET("/products/{product_id}/reviews", { params: { path: { product_id: product.id }, query: { limit: 10 } } }),
  );
  const rating = product.rating || { average: null, count: 0, distribution: {} };
  const summary = rating.count
    ? el(
        "div",
        { id: "rating", class: "card" },
        el("strong", {}, `${rating.average} / 5 `),
        stars(rating.average),
        el("span", { class: "muted" }, ` ${rating.count} rating(s)`),
        el("ul", { class: "distribution" }, ["5", "4", "3", "2", "1"].map((s) => el("li", {}, `${s}★ ${rating.distribution[s] || 0}`))),
      )
    : el("p", { id: "rating", class: "muted" }, "No ratings yet.");
  const items = (page && page.items) || [];
  return el(
    "section",
    { id: "reviews" },
    el("h2", {}, "Reviews"),
    summary,
    items.map((r) =>
      el(
        "div",
        { class: "card review", dataset: { reviewId: r.review_id } },
        stars(r.rating),
        el("strong", {}, ` ${r.author}`),
        el("span", { class: "muted" }, ` · ${Object.values(r.specs || {}).join(" / ") || r.sku} · ${when(r.created_at)}`),
        r.text ? el("p", {}, r.text) : "",
        r.follow_up ? el("p", { class: "muted" }, `Later: ${r.follow_up.text}`) : "",
        r.reply ? el("p", { class: "reply" }, el("strong", {}, "Shop reply: "), r.reply.body) : "",
      ),
    ),
  );
}

/** The review form of a delivered (or completed) order: a rating and text per line, service and logistics. */
export function reviewForm(ui, order, reload) {
  if (!["delivered", "completed"].includes(order.status)) return "";
  const rating = (name, label) =>
    el("label", {}, label, el("select", { name }, [5, 4, 3, 2, 1].map((n) => el("option", { value: n }, `${n} ★`))));
  return el(
    "form",
    {
      class: "stack card",
      id: "review",
      onsubmit: async (event) => {
        event.preventDefault();
        const values = formValues(event.target);
        const items = order.lines.map((l) => {
          const item = { sku: l.sku, rating: Number(values[`rating.${l.sku}`]) };
          if (values[`text.${l.sku}`]) item.text = values[`text.${l.sku}`];
          return item;
        });
        const body = {
          items,
          service_rating: Number(values.service_rating),
          logistics_rating: Number(values.logistics_rating),
          anonymous: values.anonymous === "on",
        };
        try {
          const review = await must(ui.api().POST("/orders/{order_id}/reviews", { params: { path: { order_id: order.id } }, body }));
          await reload();
          ui.prepend(ui.notice(review.status === "held" ? "Thanks! Your review is waiting for a check." : "Thanks for your review!"));
        } catch (error) {
          ui.fail(error);
        }
      },
    },
    el("h3", {}, "Review this order"),
    order.lines.map((l) =>
      el(
        "fieldset",
        { dataset: { sku: l.sku } },
        el("legend", {}, `${l.title} (${l.sku})`),
        rating(`rating.${l.sku}`, "Rating"),
        el("label", {}, "What did you think?", el("textarea", { name: `text.${l.sku}`, rows: 2, maxlength: 500 })),
      ),
    ),
    el("div", { class: "row" }, rating("service_rating", "Service"), rating("logistics_rating", "Delivery")),
    el("label", { class: "check" }, el("input", { type: "checkbox", name: "anonymous" }), " Post anonymously"),
    el("button", { type: "submit", id: "send-review" }, "Send review"),
  );
}

function terms(entry) {
  const off = entry.amount_off ? `${money(entry.amount_off)} off` : entry.percent_off ? `${entry.percent_off}% off` : "";
  const min = entry.min_spend && entry.min_spend.amount ? ` over ${money(entry.min_spend)}` : "";
  return `${off}${min}`;
}

/** My coupons: claim a claimable coupon by its code, and the wallet by status. */
export async function myCoupons(ui, query) {
  const status = query.get("status") || "";
  const wallet = await must(ui.api().GET("/me/coupons", { params: { query: status ? { status, limit: 100 } : { limit: 100 } } }));
  const claim = el(
    "form",
    {
      class: "inline card",
      id: "claim-coupon",
      onsubmit: async (event) => {
        event.preventDefault();
        const { code } = formValues(event.target);
        try {
          const entry = await must(ui.api().POST("/coupons/{code}/claim", { params: { path: { code } }, body: {} }));
          await myCoupons(ui, query);
          ui.prepend(ui.notice(`${entry.code} is in your wallet: ${terms(entry)}.`));
        } catch (error) {
          ui.fail(error);
        }
      },
    },
    el("input", { name: "code", placeholder: "Coupon code", "aria-label": "Coupon code to claim", required: true }),
    el("button", { type: "submit" }, "Claim"),
  );
  const filter = el(
    "p",
    { id: "wallet-filter" },
    [["", "All"], ["usable", "Usable"], ["used", "Used"], ["expired", "Expired"]].map(([value, label]) =>
      el("a", { href: value ? `#/coupons?status=${value}` : "#/coupons", class: value === status ? "current" : "" }, label, " "),
    ),
  );
  const rows = wallet.items.map((entry) =>
    el(
      "tr",
      { dataset: { code: entry.code } },
      el("td", {}, el("code", {}, entry.code)),
      el("td", {}, terms(entry)),
      el("td", {}, ui.badge(entry.status)),
      el("td", {}, entry.source.split(":")[0]),
      el("td", {}, when(entry.ends_at)),
    ),
  );
  ui.render(
    el("h1", {}, "My coupons"),
    el("h2", {}, "Claim a coupon"),
    claim,
    el("h2", {}, "My wallet"),
    filter,
    rows.length
      ? el("table", { id: "wallet" }, el("tr", {}, ["Code", "Terms", "Status", "From", "Ends"].map((h) => el("th", {}, h))), rows)
      : el("p", { class: "muted", id: "wallet-empty" }, "No coupons here yet."),
  );
}

/** Checkout's wallet picker: the usable wallet coupons, sent as `wallet_coupon_id` (none: the cart's own coupon). */
export async function walletPicker(ui) {
  const wallet = await attempt(ui.api().GET("/me/coupons", { params: { query: { status: "usable", limit: 100 } } }));
  const usable = (wallet && wallet.items) || [];
  if (!usable.length) return "";
  return el(
    "label",
    {},
    "Coupon from my wallet",
    el(
      "select",
      { name: "wallet_coupon_id", id: "wallet-coupon" },
      el("option", { value: "" }, "none (the cart's coupon, if any)"),
      usable.map((entry) => el("option", { value: entry.id }, `${entry.code} — ${terms(entry)}`)),
    ),
  );
}
