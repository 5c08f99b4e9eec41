// The storefront demo: browse, search, product, cart (promotions shown), sign
// in / register, checkout, pay with a localstripe test card, order status and
// timeline, request a return; customer care (care.js: tickets, the
// notifications inbox, preferences); engagement (engage.js: the home banners,
// ratings and reviews, the coupon wallet). Plain ES module on the API's own origin.
import { attempt, clean, createCommerceClient, describe, el, formValues, money, must, when } from "./shared/api.js";
import { inbox, myTicket, myTickets, preferences } from "./care.js";
import { homeBanners, myCoupons, productReviews, reviewForm, walletPicker } from "./engage.js";
import { amountDue, awaitingPayment, keepWarnings, keptWarnings, lineTags, paymentConfirmed, presalePanel, warningNotices } from "./merch.js";

const view = document.getElementById("view");
const store = window.sessionStorage;

// ---- session and cart ------------------------------------------------------

function session() {
  return JSON.parse(store.getItem("demo.session") || "null");
}

function guestCart() {
  return JSON.parse(store.getItem("demo.guestCart") || "null");
}

function api({ withCartToken = false } = {}) {
  const s = session();
  const guest = guestCart();
  return createCommerceClient({
    baseUrl: window.location.origin,
    accessToken: s ? s.access_token : undefined,
    cartToken: withCartToken && guest ? guest.token : undefined,
  });
}

/** The shopper's cart: the customer's own (a guest cart merged into it), or the guest cart. */
async function currentCart() {
  const guest = guestCart();
  if (session()) {
    const own = await must(api().POST("/carts", { body: {} }));
    if (!guest) return own;
    store.removeItem("demo.guestCart");
    const merged = await attempt(
      api().POST("/carts/{cart_id}/merge", {
        params: { path: { cart_id: own.id } },
        body: { guest_cart_id: guest.id, guest_token: guest.token },
      }),
    );
    return merged || own; // an expired guest cart is simply dropped
  }
  if (guest) {
    const found = await attempt(api({ withCartToken: true }).GET("/carts/{cart_id}", { params: { path: { cart_id: guest.id } } }));
    if (found) return found;
  }
  const created = await must(api().POST("/carts", { body: {} }));
  store.setItem("demo.guestCart", JSON.stringify({ id: created.id, token: created.token }));
  return created;
}

function cartClient() {
  return api({ withCartToken: !session() });
}

function showWho() {
  const s = session();
  const who = document.getElementById("who");
  who.replaceChildren(
    s
      ? el("span", {}, `Signed in as ${s.customer.email} `, el("a", { href: "#/signout", id: "signout" }, "Sign out"))
      : el("a", { href: "#/signin", id: "signin-link" }, "Sign in / register"),
  );
}

async function refreshCartCount() {
  try {
    const cart = await currentCart();
    document.getElementById("nav-cart").textContent = `Cart (${cart.item_count})`;
  } catch {
    document.getElementById("nav-cart").textContent = "Cart";
  }
}

// ---- rendering helpers -----------------------------------------------------

let shown = null; // the hash being drawn: a slower answer for a page already left draws nothing

function render(...nodes) {
  if (location.hash !== shown) return;
  view.replaceChildren(...nodes);
}

function notice(text, kind = "") {
  return el("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}

function fail(error) {
  view.prepend(notice(describe(error), "error"));
}

function badge(status) {
  return el("span", { class: `badge ${status}`, "data-status": status }, status);
}

// ---- pages -----------------------------------------------------------------

async function shop(query) {
  const q = query.get("q") || "";
  const category = query.get("category") || "";
  const [categories, products, banners] = await Promise.all([
    must(api().GET("/categories")),
    must(api().GET("/products", { params: { query: clean({ q, category_id: category, limit: 24 }) } })),
    q || category ? "" : homeBanners(ui),
  ]);
  const options = [];
  const walk = (nodes, depth) => {
    for (const node of nodes) {
      options.push(el("option", { value: node.id, selected: node.id === category }, `${"  ".repeat(depth)}${node.name}`));
      walk(node.children || [], depth + 1);
    }
  };
  walk(categories.items, 0);
  const search = el(
    "form",
    {
      class: "inline",
      id: "search",
      onsubmit: (event) => {
        event.preventDefault();
        const values = formValues(event.target);
        location.hash = `#/?${new URLSearchParams(values)}`;
      },
    },
    el("input", { name: "q", type: "search", placeholder: "Search products", value: q, "aria-label": "Search" }),
    el("select", { name: "category", "aria-label": "Category" }, el("option", { value: "" }, "All categories"), options),
    el("button", { type: "submit" }, "Search"),
  );
  const cards = products.items.map((p) =>
    el(
      "a",
      { class: "card product", href: `#/product/${p.id}`, dataset: { productId: p.id } },
      el("h3", {}, p.title),
      el("div", { class: "muted" }, p.description || ""),
      el(
        "div",
        { class: "price" },
        p.price_range.min.amount === p.price_range.max.amount
          ? money(p.price_range.min)
          : `${money(p.price_range.min)} – ${money(p.price_range.max)}`,
      ),
    ),
  );
  render(
    el("h1", {}, q ? `Results for “${q}”` : "Shop"),
    banners,
    search,
    el("p", { class: "muted" }, `${products.items.length} product(s)`),
    el("div", { class: "grid" }, cards.length ? cards : el("p", {}, "Nothing found.")),
  );
}

async function product(id) {
  const p = await must(api().GET("/products/{product_id}", { params: { path: { product_id: id } } }));
  const reviews = await productReviews(ui, p);
  const form = el(
    "form",
    {
      class: "stack",
      id: "add-to-cart",
      onsubmit: async (event) => {
        event.preventDefault();
        const values = formValues(event.target);
        try {
          const cart = await currentCart();
          await must(
            cartClient().POST("/carts/{cart_id}/items", {
              params: { path: { cart_id: cart.id } },
              body: { sku: values.sku, quantity: Number(values.quantity) },
            }),
          );
          await refreshCartCount();
          location.hash = "#/cart";
        } catch (error) {
          fail(error);
        }
      },
    },
    el(
      "label",
      {},
      "Option",
      el(
        "select",
        { name: "sku" },
        p.skus.map((s) =>
          el(
            "option",
            { value: s.code, disabled: !s.in_stock },
            `${Object.values(s.specs).join(" / ") || s.code} — ${money(s.effective_price)}${s.in_stock ? "" : " (sold out)"}`,
          ),
        ),
      ),
    ),
    el("label", {}, "Quantity", el("input", { name: "quantity", type: "number", min: 1, max: 99, value: 1 })),
    el("button", { type: "submit", disabled: !p.skus.some((s) => s.in_stock) }, "Add to cart"),
  );
  const rows = p.skus.map((s) =>
    el(
      "tr",
      {},
      el("td", {}, s.code),
      el("td", {}, Object.entries(s.specs).map(([k, v]) => `${k}: ${v}`).join(", ")),
      el("td", { class: "num" }, s.member_price ? el("span", {}, money(s.price), el("div", { class: "tag" }, `members ${money(s.member_price)}`)) : money(s.price)),
      el("td", {}, s.in_stock ? "in stock" : "sold out"),
    ),
  );
  render(
    el("p", {}, el("a", { href: "#/" }, "← Shop")),
    el("h1", {}, p.title),
    p.rating && p.rating.count ? el("p", { id: "rating-line" }, `★ ${p.rating.average} (${p.rating.count} rating(s))`) : "",
    el("p", {}, p.description || ""),
    el("div", { class: "row" }, el("div", {}, form), el("table", {}, el("tr", {}, el("th", {}, "SKU"), el("th", {}, "Specs"), el("th", { class: "num" }, "Price"), el("th", {}, "Stock")), rows)),
    reviews,
  );
}

function cartTable(cart, editable) {
  const rows = cart.lines.map((line) =>
    el(
      "tr",
      { dataset: line.gift ? { sku: line.sku, gift: "true" } : { sku: line.sku } },
      el("td", {}, el("strong", {}, line.title), el("div", { class: "muted" }, line.sku), lineTags(line), line.adjustments.map((a) => el("div", { class: "tag promotion", dataset: { type: a.type } }, `${a.label}: −${money(a.amount)}`))),
      el("td", { class: "num" }, line.unit_price.amount < line.list_price.amount ? el("span", { class: "strike" }, money(line.list_price)) : "", money(line.unit_price)),
      el(
        "td",
        { class: "num" },
        editable && !line.gift
          ? el("input", {
              type: "number",
              min: 0,
              max: 99,
              value: line.quantity,
              "aria-label": `Quantity of ${line.sku}`,
              onchange: async (event) => {
                const quantity = Number(event.target.value);
                const path = { cart_id: cart.id, sku: line.sku };
                try {
                  if (quantity === 0) await must(cartClient().DELETE("/carts/{cart_id}/items/{sku}", { params: { path } }));
                  else await must(cartClient().PATCH("/carts/{cart_id}/items/{sku}", { params: { path }, body: { quantity } }));
                  await cartPage();
                } catch (error) {
                  fail(error);
                }
              },
            })
          : line.quantity,
      ),
      el("td", { class: "num" }, money(line.line_total)),
    ),
  );
  const totals = [
    ["Subtotal", money(cart.subtotal)],
    ...cart.discounts.map((d) => [el("span", { class: "promotion" }, d.label), `−${money(d.amount)}`]),
    [`Shipping${cart.shipping_details && cart.shipping_details.estimated ? " (estimated)" : ""}`, money(cart.shipping)],
    [el("strong", {}, "Total"), el("strong", { id: "cart-total" }, money(cart.total))],
  ];
  if (cart.savings && cart.savings.amount > 0) totals.push(["You save", money(cart.savings)]);
  return el(
    "div",
    {},
    el("table", { id: "cart-lines" }, el("tr", {}, el("th", {}, "Item"), el("th", { class: "num" }, "Price"), el("th", { class: "num" }, "Qty"), el("th", { class: "num" }, "Line total")), rows),
    el("table", { class: "totals" }, totals.map(([name, value]) => el("tr", {}, el("td", {}, name), el("td", { class: "num" }, value)))),
    el("div", { id: "cart-warnings" }, warningNotices(cart.warnings)),
  );
}

async function cartPage() {
  const cart = await currentCart();
  document.getElementById("nav-cart").textContent = `Cart (${cart.item_count})`;
  if (!cart.lines.length) {
    render(el("h1", {}, "Your cart"), el("p", {}, "Your cart is empty. ", el("a", { href: "#/" }, "Go shopping.")));
    return;
  }
  const coupon = el(
    "form",
    {
      class: "inline",
      id: "coupon",
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await must(cartClient().POST("/carts/{cart_id}/coupons", { params: { path: { cart_id: cart.id } }, body: formValues(event.target) }));
          await cartPage();
        } catch (error) {
          fail(error);
        }
      },
    },
    el("input", { name: "code", placeholder: "Coupon code", "aria-label": "Coupon code" }),
    el("button", { type: "submit", class: "secondary" }, "Apply"),
  );
  render(
    el("h1", {}, "Your cart"),
    cartTable(cart, true),
    cart.coupon ? el("p", {}, `Coupon ${cart.coupon.code}: ${cart.coupon.applied ? "applied" : `not applied (${cart.coupon.reason})`}`) : coupon,
    el("p", {}, el("button", { id: "to-checkout", onclick: () => (location.hash = session() ? "#/checkout" : "#/signin?next=checkout") }, "Checkout")),
  );
}

function signIn(query) {
  const next = query.get("next") || "";
  const submit = (path) => async (event) => {
    event.preventDefault();
    try {
      const answer = await must(api().POST(path, { body: formValues(event.target) }));
      store.setItem("demo.session", JSON.stringify({ access_token: answer.access_token, customer: answer.customer }));
      showWho();
      await currentCart(); // merges the guest cart into the customer's
      await refreshCartCount();
      location.hash = next ? `#/${next}` : "#/";
    } catch (error) {
      fail(error);
    }
  };
  render(
    el("h1", {}, "Sign in"),
    el(
      "div",
      { class: "row" },
      el(
        "form",
        { class: "stack card", id: "signin", onsubmit: submit("/auth/login") },
        el("h2", {}, "I have an account"),
        el("label", {}, "E-mail", el("input", { name: "email", type: "email", required: true, autocomplete: "username" })),
        el("label", {}, "Password", el("input", { name: "password", type: "password", required: true, autocomplete: "current-password" })),
        el("button", { type: "submit" }, "Sign in"),
      ),
      el(
        "form",
        { class: "stack card", id: "register", onsubmit: submit("/auth/register") },
        el("h2", {}, "New here"),
        el("label", {}, "Name", el("input", { name: "name", required: true, autocomplete: "name" })),
        el("label", {}, "E-mail", el("input", { name: "email", type: "email", required: true, autocomplete: "username" })),
        el("label", {}, "Password (8+ characters)", el("input", { name: "password", type: "password", minlength: 8, required: true, autocomplete: "new-password" })),
        el("button", { type: "submit" }, "Register"),
      ),
    ),
  );
}

function signOut() {
  store.removeItem("demo.session");
  showWho();
  location.hash = "#/";
}

/** One Idempotency-Key per intended checkout of a cart: a retry after an error sends the same one. */
function checkoutKey(cartId) {
  const name = `demo.checkoutKey.${cartId}`;
  let key = store.getItem(name);
  if (!key) {
    key = crypto.randomUUID();
    store.setItem(name, key);
  }
  return key;
}

async function checkout() {
  if (!session()) {
    location.hash = "#/signin?next=checkout";
    return;
  }
  const cart = await currentCart();
  if (!cart.lines.length) {
    location.hash = "#/cart";
    return;
  }
  const saved = cart.shipping_address || {};
  const picker = await walletPicker(ui);
  const field = (name, label, attributes = {}) =>
    el("label", {}, label, el("input", { name, value: saved[name] || "", ...attributes }));
  const form = el(
    "form",
    {
      class: "stack",
      id: "checkout",
      onsubmit: async (event) => {
        event.preventDefault();
        event.submitter && (event.submitter.disabled = true);
        const { wallet_coupon_id: walletCoupon, ...address } = formValues(event.target);
        const body = { cart_id: cart.id, shipping_address: address };
        if (walletCoupon) body.wallet_coupon_id = walletCoupon;
        try {
          const placed = await must(
            api().POST("/checkout", {
              body,
              headers: { "Idempotency-Key": checkoutKey(cart.id) },
            }),
          );
          store.removeItem(`demo.checkoutKey.${cart.id}`);
          refreshCartCount(); // the cart is checked out: the next one is empty
          if (placed.payment) store.setItem(`demo.payment.${placed.order.id}`, JSON.stringify(placed.payment));
          keepWarnings(placed.order.id, placed.warnings);
          location.hash = placed.payment ? `#/pay/${placed.order.id}` : `#/order/${placed.order.id}`;
        } catch (error) {
          event.submitter && (event.submitter.disabled = false);
          fail(error);
        }
      },
    },
    field("name", "Name", { required: true, autocomplete: "name" }),
    field("phone", "Phone", { required: true, autocomplete: "tel" }),
    field("province", "Province", { required: true }),
    field("city", "City", { required: true }),
    field("district", "District"),
    field("line1", "Address", { required: true, autocomplete: "address-line1" }),
    field("postal_code", "Postal code", { autocomplete: "postal-code" }),
    picker,
    el("button", { type: "submit", id: "place-order" }, "Place order"),
  );
  render(el("h1", {}, "Checkout"), el("div", { class: "row" }, el("div", {}, el("h2", {}, "Shipping address"), form), el("div", {}, el("h2", {}, "Order"), cartTable(cart, false))));
}

const TEST_CARDS = [
  ["4242424242424242", "Visa, succeeds"],
  ["4000000000000341", "declined when charged"],
];

async function pay(orderId) {
  const order = await must(api().GET("/orders/{order_id}", { params: { path: { order_id: orderId } } }));
  let payment = JSON.parse(store.getItem(`demo.payment.${orderId}`) || "null");
  const payable = ["pending_payment", "deposit_pending"].includes(order.status) || (order.status === "balance_due" && payment);
  if (!payable) {
    location.hash = `#/order/${orderId}`;
    return;
  }
  const due = amountDue(order);
  if (!payment) {
    // Repeating the checkout of the order's cart answers its pending payment.
    const again = await must(api().POST("/checkout", { body: { cart_id: order.cart_id } }));
    payment = again.payment;
  }
  const form = el(
    "form",
    {
      class: "stack",
      id: "pay",
      onsubmit: async (event) => {
        event.preventDefault();
        const values = formValues(event.target);
        const button = event.submitter;
        if (button) button.disabled = true;
        try {
          // Local stand-in for Stripe.js: see docs/pages.md ("Paying locally").
          const response = await fetch("/demo/localstripe/confirm", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({
              client_secret: payment.client_secret,
              card: { number: values.number, exp_month: values.exp_month, exp_year: values.exp_year, cvc: values.cvc },
            }),
          });
          const intent = await response.json();
          if (intent.status !== "succeeded") {
            const reason = intent.last_payment_error ? intent.last_payment_error.message : intent.detail || intent.status;
            throw new Error(`Payment not taken: ${reason}`);
          }
          store.removeItem(`demo.payment.${orderId}`);
          paymentConfirmed(order);
          location.hash = `#/order/${orderId}`;
        } catch (error) {
          if (button) button.disabled = false;
          fail(error);
        }
      },
    },
    el("label", {}, "Card number", el("input", { name: "number", value: TEST_CARDS[0][0], inputmode: "numeric", required: true })),
    el("div", { class: "row" }, el("label", {}, "Month", el("input", { name: "exp_month", value: "12", required: true })), el("label", {}, "Year", el("input", { name: "exp_year", value: "2030", required: true })), el("label", {}, "CVC", el("input", { name: "cvc", value: "123", required: true }))),
    el("button", { type: "submit", id: "pay-now" }, `Pay ${money(due.amount)}`),
  );
  const by = due.label === "balance" ? order.presale.balance_ends_at : order.payment_due_at;
  render(
    el("h1", {}, due.label === "total" ? `Pay for order ${order.id}` : `Pay the ${due.label} of order ${order.id}`),
    el("p", { id: "amount-due" }, due.label === "total" ? "Total " : `Presale ${due.label} `, el("strong", {}, money(due.amount)), due.label === "total" ? "" : ` (order total ${money(order.total)})`, ` — pay by ${when(by)}.`),
    warningNotices(keptWarnings(orderId)),
    el("div", { class: "row" }, form, el("div", { class: "card" }, el("h3", {}, "localstripe test cards"), el("ul", {}, TEST_CARDS.map(([n, text]) => el("li", {}, el("code", {}, n), ` ${text}`))))),
  );
}

async function orders() {
  if (!session()) {
    location.hash = "#/signin?next=orders";
    return;
  }
  const page = await must(api().GET("/orders", { params: { query: { limit: 50 } } }));
  render(
    el("h1", {}, "Your orders"),
    page.items.length
      ? el("table", {}, el("tr", {}, el("th", {}, "Order"), el("th", {}, "Placed"), el("th", {}, "Status"), el("th", { class: "num" }, "Total")), page.items.map((o) => el("tr", {}, el("td", {}, el("a", { href: `#/order/${o.id}` }, o.id)), el("td", {}, when(o.created_at)), el("td", {}, badge(o.status)), el("td", { class: "num" }, money(o.total)))))
      : el("p", {}, "No orders yet."),
  );
}

let polling;

async function orderPage(orderId) {
  const order = await must(api().GET("/orders/{order_id}", { params: { path: { order_id: orderId } } }));
  const requests = await attempt(api().GET("/orders/{order_id}/after-sales", { params: { path: { order_id: orderId } } }));
  const action = (label, path, id) =>
    el("button", {
      class: "secondary",
      id,
      onclick: async () => {
        try {
          await must(api().POST(path, { params: { path: { order_id: orderId } }, body: {} }));
          await orderPage(orderId);
        } catch (error) {
          fail(error);
        }
      },
    }, label);
  const actions = [];
  if (order.status === "pending_payment") actions.push(el("a", { href: `#/pay/${order.id}` }, el("button", { id: "pay-link" }, "Pay now")));
  if (order.status === "deposit_pending") actions.push(el("a", { href: `#/pay/${order.id}` }, el("button", { id: "pay-link" }, "Pay the deposit")));
  if (["pending_payment", "paid", "under_review"].includes(order.status)) actions.push(action("Cancel order", "/orders/{order_id}/cancel", "cancel-order"));
  if (["shipped", "delivered"].includes(order.status)) actions.push(action("Confirm receipt", "/orders/{order_id}/confirm-receipt", "confirm-receipt"));
  actions.push(el("a", { href: `#/tickets?order=${order.id}`, id: "contact-care" }, el("button", { class: "secondary" }, "Contact customer care")));
  const timeline = el(
    "table",
    { id: "timeline" },
    el("tr", {}, el("th", {}, "When"), el("th", {}, "What"), el("th", {}, "By"), el("th", {}, "Note")),
    order.timeline.map((t) => el("tr", {}, el("td", {}, when(t.at)), el("td", {}, t.type === "status_changed" ? `${t.from} → ${t.to}` : t.type), el("td", {}, t.actor), el("td", {}, t.reason || ""))),
  );
  const shipments = (order.shipments || []).map((s) =>
    el("div", { class: "card" }, el("strong", {}, `${s.carrier} ${s.tracking_number}`), el("ul", {}, (s.tracking || []).map((t) => el("li", {}, `${when(t.at)} ${t.status}${t.description ? ` — ${t.description}` : ""}`)))),
  );
  const asItems = (requests && requests.items) || [];
  render(
    el("p", {}, el("a", { href: "#/orders" }, "← Orders")),
    el("h1", {}, "Order ", el("span", { id: "order-id" }, order.id)),
    el("p", { id: "order-status" }, "Status ", badge(order.status), " · payment ", badge(order.payment_status), order.risk_reasons && order.risk_reasons.length ? ` · held for review (${order.risk_reasons.join(", ")})` : ""),
    awaitingPayment(order) ? notice("Waiting for the payment: this page refreshes by itself.", "warn") : "",
    el("div", { class: "actions" }, actions),
    presalePanel(ui, order),
    el("h2", {}, "Items"),
    el("table", {}, el("tr", {}, el("th", {}, "Item"), el("th", { class: "num" }, "Qty"), el("th", { class: "num" }, "Paid")), order.lines.map((l) => el("tr", {}, el("td", {}, l.title, el("div", { class: "muted" }, l.sku), lineTags(l), l.adjustments.map((a) => el("div", { class: "tag" }, a.label))), el("td", { class: "num" }, l.quantity), el("td", { class: "num" }, money(l.payable))))),
    el("table", { class: "totals" }, el("tr", {}, el("td", {}, "Shipping"), el("td", { class: "num" }, money(order.shipping))), order.discounts.map((d) => el("tr", {}, el("td", {}, d.label), el("td", { class: "num" }, `−${money(d.amount)}`))), el("tr", {}, el("td", {}, el("strong", {}, "Total")), el("td", { class: "num" }, el("strong", {}, money(order.total))))),
    shipments.length ? [el("h2", {}, "Shipments"), shipments] : "",
    el("h2", {}, "Timeline"),
    timeline,
    el("h2", {}, "Returns and refunds"),
    asItems.length ? el("table", { id: "after-sales" }, el("tr", {}, el("th", {}, "Request"), el("th", {}, "Type"), el("th", {}, "Status"), el("th", { class: "num" }, "Refund")), asItems.map((r) => el("tr", {}, el("td", {}, r.id), el("td", {}, r.type), el("td", {}, badge(r.status)), el("td", { class: "num" }, money(r.refund_amount))))) : el("p", { class: "muted" }, "None."),
    afterSaleForm(order),
    reviewForm(ui, order, () => orderPage(orderId)),
  );
  clearTimeout(polling);
  if (awaitingPayment(order) && location.hash === `#/order/${orderId}`) {
    polling = setTimeout(() => route(), 1500);
  }
}

function afterSaleForm(order) {
  const delivered = ["delivered", "completed"].includes(order.status);
  const unshipped = ["paid", "under_review"].includes(order.status);
  if (!delivered && !unshipped) return "";
  const types = delivered ? [["return_refund", "Return for a refund"], ["refund_only", "Refund without return"]] : [["refund_only", "Refund (not shipped yet)"]];
  const reasons = ["no_reason", "quality", "damaged", "wrong_item", "not_as_described", "missing_item", "other"];
  return el(
    "form",
    {
      class: "stack card",
      id: "after-sale",
      onsubmit: async (event) => {
        event.preventDefault();
        const values = formValues(event.target);
        const lines = order.lines
          .map((l) => ({ sku: l.sku, quantity: Number(values[`qty.${l.sku}`] || 0) }))
          .filter((l) => l.quantity > 0);
        const body = { type: values.type, reason: values.reason, lines };
        if (values.description) body.description = values.description;
        try {
          await must(api().POST("/orders/{order_id}/after-sales", { params: { path: { order_id: order.id } }, body }));
          await orderPage(order.id);
        } catch (error) {
          fail(error);
        }
      },
    },
    el("h3", {}, "Request a return or refund"),
    el("label", {}, "Type", el("select", { name: "type" }, types.map(([v, t]) => el("option", { value: v }, t)))),
    el("label", {}, "Reason", el("select", { name: "reason" }, reasons.map((r) => el("option", { value: r }, r.replaceAll("_", " "))))),
    order.lines.map((l) => el("label", {}, `${l.title} (${l.sku}), units`, el("input", { name: `qty.${l.sku}`, type: "number", min: 0, max: l.quantity, value: l.quantity }))),
    el("label", {}, "Details", el("textarea", { name: "description", rows: 2, maxlength: 2000 })),
    el("button", { type: "submit", id: "request-return" }, "Send request"),
  );
}

// The helpers the customer-care pages (care.js) draw with.
const ui = { api, render, notice, badge, fail, prepend: (node) => view.prepend(node) };

/** Signed-in pages: to the sign-in page first (and back) when there is no session. */
function signedIn(name, page) {
  return async (...args) => {
    if (!session()) {
      location.hash = `#/signin?next=${name}`;
      return;
    }
    await page(ui, ...args);
  };
}

// ---- router ----------------------------------------------------------------

async function route() {
  clearTimeout(polling);
  shown = location.hash;
  const [path, search] = (location.hash.slice(1) || "/").split("?");
  const query = new URLSearchParams(search || "");
  const parts = path.split("/").filter(Boolean);
  try {
    if (parts.length === 0) await shop(query);
    else if (parts[0] === "product") await product(parts[1]);
    else if (parts[0] === "cart") await cartPage();
    else if (parts[0] === "signin") signIn(query);
    else if (parts[0] === "signout") signOut();
    else if (parts[0] === "checkout") await checkout();
    else if (parts[0] === "pay") await pay(parts[1]);
    else if (parts[0] === "orders") await orders();
    else if (parts[0] === "order") await orderPage(parts[1]);
    else if (parts[0] === "tickets") await signedIn("tickets", myTickets)(query);
    else if (parts[0] === "ticket") await signedIn("tickets", myTicket)(parts[1]);
    else if (parts[0] === "inbox") await signedIn("inbox", inbox)();
    else if (parts[0] === "preferences") await signedIn("preferences", preferences)();
    else if (parts[0] === "coupons") await signedIn("coupons", myCoupons)(query);
    else render(el("p", {}, "No such page. ", el("a", { href: "#/" }, "Shop")));
  } catch (error) {
    render(notice(describe(error), "error"), el("p", {}, el("a", { href: "#/" }, "Back to the shop")));
  }
  document.body.dataset.page = parts[0] || "shop";
}

window.addEventListener("hashchange", route);
showWho();
refreshCartCount();
route();
