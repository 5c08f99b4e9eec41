// Generated from docs/openapi.yaml by scripts/generate.mjs (npm run generate). Do not edit.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Probe every dependency
         * @description Probes DynamoDB, the queues, the event bus and the payment provider in parallel (one attempt each, timeout `COMMERCE_HEALTH_TIMEOUT_SECONDS`).
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document, as JSON
         * @description The OpenAPI 3.1 document of the API (`docs/openapi.yaml` in the repository), converted to JSON when the app is built (`make reference`) and served from the app's own bundle.
         */
        get: operations["getOpenApiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document, as YAML
         * @description The OpenAPI 3.1 document of the API as written (`docs/openapi.yaml` in the repository), byte for byte.
         */
        get: operations["getOpenApiYaml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The API reference, rendered
         * @description An HTML page that renders `/openapi.json` with Redoc. Redoc's script is served by the app (`GET /docs/assets/{asset}`, installed from the npm registry when the app is built); the page loads nothing from elsewhere. Its URLs are relative, so it works under a deployed stage's path too.
         */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/assets/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A file of the reference page; only `redoc.standalone.js` exists. */
                asset: string;
            };
            cookie?: never;
        };
        /**
         * A file of the reference page
         * @description Redoc's standalone bundle (`redoc.standalone.js`), from the `redoc` npm package the app was built with. Any other name is 404.
         */
        get: operations["getDocsAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a customer account and sign in
         * @description Creates a customer and returns an access token. E-mail addresses are trimmed and case-folded.
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Returns a new access token. An unknown e-mail and a wrong password answer alike. Failed sign-ins are throttled per e-mail and per source address (429).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in customer's profile
         * @description The profile of the Bearer token's customer (the account fields, phone, birthday, locale and marketing consent).
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Erase the signed-in customer's personal data
         * @description Erases the customer's personal data everywhere (ADR 0017): the profile (e-mail, name, phone, birthday, consent), the e-mail's registration (the address can register again), the address book, notification preferences and inbox, shipping addresses on carts and orders (reduced to country, province and city), the customer's free text on tickets and after-sale requests, and Idempotency-Key answers. Wallet coupons are voided. Orders, after-sales and settlements keep the customer id, now linked to no one, so the books still add up. Every token issued so far is refused from now on (401 `invalid_token`). Running it again (an earlier attempt failed half way) completes what is left.
         */
        delete: operations["eraseMe"];
        options?: never;
        head?: never;
        /**
         * Change the signed-in customer's profile
         * @description Only the fields sent change; `null` clears `phone` or `birthday` (`null` for `locale` or `marketing_consent` changes nothing). `phone` is stored in E.164: an 11-digit Chinese mobile number (`1[3-9]` and 9 digits) gains `+86`, single spaces or dashes between digits are dropped, `00` becomes `+`. `birthday` is a date from 1900-01-01 to today. A change of `marketing_consent` is recorded with when and how (`source: profile`); the notification preferences read and write the same locale, phone and consent. The e-mail, id and dates are the server's (`read_only_field`).
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything stored about the signed-in customer
         * @description The customer's personal data as JSON, as stored: profile, addresses, orders (with their shipping addresses), after-sale requests, tickets with their messages (staff-internal notes left out), the notification inbox, notification preferences, wallet coupons and membership. The password hash is never included.
         */
        get: operations["exportMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in customer's address book
         * @description Every address (at most 20), oldest first; exactly one is the default when there is any.
         */
        get: operations["listMyAddresses"];
        put?: never;
        /**
         * Add an address
         * @description The first address is the default; `is_default` moves the default to the new one. A phone that is a Chinese mobile number is stored in E.164. Checkout ships to the default address when neither the request nor the cart gives one.
         */
        post: operations["addMyAddress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/addresses/{address_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An address of the customer's book (`addr_...`). */
                address_id: components["parameters"]["AddressId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an address
         * @description When it was the default, the oldest remaining address becomes the default.
         */
        delete: operations["deleteMyAddress"];
        options?: never;
        head?: never;
        /**
         * Change an address, or make it the default
         * @description Only the fields sent change. `is_default` can only be `true`; the old default stops being one in the same write.
         */
        patch: operations["updateMyAddress"];
        trace?: never;
    };
    "/content/slots/{slot}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A content slot's name (lower-case letters, digits, `-` and `_`). */
                slot: components["parameters"]["Slot"];
            };
            cookie?: never;
        };
        /**
         * A content slot's live items
         * @description The items of the slot live now (inside their window), by `position`. A slot never set has no items. Cacheable: `Cache-Control: public, max-age=N`, N at most 60 and no later than the next item starts or ends.
         */
        get: operations["getLiveContentSlot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The category tree
         * @description The whole category tree in one response; siblings ordered by name, then id. No auth.
         */
        get: operations["listCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Browse visible products
         * @description Visible products only (`listed`, inside their listing window), with `facets`. With a `q` that has search tokens: the search index (Chinese segmented, Latin words matched by prefix, staff synonyms applied), ranked by relevance unless `sort` is given. Else with `category_id`: the category index (the category and all its descendants), one read a page. Pages are full (`limit` items) while more follow; an empty page never has a `next_cursor`. No auth; a token is ignored.
         */
        get: operations["listProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{product_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        /**
         * A visible product with its SKUs
         * @description No auth needed. With an optional Bearer token of a member whose plan gives member prices, `effective_price` is the lower `member_price`. A bad or expired token is 401 (checked after the product is found). With `visitor_id` and an A/B experiment running on the product, the visitor's variant (its title, first image or SKU prices) and `experiment {id, variant}`; without `visitor_id` the product as it is (the control), no `experiment`.
         */
        get: operations["getProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a cart (guest or customer)
         * @description Without `Authorization`: a new, empty guest cart, **201** with its `token` (shown only here). With a valid Bearer token: the customer's new cart (**201**, no token), or the customer's existing active cart unchanged (**200**). Body: none or `{}`. An `X-Cart-Token` sent here is ignored. `X-Visitor-Id` is kept on a new cart: A/B price variants are assigned by it (never by a price the client sends).
         */
        post: operations["createCart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cart_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        /**
         * The priced cart
         * @description Bearer (customer cart) or `X-Cart-Token` (guest cart). Reading does not change the cart nor extend a guest cart's life.
         */
        get: operations["getCart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cart_id}/items": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add units of a SKU
         * @description Adds units; if the SKU is already in the cart the quantities are summed (the line keeps its place). At most 40 lines per cart. `X-Visitor-Id` is kept on a cart that has none yet (A/B price variants).
         */
        post: operations["addCartItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cart_id}/items/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a line
         * @description Removes the line, whatever the state of its product. No body.
         */
        delete: operations["removeCartItem"];
        options?: never;
        head?: never;
        /**
         * Set a line's quantity
         * @description Sets the quantity of a line already in the cart and refreshes its recorded unit price (clearing `price_changed`). Use DELETE to remove a line (0 is refused).
         */
        patch: operations["setCartItemQuantity"];
        trace?: never;
    };
    "/carts/{cart_id}/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a coupon on the cart
         * @description A cart holds one coupon: one that applies replaces the one there. 200 only if it applies now; otherwise 422 `coupon_invalid` with `reason` (`not_found`, `not_started`, `expired`, `usage_exhausted`, `not_applicable`, `min_spend_not_met`, `not_claimed`, `audience_mismatch`: the coupon targets an audience the customer is not in, or a guest; `budget_exhausted`: what is left of its budget does not cover this order's coupon discount, ADR 0028) and the cart is left as it was.
         */
        post: operations["applyCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cart_id}/coupons/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove the cart's coupon
         * @description Works whether or not the coupon still applies; `code` is matched case-insensitively.
         */
        delete: operations["removeCoupon"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cart_id}/shipping-address": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the cart's shipping address
         * @description Replaces the whole address (no partial update, no delete). Values are stored as sent; `null` fields are left out.
         */
        put: operations["setShippingAddress"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/carts/{cart_id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge a guest cart into the customer's cart
         * @description Bearer required (checked before the body). `{cart_id}` is the customer's active cart. Quantities of the same SKU are summed (capped at 99 silently); other guest lines are appended while the cart has fewer than 40 lines, the rest dropped silently. The guest cart becomes `merged` (404 from then on).
         */
        post: operations["mergeCart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn the customer's cart into an order
         * @description Bearer required, and an `Idempotency-Key` (checked after the token and the body). The cart is priced afresh, every line's stock reserved, coupon and flash-sale usage counted and the cart checked out in one transaction; then a Stripe PaymentIntent is created for the total. The order becomes `paid` only when Stripe's signed webhook says so. A zero total is paid at once (`payment: null`). A cart already checked out answers 201 with its order. Guests cannot check out (a guest cart's id is 404). A presale SKU in its deposit window (ADR 0026) makes a `deposit_pending` order whose PaymentIntent is for the deposit only; its payment makes it `balance_due`.
         */
        post: operations["checkout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's orders
         * @description Newest first, paginated (cursors are bound to the customer). Read from an index: an order placed a moment ago may take a moment to appear.
         */
        get: operations["listOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /**
         * One of the customer's orders
         * @description Read with strong consistency. Another customer's order is 404, never 403.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/balance-payment": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a presale order's balance
         * @description Bearer required, and an `Idempotency-Key` (checked after the token and the body). For a `balance_due` presale order (ADR 0026) in its balance window: a Stripe PaymentIntent for the balance ((final price - deposit value) x quantity + shipping), created once and recorded on the order (`presale.balance_payment_intent_id`); asked again (another key), the same intent. Its `payment_intent.succeeded` makes the order `paid`, then the usual flow. No body (or `{}`).
         */
        post: operations["payOrderBalance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order
         * @description `pending_payment`: the PaymentIntent is cancelled at Stripe first (no money moves). `paid` / `under_review`: the order is cancelled and everything paid is refunded through Stripe (if Stripe cannot be reached the order is still cancelled and the refund retried by `retry_refunds`). Reserved stock, coupon and flash-sale usage are given back. No body (or `{}`).
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/confirm-receipt": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the goods were received
         * @description `shipped` or `delivered` -> `completed`. No body (or `{}`).
         */
        post: operations["confirmReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/membership/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Membership plans
         * @description Every plan, oldest first, in one response. Read from an index: a plan created a moment ago may take a moment to appear. No auth.
         */
        get: operations["listPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/membership/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a membership plan
         * @description There is no route to change or retire a plan. No `Location` header.
         *
         *     Staff: `X-Api-Key` with the action `membership:manage`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/membership": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's membership
         * @description Read with strong consistency; `is_member` computed now.
         */
        get: operations["getMembership"];
        put?: never;
        /**
         * Buy a membership plan
         * @description Bearer required, and an `Idempotency-Key` (keys per customer, separate from checkout's). A pending PaymentIntent of an earlier purchase (or of a renewal still processing) is cancelled at Stripe first; the card is attached to the customer's Stripe Customer; a PaymentIntent is created (not confirmed) and the membership written `pending_payment`. The client confirms the intent with Stripe; the membership becomes `active` when Stripe's webhook reports the payment.
         */
        post: operations["purchaseMembership"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/membership/auto-renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Turn automatic renewal on
         * @description Already on: nothing is written, 200 (whatever the status). A body is ignored.
         */
        put: operations["enableAutoRenew"];
        post?: never;
        /**
         * Turn automatic renewal off
         * @description The membership keeps its benefits to `current_period_end`; no further reminder, charge or retry. Already off: nothing is written, 200. A body is ignored.
         */
        delete: operations["disableAutoRenew"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe events
         * @description Stripe's webhook endpoint. The `Stripe-Signature` is verified on the raw body before it is parsed. Events whose `data.object.metadata.kind` is `membership` go to the membership service, every other event is about an order. Every event id that gets a 200 is recorded (30 days) and applied once. Any answer but 200 makes Stripe deliver the event again.
         */
        post: operations["stripeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/logistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Carrier tracking updates
         * @description Signed with `X-Logistics-Timestamp` and `X-Logistics-Signature`, checked on the raw body before it is parsed. The update is appended to the parcel's `tracking`; when the order is `shipped` and every parcel is `delivered`, the order becomes `delivered`. Event ids are applied once per carrier.
         */
        post: operations["logisticsWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/search/synonyms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The search synonym set
         * @description The groups as stored (terms NFKC-normalised and trimmed, duplicates dropped).
         *
         *     Staff: `X-Api-Key` with the action `search:synonyms`. Roles allowed: `admin`, `operations`.
         */
        get: operations["getSearchSynonyms"];
        /**
         * Replace the search synonym set
         * @description Replaces every group. A query token equal to a term of a group also looks up the group's other terms (one more index partition each, at most 8 per query). Applied at once by the instance that took the PUT, within `COMMERCE_PRICING_CACHE_SECONDS` by the others.
         *
         *     Staff: `X-Api-Key` with the action `search:synonyms`. Roles allowed: `admin`, `operations`.
         */
        put: operations["putSearchSynonyms"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a category
         * @description There is no route to read, rename, move or delete a category.
         *
         *     Staff: `X-Api-Key` with the action `catalog:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Products by status
         * @description Products with one status, newest first. Includes listed products that are not visible (yet or any more).
         *     With `handle`, the product created with that handle, whatever its status: one item or none (`status`, `limit` and `cursor` are then ignored, and `next_cursor` is null).
         *
         *     Staff: `X-Api-Key` with the action `catalog:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`.
         */
        get: operations["listAdminProducts"];
        put?: never;
        /**
         * Create a product with its SKUs
         * @description Creates a product (SPU) with 1 to 30 SKUs, their opening stock and an `initial_stock` ledger row per SKU with stock, in one transaction.
         *
         *     Staff: `X-Api-Key` with the action `catalog:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/products/{product_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        /**
         * The staff product view
         * @description Read with strong consistency.
         *
         *     Staff: `X-Api-Key` with the action `catalog:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`.
         */
        get: operations["getAdminProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a product and its SKUs
         * @description Changes only the fields sent; a SKU patch with a new code adds a SKU. Guarded by the product's version; every successful PATCH, even `{}`, increments `version`.
         *
         *     Conditional with `If-Match` (optional): send the `ETag` of `GET /admin/products/{product_id}` and the edit applies only while the product is still at that version, else 412 `precondition_failed` and nothing is written. Without `If-Match` the edit is unconditional.
         *
         *     Staff: `X-Api-Key` with the action `catalog:write`. Roles allowed: `admin`, `operations`.
         */
        patch: operations["updateProduct"];
        trace?: never;
    };
    "/admin/products/{product_id}/list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List a product, now or at a time
         * @description No `at`, or `at` not in the future: listed now (from draft, delisted, or listed-but-not-visible). `at` in the future: `listed` with `list_at = at`, hidden until then.
         *
         *     Staff: `X-Api-Key` with the action `catalog:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["listProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/products/{product_id}/delist": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delist a product, now or at a time, for a reason
         * @description Takes a `reason` (and a `note`), recorded on the product (`delisting`) and in its history. No `at`, or `at` not in the future: `delisted` now (`list_at` and `delist_at` cleared). `at` in the future: schedules it (`delist_at = at`).
         *
         *     Staff: `X-Api-Key` with the action `catalog:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["delistProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/products/{product_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        /**
         * A product's history
         * @description What happened to the product, newest first: created, listed (or scheduled), delisted (or scheduled) with the reason, margin overrides. Paged (`limit`, `cursor`).
         *
         *     Staff: `X-Api-Key` with the action `catalog:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`.
         */
        get: operations["getProductHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a media upload
         * @description A pending media and a presigned S3 `PUT` URL (valid `expires_in` seconds): PUT the file there with the `Content-Type` given, then `POST /admin/media/{media_id}/complete`. `kind` `main` and `detail` are JPEG, PNG or WebP images of at most 3 MB; `video` an MP4 of at most 60 s.
         *
         *     Staff: `X-Api-Key` with the action `catalog:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["startMediaUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/media/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A media id (`media_...`). */
                media_id: components["parameters"]["MediaId"];
            };
            cookie?: never;
        };
        /**
         * A media
         * @description A media of the library, with its status and, once checked, its dimensions or duration and failures.
         *
         *     Staff: `X-Api-Key` with the action `catalog:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`.
         */
        get: operations["getMedia"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/media/{media_id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A media id (`media_...`). */
                media_id: components["parameters"]["MediaId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check an uploaded media
         * @description Reads the uploaded object back and checks it against its kind: format and dimensions from an images header (main: square, at least 1000x1000; detail: at least 800x800; at most 3 MB), an MP4s duration from its `mvhd` box (at most 60 s). Ready, or rejected with 422 `media_spec`. Completing a checked media again answers the same.
         *
         *     Staff: `X-Api-Key` with the action `catalog:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["completeMediaUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/content/slots/{slot}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A content slot's name (lower-case letters, digits, `-` and `_`). */
                slot: components["parameters"]["Slot"];
            };
            cookie?: never;
        };
        /**
         * A content slot, every item
         * @description Every item of the slot, live or not, and who replaced them last.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["getContentSlot"];
        /**
         * Replace a content slot's items
         * @description Replaces all the items of the slot (home banners and the like): each with an `image` URL or a ready image `media_id`, a `link`, a `title`, a `position` and an optional window (`starts_at`, `ends_at`).
         *
         *     Staff: `X-Api-Key` with the action `promotions:write`. Roles allowed: `admin`, `operations`.
         */
        put: operations["putContentSlot"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/inventory/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        /**
         * A SKU's stock
         * @description `on_hand`, `reserved`, `available` (= `on_hand - reserved`), and the ABC class of the latest `classify_abc` run.
         *
         *     Staff: `X-Api-Key` with the action `inventory:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["getInventory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/inventory/{sku}/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adjust a SKU's on-hand stock
         * @description Stock counts, receiving, write-offs. A negative `delta` succeeds only if `available >= -delta`. A removal that leaves `available` at or below `safety_stock` emits `stock.low`; an addition that leaves it above emits `stock.replenished`.
         *
         *     Staff: `X-Api-Key` with the action `inventory:adjust`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        post: operations["adjustInventory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/inventory/{sku}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        /**
         * A SKU's stock ledger
         * @description Newest first, paginated (cursors are bound to the SKU).
         *
         *     Staff: `X-Api-Key` with the action `inventory:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["getLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/promotions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Promotions
         * @description Every promotion, scheduled, running or ended, newest first.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["listPromotions"];
        put?: never;
        /**
         * Create a promotion
         * @description `percent_off`, `nth_item_discount`, `member_day`, `spend_threshold`, `flash_sale` or `first_n` (ADR 0028). Any type may take a `budget` and an `owner`. Shape errors come first, then all business errors together.
         *
         *     Staff: `X-Api-Key` with the action `promotions:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createPromotion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/promotions/{promotion_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A promotion id (`promo_...`). */
                promotion_id: components["parameters"]["PromotionId"];
            };
            cookie?: never;
        };
        /**
         * A promotion
         * @description Strongly consistent read.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["getPromotion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a promotion that has not ended
         * @description All fields optional; `null` leaves a field unchanged. The result is validated as a whole, like a create. `sku` cannot be changed (`unknown_field`); `type` only as itself (another type: `immutable`). Not version-guarded.
         *
         *     Staff: `X-Api-Key` with the action `promotions:write`. Roles allowed: `admin`, `operations`.
         */
        patch: operations["updatePromotion"];
        trace?: never;
    };
    "/admin/promotions/{promotion_id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A promotion id (`promo_...`). */
                promotion_id: components["parameters"]["PromotionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a promotion now
         * @description Sets `ended_at` to now. A body is ignored.
         *
         *     Staff: `X-Api-Key` with the action `promotions:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["endPromotion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/promotions/{promotion_id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A promotion id (`promo_...`). */
                promotion_id: components["parameters"]["PromotionId"];
            };
            cookie?: never;
        };
        /**
         * A promotion's report
         * @description Paid orders that took a discount from the promotion, their units and GMV, the discount given, their refunds, and the budget. Kept by the `promotion-reports` worker from order events (`order.paid`, `order.refunded`; each order counted once) as of `as_of`; `budget`, `spent` and `budget_left` are the budget''s own counter, read at `read_at`. ADR 0028.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["getPromotionReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Coupons
         * @description Every coupon, newest first.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["listCoupons"];
        put?: never;
        /**
         * Create a coupon
         * @description Usable while `starts_at <= now < ends_at`. Exactly one of `amount_off` and `percent_off`.
         *
         *     Staff: `X-Api-Key` with the action `promotions:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/coupons/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        /**
         * A coupon
         * @description `code` is matched case-insensitively.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["getCoupon"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a coupon's budget or owner
         * @description Only `budget` and `owner` change (ADR 0028); `null` removes either, a field left out stays. `code` is matched case-insensitively.
         *
         *     Staff: `X-Api-Key` with the action `promotions:write`. Roles allowed: `admin`, `operations`.
         */
        patch: operations["updateCoupon"];
        trace?: never;
    };
    "/admin/coupons/{code}/report": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        /**
         * A coupon's report
         * @description As the promotion report, for the coupon's paid orders. Kept by the `promotion-reports` worker from order events (`order.paid`, `order.refunded`; each order counted once) as of `as_of`; `budget`, `spent` and `budget_left` are the budget''s own counter, read at `read_at`. ADR 0028.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["getCouponReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/coupons/{code}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant a coupon to customers
         * @description Starts a grant job (ADR 0018): the distinct customers of `customer_ids` (at most 500) and of the RFM `segment`
         *     (read in the request, at most 100,000 customers) each get one entry of the coupon in their wallet. The job
         *     answers 202 at once; batches of 100 customers go to the coupon-grants queue, each entry a conditional write
         *     keyed by coupon and customer, so running the same grant twice (or two jobs at once) gives each customer
         *     exactly one entry. `skipped` counts the customers who held the coupon already (a claim, another grant) and
         *     ids that name no customer (or an erased one). Grants do not count towards `claim_limit`: a claimable coupon
         *     with `claim_limit: 0` is one that only staff give. `GET /admin/coupons/{code}/grants/{grant_id}` (the
         *     `Location`) shows the progress.
         *
         *     Staff: `X-Api-Key` with the action `promotions:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["grantCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/coupons/{code}/grants/{grant_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
                /** @description A coupon grant job id (`grant_...`). */
                grant_id: components["parameters"]["GrantId"];
            };
            cookie?: never;
        };
        /**
         * A grant job's progress
         * @description The counts of the batches done so far; `done` once every batch is.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["getCouponGrant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/shipping-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Shipping templates
         * @description Every template, oldest first, in one response. `limit` and `cursor` are ignored.
         *
         *     Staff: `X-Api-Key` with the action `promotions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `finance`.
         */
        get: operations["listShippingTemplates"];
        put?: never;
        /**
         * Create a shipping template
         * @description Carts use the default template only. The fee for weight *w*: `first_fee + ceil(max(0, w - first_weight_grams) / additional_weight_grams) x additional_fee`, with a region's fees when the province is in it.
         *
         *     Staff: `X-Api-Key` with the action `promotions:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createShippingTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Orders by status
         * @description Orders in one status, newest first (cursors are bound to the status). Read from an index, then each order as it is now: an order that just changed status is left out of its old status's page (which can then hold fewer than `limit` orders, with a `next_cursor`) and may take a moment to appear under its new one. `?status=under_review` is the review queue.
         *
         *     Staff: `X-Api-Key` with the action `orders:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["listAdminOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /**
         * Any customer's order
         * @description The order, in the customer's shape.
         *
         *     Staff: `X-Api-Key` with the action `orders:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["getAdminOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/orders/{order_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release an order held for review
         * @description `under_review -> paid`, cleared for fulfillment (`order.ready_for_fulfillment`). No body (or `{}`).
         *
         *     Staff: `X-Api-Key` with the action `orders:review`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        post: operations["approveOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/orders/{order_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject an order held for review
         * @description `under_review -> cancelled`, exactly like a customer's cancellation of a paid order: stock, coupon and flash usage released and the amount paid refunded through Stripe.
         *
         *     Staff: `X-Api-Key` with the action `orders:review`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        post: operations["rejectOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/orders/{order_id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /**
         * The order's refunds
         * @description Every refund of the order, oldest first, in every status: the API's own (cancellation `cancelled`, payment after cancellation, staff, after-sales), those made in Stripe's dashboard (recorded from `charge.refunded`) and a lost dispute.
         *
         *     Staff: `X-Api-Key` with the action `orders:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["listOrderRefunds"];
        put?: never;
        /**
         * Refund part or all of a paid order
         * @description Units of lines (each unit's share of what the customer paid for its line, after every discount), the shipping fee (`include_shipping`, once per order), an extra `amount` in minor units, or any mix. The refund is recorded (`pending`) on the order before Stripe is called, named by the `Idempotency-Key` (also its Stripe idempotency key: `{order_id}:refund:staff:<key>`, a key over 128 characters by its SHA-256), so the same key never refunds twice, even after the stored answer expired. Never more than paid minus refunded minus refunds in flight.
         *
         *     Always `201` once recorded, whatever Stripe answered: `succeeded`; `failed` when Stripe could not be reached (nothing was paid; the job `retry_refunds` takes it again with the same key, and `GET .../refunds` shows when it succeeds); `refused` when Stripe said no (a `refund_refused` exception for customer service). A `succeeded` refund of units takes them off the SKUs' sales counters.
         *
         *     Staff: `X-Api-Key` with the action `refunds:write`. Roles allowed: `admin`, `customer_service`, `finance`.
         */
        post: operations["refundOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/orders/{order_id}/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hand goods of a fulfilling order to a carrier
         * @description One parcel per request. Per SKU, `on_hand` and `reserved` go down (a `shipped` ledger row). When nothing is left to ship the order becomes `shipped`; otherwise a `partial_shipment` timeline entry. The order's status is checked before the lines.
         *
         *     Staff: `X-Api-Key` with the action `fulfillment:write`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        post: operations["shipOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/fulfillments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fulfillment records by status
         * @description Newest order first (by order id), cursors bound to the status. Read from an index.
         *
         *     Staff: `X-Api-Key` with the action `fulfillment:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`.
         */
        get: operations["listFulfillments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stock-alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stock alerts by status
         * @description Newest first, cursors bound to the status. Read from an index.
         *
         *     Staff: `X-Api-Key` with the action `alerts:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`.
         */
        get: operations["listStockAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stock-alerts/{alert_id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A stock alert id (`alert_...`). */
                alert_id: components["parameters"]["AlertId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an open alert
         * @description `open -> acknowledged`. No body (or `{}`).
         *
         *     Staff: `X-Api-Key` with the action `alerts:write`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        post: operations["acknowledgeStockAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stock-alerts/{alert_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A stock alert id (`alert_...`). */
                alert_id: components["parameters"]["AlertId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve an alert
         * @description `open` or `acknowledged` -> `resolved`; the optional `reason` is kept in the history entry.
         *
         *     Staff: `X-Api-Key` with the action `alerts:write`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        post: operations["resolveStockAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's in-app inbox
         * @description Newest first, with a cursor. Every transactional message is put here (the e-mail and SMS copies go by SES and SNS), and marketing messages of campaigns on the `in_app` channel.
         */
        get: operations["listMyNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's notification preferences
         * @description Without a saved choice, marketing is off (no consent) and every channel on.
         */
        get: operations["getNotificationPreferences"];
        /**
         * Change the customer's notification preferences
         * @description Fields left out keep their value. `marketing` is consent to marketing at all; `channels` says which channels marketing may use. Transactional messages (orders, refunds, after-sales, tickets, membership) go whatever these say.
         */
        put: operations["putNotificationPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What was sent to a customer
         * @description Every send record of the customer, newest first: one per (event or campaign, channel), with its status and,
         *     when skipped or failed, why.
         *
         *     Staff: `X-Api-Key` with the action `notifications:read`. Roles allowed: `admin`, `customer_service`.
         */
        get: operations["listNotificationSends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Marketing campaigns, newest first
         * @description Every campaign, newest first, with its status and counts so far (`result`; `null` for a draft).
         *
         *     Staff: `X-Api-Key` with the action `campaigns:read`. Roles allowed: `admin`, `operations`.
         */
        get: operations["listCampaigns"];
        put?: never;
        /**
         * Create a marketing campaign
         * @description A draft, sent by `POST /admin/campaigns/{campaign_id}/send`. `segment` is `all` or left out: every customer who
         *     consents to marketing on the channel.
         *
         *     Staff: `X-Api-Key` with the action `campaigns:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A campaign id (`cmp_...`). */
                campaign_id: components["parameters"]["CampaignId"];
            };
            cookie?: never;
        };
        /**
         * A campaign and its counts
         * @description The campaign with its counts so far: a campaign sent in batches (`status: sending`) adds each batch's counts as
         *     its pages are sent, and is `sent` once its last batch is done (`batches_done` = `batches`).
         *
         *     Staff: `X-Api-Key` with the action `campaigns:read`. Roles allowed: `admin`, `operations`.
         */
        get: operations["getCampaign"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/campaigns/{campaign_id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A campaign id (`cmp_...`). */
                campaign_id: components["parameters"]["CampaignId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a campaign (once)
         * @description Fans the campaign out to every customer with saved preferences: `opted_out` counts those who do not consent on
         *     its channel (or have no address there), `capped` those who had their monthly marketing messages already
         *     (`COMMERCE_MARKETING_MONTHLY_CAP`, 2, per calendar month in the store's time zone, counted by a conditional
         *     counter so concurrent campaigns cannot pass it), `failed` those the provider refused, `sent` the others. A
         *     body is ignored.
         *
         *     Up to `COMMERCE_CAMPAIGN_INLINE_MAX` (200) customers the request sends it and answers 200 with the counts.
         *     Beyond, it answers 202 with the campaign `sending`: batches of `COMMERCE_CAMPAIGN_BATCH_SIZE` (100) customers go
         *     to the campaign-batches queue, each sent once per customer however often it is delivered; `GET
         *     /admin/campaigns/{campaign_id}` shows the counts as they add up, and `status: sent` after the last batch.
         *
         *     Staff: `X-Api-Key` with the action `campaigns:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["sendCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/exceptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Order exceptions by status
         * @description Newest **order** first (ids start with the order's id), cursors bound to the status. Read from an index.
         *
         *     Staff: `X-Api-Key` with the action `exceptions:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`.
         */
        get: operations["listExceptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/exceptions/{exception_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An exception id (`exc_<order ULID>_<kind>`). */
                exception_id: components["parameters"]["ExceptionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve an exception
         * @description `open -> resolved`; the optional `reason` is stored as `note`. Resolving does not change the order.
         *
         *     Staff: `X-Api-Key` with the action `exceptions:write`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        post: operations["resolveException"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/settlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Settlement statements of a range of days
         * @description Oldest first, without their lines, bounded by `from`/`to` (no pagination). A day the job never ran for has no item.
         *
         *     Staff: `X-Api-Key` with the action `settlements:read`. Roles allowed: `admin`, `finance`.
         */
        get: operations["listSettlements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/settlements/{day}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A business date, `YYYY-MM-DD` (read with Python's `date.fromisoformat`, which also takes other ISO 8601 date forms such as `20261122`), in the years 1970 to 9999. Not a date: 400 `validation_error`, field `date`, code `invalid_date`.
                 * @example 2026-11-22
                 */
                day: components["parameters"]["Day"];
            };
            cookie?: never;
        };
        /**
         * A day's settlement statement with its lines
         * @description Lines ordered by order id.
         *
         *     Staff: `X-Api-Key` with the action `settlements:read`. Roles allowed: `admin`, `finance`.
         */
        get: operations["getSettlement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/settlements/{day}/csv": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A business date, `YYYY-MM-DD` (read with Python's `date.fromisoformat`, which also takes other ISO 8601 date forms such as `20261122`), in the years 1970 to 9999. Not a date: 400 `validation_error`, field `date`, code `invalid_date`.
                 * @example 2026-11-22
                 */
                day: components["parameters"]["Day"];
            };
            cookie?: never;
        };
        /**
         * A day's settlement statement as CSV
         * @description One row per line, then a `TOTAL` row; lines end with CRLF (`\r\n`, shown as plain line ends in the example); amounts as decimals with two places. Errors are problem+json.
         *
         *     Staff: `X-Api-Key` with the action `settlements:read`. Roles allowed: `admin`, `finance`.
         */
        get: operations["exportSettlementCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Staff API keys
         * @description Every key, oldest first, without secrets. `limit` and `cursor` are ignored.
         *
         *     Staff: `X-Api-Key` with the action `staff:manage`. Roles allowed: `admin`.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create a staff API key
         * @description The key's secret (`key`) appears only in this response.
         *
         *     Staff: `X-Api-Key` with the action `staff:manage`. Roles allowed: `admin`.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A staff API key id (`key_...`). */
                key_id: components["parameters"]["KeyId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke (delete) a staff API key
         * @description It stops authenticating at once. A key may revoke itself.
         *
         *     Staff: `X-Api-Key` with the action `staff:manage`. Roles allowed: `admin`.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/jobs/{name}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job. An unknown name is 404 `not_found`. */
                name: components["parameters"]["JobName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a scheduled job now
         * @description Runs the job synchronously, exactly the code the schedule runs, and returns its summary. The optional `as_of` makes the job act as if it were that time (later than now only on the local stage).
         *
         *     Staff: `X-Api-Key` with the action `jobs:run`. Roles allowed: `admin`, `operations`, `finance`.
         */
        post: operations["runJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/after-sales": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /**
         * The after-sale requests of an order
         * @description The customer's requests on one of their orders, newest first.
         */
        get: operations["listOrderAfterSales"];
        put?: never;
        /**
         * Open an after-sale request on an order
         * @description A return (`return_refund`), an exchange, or a refund without a return (`refund_only`) of some units of the customer's order; rules in the API reference (After-sales) and ADR 0009. Bearer and an `Idempotency-Key` required. A `refund_only` of an order not shipped yet is approved and refunded at once (its units never ship); of every unit still to ship, the order is cancelled as a customer cancellation is.
         */
        post: operations["requestAfterSale"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/after-sales/{after_sale_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        /**
         * An after-sale request
         * @description The customer's own request.
         */
        get: operations["getAfterSale"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/after-sales/{after_sale_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an after-sale request
         * @description `requested` or `approved` (before the goods are shipped back) -> `cancelled`; an exchange's reserved units are released. No body (or `{}`).
         */
        post: operations["cancelAfterSale"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/after-sales/{after_sale_id}/return-shipment": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enter the parcel sending the goods back
         * @description `approved` -> `return_in_transit`, with the carrier and tracking number.
         */
        post: operations["shipAfterSaleBack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/after-sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * After-sale requests by status
         * @description Requests in one status (default `requested`: the queue to answer), optionally of one type, newest first (cursors are bound to the filters). Read from an index: a request that just changed may show under its old status for a moment.
         *
         *     Staff: `X-Api-Key` with the action `after_sales:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["listAdminAfterSales"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/after-sales/{after_sale_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        /**
         * An after-sale request
         * @description Any customer's request.
         *
         *     Staff: `X-Api-Key` with the action `after_sales:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["getAdminAfterSale"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/after-sales/{after_sale_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve an after-sale request
         * @description `requested -> approved`, with the address to send the goods back to. An exchange's new units are reserved (409 `out_of_stock` if not available). A `refund_only` is refunded at once (`refunded`; while the refund is pending or failed it stays `approved`, and the `after_sale_deadlines` job asks again). Requests not answered within `COMMERCE_AFTER_SALE_RESPOND_HOURS` (48) are approved by that job.
         *
         *     Staff: `X-Api-Key` with the action `after_sales:decide`. Roles allowed: `admin`, `customer_service`.
         */
        post: operations["approveAfterSale"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/after-sales/{after_sale_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject an after-sale request
         * @description `requested -> rejected`, with the reason the customer sees.
         *
         *     Staff: `X-Api-Key` with the action `after_sales:decide`. Roles allowed: `admin`, `customer_service`.
         */
        post: operations["rejectAfterSale"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/after-sales/{after_sale_id}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the returned goods as received
         * @description `return_in_transit` (or `approved`, for a parcel that came without the customer's tracking number) -> `received`; it is to be inspected within `COMMERCE_AFTER_SALE_INSPECT_HOURS` (24). No body (or `{}`).
         *
         *     Staff: `X-Api-Key` with the action `after_sales:handle`. Roles allowed: `admin`, `warehouse`.
         */
        post: operations["receiveAfterSale"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/after-sales/{after_sale_id}/inspect": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Inspect the returned goods
         * @description `received` -> `inspected` (`pass`: the units back on hand, ledger reason `customer_return`, in the same transaction; a return is then refunded at once and ends `refunded`) or -> `rejected` (`fail`: no stock moves, the note is kept).
         *
         *     Staff: `X-Api-Key` with the action `after_sales:handle`. Roles allowed: `admin`, `warehouse`.
         */
        post: operations["inspectAfterSale"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/after-sales/{after_sale_id}/exchange-shipments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ship an exchange's new units
         * @description An inspected exchange -> `exchanged`: the units reserved on approval leave stock (on hand and reserved down).
         *
         *     Staff: `X-Api-Key` with the action `after_sales:handle`. Roles allowed: `admin`, `warehouse`.
         */
        post: operations["shipAfterSaleExchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My tickets
         * @description The customer's tickets, newest first, without their messages (read one for its thread).
         */
        get: operations["listMyTickets"];
        put?: never;
        /**
         * Open a ticket
         * @description A question, complaint, logistics or after-sales problem (or `other`), with its first message; optionally about one of the customer's orders. Its `first_response_due_at` follows from the category (complaint 1 h, question 2 h, logistics 4 h, after-sales 2 h, other 2 h: `COMMERCE_TICKET_FIRST_RESPONSE_MINUTES`). Emits `ticket.opened`.
         */
        post: operations["openTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/tickets/{ticket_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        /**
         * A ticket of mine
         * @description The ticket with its public messages (staff's internal notes are never shown), oldest first.
         */
        get: operations["getMyTicket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/tickets/{ticket_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Write on a ticket
         * @description A message from the customer. An `answered` or `resolved` ticket is `open` again (staff's turn). A ticket holds at most 100 messages (409 `ticket_message_limit`).
         */
        post: operations["writeTicketMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/tickets/{ticket_id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a ticket
         * @description Any status but `closed` -> `closed`. No body (or `{}`).
         */
        post: operations["closeTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/tickets/{ticket_id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rate the answer
         * @description Once a ticket is `resolved` or `closed`: a score of 1 to 5 and an optional comment, once.
         */
        post: operations["rateTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My coupon wallet
         * @description The coupons in the customer's wallet (ADR 0018): claimed (`POST /coupons/{code}/claim`), granted by staff (a grant job) or given on a ticket (a compensation, usable once by this customer only), in code order (descending), each with its `status` now; `status=` keeps those of one status. Check out with one by its `id` (`wallet_coupon_id`).
         */
        get: operations["listMyCoupons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/coupons/{code}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim a coupon into my wallet
         * @description Puts a claimable coupon into the caller's wallet (ADR 0018): once per customer, and never more claims in all than its `claim_limit`, however many customers claim at once (the entry and the coupon's claim counter are one transaction). A claimable coupon applies only for customers whose wallet holds it (`coupon_invalid` `not_claimed` otherwise). A body, if any, is `{}`.
         */
        post: operations["claimCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tickets, filtered
         * @description Tickets newest first: in one `status` (from an index: a ticket that just changed may show under its old status for a moment), or all of them; of one `category`; `breached` or not. Cursors are bound to the filters. Listed without messages.
         *
         *     Staff: `X-Api-Key` with the action `tickets:handle`. Roles allowed: `admin`, `customer_service`.
         */
        get: operations["listTickets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tickets/{ticket_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        /**
         * A ticket
         * @description Any customer's ticket with its whole thread: internal notes, who wrote each message, the assignee.
         *
         *     Staff: `X-Api-Key` with the action `tickets:handle`. Roles allowed: `admin`, `customer_service`.
         */
        get: operations["getTicket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tickets/{ticket_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply, or add an internal note
         * @description A public reply (the default) is the customer's to read: the first one stops the first-response clock (`first_responded_at`; after the deadline the ticket is `breached` too) and an `open` ticket becomes `answered`. `internal: true` adds a note only staff see and stops nothing. Either emits `ticket.replied` (with `public`). Not on a closed ticket (notes are).
         *
         *     Staff: `X-Api-Key` with the action `tickets:handle`. Roles allowed: `admin`, `customer_service`.
         */
        post: operations["replyToTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tickets/{ticket_id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign a ticket
         * @description Who handles it (free text: a person or a team). Not on a closed ticket.
         *
         *     Staff: `X-Api-Key` with the action `tickets:handle`. Roles allowed: `admin`, `customer_service`.
         */
        post: operations["assignTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tickets/{ticket_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a ticket
         * @description `open` or `answered` -> `resolved`, with the resolution. Emits `ticket.resolved`. The customer may rate it, or write again (which opens it).
         *
         *     Staff: `X-Api-Key` with the action `tickets:handle`. Roles allowed: `admin`, `customer_service`.
         */
        post: operations["resolveTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tickets/{ticket_id}/compensate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compensate the customer
         * @description Grants the ticket's customer one coupon of `amount` off (minor units), usable once, by that customer only (another customer applying its code gets 422 `coupon_invalid`), for `COMMERCE_COMPENSATION_COUPON_DAYS` (90) days; it shows in their `GET /me/coupons`. Once per ticket. The amount is capped by the caller's roles (`COMMERCE_COMPENSATION_CAPS`: `customer_service` 5000, `admin` 50000 by default). An `Idempotency-Key` is required.
         *
         *     Staff: `X-Api-Key` with the action `tickets:handle`. Roles allowed: `admin`, `customer_service`.
         */
        post: operations["compensateTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Review a delivered order
         * @description The buyer's one review of an order that is `delivered` or `completed`, within 30 days of delivery (`COMMERCE_REVIEW_WINDOW_DAYS`): a 1 to 5 `rating` per bought SKU (each at most once, with optional `text` of up to 500 characters and up to 9 https `images`), plus `service_rating` and `logistics_rating`. `anonymous: true` shows the name masked (`S***r`). Text with a word of `COMMERCE_REVIEW_BANNED_WORDS` is `held` until staff publish it; otherwise the review is `published` and counts in the products' ratings at once. Emits `review.submitted` (and `review.published` when published): any rating of 2 or less opens one complaint ticket about the order; the customer's first review with 20+ characters of text or a photo earns one coupon into their wallet, whatever its ratings.
         */
        post: operations["reviewOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/reviews/follow-up": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Follow up a review (追评)
         * @description One follow-up of the order's review, within 90 days of delivery (`COMMERCE_REVIEW_FOLLOW_UP_DAYS`): text and up to 9 https images. It adds no rating. A banned word holds it (shown once staff publish the review). Emits `review.followed_up`.
         */
        post: operations["followUpReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{product_id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        /**
         * A product's published reviews
         * @description No auth needed. The product's published review lines (one per SKU of the product a review rated), newest first, with the follow-up and the merchant's reply; `rating` keeps those of one rating. Cursors are bound to the product and the rating. A product without reviews (or no such product) is an empty page.
         */
        get: operations["listProductReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/store/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The store rating (DSR)
         * @description No auth needed. The detailed seller rating as the daily `compute_dsr` job last computed it: the averages of the description (a review's mean item rating), service and logistics ratings of the reviews published over the last 180 days, and how many. Before the first run: `null` averages and `count` 0.
         */
        get: operations["getStoreRating"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Reviews, by status
         * @description Reviews newest first: in one `status` (from an index: a review that just changed may show under its old status for a moment), or all of them. `held` is the moderation queue. Cursors are bound to the filter.
         *
         *     Staff: `X-Api-Key` with the action `reviews:moderate`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        get: operations["listReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reviews/{review_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review id (`rev_...`). */
                review_id: components["parameters"]["ReviewId"];
            };
            cookie?: never;
        };
        /**
         * A review
         * @description Any review, whatever its status, with a held follow-up.
         *
         *     Staff: `X-Api-Key` with the action `reviews:moderate`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        get: operations["getReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reviews/{review_id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review id (`rev_...`). */
                review_id: components["parameters"]["ReviewId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a review
         * @description A `held` or `hidden` review becomes `published` (a held follow-up with it): its lines count in the products' ratings again. Emits `review.published` (the reviews worker may grant the first-review reward).
         *
         *     Staff: `X-Api-Key` with the action `reviews:moderate`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        post: operations["publishReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reviews/{review_id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review id (`rev_...`). */
                review_id: components["parameters"]["ReviewId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hide a review
         * @description A `held` or `published` review becomes `hidden`, with the reason: a published one is taken out of the products' ratings in the same write. Emits `review.hidden`.
         *
         *     Staff: `X-Api-Key` with the action `reviews:moderate`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        post: operations["hideReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reviews/{review_id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review id (`rev_...`). */
                review_id: components["parameters"]["ReviewId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply to a review (once, editable)
         * @description The merchant's one reply, shown under the review: the first call writes it, a later one edits it (`edited_at`), never a second reply.
         *
         *     Staff: `X-Api-Key` with the action `reviews:moderate`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        post: operations["replyToReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search customers, or list a segment
         * @description Customers whose e-mail, phone or name starts with `q` (case-insensitive), or the customers of an RFM
         *     `segment` (biggest spenders first; with `q` too, the page keeps those whose e-mail or name starts with it).
         *     `q` with an `@` searches e-mails, a number (digits, optionally after `+`) phones, anything else names;
         *     each is one index query on the first character's partition. Give `q` or `segment`.
         *
         *     Staff: `X-Api-Key` with the action `customers:read`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        get: operations["listCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/customers/{customer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A customer id (`cus_...`). */
                customer_id: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        /**
         * One customer for staff
         * @description The customer's profile, stats (kept from order events), RFM scores and segment history, membership, the 5
         *     most recent orders and tickets.
         *
         *     Staff: `X-Api-Key` with the action `customers:read`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        get: operations["getCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/customers/{customer_id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A customer id (`cus_...`). */
                customer_id: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        /**
         * A customer's orders for staff
         * @description The customer's orders, newest first.
         *
         *     Staff: `X-Api-Key` with the action `customers:read`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        get: operations["listCustomerOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customers per RFM segment
         * @description How many customers each segment held at the last finished `score_rfm` run (every segment listed, 0 when
         *     empty; `scored_on` null before the first run).
         *
         *     Staff: `X-Api-Key` with the action `customers:read`. Roles allowed: `admin`, `operations`, `customer_service`.
         */
        get: operations["listSegments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a batch of visitor events
         * @description The storefront's behaviour events, for the KPIs (ADR 0021): up to 50 `page_view`, `product_view`, `add_to_cart`, `begin_checkout` and `search` events of pseudonymous visitors and sessions (ids the storefront makes, e.g. a random id in a first-party cookie; never an e-mail or a customer id). No sign-in.
         *
         *     Each event is counted on the store day of its `at` into the day's and the product's counters, its visitor into the day's and the product's unique-visitor sketches (HyperLogLog), and its session into the day's sessions (a session with exactly one page, `page_view` or `product_view`, is a bounce). The batch is also published to the event bus for the raw archive. `at` may be at most 5 minutes ahead of the server's clock and at most 24 hours behind it.
         *
         *     The batch is checked whole: one bad event refuses the batch and nothing is recorded. A batch sent twice is counted twice (unique visitors are not).
         */
        post: operations["collectEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Store KPIs by day, week or month
         * @description The KPIs the `aggregate_kpis` job stored for each store day from `from` to `to`, merged into periods: ISO weeks (`2026-W49`) or calendar months (`2026-12`), clipped to the range. Counts and amounts add up over the days; unique visitors and paying customers of a week or month are the union of the days' HyperLogLog sketches (a visitor of two days counts once; about 1 % error); the repurchase rate is the one of the period's last day. A day the job has not aggregated counts as nothing. Rates are decimals (0.05 is 5 %), `null` where the denominator is 0. At most 731 days.
         *
         *     - `uv`, `pv` (`page_view` and `product_view` events), `sessions`, `bounce_rate` (single-page sessions ÷ sessions);
         *     - `orders` (orders paid), `paying_customers`, `new_customers` (their first paid order that day) and `returning_customers`, `conversion_rate` (paying customers ÷ `uv`);
         *     - `gmv` (totals of the orders paid), `aov` (`gmv` ÷ `orders`), `refunds` (refunded on the day of the refund) and `refund_rate` (`refunds` ÷ `gmv`);
         *     - `gross_margin`: what the order lines with a SKU cost price were paid, less that cost; `gross_margin_rate` over the same lines;
         *     - `repurchase_rate`: customers with 2 or more paid orders in the 90 days to the period's last day ÷ those with 1 or more;
         *     - `member_sales_share`: `gmv` of members' orders ÷ `gmv`; `marketing_spend` and `roi` ((`gross_margin` − spend) ÷ spend).
         *
         *     `format=csv` answers the same rows as CSV (money in minor units, a `currency` column); `format=svg` a line chart of `metric` (money in major units).
         *
         *     Staff: `X-Api-Key` with the action `reports:read`. Roles allowed: `admin`, `operations`, `finance`.
         */
        get: operations["kpiReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Products flagged by the weekly product health job
         * @description The listed products the `flag_product_health` job flagged with `flag` for a week (default: the latest week a run stored; `week` is `null` and `items` empty before the first run), by product id, in pages. Each item carries the figures that raised the flag and a suggested action. The job judges the two complete ISO weeks (Monday to Sunday, store days) before the week it runs in, and names its flags with the later one:
         *
         *     - `low_conversion`: orders paid ÷ product views under `COMMERCE_LOW_CONVERSION_BPS` (100 basis points: 1 %) in both weeks; a week with fewer than `COMMERCE_LOW_CONVERSION_MIN_VIEWS` (100) product views is too small a sample and is never flagged. Figures: `weeks` (`week`, `views`, `orders`, `conversion_rate`), `threshold`, `min_views`. Suggestion: a new main image or a lower price.
         *     - `slow_moving`: stock on hand (summed over the SKUs) and no order paid in the `COMMERCE_SLOW_MOVING_DAYS` (30) days to the later week's Sunday; a product listed later than that window's start is too new and not flagged. Figures: `on_hand`, `last_sale_on` (`null`: no sale recorded), `days`, `since`, `until`. Suggestion: a promotion or clearance.
         *     - `low_margin`: a SKU with a cost price whose margin at its current price ((price − cost price) ÷ price) is under `COMMERCE_MIN_MARGIN` (30 %). Figures: `skus` (`sku`, `price`, `cost_price` in minor units, `margin`), `min_margin`. Suggestion: a price review.
         *
         *     Rates are decimals (0.01 is 1 %). `format=csv` answers the same page as CSV (the figures as JSON in one column) with the next page's cursor in `X-Next-Cursor` (a CORS-exposed header, so a browser on another origin can page the CSV too).
         *
         *     Staff: `X-Api-Key` with the action `product_health:read`. Roles allowed: `admin`, `operations`.
         */
        get: operations["productHealthReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/marketing-spend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record marketing spend
         * @description Adds one entry of marketing spend on a store day and channel (e.g. `search_ads`), optionally for a campaign. Entries add up: a day's `marketing_spend` is the sum of its entries. The KPIs take it at the next `aggregate_kpis` run that covers the day (the job covers yesterday and today; for an older day, run it with that day's `as_of`).
         *
         *     Staff: `X-Api-Key` with the action `marketing_spend:write`. Roles allowed: `admin`, `operations`, `finance`.
         */
        post: operations["addMarketingSpend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customer-care report
         * @description Tickets created from `from` to `to` (days in the store's timezone), by ISO week and category: how many, the median first response in minutes (of those answered), the breach rate (0 to 1) and the average rating (of those rated). At most 366 days.
         *
         *     Staff: `X-Api-Key` with the action `tickets:handle`. Roles allowed: `admin`, `customer_service`.
         */
        get: operations["ticketReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/tickets/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customer-care report as CSV
         * @description The same report as CSV: one row per week and category; lines end with CRLF; empty cells where there is nothing to average. Errors are problem+json.
         *
         *     Staff: `X-Api-Key` with the action `tickets:handle`. Roles allowed: `admin`, `customer_service`.
         */
        get: operations["ticketReportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/suppliers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suppliers
         * @description By id, paginated.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:read`. Roles allowed: `admin`, `operations`, `warehouse`, `finance`.
         */
        get: operations["listSuppliers"];
        put?: never;
        /**
         * Add a supplier
         * @description A supplier with its lead time in days (0 to 365) and an optional business contact (`name`, `email`, `phone`, each bounded).
         *
         *     Staff: `X-Api-Key` with the action `purchasing:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createSupplier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/suppliers/{supplier_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A supplier id (`sup_...`). */
                supplier_id: components["parameters"]["SupplierId"];
            };
            cookie?: never;
        };
        /**
         * A supplier
         * @description One supplier.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:read`. Roles allowed: `admin`, `operations`, `warehouse`, `finance`.
         */
        get: operations["getSupplier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/purchase-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Purchase orders by status
         * @description Newest first, cursors bound to the status.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:read`. Roles allowed: `admin`, `operations`, `warehouse`, `finance`.
         */
        get: operations["listPurchaseOrders"];
        put?: never;
        /**
         * Draft a purchase order
         * @description A `draft` with 1 to 50 lines (`sku`, `quantity`, `unit_cost` in minor units of the store's currency), each SKU once. The states: `draft -> ordered -> partially_received -> received`, `draft|ordered -> cancelled`, `partially_received -> closed` (ADR 0022).
         *
         *     Staff: `X-Api-Key` with the action `purchasing:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createPurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/purchase-orders/{po_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        /**
         * A purchase order
         * @description With its lines (ordered and received), receipts and history.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:read`. Roles allowed: `admin`, `operations`, `warehouse`, `finance`.
         */
        get: operations["getPurchaseOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/purchase-orders/{po_id}/order": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Place a draft with its supplier
         * @description `draft -> ordered`. An optional `reason` goes into the history.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["orderPurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/purchase-orders/{po_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a purchase order
         * @description `draft|ordered -> cancelled` (nothing received yet). An optional `reason` goes into the history.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["cancelPurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/purchase-orders/{po_id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a partially received order short
         * @description `partially_received -> closed`: what is missing will not come. An optional `reason` goes into the history.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["closePurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/purchase-orders/{po_id}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive goods
         * @description Adds what arrived to stock in one transaction: each line's stock and a ledger row with reason `purchase_receipt` (reference: the order), the order's received quantities and status, and the stock events (`stock.replenished`, `stock.restocked`). Idempotent by `receipt_id`: the same id with the same lines answers 200 with the receipt recorded before (`replayed: true`) and adds nothing. More than is outstanding is refused.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:receive`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        post: operations["receivePurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/stock-alerts/{alert_id}/purchase-order": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A stock alert id (`alert_...`). */
                alert_id: components["parameters"]["AlertId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Draft a purchase order from an alert
         * @description The alert's suggestion as a `draft`: one line, the SKU and its `reorder_quantity` (at least 1) at its cost price. `supplier_id` defaults to the SKU's safety policy's supplier. One draft per alert: asked again, 200 with the same draft.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["draftFromStockAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/replenishment-suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggestions ordered by ABC class
         * @description The open stock alerts' suggestions (up to 200), A SKUs first, then B, C and unclassified, then by turnover (the latest `classify_abc` run's units sold in its window per unit on hand).
         *
         *     Staff: `X-Api-Key` with the action `purchasing:read`. Roles allowed: `admin`, `operations`, `warehouse`, `finance`.
         */
        get: operations["listReplenishmentSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/inventory/{sku}/safety-policy": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        /**
         * A SKU's safety policy and reorder point
         * @description The policy (`fixed` when none was set) and what the last `recompute_safety_stock` run computed (`null` before one).
         *
         *     Staff: `X-Api-Key` with the action `inventory:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["getSafetyPolicy"];
        /**
         * Set a SKU's safety policy
         * @description `fixed`: the SKU's own safety stock; `days_of_sales`: `days` (default 3) of average daily sales, never below `floor`. `supplier_id`: whose lead time the reorder point covers (else the store's default). Applied by the next `recompute_safety_stock` run.
         *
         *     Staff: `X-Api-Key` with the action `purchasing:write`. Roles allowed: `admin`, `operations`.
         */
        put: operations["setSafetyPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/inventory/{sku}/shards": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Split a hot SKU's stock over shards
         * @description For a flash sale: the SKU's available stock is split evenly over `count` items in different partitions (shard 0 is the SKU item itself), in one transaction; a checkout takes from one random shard with enough, and tries another when that one runs short, so one SKU is no longer bound to one partition's writes (ADR 0025). `count` 1 merges the available stock back into the SKU item. Units already reserved stay where they are and go back there when released. The `rebalance_stock_shards` job evens the shards out again. Setting the same count again rebalances at once.
         *
         *     Staff: `X-Api-Key` with the action `catalog:write`. Roles allowed: `admin`, `operations`.
         */
        put: operations["setStockShards"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/inventory/{sku}/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        /**
         * A SKU's demand forecast
         * @description Weekly units over the last 12 whole weeks; a 4-week moving average and simple exponential smoothing (alpha 0.3), each judged by its one-step-ahead error over the last 4 weeks (MAE, and MAPE over the weeks with sales); the method with the lower MAE is chosen.
         *
         *     Staff: `X-Api-Key` with the action `inventory:read`. Roles allowed: `admin`, `operations`, `customer_service`, `warehouse`, `finance`.
         */
        get: operations["getForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/cycle-counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count sheets
         * @description Newest first, paginated.
         *
         *     Staff: `X-Api-Key` with the action `counts:read`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        get: operations["listCountSheets"];
        put?: never;
        /**
         * Start a count sheet
         * @description For chosen `skus` or for every SKU of an `abc_class` (of the latest `classify_abc` run; up to 500), one of them. Lines ordered by class and turnover. The `schedule_cycle_counts` job makes A sheets daily, B on Mondays, C on the 1st.
         *
         *     Staff: `X-Api-Key` with the action `counts:write`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        post: operations["createCountSheet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/cycle-counts/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count variance against the target
         * @description Over the sheets submitted among the last 100: units expected, the sum of absolute and of net variances, variance % and whether it is within the 1 % target, overall and by class (`chosen` for sheets of chosen SKUs).
         *
         *     Staff: `X-Api-Key` with the action `counts:read`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        get: operations["getCountReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/cycle-counts/{sheet_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A count sheet id (`cnt_...`). */
                sheet_id: components["parameters"]["SheetId"];
            };
            cookie?: never;
        };
        /**
         * A count sheet
         * @description With its lines and variance.
         *
         *     Staff: `X-Api-Key` with the action `counts:read`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        get: operations["getCountSheet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/cycle-counts/{sheet_id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A count sheet id (`cnt_...`). */
                sheet_id: components["parameters"]["SheetId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit counted quantities
         * @description Once per sheet. Each counted SKU's difference from its on-hand stock now becomes an adjustment (ledger reason `stock_count`); a line that cannot be adjusted (fewer counted than orders reserved) carries `error` and no adjustment. Lines not sent stay uncounted.
         *
         *     Staff: `X-Api-Key` with the action `counts:write`. Roles allowed: `admin`, `operations`, `warehouse`.
         */
        post: operations["submitCountSheet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{product_id}/notify-me": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Be told when a sold-out SKU is back
         * @description Signed in. Only while the SKU has nothing available. Once per customer and SKU: asked again, 200 with the same subscription. When a stock adjustment or a purchase receipt makes it available, the stock-alerts worker tells each subscriber once (in-app and e-mail) and forgets the subscription.
         */
        post: operations["notifyMe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A/B experiments
         * @description Every experiment, newest first.
         *
         *     Staff: `X-Api-Key` with the action `experiments:read`. Roles allowed: `admin`, `operations`, `finance`.
         */
        get: operations["listExperiments"];
        put?: never;
        /**
         * Define an A/B experiment
         * @description A `draft` experiment on a product: `kind` `price` (a variant sets `price`, every SKU of the product at that amount), `main_image` (`image`, the first image) or `title`; 2 to 5 variants, weights 1 to 100, exactly one `control` (the product as it is, setting nothing).
         *
         *     Staff: `X-Api-Key` with the action `experiments:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["createExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/experiments/{experiment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An experiment id (`exp_...`). */
                experiment_id: components["parameters"]["ExperimentId"];
            };
            cookie?: never;
        };
        /**
         * An A/B experiment
         * @description The experiment's definition and status.
         *
         *     Staff: `X-Api-Key` with the action `experiments:read`. Roles allowed: `admin`, `operations`, `finance`.
         */
        get: operations["getExperiment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/experiments/{experiment_id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An experiment id (`exp_...`). */
                experiment_id: components["parameters"]["ExperimentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an A/B experiment
         * @description `draft` -> `running`: the definition is written onto the product's item in the same transaction, so the product page and cart pricing serve the variants. One running experiment per product.
         *
         *     Staff: `X-Api-Key` with the action `experiments:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["startExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/experiments/{experiment_id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An experiment id (`exp_...`). */
                experiment_id: components["parameters"]["ExperimentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop an A/B experiment
         * @description `running` -> `stopped`: the product serves its control again; the results stay readable.
         *
         *     Staff: `X-Api-Key` with the action `experiments:write`. Roles allowed: `admin`, `operations`.
         */
        post: operations["stopExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/experiments/{experiment_id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An experiment id (`exp_...`). */
                experiment_id: components["parameters"]["ExperimentId"];
            };
            cookie?: never;
        };
        /**
         * An A/B experiment's results
         * @description Per variant: exposures (`product_view` events of the product, by the visitor's variant, counted at `POST /events`), orders and revenue (paid orders whose lines were priced in the variant), `conversion_rate` (orders / exposures, `null` before any exposure). `chi_square` and `p_value` test the exposures against the weights (sample ratio mismatch); `srm` is `true` below p = 0.001.
         *
         *     Staff: `X-Api-Key` with the action `experiments:read`. Roles allowed: `admin`, `operations`, `finance`.
         */
        get: operations["getExperimentResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ExperimentVariantRequest: {
            /** @description `control` for the product as it is. */
            key: string;
            weight: number;
            /** @description A price variant's price, above zero (`out_of_range` otherwise), in the store currency. */
            price?: {
                amount: number;
                /** @enum {string} */
                currency: "CNY";
            } | null;
            image?: string | null;
            title?: string | null;
        };
        ExperimentRequest: {
            name: string;
            /** @enum {string} */
            kind: "price" | "main_image" | "title";
            product_id: string;
            variants: components["schemas"]["ExperimentVariantRequest"][];
            /**
             * @description Admins only (any other key 403 `forbidden`). A price variant under `COMMERCE_MIN_MARGIN` all the same; recorded as `margin_override`.
             * @default false
             */
            override_margin?: boolean;
        };
        ExperimentVariant: {
            key: string;
            weight: number;
            price: components["schemas"]["Money"] | null;
            image: string | null;
            title: string | null;
        };
        Experiment: {
            /** @description `exp_...` */
            id: string;
            name: string;
            /** @enum {string} */
            kind: "price" | "main_image" | "title";
            product_id: string;
            /** @enum {string} */
            status: "draft" | "running" | "stopped";
            variants: components["schemas"]["ExperimentVariant"][];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            started_at: string | null;
            /** Format: date-time */
            stopped_at: string | null;
            /** @description Who let a price variant under the minimum margin, and when (null when none was). */
            margin_override: components["schemas"]["MarginOverride"] | null;
        };
        ExperimentList: {
            items: components["schemas"]["Experiment"][];
        };
        ExperimentResults: {
            experiment_id: string;
            /** @enum {string} */
            status: "draft" | "running" | "stopped";
            variants: {
                key: string;
                weight: number;
                exposures: number;
                orders: number;
                revenue: components["schemas"]["Money"];
                conversion_rate: number | null;
            }[];
            /** @description Chi-square statistic of the exposures against the weights. */
            chi_square: number;
            p_value: number;
            /** @description `true`: sample ratio mismatch (p < 0.001); the split is not to be trusted. */
            srm: boolean;
        };
        /** @description A customer-care ticket as its customer sees it. */
        Ticket: {
            /** @description `tkt_` and a ULID. */
            id: string;
            customer_id: string;
            /** @enum {string} */
            category: "question" | "complaint" | "logistics" | "after_sales" | "other";
            subject: string;
            /** @enum {string} */
            status: "open" | "answered" | "resolved" | "closed";
            order_id: string | null;
            /** Format: date-time */
            first_response_due_at: string;
            /**
             * Format: date-time
             * @description The first public staff reply (internal notes do not count).
             */
            first_responded_at: string | null;
            /** @description No public staff reply by `first_response_due_at` (set once). */
            breached: boolean;
            resolution: string | null;
            /** Format: date-time */
            resolved_at: string | null;
            /** Format: date-time */
            closed_at: string | null;
            rating: null | {
                score: number;
                comment: string | null;
            };
            compensation: null | {
                coupon_code: string;
                amount: components["schemas"]["Money"];
                reason?: string;
                granted_by?: string;
            };
            /** @description Oldest first. Absent in lists. */
            messages?: {
                id: string;
                /** @enum {string} */
                author: "customer" | "staff";
                body: string;
                internal: boolean;
                /** Format: date-time */
                created_at: string;
            }[];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description A ticket as staff see it. */
        AdminTicket: {
            /** @description `tkt_` and a ULID. */
            id: string;
            customer_id: string;
            /** @enum {string} */
            category: "question" | "complaint" | "logistics" | "after_sales" | "other";
            subject: string;
            /** @enum {string} */
            status: "open" | "answered" | "resolved" | "closed";
            order_id: string | null;
            /** Format: date-time */
            first_response_due_at: string;
            /**
             * Format: date-time
             * @description The first public staff reply (internal notes do not count).
             */
            first_responded_at: string | null;
            /** @description No public staff reply by `first_response_due_at` (set once). */
            breached: boolean;
            resolution: string | null;
            /** Format: date-time */
            resolved_at: string | null;
            /** Format: date-time */
            closed_at: string | null;
            rating: null | {
                score: number;
                comment: string | null;
            };
            compensation: null | {
                coupon_code: string;
                amount: components["schemas"]["Money"];
                reason?: string;
                granted_by?: string;
            };
            /** @description Oldest first, internal notes included. Absent in lists. */
            messages?: {
                id: string;
                /** @enum {string} */
                author: "customer" | "staff";
                body: string;
                internal: boolean;
                /** Format: date-time */
                created_at: string;
                /** @description `customer:<id>` or `staff:<key id>`. */
                actor: string;
            }[];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            assignee: string | null;
            /** Format: date-time */
            breached_at: string | null;
        };
        /** @description The ratings of the product's published review lines: kept as counters on the product (their sum and count), the average computed on read (2 decimals; `null` before the first). */
        ProductRating: {
            average: number | null;
            count: number;
            /** @description Lines per rating, `"1"` to `"5"`. */
            distribution: {
                1: number;
                2: number;
                3: number;
                4: number;
                5: number;
            };
        };
        ReviewItemRequest: {
            /** @description A SKU the order bought, each at most once. */
            sku: string;
            rating: number;
            text?: string | null;
            images?: string[];
        };
        ReviewRequest: {
            items: components["schemas"]["ReviewItemRequest"][];
            service_rating: number;
            logistics_rating: number;
            /**
             * @description Show the name masked (first and last character).
             * @default false
             */
            anonymous?: boolean;
        };
        FollowUpRequest: {
            text: string;
            images?: string[];
        };
        HideReviewRequest: {
            reason: string;
        };
        ReplyReviewRequest: {
            body: string;
        };
        /** @description The follow-up (追评); `null` when none, or (outside the staff view) while it is held. */
        ReviewFollowUp: {
            text: string;
            images: string[];
            /** Format: date-time */
            created_at: string;
            /** @description Staff view only. */
            held?: boolean;
        } | null;
        /** @description The merchant's one reply; `null` when none. */
        ReviewReply: {
            body: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            edited_at: string | null;
        } | null;
        /** @description A review as its buyer sees it. */
        Review: {
            /** @description `rev_...` (one per order: it follows from the order's id) */
            id: string;
            order_id: string;
            /** @description The name shown; masked when `anonymous`. */
            author: string;
            anonymous: boolean;
            /** @enum {string} */
            status: "held" | "published" | "hidden";
            items: {
                sku: string;
                product_id: string;
                title: string;
                rating: number;
                text: string | null;
                images: string[];
            }[];
            service_rating: number;
            logistics_rating: number;
            follow_up: components["schemas"]["ReviewFollowUp"];
            reply: components["schemas"]["ReviewReply"];
            /** Format: date-time */
            created_at: string;
        };
        /** @description A review as staff see it. */
        AdminReview: components["schemas"]["Review"] & {
            customer_id: string;
            hidden_reason: string | null;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description Reviews, newest first. */
        AdminReviewPage: {
            items: components["schemas"]["AdminReview"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description One published review's line of the product. */
        ProductReview: {
            review_id: string;
            author: string;
            sku: string;
            specs: {
                [key: string]: string;
            };
            rating: number;
            text: string | null;
            images: string[];
            follow_up: components["schemas"]["ReviewFollowUp"];
            reply: components["schemas"]["ReviewReply"];
            /** Format: date-time */
            created_at: string;
        };
        /** @description A product's published review lines, newest first. */
        ProductReviewPage: {
            items: components["schemas"]["ProductReview"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description The detailed seller rating (DSR) over the last `window_days` of published reviews. */
        StoreRating: {
            description: number | null;
            service: number | null;
            logistics: number | null;
            /** @description Reviews averaged. */
            count: number;
            /** @description 180 */
            window_days: number;
            /**
             * Format: date
             * @description The business date computed for.
             */
            day: string;
            /** Format: date-time */
            computed_at: string;
        };
        /** @description Tickets, newest first. */
        TicketPage: {
            items: components["schemas"]["Ticket"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description Tickets, newest first. */
        AdminTicketPage: {
            items: components["schemas"]["AdminTicket"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description A coupon in a customer's wallet. */
        CouponGrant: {
            code: string;
            amount_off: components["schemas"]["Money"];
            /** Format: date-time */
            granted_at: string;
            /** Format: date-time */
            ends_at: string;
            /** @description What granted it: `ticket:<id>`. */
            source: string;
            used: boolean;
        };
        /** @description A coupon in the customer's wallet (ADR 0018): claimed, granted by staff or given on a ticket. Its terms are the coupon's (null when the coupon is gone). */
        WalletCoupon: {
            /** @description The entry's id, for checkout's `wallet_coupon_id`: the coupon's code (a wallet holds a coupon once). */
            id: string;
            code: string;
            /**
             * @description `used`: the customer's redemptions reached the per-customer limit (an order took it; a cancelled order gives it back); `expired`: ended, used up store-wide, voided by the customer's erasure, or gone; otherwise `usable` (also before `starts_at`).
             * @enum {string}
             */
            status: "usable" | "used" | "expired";
            /** @description How it came: `claim`, `grant:<grant id>`, `ticket:<ticket id>`. */
            source: string;
            /**
             * Format: date-time
             * @description When it entered the wallet.
             */
            granted_at: string;
            /** Format: date-time */
            starts_at: string | null;
            /** Format: date-time */
            ends_at: string | null;
            /** @description Null for a `percent_off` coupon. */
            amount_off: components["schemas"]["Money"] | null;
            percent_off: number | null;
            max_discount: components["schemas"]["Money"] | null;
            min_spend: components["schemas"]["Money"] | null;
            /** @description `status` is `used`. */
            used: boolean;
        };
        /** @description At least one of `customer_ids` and `segment`. */
        CouponGrantRequest: {
            customer_ids?: string[];
            /**
             * @description The customers the last `score_rfm` run put in this segment.
             * @enum {string|null}
             */
            segment?: "champions" | "loyal" | "potential" | "new" | "at_risk" | "cant_lose" | "hibernating" | "lost" | null;
        };
        CouponGrantJob: {
            /** @description `grant_...`. */
            id: string;
            code: string;
            /** @enum {string} */
            status: "running" | "done";
            segment: string | null;
            /** @description Distinct customers named (ids and the segment's). */
            targeted: number;
            /** @description Entries this job wrote, so far. */
            granted: number;
            /** @description Customers who held the coupon already, or ids that name no customer, so far. */
            skipped: number;
            batches: number;
            batches_done: number;
            /** Format: date-time */
            created_at: string;
            /** @description `staff:<key id>`. */
            created_by: string;
        };
        /** @description A page of the coupon wallet. */
        CouponGrantPage: {
            items: components["schemas"]["WalletCoupon"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        Compensation: {
            ticket: components["schemas"]["AdminTicket"];
            coupon: components["schemas"]["CouponGrant"];
        };
        VisitorEvent: {
            /** @enum {string} */
            type: "page_view" | "product_view" | "add_to_cart" | "begin_checkout" | "search";
            /** @description The storefront's pseudonymous visitor id (stable across sessions of one browser). */
            visitor_id: string;
            session_id: string;
            /**
             * Format: date-time
             * @description When it happened, RFC 3339; at most 5 minutes ahead and 24 hours behind the server's clock.
             */
            at: string;
            /** @description Required for `product_view` and `add_to_cart`. */
            product_id?: string | null;
            /** @description The page's path or URL (no control characters). */
            page?: string | null;
        };
        EventBatchRequest: {
            events: components["schemas"]["VisitorEvent"][];
        };
        EventsAccepted: {
            /** @description Events recorded (the whole batch). */
            accepted: number;
        };
        KpiRow: {
            /** @description `2026-12-06`, `2026-W49` or `2026-12`. */
            period: string;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @description Unique visitors (HyperLogLog estimate). */
            uv: number;
            pv: number;
            sessions: number;
            bounce_rate: number | null;
            orders: number;
            paying_customers: number;
            new_customers: number;
            returning_customers: number;
            conversion_rate: number | null;
            gmv: components["schemas"]["Money"];
            aov: components["schemas"]["Money"];
            refunds: components["schemas"]["Money"];
            refund_rate: number | null;
            gross_margin: components["schemas"]["Money"];
            gross_margin_rate: number | null;
            repurchase_rate: number | null;
            member_sales_share: number | null;
            marketing_spend: components["schemas"]["Money"];
            roi: number | null;
        };
        /** @description A flagged product. */
        ProductHealthFlag: {
            product_id: string;
            title: string;
            /** @enum {string} */
            flag: "low_conversion" | "slow_moving" | "low_margin";
            /** @description The later of the two judged ISO weeks. */
            week: string;
            /** @description What raised the flag (see the operation). */
            figures: Record<string, never>;
            suggestion: string;
        };
        /** @description A page of flagged products. */
        ProductHealthPage: {
            flag: string;
            /** @description The week shown; `null` before the first run. */
            week: string | null;
            items: components["schemas"]["ProductHealthFlag"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        KpiReport: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @enum {string} */
            granularity: "day" | "week" | "month";
            items: components["schemas"]["KpiRow"][];
        };
        MarketingSpendRequest: {
            /**
             * Format: date
             * @description The store day of the spend; not after today.
             */
            date: string;
            channel: string;
            amount: components["schemas"]["MoneyInput"];
            campaign?: string | null;
        };
        MarketingSpend: {
            id: string;
            /** Format: date */
            date: string;
            channel: string;
            amount: components["schemas"]["Money"];
            campaign: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description `staff:<key id>`. */
            created_by: string;
        };
        TicketReport: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            items: {
                /** @description ISO week, e.g. `2026-W49`. */
                week: string;
                category: string;
                count: number;
                median_first_response_minutes: number | null;
                breach_rate: number;
                average_rating: number | null;
            }[];
        };
        TicketRequest: {
            /** @enum {string} */
            category: "question" | "complaint" | "logistics" | "after_sales" | "other";
            /** @description Not blank (`invalid_value`). */
            subject: string;
            /** @description Not blank (`invalid_value`). */
            body: string;
            /** @description One of the customer's orders (else 400 `not_found` on `order_id`). */
            order_id?: string | null;
        };
        TicketMessageRequest: {
            body: string;
        };
        StaffTicketMessageRequest: {
            body: string;
            /**
             * @description A note only staff see.
             * @default false
             */
            internal?: boolean;
        };
        RatingRequest: {
            score: number;
            comment?: string | null;
        };
        AssignTicketRequest: {
            assignee: string;
        };
        ResolveTicketRequest: {
            resolution: string;
        };
        CompensateTicketRequest: {
            /** @description Minor units of the store currency. */
            amount: number;
            reason: string;
        };
        /**
         * @description A money amount.
         * @example {
         *       "amount": 19900,
         *       "currency": "CNY"
         *     }
         */
        Money: {
            /** @description Integer minor units (fen, cents); never a float. */
            amount: number;
            /** @description ISO 4217 code of the store currency (`COMMERCE_CURRENCY`, default `CNY`). */
            currency: string;
        };
        /** @description A money amount sent by staff. A bare integer is 400 `invalid_type`. */
        MoneyInput: {
            amount: number;
            /**
             * @description Must equal the store currency (`COMMERCE_CURRENCY`; `CNY`, the default, on this document's server); any other is field code `currency_mismatch`.
             * @enum {string}
             */
            currency: "CNY";
        };
        /** @description A money amount above 0 sent by staff (0 is `out_of_range`). A bare integer is 400 `invalid_type`. */
        PositiveMoneyInput: {
            amount: number;
            /**
             * @description Must equal the store currency (`COMMERCE_CURRENCY`; `CNY`, the default, on this document's server); any other is field code `currency_mismatch`.
             * @enum {string}
             */
            currency: "CNY";
        };
        FieldError: {
            /** @description A dotted path into the body (`skus.0.price.amount`), a query parameter (`limit`), a header (`Idempotency-Key`) or `(body)`. */
            field: string;
            /** @description Stable snake_case field code: `required`, `unknown_field`, `read_only_field`, `invalid_type`, `out_of_range`, `invalid_length`, `invalid_format`, `invalid_choice`, `invalid_datetime`, `invalid_value`, `currency_mismatch`, ... */
            code: string;
            /** @description For humans; may change. */
            message: string;
        };
        /**
         * @description RFC 9457 problem details. Some problems add members: `sku_code_taken` adds `skus`; `insufficient_stock` adds `sku` and `available`; `out_of_stock` adds `skus` (and `available` on cart routes); `not_available` adds `skus`; `coupon_invalid` adds `reason`; `invalid_transition` of an order cancel or confirm-receipt adds `current_status`; API Gateway's answers add `request_id`.
         * @example {
         *       "type": "urn:commerce:problem:validation_error",
         *       "title": "Bad Request",
         *       "status": 400,
         *       "detail": "The request is not valid.",
         *       "code": "validation_error",
         *       "errors": [
         *         {
         *           "field": "name",
         *           "code": "required",
         *           "message": "Field required"
         *         }
         *       ]
         *     }
         */
        Problem: {
            /** @description `urn:commerce:problem:<code>`. */
            type: string;
            /** @description The HTTP reason phrase. */
            title: string;
            /** @description The HTTP status. Every problem the app produces has it; API Gateway's own `bad_request` and `gateway_error` answers (deployed stages) do not. */
            status?: number;
            /** @description For humans; may change. Match on `code`. */
            detail: string;
            /** @description Stable snake_case problem code (`validation_error`, `not_found`, `out_of_stock`, ...). */
            code: string;
            /** @description Only on validation failures. */
            errors?: components["schemas"]["FieldError"][];
        } & {
            [key: string]: unknown;
        };
        ComponentHealth: {
            /** @enum {string} */
            status: "ok" | "down";
            /** @description When down: the exception's type and message, cut to 300 characters. */
            detail?: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            /** @description One entry per dependency: `dynamodb`, `queues`, `events`, `payments`. */
            components: {
                [key: string]: components["schemas"]["ComponentHealth"];
            };
            /** @description Only when something is down: `Down: <names>.` */
            detail?: string;
        };
        Customer: {
            /** @description `cus_...` */
            id: string;
            email: string;
            name: string;
            /** Format: date-time */
            created_at: string;
        };
        /** @description The customer's profile, the one source of phone, locale and marketing consent. */
        Profile: {
            /** @description `cus_...` */
            id: string;
            email: string;
            name: string;
            /** @description E.164. */
            phone: string | null;
            /** Format: date */
            birthday: string | null;
            /** @enum {string} */
            locale: "zh-CN" | "en";
            marketing_consent: components["schemas"]["MarketingConsent"];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string | null;
        };
        MarketingConsent: {
            granted: boolean;
            /**
             * Format: date-time
             * @description When it was last given or withdrawn (`null`; never chosen).
             */
            at: string | null;
            /**
             * @description How it was given or withdrawn.
             * @enum {string|null}
             */
            source: "profile" | "preferences" | "checkout" | "register" | null;
        };
        ProfileRequest: {
            name?: string;
            /** @description `+` (or `00`) and 7 to 15 digits, or an 11-digit Chinese mobile number (stored with `+86`); single spaces or dashes between digits are dropped. */
            phone?: string | null;
            /** Format: date */
            birthday?: string | null;
            /** @enum {string|null} */
            locale?: "zh-CN" | "en" | null;
            marketing_consent?: boolean | null;
        };
        /** @description An address of the address book: a shipping address (fields never set are left out) with its id. */
        SavedAddress: {
            /** @description `addr_...` */
            id: string;
            name: string;
            phone: string;
            country: string;
            province: string;
            city: string;
            district?: string;
            line1: string;
            line2?: string;
            postal_code?: string;
            is_default: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        AddressBook: {
            items: components["schemas"]["SavedAddress"][];
        };
        SavedAddressRequest: {
            /** @description Not blank (`invalid_value`). */
            name: string;
            phone: string;
            /** @default CN */
            country?: string;
            /** @description Not blank. The only field pricing uses (exact match against shipping template regions). */
            province: string;
            /** @description Not blank. */
            city: string;
            district?: string | null;
            /** @description Not blank. */
            line1: string;
            line2?: string | null;
            postal_code?: string | null;
            /**
             * @description Make it the default address.
             * @default false
             */
            is_default?: boolean;
        };
        /** @description Any fields of a shipping address (bounds as in `AddressInput`), and `is_default`. */
        SavedAddressPatch: {
            name?: string;
            phone?: string;
            country?: string;
            province?: string;
            city?: string;
            district?: string | null;
            line1?: string;
            line2?: string | null;
            postal_code?: string | null;
            /** @enum {boolean} */
            is_default?: true;
        };
        /** @description Every item holding the customer's data, as stored (attribute names as in docs/data-model.md). */
        PersonalDataExport: {
            /** @description 1 */
            format: number;
            customer_id: string;
            /** Format: date-time */
            exported_at: string;
            profile: Record<string, never> | null;
            addresses: Record<string, never>[];
            orders: Record<string, never>[];
            after_sales: Record<string, never>[];
            tickets: Record<string, never>[];
            reviews: Record<string, never>[];
            notifications: Record<string, never>[];
            preferences: Record<string, never> | null;
            wallet: Record<string, never>[];
            membership: Record<string, never> | null;
        };
        Session: {
            customer: components["schemas"]["Customer"];
            /** @description HS256 JWT; send as `Authorization: Bearer <access_token>`. */
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds (`COMMERCE_TOKEN_TTL_SECONDS`, default 3600). */
            expires_in: number;
        };
        RegisterRequest: {
            /** @description Stored trimmed and case-folded. */
            email: string;
            /** @description 8 to 128 characters (`invalid_length`). */
            password: string;
            /** @description Not blank; stored trimmed. */
            name: string;
        };
        LoginRequest: {
            email: string;
            password: string;
        };
        CategoryNode: {
            /** @description `cat_...` */
            id: string;
            name: string;
            slug: string;
            parent_id: string | null;
            /** @description Sub-categories, ordered by name (then id). */
            children: components["schemas"]["CategoryNode"][];
        };
        /** @description The whole category tree (no `next_cursor`). */
        CategoryTree: {
            items: components["schemas"]["CategoryNode"][];
        };
        Category: {
            /** @description `cat_...` */
            id: string;
            name: string;
            slug: string;
            parent_id: string | null;
            /** @description Ancestor ids from the root down to the category itself. */
            path: string[];
            /** Format: date-time */
            created_at: string;
        };
        CategoryRequest: {
            /** @description Not blank (`invalid_value`); stored trimmed. */
            name: string;
            /** @description Unique (409 `slug_taken`). */
            slug: string;
            /** @description An existing category (`not_found`); nesting at most 5 levels (`too_deep`). */
            parent_id?: string | null;
        };
        /** @description The cheapest and dearest SKU list prices. */
        PriceRange: {
            min: components["schemas"]["Money"];
            max: components["schemas"]["Money"];
        };
        /** @description A product in the storefront listing. */
        ProductSummary: {
            /** @description `false`: returned only for a reason that is the seller's fault. */
            returnable_without_reason?: boolean;
            /** @description `prod_...` */
            id: string;
            title: string;
            description: string;
            category_id: string;
            images: string[];
            attributes: {
                [key: string]: string;
            };
            price_range: components["schemas"]["PriceRange"];
            /** Format: date-time */
            created_at: string;
            /** @description Units sold (paid orders; a cancelled paid order is taken back off). */
            sales: number;
        };
        StoreSku: {
            code: string;
            specs: {
                [key: string]: string;
            };
            price: components["schemas"]["Money"];
            member_price: components["schemas"]["Money"] | null;
            /** @description What the caller pays per unit before promotions: the lower `member_price` for a signed-in member whose plan gives member prices, else `price`. */
            effective_price: components["schemas"]["Money"];
            /** @description `available > 0` (safety stock not taken into account). */
            in_stock: boolean;
        };
        /** @description A visible product in the storefront, with its SKUs. */
        Product: {
            rating: components["schemas"]["ProductRating"];
            /** @description Only with `visitor_id` while an A/B experiment runs on the product; the variant answered. */
            experiment?: {
                id: string;
                variant: string;
            };
            /** @description The product's media (ready uploads of the media library), after `images`. */
            media?: components["schemas"]["MediaRef"][];
            /** @description `false`: returned only for a reason that is the seller's fault. */
            returnable_without_reason?: boolean;
            /** @description `prod_...` */
            id: string;
            title: string;
            description: string;
            category_id: string;
            images: string[];
            attributes: {
                [key: string]: string;
            };
            price_range: components["schemas"]["PriceRange"];
            /** Format: date-time */
            created_at: string;
            /** @description In the product's SKU order. */
            skus: components["schemas"]["StoreSku"][];
        };
        /** @description A page of visible products and the facets of the listing. A page holds `limit` items unless it is the last; an empty page has no `next_cursor`. */
        ProductPage: {
            items: components["schemas"]["ProductSummary"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
            facets: components["schemas"]["Facets"];
        };
        /** @description Counts over the candidates a search read (at most 200 per token), or over the 200 best-selling products of the category (or catalog) for a browse: the same on every page of a listing. */
        Facets: {
            /** @description Bands of the cheapest SKU's price with at least one product; `max` is exclusive, null for the top band. */
            price_bands: {
                min: components["schemas"]["Money"];
                max: components["schemas"]["Money"] | null;
                count: number;
            }[];
            /** @description Attribute name to its values, most common first (at most 20 names and 20 values each). */
            attributes: {
                [key: string]: {
                    value: string;
                    count: number;
                }[];
            };
        };
        Synonyms: {
            synonyms: {
                terms: string[];
            }[];
        };
        /** @description A SKU in the staff product view, with its stock. */
        Sku: {
            code: string;
            specs: {
                [key: string]: string;
            };
            price: components["schemas"]["Money"];
            member_price: components["schemas"]["Money"] | null;
            cost_price: components["schemas"]["Money"] | null;
            weight_grams: number;
            safety_stock: number;
            on_hand: number;
            reserved: number;
            /** @description `on_hand - reserved`. */
            available: number;
        };
        /** @description The staff product view. */
        AdminProduct: {
            /** @description The product's media (ready uploads of the media library), after `images`. */
            media?: components["schemas"]["MediaRef"][];
            margin_override?: components["schemas"]["MarginOverride"] | null;
            /** @description The last delisting (or the one scheduled), with its reason. */
            delisting?: components["schemas"]["Delisting"] | null;
            /** @description The staff's own key for the product, unique, set at creation (a CSV import's `product_key`). */
            handle: string | null;
            /** @description `false`: returned only for a reason that is the seller's fault. */
            returnable_without_reason?: boolean;
            /** @description `prod_...` */
            id: string;
            title: string;
            description: string;
            category_id: string;
            images: string[];
            attributes: {
                [key: string]: string;
            };
            price_range: components["schemas"]["PriceRange"];
            /** Format: date-time */
            created_at: string;
            category_path: string[];
            /** @enum {string} */
            status: "draft" | "listed" | "delisted";
            /** @description Shown in the store now: `listed`, `list_at` unset or reached, `delist_at` unset or in the future. */
            visible: boolean;
            /** Format: date-time */
            list_at: string | null;
            /** Format: date-time */
            delist_at: string | null;
            /** Format: date-time */
            listed_at: string | null;
            sales: number;
            /** @description Incremented by every successful PATCH. */
            version: number;
            /** Format: date-time */
            updated_at: string;
            skus: components["schemas"]["Sku"][];
        };
        AdminProductSummary: {
            /** @description The staff's own key for the product, unique, set at creation (a CSV import's `product_key`). */
            handle: string | null;
            /** @description `false`: returned only for a reason that is the seller's fault. */
            returnable_without_reason?: boolean;
            /** @description `prod_...` */
            id: string;
            title: string;
            description: string;
            category_id: string;
            images: string[];
            attributes: {
                [key: string]: string;
            };
            price_range: components["schemas"]["PriceRange"];
            /** Format: date-time */
            created_at: string;
            /** @enum {string} */
            status: "draft" | "listed" | "delisted";
            visible: boolean;
            /** Format: date-time */
            list_at: string | null;
            /** Format: date-time */
            delist_at: string | null;
            sku_codes: string[];
            /** Format: date-time */
            updated_at: string;
        };
        /** @description A page of products with one status, newest first. */
        AdminProductPage: {
            items: components["schemas"]["AdminProductSummary"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        SkuInput: {
            /** @description Unique store-wide (409 `sku_code_taken`) and within the request (`duplicate`). */
            code: string;
            /** @default {} */
            specs?: {
                [key: string]: string;
            };
            price: components["schemas"]["MoneyInput"];
            /** @description At most `price` (`above_price`). */
            member_price?: components["schemas"]["MoneyInput"] | null;
            cost_price?: components["schemas"]["MoneyInput"] | null;
            weight_grams: number;
            /**
             * @description Opening on-hand stock.
             * @default 0
             */
            stock?: number;
            /** @description Left out, the store default (`COMMERCE_DEFAULT_SAFETY_STOCK`, 5 unless configured); an explicit `0` stays 0. */
            safety_stock?: number;
        };
        ProductCreateRequest: {
            /** @description Ids of ready media (`POST /admin/media`); a `main` one counts as the main image of a listed product. */
            media?: string[];
            /**
             * @description Admins only (any other key 403 `forbidden`). Prices under `COMMERCE_MIN_MARGIN` all the same; recorded as `margin_override`.
             * @default false
             */
            override_margin?: boolean;
            /** @description Optional. Your own key for the product (1 to 100 of letters, digits and `. _ : -`), unique across products (409 `handle_taken`) and fixed once created; find the product by it with `GET /admin/products?handle=`. */
            handle?: string | null;
            /**
             * @description `false`: customers may return it only for a reason that is the seller's fault (`not_returnable` for `no_reason`).
             * @default true
             */
            returnable_without_reason?: boolean;
            /** @description Not blank; stored trimmed. */
            title: string;
            /** @default  */
            description?: string;
            /** @description An existing category (`not_found`). */
            category_id: string;
            /** @default [] */
            images?: string[];
            /** @default {} */
            attributes?: {
                [key: string]: string;
            };
            skus: components["schemas"]["SkuInput"][];
            /**
             * @default draft
             * @enum {string}
             */
            status?: "draft" | "listed";
            /**
             * Format: date-time
             * @description Only with `status: listed` (`requires_listed`); in the future: listed but hidden until then.
             */
            list_at?: string | null;
            /**
             * Format: date-time
             * @description Later than `list_at` (`before_list_at`).
             */
            delist_at?: string | null;
        };
        SkuPatch: {
            /** @description Selects the SKU; a code the product does not have adds a new SKU. */
            code: string;
            /** @description Replaces the map; `null` is ignored. */
            specs?: {
                [key: string]: string;
            } | null;
            /** @description Required for a new SKU; `null` is ignored. */
            price?: components["schemas"]["MoneyInput"] | null;
            /** @description `null` clears it. */
            member_price?: components["schemas"]["MoneyInput"] | null;
            /** @description `null` clears it. */
            cost_price?: components["schemas"]["MoneyInput"] | null;
            /** @description Required for a new SKU; `null` is ignored. */
            weight_grams?: number | null;
            /** @description For a new SKU, left out or `null` is the store default (`COMMERCE_DEFAULT_SAFETY_STOCK`); an explicit `0` stays 0. For an existing SKU `null` is ignored. */
            safety_stock?: number | null;
            /** @description New SKUs only (opening stock); for an existing SKU 400 `read_only_field`. */
            stock?: number | null;
        };
        /** @description Only the fields sent change. `status`, `version`, `sales`, ... are 400 `read_only_field`. */
        ProductPatchRequest: {
            /** @description Ids of ready media (`POST /admin/media`); a `main` one counts as the main image of a listed product. Replaces the list; `null` is ignored. */
            media?: string[] | null;
            /**
             * @description Admins only (any other key 403 `forbidden`). Prices under `COMMERCE_MIN_MARGIN` all the same; recorded as `margin_override`.
             * @default false
             */
            override_margin?: boolean;
            /** @description `null` is ignored. */
            returnable_without_reason?: boolean | null;
            /** @description `null` is ignored. */
            title?: string | null;
            description?: string | null;
            category_id?: string | null;
            /** @description `http://` or `https://` URLs of at most 2,000 characters, checked as on create (`invalid_value`); `null` is ignored. */
            images?: string[] | null;
            /** @description Replaces the whole map. */
            attributes?: {
                [key: string]: string;
            } | null;
            /**
             * Format: date-time
             * @description `null` clears it.
             */
            list_at?: string | null;
            /**
             * Format: date-time
             * @description `null` clears it; must stay later than `list_at`.
             */
            delist_at?: string | null;
            skus?: components["schemas"]["SkuPatch"][] | null;
        };
        ScheduleRequest: {
            /**
             * Format: date-time
             * @description Absent, null or not in the future: now.
             */
            at?: string | null;
        };
        InventoryLevel: {
            sku: string;
            product_id: string;
            on_hand: number;
            reserved: number;
            available: number;
            safety_stock: number;
            /** @description Lead-time demand plus safety stock, set by `recompute_safety_stock` (alerts fire at or below the larger of it and `safety_stock`); `null` until the job has planned the SKU. */
            reorder_point: number | null;
            /**
             * @description From the latest `classify_abc` run; `null` until it ran once.
             * @enum {string|null}
             */
            abc_class: "A" | "B" | "C" | null;
            /**
             * Format: date
             * @description That run's business date (`YYYY-MM-DD`, store time zone).
             */
            abc_classified_on: string | null;
        };
        LedgerEntry: {
            /** @description `led_...` */
            id: string;
            sku: string;
            on_hand_delta: number;
            reserved_delta: number;
            /** @description `initial_stock`, `reserved`, `released`, `shipped`, or an adjustment reason. */
            reason: string;
            note: string | null;
            /** @description The order id for order rows. */
            reference: string | null;
            /** @description `system` or `staff:<key_id>`. */
            actor: string;
            /** Format: date-time */
            at: string;
        };
        /** @description A SKU's ledger, newest first. */
        LedgerPage: {
            items: components["schemas"]["LedgerEntry"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description The stock after the change, plus the ledger entry. */
        InventoryAdjustment: components["schemas"]["InventoryLevel"] & {
            entry: components["schemas"]["LedgerEntry"];
        };
        AdjustmentRequest: {
            /** @description Added to `on_hand` and `available`; not 0 (`zero`). */
            delta: number;
            /**
             * @description Any other string of 1 to 40 characters is `invalid_choice`.
             * @enum {string}
             */
            reason: "receiving" | "stock_count" | "damaged" | "lost" | "customer_return" | "correction";
            note?: string | null;
        };
        /** @description Empty lists mean everything; otherwise a line matches if its SKU, its product or any category on its category path is listed. */
        Scope: {
            category_ids: string[];
            product_ids: string[];
            skus: string[];
        };
        /** @description Ids are not checked. */
        ScopeInput: {
            /** @default [] */
            category_ids?: string[];
            /** @default [] */
            product_ids?: string[];
            /** @default [] */
            skus?: string[];
        };
        Tier: {
            threshold: components["schemas"]["Money"];
            discount: components["schemas"]["Money"];
        };
        TierInput: {
            threshold: components["schemas"]["MoneyInput"];
            /** @description > 0 and at most `threshold` (`out_of_range`). */
            discount: {
                amount: number;
                /** @enum {string} */
                currency: "CNY";
            };
        };
        /** @description Targeting (any-of): a signed-in customer whose RFM segment is listed, or who is new (no paid order counted in their stats yet) when `new_customers`, or a paid member when `paid_members`. A guest matches no audience. */
        Audience: {
            segments: ("champions" | "loyal" | "potential" | "new" | "at_risk" | "cant_lose" | "hibernating" | "lost")[];
            new_customers: boolean;
            paid_members: boolean;
        };
        /** @description At least one group (`audience` `required` otherwise); segments are RFM segment names (`audience.segments` `invalid_choice`). */
        AudienceInput: {
            /** @default [] */
            segments?: ("champions" | "loyal" | "potential" | "new" | "at_risk" | "cant_lose" | "hibernating" | "lost")[];
            /** @default false */
            new_customers?: boolean;
            /** @default false */
            paid_members?: boolean;
        };
        /** @description A promotion. Type-specific fields appear only for their type. */
        Promotion: {
            margin_override?: components["schemas"]["MarginOverride"] | null;
            /** @description `promo_...` */
            id: string;
            name: string;
            /** @enum {string} */
            type: "percent_off" | "nth_item_discount" | "member_day" | "spend_threshold" | "flash_sale" | "gift_with_purchase" | "bundle" | "lucky_bag" | "first_n" | "presale";
            /**
             * @description Computed at read time.
             * @enum {string}
             */
            state: "scheduled" | "running" | "ended";
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
            /**
             * Format: date-time
             * @description Set when ended early.
             */
            ended_at: string | null;
            scope: components["schemas"]["Scope"];
            /** @description `null`: for everyone (a `member_day` without one: paid members only). */
            audience: components["schemas"]["Audience"] | null;
            /** @description `percent_off`, `nth_item_discount`, `member_day`; `first_n` (`null` when it has a `price`). */
            percent?: number;
            /** @description `nth_item_discount` only. */
            n?: number;
            /** @description `member_day` only: 1 (Monday) to 7 (Sunday). */
            weekday?: number;
            /** @description `spend_threshold` only. */
            tiers?: components["schemas"]["Tier"][];
            /** @description `flash_sale`, `lucky_bag` (the bag) and `presale` only. */
            sku?: string;
            /** @description `flash_sale`; `bundle` (the set's price); `first_n`: the fixed unit price of the first N units (`null` when it takes `percent` off); `presale`: the final unit price. */
            price?: components["schemas"]["Money"] | null;
            /** @description `presale` only: paid per unit at checkout, in the deposit window (`starts_at`..`ends_at`). */
            deposit?: components["schemas"]["Money"];
            /** @description `presale` only: what the deposit is worth off the final price, per unit (at least the deposit). */
            deposit_value?: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description `presale` only: the balance window opens.
             */
            balance_starts_at?: string;
            /**
             * Format: date-time
             * @description `presale` only: the balance window closes; an order still unpaid is cancelled by `close_unpaid_balances`.
             */
            balance_ends_at?: string;
            /** @description `presale` only: an unpaid balance's deposit is refunded (`true`) or kept (`false`, the default). */
            deposit_refundable?: boolean;
            /** @description `flash_sale`; `first_n`: N, the units sold at the first-N price. */
            quantity?: number;
            /** @description `flash_sale`, `first_n` only: counted by checkout. */
            sold?: number;
            /** @description `flash_sale` only. */
            per_customer_limit?: number | null;
            /** @description `flash_sale` only: the flash price is for active paid members only (ADR 0027). */
            members_only?: boolean;
            /** @description `gift_with_purchase` only: the SKU given at 0. */
            gift_sku?: string;
            /** @description `gift_with_purchase` only: units given per trigger reached. */
            gift_quantity?: number;
            /** @description `gift_with_purchase` only: gift units at most per order. */
            gift_limit?: number | null;
            /** @description `gift_with_purchase` only: every `trigger_quantity` units of it give the gift. */
            trigger_sku?: string | null;
            /** @description `gift_with_purchase` only; `null` with a `threshold`. */
            trigger_quantity?: number | null;
            /** @description `gift_with_purchase` only: the scoped lines' totals (after line promotions) that give the gift once. */
            threshold?: components["schemas"]["Money"] | null;
            /** @description `bundle` only: one set, sold at `price` (as many times as the cart holds it complete). */
            items?: components["schemas"]["BundleItem"][];
            /** @description `lucky_bag` only: the SKUs a bag (`sku`) may become at checkout. */
            pool?: string[];
            /** @description The discount money it may give in all (ADR 0028); `null`, no budget. */
            budget?: components["schemas"]["Money"] | null;
            /** @description What placed orders took of the budget (checkout's counter; a cancelled order's share is given back, a refund's is not). 0 without a budget. */
            spent?: components["schemas"]["Money"];
            /** @description `budget - spent` (never below 0); `null` without a budget. */
            budget_left?: components["schemas"]["Money"] | null;
            /** @description Who runs it. */
            owner?: string | null;
        };
        BundleItem: {
            sku: string;
            quantity: number;
        };
        /** @description A promotion's report (ADR 0028). */
        PromotionReport: {
            promotion_id: string;
            owner: string | null;
            /** @description Paid orders that took a discount from it. */
            orders: number;
            /** @description The units it priced: a line promotion's lines, a flash sale's or first_n's flash-priced units; an order discount's (spend threshold, coupon): the units of the lines it was spread over. */
            units: number;
            /** @description Those orders' goods after every discount (their lines' `payable`; no shipping). */
            gmv: components["schemas"]["Money"];
            /** @description The discount it gave those orders. */
            discount: components["schemas"]["Money"];
            /** @description Refunds of those orders (of the whole order). */
            refunds: {
                count: number;
                amount: components["schemas"]["Money"];
            };
            /**
             * Format: date-time
             * @description When the last order event counted occurred; `null` before any.
             */
            as_of: string | null;
            budget: components["schemas"]["Money"] | null;
            /** @description The budget's counter (placed orders, unpaid included; a cancelled order's share given back). */
            spent: components["schemas"]["Money"];
            budget_left: components["schemas"]["Money"] | null;
            /**
             * Format: date-time
             * @description When the budget's counter was read.
             */
            read_at: string;
        };
        /** @description A coupon's report (ADR 0028). */
        CouponReport: {
            code: string;
            owner: string | null;
            /** @description Paid orders that took a discount from it. */
            orders: number;
            /** @description The units it priced: a line promotion's lines, a flash sale's or first_n's flash-priced units; an order discount's (spend threshold, coupon): the units of the lines it was spread over. */
            units: number;
            /** @description Those orders' goods after every discount (their lines' `payable`; no shipping). */
            gmv: components["schemas"]["Money"];
            /** @description The discount it gave those orders. */
            discount: components["schemas"]["Money"];
            /** @description Refunds of those orders (of the whole order). */
            refunds: {
                count: number;
                amount: components["schemas"]["Money"];
            };
            /**
             * Format: date-time
             * @description When the last order event counted occurred; `null` before any.
             */
            as_of: string | null;
            budget: components["schemas"]["Money"] | null;
            /** @description The budget's counter (placed orders, unpaid included; a cancelled order's share given back). */
            spent: components["schemas"]["Money"];
            budget_left: components["schemas"]["Money"] | null;
            /**
             * Format: date-time
             * @description When the budget's counter was read.
             */
            read_at: string;
        };
        /** @description A coupon's budget and owner (ADR 0028). */
        CouponPatchRequest: {
            /** @description Above 0 (`out_of_range`); `null` removes the budget. */
            budget?: components["schemas"]["PositiveMoneyInput"] | null;
            /** @description Not blank (`required`); `null` removes it. */
            owner?: string | null;
        };
        /** @description Every promotion, newest first. */
        PromotionPage: {
            items: components["schemas"]["Promotion"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description Which type takes which fields: `percent_off` needs `percent`; `member_day` `weekday` and `percent`; `nth_item_discount` `n` and `percent`; `spend_threshold` `tiers`; `flash_sale` `sku`, `price`, `quantity` (optional `per_customer_limit`, `members_only`); `gift_with_purchase` `gift_sku` and one of `threshold` (on `scope`) and `trigger_sku` (optional `trigger_quantity`, `gift_quantity`, `gift_limit`); `bundle` `items` and `price` (the set's fixed price); `lucky_bag` `sku` (the bag, sold at its own price) and `pool` (ADR 0027); `first_n` `quantity` (N) and exactly one of `price` and `percent` (`one_of`, on `price`), with a `scope` (ADR 0028); `presale` (ADR 0026) `sku`, `price` (the final unit price), `deposit`, `deposit_value`, `balance_starts_at`, `balance_ends_at` (optional `deposit_refundable`), its deposit window being `starts_at`..`ends_at`. A field the type does not use is `not_applicable`, a missing one `required`. Any type may take `budget` and `owner`. A presale's own rules: `deposit`, `deposit_value` and `price` at least 1 (`out_of_range`), `deposit_value` at least `deposit` (`below_deposit`) and at most `price` (`above_price`), `balance_starts_at` not before `ends_at` (`before_deposit_ends`), `balance_ends_at` after `balance_starts_at` (`before_balance_starts`), an existing `sku` (`not_found`). */
        PromotionCreateRequest: {
            /**
             * @description Admins only (any other key 403 `forbidden`). Under the minimum margin all the same; recorded as `margin_override`.
             * @default false
             */
            override_margin?: boolean;
            /** @description Not blank (`required`); stored trimmed. */
            name: string;
            /** @enum {string} */
            type: "percent_off" | "nth_item_discount" | "member_day" | "spend_threshold" | "flash_sale" | "gift_with_purchase" | "bundle" | "lucky_bag" | "first_n" | "presale";
            /** Format: date-time */
            starts_at: string;
            /**
             * Format: date-time
             * @description Later than `starts_at` (`before_starts_at`).
             */
            ends_at: string;
            scope?: components["schemas"]["ScopeInput"];
            percent?: number | null;
            n?: number | null;
            weekday?: number | null;
            /** @description Thresholds strictly increasing (`not_increasing`). */
            tiers?: components["schemas"]["TierInput"][] | null;
            /** @description `flash_sale`: an existing SKU (`not_found`). */
            sku?: string | null;
            /** @description `flash_sale`: below the SKU's current list price (`not_a_discount`). */
            price?: components["schemas"]["MoneyInput"] | null;
            quantity?: number | null;
            /** @description `flash_sale` only. */
            per_customer_limit?: number | null;
            /** @description `presale` only: paid per unit at checkout. */
            deposit?: components["schemas"]["PositiveMoneyInput"] | null;
            /** @description `presale` only: what the deposit is worth off the final price, per unit. */
            deposit_value?: components["schemas"]["PositiveMoneyInput"] | null;
            /**
             * Format: date-time
             * @description `presale` only.
             */
            balance_starts_at?: string | null;
            /**
             * Format: date-time
             * @description `presale` only.
             */
            balance_ends_at?: string | null;
            /** @description `presale` only: refund the deposit of an unpaid balance (`true`) or keep it (`false`, `null`: the default). */
            deposit_refundable?: boolean | null;
            /** @description Only customers of the audience get the promotion (a `member_day` with an audience is for the audience instead of paid members). Left out or `null` for everyone. */
            audience?: components["schemas"]["AudienceInput"] | null;
            /** @description `gift_with_purchase`: an existing SKU (`not_found`). */
            gift_sku?: string | null;
            /** @description `gift_with_purchase`: units per trigger reached (default 1). */
            gift_quantity?: number | null;
            /** @description `gift_with_purchase`: gift units at most per order. */
            gift_limit?: number | null;
            /** @description `gift_with_purchase`: exactly one of `trigger_sku` and `threshold` (`one_of`). */
            trigger_sku?: string | null;
            /** @description `gift_with_purchase` with `trigger_sku` (default 1). */
            trigger_quantity?: number | null;
            /** @description `gift_with_purchase`: a positive spend on `scope`. */
            threshold?: components["schemas"]["PositiveMoneyInput"] | null;
            /** @description `bundle`: the set; each SKU once (`duplicate`) and existing (`not_found`). */
            items?: components["schemas"]["BundleItem"][] | null;
            /** @description `lucky_bag`: existing SKUs (`not_found`), not the bag's own (`contains_bag`). */
            pool?: string[] | null;
            /**
             * @description `flash_sale` only: active paid members only.
             * @default false
             */
            members_only?: boolean;
            /** @description The discount money it may give in all (ADR 0028), above 0 (`out_of_range`): an order gets the discount only if what is left covers all of it (no partial discount). Left out: no budget. */
            budget?: components["schemas"]["PositiveMoneyInput"] | null;
            /** @description Who runs it (a staff e-mail or name); not blank (`required`). */
            owner?: string | null;
        };
        /** @description All optional; `null` leaves a field unchanged (but `null` removes an `audience`, a `budget` or an `owner`). `sku` cannot be changed (`unknown_field`). */
        PromotionPatchRequest: {
            /**
             * @description Admins only (any other key 403 `forbidden`). Under the minimum margin all the same; recorded as `margin_override`.
             * @default false
             */
            override_margin?: boolean;
            /** @description Accepted only when it equals the promotion's current type (a no-op); any other value is 400 `validation_error` with field code `immutable`. */
            type?: string | null;
            name?: string | null;
            /** Format: date-time */
            starts_at?: string | null;
            /** Format: date-time */
            ends_at?: string | null;
            scope?: components["schemas"]["ScopeInput"];
            percent?: number | null;
            n?: number | null;
            weekday?: number | null;
            /** @description Thresholds strictly increasing (`not_increasing`). */
            tiers?: components["schemas"]["TierInput"][] | null;
            price?: components["schemas"]["MoneyInput"] | null;
            quantity?: number | null;
            per_customer_limit?: number | null;
            /** @description A new audience; `null` makes the promotion for everyone again. */
            audience?: components["schemas"]["AudienceInput"] | null;
            /** @description `gift_with_purchase`: units per trigger reached (default 1). */
            gift_quantity?: number | null;
            /** @description `gift_with_purchase`: gift units at most per order. */
            gift_limit?: number | null;
            /** @description `gift_with_purchase` with `trigger_sku` (default 1). */
            trigger_quantity?: number | null;
            /** @description `gift_with_purchase`: a positive spend on `scope`. */
            threshold?: components["schemas"]["PositiveMoneyInput"] | null;
            /** @description `bundle`: the set; each SKU once (`duplicate`) and existing (`not_found`). */
            items?: components["schemas"]["BundleItem"][] | null;
            /** @description `lucky_bag`: existing SKUs (`not_found`), not the bag's own (`contains_bag`). */
            pool?: string[] | null;
            /** @description `flash_sale` only. */
            members_only?: boolean | null;
            /** @description A new budget (above 0); `null` removes the budget. Lowered to or below what was spent, it is exhausted. */
            budget?: components["schemas"]["PositiveMoneyInput"] | null;
            /** @description A new owner; `null` removes it. */
            owner?: string | null;
        };
        Coupon: {
            /** @description Upper-case. */
            code: string;
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
            amount_off: components["schemas"]["Money"] | null;
            percent_off: number | null;
            max_discount: components["schemas"]["Money"] | null;
            min_spend: components["schemas"]["Money"];
            usage_limit: number | null;
            per_customer_limit: number | null;
            /** @description Store-wide redemptions, counted by checkout. */
            used: number;
            scope: components["schemas"]["Scope"];
            /** @description Claimed into wallets (`POST /coupons/{code}/claim`) and applied only from a wallet (ADR 0018). */
            claimable: boolean;
            /** @description Claims allowed in all (a claimable coupon); staff grants do not count. */
            claim_limit: number | null;
            /** @description Claims so far. */
            claimed: number;
            /** @description `null`: anyone may use it. */
            audience: components["schemas"]["Audience"] | null;
            /** @description The discount money it may give in all (ADR 0028); `null`, no budget. */
            budget: components["schemas"]["Money"] | null;
            /** @description What placed orders took of the budget (checkout's counter; a cancelled order's share is given back, a refund's is not). 0 without a budget. */
            spent: components["schemas"]["Money"];
            /** @description `budget - spent` (never below 0); `null` without a budget. */
            budget_left: components["schemas"]["Money"] | null;
            /** @description Who runs it. */
            owner: string | null;
        };
        /** @description Every coupon, newest first. */
        CouponPage: {
            items: components["schemas"]["Coupon"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        CouponCreateRequest: {
            /** @description Stored upper-case; unique case-insensitively (409 `coupon_code_taken`). */
            code: string;
            /** Format: date-time */
            starts_at: string;
            /**
             * Format: date-time
             * @description Later than `starts_at` (`before_starts_at`).
             */
            ends_at: string;
            /** @description > 0. Exactly one of `amount_off` and `percent_off` (`one_of`, reported on `amount_off`). */
            amount_off?: components["schemas"]["MoneyInput"] | null;
            percent_off?: number | null;
            /** @description Caps a `percent_off` coupon; refused with `amount_off` (`not_applicable`). */
            max_discount?: components["schemas"]["MoneyInput"] | null;
            /** @description Default 0. */
            min_spend?: components["schemas"]["MoneyInput"] | null;
            usage_limit?: number | null;
            /** @description A claimable coupon defaults to 1 (each holder uses it once). */
            per_customer_limit?: number | null;
            scope?: components["schemas"]["ScopeInput"];
            /**
             * @description A wallet coupon (ADR 0018): customers claim it (`POST /coupons/{code}/claim`) and it applies only for customers whose wallet holds it (claimed or granted).
             * @default false
             */
            claimable?: boolean;
            /** @description Required with `claimable` (`required`), refused without (`not_applicable`): the claims allowed in all; 0 makes a coupon only staff grants give. */
            claim_limit?: number | null;
            /** @description Only customers of the audience may use it; anyone else gets 422 `coupon_invalid` with `reason` `audience_mismatch`. */
            audience?: components["schemas"]["AudienceInput"] | null;
            /** @description The discount money it may give in all (ADR 0028), above 0 (`out_of_range`): an order whose coupon discount the rest does not cover is refused (422 `coupon_invalid`, `reason` `budget_exhausted`). Left out: no budget. */
            budget?: components["schemas"]["PositiveMoneyInput"] | null;
            /** @description Who runs it (a staff e-mail or name); not blank (`required`). */
            owner?: string | null;
        } & ({
            amount_off: {
                amount: number;
                /** @enum {string} */
                currency: "CNY";
            };
            percent_off?: null;
            max_discount?: null;
        } | {
            percent_off: number;
            amount_off?: null;
        });
        Region: {
            provinces: string[];
            first_fee: components["schemas"]["Money"];
            additional_fee: components["schemas"]["Money"];
        };
        ShippingTemplate: {
            /** @description `ship_...` */
            id: string;
            name: string;
            is_default: boolean;
            first_weight_grams: number;
            first_fee: components["schemas"]["Money"];
            additional_weight_grams: number;
            additional_fee: components["schemas"]["Money"];
            free_over: components["schemas"]["Money"] | null;
            regions: components["schemas"]["Region"][];
            no_free_shipping_provinces: string[];
        };
        /** @description Every template, oldest first; `next_cursor` is always `null`. */
        ShippingTemplateList: {
            items: components["schemas"]["ShippingTemplate"][];
            next_cursor: null;
        };
        RegionInput: {
            /** @description A province may be in one region only (`duplicate`). */
            provinces: string[];
            first_fee: components["schemas"]["MoneyInput"];
            additional_fee: components["schemas"]["MoneyInput"];
        };
        ShippingTemplateRequest: {
            /** @description Not blank (a blank name is 400 `invalid_value`); stored trimmed. */
            name: string;
            /**
             * @description `true` makes this the default template (the one carts use).
             * @default false
             */
            is_default?: boolean;
            first_weight_grams: number;
            first_fee: components["schemas"]["MoneyInput"];
            additional_weight_grams: number;
            additional_fee: components["schemas"]["MoneyInput"];
            free_over?: components["schemas"]["MoneyInput"] | null;
            /** @default [] */
            regions?: components["schemas"]["RegionInput"][];
            /** @default [] */
            no_free_shipping_provinces?: string[];
        };
        /** @description A shipping address as stored: fields sent as `null` are left out. */
        Address: {
            name: string;
            phone: string;
            country: string;
            province: string;
            city: string;
            district?: string;
            line1: string;
            line2?: string;
            postal_code?: string;
        };
        AddressInput: {
            /** @description Not blank (`invalid_value`). */
            name: string;
            phone: string;
            /** @default CN */
            country?: string;
            /** @description Not blank. The only field pricing uses (exact match against shipping template regions). */
            province: string;
            /** @description Not blank. */
            city: string;
            district?: string | null;
            /** @description Not blank. */
            line1: string;
            line2?: string | null;
            postal_code?: string | null;
        };
        /** @description A line promotion, in the order applied. */
        Adjustment: {
            /** @enum {string} */
            type: "flash_sale" | "first_n" | "percent_off" | "member_day" | "member_discount" | "nth_item_discount" | "bundle" | "presale";
            /** @description `null` for `member_discount`. */
            promotion_id: string | null;
            /** @description Always `null` on lines. */
            code: string | null;
            label: string;
            amount: components["schemas"]["Money"];
        };
        CartLine: {
            sku: string;
            product_id: string;
            title: string;
            specs: {
                [key: string]: string;
            };
            /** @description The product's first image. */
            image: string | null;
            quantity: number;
            list_price: components["schemas"]["Money"];
            unit_price: components["schemas"]["Money"];
            /** @enum {string} */
            price_source: "list" | "member" | "flash_sale" | "gift" | "first_n" | "presale";
            adjustments: components["schemas"]["Adjustment"][];
            /** @description `unit_price x quantity - adjustments`. */
            line_total: components["schemas"]["Money"];
            /** @description This line's share of the order discounts. */
            order_discount: components["schemas"]["Money"];
            /** @description `line_total - order_discount`. */
            payable: components["schemas"]["Money"];
            /** @description `available >= quantity` now. */
            in_stock: boolean;
            /** @description A gift with purchase (ADR 0027), at 0, added by the cart; it cannot be changed or removed. */
            gift: boolean;
            gift_promotion_id: string | null;
        };
        UnavailableLine: {
            sku: string;
            quantity: number;
            /** @constant */
            reason: "not_available";
        };
        /** @description An order discount: the spend-threshold promotion (`code: null`) or the coupon (`promotion_id: null`). */
        CartDiscount: {
            promotion_id: string | null;
            code: string | null;
            label: string;
            amount: components["schemas"]["Money"];
        };
        ShippingDetails: {
            /** @enum {string|null} */
            free_reason: "free_over" | "member" | null;
            /**
             * @description `remote_area`: a free-shipping benefit (membership, `free_over`) would apply, but the address's province is in the template's `no_free_shipping_provinces`, so the fee is charged.
             * @enum {string|null}
             */
            not_free_reason: "remote_area" | null;
            /** @description `true` while the cart has no shipping address. */
            estimated: boolean;
            weight_grams: number;
            template_id: string | null;
        };
        CartCoupon: {
            code: string;
            applied: boolean;
            /** @description Why it does not apply (as for `coupon_invalid`). */
            reason: string | null;
        };
        CartWarning: {
            /** @description `not_available`, `out_of_stock`, `insufficient_stock`, `price_changed`, `coupon_not_applied`, `flash_sale_requires_sign_in`, `shipping_estimated`; ADR 0027: `gift_out_of_stock` (fewer gift units than earned), `gift_sku_in_cart` (the gift is not given: the cart buys it), `members_only` (a members-only flash price withheld), `lucky_bag_short` (the pool holds fewer units than the bags). */
            code: string;
            message: string;
            sku?: string;
            available?: number;
            previous?: components["schemas"]["Money"];
            current?: components["schemas"]["Money"];
            coupon?: string;
            reason?: string;
            promotion_id?: string;
        };
        /** @description The priced cart, computed afresh on every request. */
        Cart: {
            /** @description `cart_...` */
            id: string;
            /**
             * @description Merged and checked-out carts answer 404.
             * @constant
             */
            status: "active";
            /** @description `null` for a guest cart. */
            customer_id: string | null;
            lines: components["schemas"]["CartLine"][];
            unavailable_lines: components["schemas"]["UnavailableLine"][];
            item_count: number;
            subtotal: components["schemas"]["Money"];
            discounts: components["schemas"]["CartDiscount"][];
            discount_total: components["schemas"]["Money"];
            shipping: components["schemas"]["Money"];
            shipping_details: components["schemas"]["ShippingDetails"];
            total: components["schemas"]["Money"];
            savings: components["schemas"]["Money"];
            coupon: components["schemas"]["CartCoupon"] | null;
            shipping_address: components["schemas"]["Address"] | null;
            warnings: components["schemas"]["CartWarning"][];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: date-time
             * @description Guest carts: `updated_at` + 7 days; customer carts: `null`.
             */
            expires_at: string | null;
            /** @description Only in the `POST /carts` response that creates a guest cart (`ct_...`). */
            token?: string;
        };
        /** @description No price is accepted (`read_only_field`). */
        CartItemRequest: {
            sku: string;
            /** @description The line's new total must also be at most 99 and at most `available`. */
            quantity: number;
        };
        QuantityRequest: {
            quantity: number;
        };
        CouponCodeRequest: {
            code: string;
        };
        MergeRequest: {
            /** @description Not the `{cart_id}` itself (`same_cart`). */
            guest_cart_id: string;
            guest_token: string;
        };
        MediaRef: {
            /** @description `media_...` */
            id: string;
            /** @description Where the file is shown (`COMMERCE_MEDIA_BASE_URL`/media/<id>). */
            url: string;
        };
        /** @description An admin let prices under the minimum margin. */
        MarginOverride: {
            /** @description `staff:<key id>` */
            by: string;
            /** Format: date-time */
            at: string;
            /** @description The SKUs it let through. */
            skus: string[];
        };
        Delisting: {
            /** @enum {string} */
            reason: "out_of_stock" | "discontinued" | "seasonal" | "quality_issue" | "compliance" | "pricing_error" | "other";
            note: string | null;
            by: string;
            /**
             * Format: date-time
             * @description When it was decided.
             */
            at: string;
            /**
             * Format: date-time
             * @description When the product leaves (or left) the store.
             */
            effective_at: string;
        };
        DelistRequest: {
            /**
             * Format: date-time
             * @description Absent, null or not in the future: now.
             */
            at?: string | null;
            /**
             * @description Required (400 `required` when absent).
             * @enum {string|null}
             */
            reason?: "out_of_stock" | "discontinued" | "seasonal" | "quality_issue" | "compliance" | "pricing_error" | "other" | null;
            /** @description Required with `other`. */
            note?: string | null;
        };
        ProductHistoryEntry: {
            id: string;
            /** @enum {string} */
            action: "created" | "updated" | "listed" | "list_scheduled" | "delisted" | "delist_scheduled" | "margin_override";
            actor: string;
            /** Format: date-time */
            at: string;
            /** @description By action: `status` (created), `fields`, `prices` ([{sku, field, from, to}]) and `new_skus` (updated), `at` (list_scheduled), the delisting (reason, note, by, at, effective_at), the override (by, at, skus). */
            details: Record<string, never>;
        };
        ProductHistoryPage: {
            items: components["schemas"]["ProductHistoryEntry"][];
            next_cursor: string | null;
        };
        MediaUploadRequest: {
            /** @enum {string} */
            kind: "main" | "detail" | "video";
            /** @description image/jpeg, image/png or image/webp; video/mp4 for a video. */
            content_type: string;
            /** @description Bytes; at most 3 MB for an image. */
            size: number;
        };
        Media: {
            /** @description `media_...` */
            id: string;
            /** @enum {string} */
            kind: "main" | "detail" | "video";
            content_type: string;
            size: number;
            /** @enum {string} */
            status: "pending" | "ready" | "rejected";
            url: string;
            width: number | null;
            height: number | null;
            duration_seconds: number | null;
            failures: string[];
            created_by: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            completed_at: string | null;
        };
        MediaUpload: components["schemas"]["Media"] & {
            upload: {
                /** @description The presigned S3 URL. */
                url: string;
                /** @enum {string} */
                method: "PUT";
                /** @description Send these headers with the PUT (`Content-Type`). */
                headers: {
                    [key: string]: string;
                };
                /** @description Seconds the URL is valid. */
                expires_in: number;
            };
        };
        SlotItemRequest: {
            title: string;
            /** @description An http(s) URL or a path. */
            link?: string | null;
            /** @description An http(s) URL or a path; or give `media_id`. */
            image?: string | null;
            /** @description A ready image of the media library. */
            media_id?: string | null;
            /** @default 0 */
            position?: number;
            /** Format: date-time */
            starts_at?: string | null;
            /** Format: date-time */
            ends_at?: string | null;
        };
        SlotRequest: {
            items: components["schemas"]["SlotItemRequest"][];
        };
        ContentSlotItem: {
            title: string;
            link: string | null;
            /** @description The image URL (a media's URL for a `media_id`). */
            image: string | null;
            media_id: string | null;
            position: number;
            /** Format: date-time */
            starts_at: string | null;
            /** Format: date-time */
            ends_at: string | null;
        };
        ContentSlot: {
            slot: string;
            items: components["schemas"]["ContentSlotItem"][];
            /**
             * Format: date-time
             * @description Staff view only.
             */
            updated_at?: string;
            /** @description Staff view only. */
            updated_by?: string;
            /** @description Staff view only. */
            version?: number;
        };
        /** @description No fields: any field is refused (`unknown_field` / `read_only_field`). */
        EmptyBody: Record<string, never>;
        /** @description A priced cart line frozen at checkout. */
        OrderLine: {
            /** @description A gift with purchase at 0 (ADR 0027); a refund of it is 0 and it need not come back. */
            gift: boolean;
            gift_promotion_id: string | null;
            /** @description The lucky bag this line's SKU was picked for (its units at the bag's price). */
            lucky_bag: components["schemas"]["LuckyBagOrigin"] | null;
            sku: string;
            product_id: string;
            title: string;
            specs: {
                [key: string]: string;
            };
            quantity: number;
            list_price: components["schemas"]["Money"];
            unit_price: components["schemas"]["Money"];
            adjustments: components["schemas"]["Adjustment"][];
            line_total: components["schemas"]["Money"];
            order_discount: components["schemas"]["Money"];
            payable: components["schemas"]["Money"];
        };
        LuckyBagOrigin: {
            promotion_id: string;
            /** @description The bag's SKU. */
            sku: string;
        };
        OrderDiscount: {
            /** @enum {string} */
            type: "spend_threshold" | "coupon";
            promotion_id: string | null;
            code: string | null;
            label: string;
            amount: components["schemas"]["Money"];
        };
        TrackingEvent: {
            /**
             * Format: date-time
             * @description The carrier's time, as sent.
             */
            at: string;
            /** @enum {string} */
            status: "in_transit" | "out_for_delivery" | "delivered" | "exception";
            description: string | null;
            location: string | null;
        };
        /** @description A parcel handed to a carrier. */
        Shipment: {
            carrier: string;
            tracking_number: string;
            /**
             * @description The parcel's furthest state; it only moves forward.
             * @enum {string}
             */
            status: "shipped" | "exception" | "in_transit" | "out_for_delivery" | "delivered";
            lines: {
                sku: string;
                quantity: number;
            }[];
            /** Format: date-time */
            shipped_at: string;
            /** @description Every carrier update for the parcel, sorted by `at`. */
            tracking: components["schemas"]["TrackingEvent"][];
        };
        TimelineEntry: {
            /** Format: date-time */
            at: string;
            /** @description `placed`, `status_changed`, `payment_failed`, `payment_mismatch`, `late_payment`, `refund`, `refund_failed`, `refund_refused`, `refund_requested`, `dispute`, `dispute_closed`, `partial_shipment`, `fulfillment_requeued`. */
            type: string;
            /** @description `customer:<cus_id>`, `staff:<key_id>`, `system`, `stripe`, `carrier` or `carrier:<name>`. */
            actor: string;
            /**
             * @description Set only on `status_changed`.
             * @enum {string|null}
             */
            from: "pending_payment" | "deposit_pending" | "balance_due" | "paid" | "under_review" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled" | null;
            /**
             * @description Set only on `status_changed`.
             * @enum {string|null}
             */
            to: "pending_payment" | "deposit_pending" | "balance_due" | "paid" | "under_review" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled" | null;
            reason: string | null;
            /** @description Only when the entry has data. Amounts are bare integers in minor units, not money objects. */
            data?: Record<string, never>;
        };
        /** @description An order; the same shape for the customer and for staff. */
        Order: {
            /** @description `ord_...` */
            id: string;
            /** @enum {string} */
            status: "pending_payment" | "deposit_pending" | "balance_due" | "paid" | "under_review" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled";
            /** @enum {string} */
            payment_status: "unpaid" | "deposit_paid" | "paid" | "partially_refunded" | "refunded" | "disputed";
            customer_id: string;
            cart_id: string;
            lines: components["schemas"]["OrderLine"][];
            subtotal: components["schemas"]["Money"];
            discounts: components["schemas"]["OrderDiscount"][];
            shipping: components["schemas"]["Money"];
            /** @description What the customer pays. */
            total: components["schemas"]["Money"];
            amount_paid: components["schemas"]["Money"];
            amount_refunded: components["schemas"]["Money"];
            /** @description Every refund of the order, oldest first; the full records (with `reason`) are `GET /admin/orders/{order_id}/refunds`. */
            refunds: {
                id: string;
                amount: components["schemas"]["Money"];
                /** @enum {string} */
                status: "pending" | "succeeded" | "failed" | "refused";
                lines: {
                    sku: string;
                    quantity: number;
                    amount: components["schemas"]["Money"];
                }[];
                /** Format: date-time */
                created_at: string;
            }[];
            /** @description The chargeback on the payment, if any. */
            dispute: components["schemas"]["Dispute"] | null;
            /** @description The ids of the order's after-sale requests still open (`GET /after-sales/{after_sale_id}`); completion and settlement wait while there are any. */
            open_after_sales: string[];
            coupon_code: string | null;
            shipping_address: components["schemas"]["Address"];
            /**
             * Format: date-time
             * @description While `pending_payment` or `deposit_pending`: when the unpaid order expires; otherwise `null`.
             */
            payment_due_at: string | null;
            /** @description A presale order's deposit and balance (ADR 0026); `null` for any other order. */
            presale?: components["schemas"]["OrderPresale"] | null;
            risk_reasons: ("large_order" | "high_risk_region" | "order_velocity")[];
            /** @description A high-value customer's order (RFM segment `champions`, or net spend over the last 365 days over `COMMERCE_HIGH_VALUE_SPEND`, default ¥10,000), decided at checkout; such orders head the to-ship list. */
            priority: boolean;
            shipments: components["schemas"]["Shipment"][];
            /** Format: date-time */
            delivered_at: string | null;
            /** @description Oldest first. */
            timeline: components["schemas"]["TimelineEntry"][];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        OrderSummary: {
            id: string;
            /** @enum {string} */
            status: "pending_payment" | "deposit_pending" | "balance_due" | "paid" | "under_review" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled";
            /** @enum {string} */
            payment_status: "unpaid" | "deposit_paid" | "paid" | "partially_refunded" | "refunded" | "disputed";
            total: components["schemas"]["Money"];
            /** @description The sum of the lines' quantities. */
            item_count: number;
            /** @description As the order's `priority`. */
            priority: boolean;
            /** Format: date-time */
            created_at: string;
        };
        /** @description Orders, newest first, read from an index. */
        OrderSummaryPage: {
            items: components["schemas"]["OrderSummary"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        Payment: {
            /** @constant */
            provider: "stripe";
            /** @description `pi_...` */
            payment_intent_id: string;
            /** @description For Stripe.js; a secret of this customer. */
            client_secret: string;
            /** @description Stripe's status of the intent when the response was made; informational. */
            status: string;
        };
        /** @description Money, totals and statuses are never sent (`read_only_field`); other names are `unknown_field`. */
        CheckoutRequest: {
            /** @description The caller's active cart. */
            cart_id: string;
            /** @description When absent, the cart's address is used. */
            shipping_address?: components["schemas"]["AddressInput"] | null;
            /** @description A usable coupon of the caller's wallet (its `id` in `GET /me/coupons`), used in place of the cart's coupon, without typing a code (ADR 0018). Not a usable one of the wallet: 422 `wallet_coupon_unavailable`. */
            wallet_coupon_id?: string | null;
        };
        /** @description A presale order's two payments. `total` is what the customer pays in all: `deposit` + `balance`; `amount_paid` sums both payments. */
        OrderPresale: {
            promotion_id: string;
            deposit: components["schemas"]["Money"];
            /** @description (final price - deposit value) x quantity + shipping. */
            balance: components["schemas"]["Money"];
            /** Format: date-time */
            balance_starts_at: string;
            /** Format: date-time */
            balance_ends_at: string;
            deposit_refundable: boolean;
            deposit_payment_intent_id: string | null;
            /** @description Set by the first `POST /orders/{order_id}/balance-payment`. */
            balance_payment_intent_id: string | null;
        };
        CheckoutResult: {
            /** @description What the order got instead of what the cart earned (ADR 0027) - `gift_out_of_stock` (also when the gift ran out between the read and the order's transaction), `gift_sku_in_cart`, `members_only`. Empty on a repeated checkout that resumes its order. */
            warnings: components["schemas"]["CartWarning"][];
            order: components["schemas"]["Order"];
            /** @description `null` for a zero total, or when a repeated checkout finds its order no longer `pending_payment` (or `deposit_pending`). A presale order's PaymentIntent is its deposit's. */
            payment: components["schemas"]["Payment"] | null;
        };
        /** @description Optional body. */
        ReasonRequest: {
            reason?: string | null;
        };
        /** @description Money back to the customer, recorded on the order before Stripe is called. */
        Refund: {
            /** @description `rf_...` */
            id: string;
            order_id: string;
            amount: components["schemas"]["Money"];
            /**
             * @description `pending` while Stripe is asked (or its answer was lost: `retry_refunds` asks again after 5 minutes), `succeeded`, `failed` (Stripe unreachable; retried with the same key), `refused` (Stripe said no; a `refund_refused` exception).
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed" | "refused";
            /** @description Units refunded, each with the amount they came to. */
            lines: {
                sku: string;
                quantity: number;
                amount: components["schemas"]["Money"];
            }[];
            shipping: components["schemas"]["Money"];
            reason: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description A chargeback Stripe reported on the order's payment. */
        Dispute: {
            /** @description Stripe's `dp_...` */
            id: string;
            /** @description Stripe's dispute status (`needs_response`, `under_review`, `won`, `lost`, `warning_closed`, ...). */
            status: string;
            /** @description Stripe's reason (`fraudulent`, `product_not_received`, ...). */
            reason: string;
            amount: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description Stripe's evidence deadline; the `dispute` exception is due then.
             */
            evidence_due_by: string | null;
            /**
             * @description Once closed. `lost` is recorded as a refund (source of the money taken back by the bank).
             * @enum {string|null}
             */
            outcome: "won" | "lost" | null;
            /** Format: date-time */
            opened_at: string;
            /** Format: date-time */
            closed_at: string | null;
        };
        /** @description At least one of `amount`, `lines`, `include_shipping` (else 422 `nothing_to_refund`). */
        RefundRequest: {
            /** @description An extra amount in minor units (goodwill, price protection). */
            amount?: number | null;
            lines?: {
                sku: string;
                quantity: number;
            }[] | null;
            /**
             * @description The order's shipping fee, unless refunded already.
             * @default false
             */
            include_shipping?: boolean;
            reason: string;
        };
        ShipmentRequest: {
            carrier: string;
            /** @description A carrier and tracking number can be used by one shipment only (409 `tracking_number_taken`). */
            tracking_number: string;
            /** @description Omitted, `null` or `[]`: everything not shipped yet. The same SKU twice is added up; more than is left is `exceeds_remaining` (field `lines.<sku>`). */
            lines?: {
                sku: string;
                quantity: number;
            }[] | null;
        };
        FulfillmentRecord: {
            order_id: string;
            /** @enum {string} */
            status: "awaiting_shipment" | "shipped" | "delivered";
            /** @description The order's `priority`. The `awaiting_shipment` list gives priority orders first (each group newest first). */
            priority: boolean;
            /**
             * Format: date-time
             * @description When fulfillment started.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When the record last changed status.
             */
            updated_at: string;
        };
        /** @description Fulfillment records in one status, newest order first. */
        FulfillmentPage: {
            items: components["schemas"]["FulfillmentRecord"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        Benefits: {
            member_prices: boolean;
            percent_off: number;
            free_shipping: boolean;
        };
        /** @description A membership plan. */
        Plan: {
            /** @description `plan_...` */
            id: string;
            name: string;
            /** @description Charged for every period. */
            price: components["schemas"]["Money"];
            /** @enum {string} */
            period: "year" | "month";
            benefits: components["schemas"]["Benefits"];
            /** Format: date-time */
            created_at: string;
        };
        /** @description Every plan, oldest first (no `next_cursor`). */
        PlanList: {
            items: components["schemas"]["Plan"][];
        };
        PlanRequest: {
            name: string;
            /** @description In the store currency (`price.currency` `currency_mismatch`), at least 100 minor units (`price.amount` `out_of_range`). */
            price: {
                amount: number;
                /** @enum {string} */
                currency: "CNY";
            };
            /** @enum {string} */
            period: "year" | "month";
            benefits?: {
                /** @default true */
                member_prices?: boolean;
                /** @default 0 */
                percent_off?: number;
                /** @default true */
                free_shipping?: boolean;
            };
        };
        /** @description Extra fields depend on `type` (`plan_id`, `payment_intent_id`, `period`, `event_id`, `attempt`, `reason`, `refund_id`, `message`). */
        MembershipHistoryEntry: {
            /**
             * Format: date-time
             * @description RFC 3339 UTC with `Z` (entries written before `e6c78a5` keep Python's `isoformat()` form, `+00:00`).
             */
            at: string;
            /** @description `purchase_started`, `payment_failed`, `paid`, `renewal_reminder`, `renewal_processing`, `renewal_failed`, `double_payment_refunded`, `double_payment_refund_refused`, `expired`, `auto_renew_on`, `auto_renew_off`. */
            type: string;
        };
        Membership: {
            /** @description The plan as bought. */
            plan: components["schemas"]["Plan"];
            /** @enum {string} */
            status: "pending_payment" | "active" | "past_due" | "expired";
            /** @description `active` or `past_due`, and now is before `current_period_end`. */
            is_member: boolean;
            auto_renew: boolean;
            /** @description The last paid period, from 1; 0 until the first payment. */
            period: number;
            /** Format: date-time */
            current_period_start: string | null;
            /** Format: date-time */
            current_period_end: string | null;
            /**
             * Format: date-time
             * @description While `auto_renew` is on and the status is `active` or `past_due`: when the renewal job acts next.
             */
            next_renewal_at: string | null;
            failed_attempts: number;
            /** @description The last 50 entries, oldest first. */
            history: components["schemas"]["MembershipHistoryEntry"][];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        MembershipPurchaseRequest: {
            plan_id: string;
            /** @description A card PaymentMethod created with Stripe.js. */
            payment_method_id: string;
            /** @default true */
            auto_renew?: boolean;
        };
        MembershipPurchase: {
            membership: components["schemas"]["Membership"];
            payment: components["schemas"]["Payment"];
        };
        /** @description A Stripe event, as Stripe sends it. Only `id` and `type` are required (else 400 `validation_error`, field `(body)` code `invalid_event`). */
        StripeEvent: {
            id: string;
            type: string;
            data?: Record<string, never>;
        } & {
            [key: string]: unknown;
        };
        StripeWebhookAck: {
            /** @constant */
            received: true;
            /** @description The Stripe event id. */
            id: string;
            type: string;
            /** @description `paid`, `payment_failed`, `cancelled`, `refunded`, `disputed`, `dispute_won`, `dispute_lost`, `refunding_late_payment`, `amount_mismatch`, `no_change`, `duplicate`, `ignored`, `activated`, `renewed`, `renewal_failed`, `expired`, `refund_refused`. */
            outcome: string;
        };
        TrackingUpdate: {
            /** @description Applied once per `carrier`. */
            event_id: string;
            carrier: string;
            tracking_number: string;
            /** @enum {string} */
            status: "in_transit" | "out_for_delivery" | "delivered" | "exception";
            /**
             * Format: date-time
             * @description With a zone; the carrier's clock.
             */
            at: string;
            description?: string | null;
            location?: string | null;
        };
        LogisticsWebhookAck: {
            /** @constant */
            received: true;
            /** @description The carrier's `event_id`. */
            id: string;
            /** @description The order's status after the update (`fulfilling`, `shipped`, `delivered`, ...), or `duplicate`. */
            outcome: string;
        };
        ReplenishmentSuggestion: {
            units_sold_14d: number;
            /** @description `units_sold_14d / 14`, rounded to 2 decimals. */
            average_daily_sales: number;
            suggested_safety_stock: number;
            reorder_quantity: number;
            lead_time_days: number;
        };
        AlertHistoryEntry: {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            status: "open" | "acknowledged" | "resolved";
            actor: string;
            /** @description Absent on the opening entry. */
            reason?: string | null;
        };
        StockAlert: {
            /** @description `alert_...` */
            id: string;
            sku: string;
            product_id: string;
            /** @enum {string} */
            status: "open" | "acknowledged" | "resolved";
            /** @description The level when the alert was raised. */
            available: number;
            safety_stock: number;
            suggestion: components["schemas"]["ReplenishmentSuggestion"];
            history: components["schemas"]["AlertHistoryEntry"][];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description Alerts in one status, newest first. */
        StockAlertPage: {
            items: components["schemas"]["StockAlert"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description An SLA breach, a refused refund, a mismatched payment or a dispute (due by Stripe's evidence deadline) recorded against an order. */
        OrderException: {
            /** @description `exc_<order ULID>_<kind>`; an exception recorded before the SLA kinds were renamed keeps its id with the old kind name (`not_confirmed_24h`, `not_shipped_48h`, `no_tracking_update_48h`) and is served with the new `kind`. */
            id: string;
            order_id: string;
            /** @enum {string} */
            kind: "not_confirmed" | "not_shipped" | "no_tracking_update" | "refund_refused" | "payment_mismatch" | "dispute" | "after_sale_not_answered" | "after_sale_not_shipped_back" | "after_sale_not_inspected" | "after_sale_not_refunded";
            /** @enum {string} */
            status: "open" | "resolved";
            /** @enum {string} */
            owner_role: "admin" | "operations" | "customer_service" | "warehouse" | "finance";
            detail: string;
            /** Format: date-time */
            due_at: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            resolved_at: string | null;
            /** @description `staff:<key_id>`, or `stripe` for a `dispute` exception closed by `charge.dispute.closed`. */
            resolved_by: string | null;
            note: string | null;
            /** @description For the SLA kinds, the threshold in hours in force when the breach was recorded (the `COMMERCE_SLA_*_HOURS` setting; `due_at` is the deadline itself). `null` for `refund_refused`, `payment_mismatch`, and SLA exceptions recorded before the field was kept. */
            deadline_hours: number | null;
        };
        /** @description Which channels marketing may use (transactional messages ignore them). */
        NotificationChannels: {
            email?: boolean | null;
            sms?: boolean | null;
            in_app?: boolean | null;
        };
        NotificationPreferencesRequest: {
            /** @description Consent to marketing messages at all. */
            marketing?: boolean | null;
            channels?: components["schemas"]["NotificationChannels"] | null;
            /**
             * @description The language of the messages; `zh-CN` until set.
             * @enum {string|null}
             */
            locale?: "zh-CN" | "en" | null;
            /** @description E.164, where SMS goes; without one no SMS is sent. */
            phone?: string | null;
        };
        NotificationPreferences: {
            marketing: boolean;
            channels: {
                in_app: boolean;
                email: boolean;
                sms: boolean;
            };
            /** @enum {string} */
            locale: "zh-CN" | "en";
            phone: string | null;
            /** Format: date-time */
            updated_at: string | null;
        };
        InboxMessage: {
            /** @description The event's id (`evt_...`) or the campaign's (`cmp_...`). */
            id: string;
            /** @description The event type (docs/events.md), or `campaign`. */
            kind: string;
            subject: string;
            body: string;
            /** Format: date-time */
            created_at: string;
        };
        InboxPage: {
            items: components["schemas"]["InboxMessage"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        NotificationSend: {
            customer_id: string;
            /** @description The event's id, or the campaign's. */
            source_id: string;
            /** @enum {string} */
            channel: "in_app" | "email" | "sms";
            kind: string;
            /** @enum {string} */
            category: "transactional" | "marketing";
            /** @enum {string} */
            status: "sending" | "sent" | "skipped" | "failed";
            /** @description Skipped: `opted_out`, `monthly_cap`, `no_email_address` or `no_sms_address`; failed: the provider's error. */
            reason: string | null;
            subject: string | null;
            /** @description SES's or SNS's message id; the inbox entry's key for `in_app`. */
            provider_id: string | null;
            /** Format: date-time */
            created_at: string;
        };
        NotificationSendPage: {
            items: components["schemas"]["NotificationSend"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        CampaignRequest: {
            /** @description Also the message's subject. */
            name: string;
            message: string;
            /** @enum {string} */
            channel: "in_app" | "email" | "sms";
            /**
             * @description `all` or left out (customer segments are not modelled yet).
             * @enum {string|null}
             */
            segment?: "all" | null;
        };
        Campaign: {
            /** @description `cmp_` + ULID. */
            id: string;
            name: string;
            message: string;
            /** @enum {string} */
            channel: "in_app" | "email" | "sms";
            segment: string | null;
            /** @enum {string} */
            status: "draft" | "sending" | "sent";
            /** Format: date-time */
            created_at: string;
            created_by: string;
            /** @description The counts so far (`null` for a draft); final once `status` is `sent`. */
            result: components["schemas"]["CampaignResult"] | null;
            /** Format: date-time */
            sent_at: string | null;
            /** @description The batch messages of a campaign sent through the queue; 0 when the request sent it. */
            batches: number;
            batches_done: number;
        };
        CampaignPage: {
            items: components["schemas"]["Campaign"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description Every customer with saved preferences is counted once. */
        CampaignResult: {
            sent: number;
            capped: number;
            opted_out: number;
            /** @description The provider refused (the month's count is given back), or a send was interrupted before it was recorded. */
            failed: number;
        };
        /** @description Exceptions in one status, newest order first. */
        OrderExceptionPage: {
            items: components["schemas"]["OrderException"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description Bare integers in minor units. */
        SettlementMismatch: {
            ours: number;
            stripe: number;
        };
        /** @description A day's settlement statement, without its lines. `net = gross - refunds - fees` (it can be negative). */
        SettlementStatement: {
            /** Format: date */
            business_date: string;
            currency: string;
            gross: components["schemas"]["Money"];
            discounts: components["schemas"]["Money"];
            shipping: components["schemas"]["Money"];
            refunds: components["schemas"]["Money"];
            fees: components["schemas"]["Money"];
            net: components["schemas"]["Money"];
            orders: number;
            adjustments: number;
            line_count: number;
            exceptions: {
                order_id: string;
                ours: number;
                stripe: number;
            }[];
            /** Format: date-time */
            generated_at: string;
        };
        SettlementLine: {
            order_id: string;
            /** @enum {string} */
            kind: "order" | "adjustment";
            order_status: string;
            gross: components["schemas"]["Money"];
            discounts: components["schemas"]["Money"];
            shipping: components["schemas"]["Money"];
            refunds: components["schemas"]["Money"];
            fees: components["schemas"]["Money"];
            net: components["schemas"]["Money"];
            /** @enum {string} */
            fee_source: "stripe" | "estimated" | "none";
            mismatch: components["schemas"]["SettlementMismatch"] | null;
        };
        SettlementStatementDetail: components["schemas"]["SettlementStatement"] & {
            /** @description Ordered by order id. */
            lines: components["schemas"]["SettlementLine"][];
        };
        /** @description Statements of a range of days, oldest first, without lines (no `next_cursor`). */
        SettlementList: {
            items: components["schemas"]["SettlementStatement"][];
        };
        ApiKey: {
            /** @description `key_...` */
            id: string;
            name: string;
            roles: ("admin" | "operations" | "customer_service" | "warehouse" | "finance")[];
            /** Format: date-time */
            created_at: string;
            /** @description `staff:<key_id>`, or `null` for a bootstrap key. */
            created_by: string | null;
        };
        ApiKeyCreated: components["schemas"]["ApiKey"] & {
            /** @description `ck_...`: shown only here. */
            key: string;
        };
        /** @description Every key, oldest first, without secrets; `next_cursor` is always `null`. */
        ApiKeyList: {
            items: components["schemas"]["ApiKey"][];
            next_cursor: null;
        };
        ApiKeyRequest: {
            /** @description Not blank; stored trimmed. */
            name: string;
            roles: ("admin" | "operations" | "customer_service" | "warehouse" | "finance")[];
        };
        JobRunRequest: {
            /**
             * Format: date-time
             * @description Act as if the time were this (default: now). Later than now only on the local stage (`as_of_in_future`).
             */
            as_of?: string | null;
        };
        JobRun: {
            job: string;
            /** Format: date-time */
            as_of: string;
            /** Format: date-time */
            started_at: string;
            /** Format: date-time */
            finished_at: string;
            /** @description Job-specific counts (see docs/api.md, Staff: jobs). */
            summary: Record<string, never>;
        };
        /** @description An after-sale request (ADR 0009). */
        AfterSale: {
            /** @description `as_...` */
            id: string;
            order_id: string;
            /** @enum {string} */
            type: "refund_only" | "return_refund" | "exchange";
            /** @enum {string} */
            reason: "no_reason" | "quality" | "damaged" | "wrong_item" | "not_as_described" | "missing_item" | "other";
            /** @enum {string} */
            status: "requested" | "approved" | "return_in_transit" | "received" | "inspected" | "refunded" | "exchanged" | "closed" | "rejected" | "cancelled";
            lines: {
                sku: string;
                quantity: number;
                /** @description What the units are worth: their cumulative share of what the line paid (0 for an exchange). */
                refund_amount: components["schemas"]["Money"];
                exchange_sku?: string;
            }[];
            /** @description The shipping fee, when the request brings back every unit of the order for a seller-fault reason. */
            shipping_refund: components["schemas"]["Money"];
            refund_amount: components["schemas"]["Money"];
            /** @description The refund's status while the request waits for it (`pending`, `failed`, `refused`, `error`), `succeeded` once refunded. */
            refund_status: string | null;
            description: string | null;
            images: string[];
            /** @description Where to send the goods back (set by staff on approval). */
            return_address: Record<string, never> | null;
            /** @description The customer's parcel back. */
            return_shipment: {
                carrier: string;
                tracking_number: string;
            } | null;
            /** @description The exchange's parcel. */
            exchange_shipment: {
                carrier: string;
                tracking_number: string;
            } | null;
            inspection: {
                /** @enum {string} */
                result: "pass" | "fail";
                note: string;
            } | null;
            /** @description The deadlines set so far: `respond_by` (staff answer), `ship_back_by`, `inspect_by`, `refund_by`. */
            due: {
                /** Format: date-time */
                respond_by?: string;
                /** Format: date-time */
                ship_back_by?: string;
                /** Format: date-time */
                inspect_by?: string;
                /** Format: date-time */
                refund_by?: string;
            };
            timeline: {
                /** Format: date-time */
                at: string;
                actor: string;
                from: string | null;
                to: string | null;
                note: string | null;
            }[];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description After-sale requests, newest first. */
        AfterSalePage: {
            items: components["schemas"]["AfterSale"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        AfterSaleRequest: {
            /** @enum {string} */
            type: "refund_only" | "return_refund" | "exchange";
            /** @enum {string} */
            reason: "no_reason" | "quality" | "damaged" | "wrong_item" | "not_as_described" | "missing_item" | "other";
            lines: {
                sku: string;
                quantity: number;
                /** @description Required for an exchange: a SKU of the same product at the same price. */
                exchange_sku?: string | null;
            }[];
            description?: string | null;
            images?: string[];
        };
        ParcelRequest: {
            carrier: string;
            tracking_number: string;
        };
        ApproveAfterSaleRequest: {
            return_address?: components["schemas"]["AddressInput"] | null;
        };
        RejectAfterSaleRequest: {
            reason: string;
        };
        InspectRequest: {
            /** @enum {string} */
            result: "pass" | "fail";
            note?: string | null;
        };
        CustomerSummary: {
            id: string;
            email: string;
            name: string;
            /** Format: date-time */
            created_at: string;
        };
        CustomerSummaryPage: {
            items: components["schemas"]["CustomerSummary"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description Kept from order events (`order.paid`, `order.refunded`, `order.completed`), each event applied once. */
        CustomerStats: {
            /** @description Paid orders (an order counts once, refunded or not). */
            orders_count: number;
            /** @description Paid totals less refunds. */
            total_spent: components["schemas"]["Money"];
            /** Format: date-time */
            first_order_at: string | null;
            /**
             * Format: date-time
             * @description When the last order was paid.
             */
            last_order_at: string | null;
            /** @description `total_spent` / `orders_count` (0 without orders). */
            average_order_value: components["schemas"]["Money"];
            refunded: components["schemas"]["Money"];
            completed_count: number;
        };
        RfmScores: {
            r: number;
            f: number;
            m: number;
            /** @enum {string} */
            segment: "champions" | "loyal" | "potential" | "new" | "at_risk" | "cant_lose" | "hibernating" | "lost";
            /**
             * Format: date
             * @description The store day of the run that gave these scores (a run leaves unchanged scores as they are).
             */
            scored_on: string;
        };
        SegmentChange: {
            /** Format: date */
            on: string;
            from: string | null;
            to: string;
            r: number;
            f: number;
            m: number;
        };
        StaffCustomer: {
            /** @description The profile's fields (`id`, `email`, `name`, `created_at` and any others it has); never the password hash. */
            profile: {
                [key: string]: unknown;
            };
            stats: components["schemas"]["CustomerStats"];
            rfm: null | components["schemas"]["RfmScores"];
            /** @description The last 12 segment changes, newest first. */
            segment_history: components["schemas"]["SegmentChange"][];
            membership: null | components["schemas"]["Membership"];
            recent_orders: components["schemas"]["OrderSummary"][];
            recent_tickets: components["schemas"]["AdminTicket"][];
        };
        SegmentCounts: {
            /** Format: date */
            scored_on: string | null;
            /** @description Segment -> customers, every segment listed. */
            segments: {
                [key: string]: number;
            };
        };
        SupplierContact: {
            name?: string;
            email?: string;
            phone?: string;
        };
        /** @description A new supplier. */
        SupplierRequest: {
            name: string;
            lead_time_days: number;
            contact?: components["schemas"]["SupplierContact"] | null;
        };
        /** @description A supplier. */
        Supplier: {
            id: string;
            name: string;
            lead_time_days: number;
            contact: {
                [key: string]: string;
            };
            /** Format: date-time */
            created_at: string;
        };
        /** @description Suppliers by id. */
        SupplierPage: {
            items: components["schemas"]["Supplier"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description A line to order. */
        PurchaseOrderLineRequest: {
            sku: string;
            quantity: number;
            /** @description Minor units of the store's currency. */
            unit_cost: number;
        };
        /** @description A draft. */
        PurchaseOrderRequest: {
            supplier_id: string;
            lines: components["schemas"]["PurchaseOrderLineRequest"][];
        };
        /** @description A purchase order. */
        PurchaseOrder: {
            id: string;
            supplier_id: string;
            /** @enum {string} */
            status: "draft" | "ordered" | "partially_received" | "received" | "closed" | "cancelled";
            lines: {
                sku: string;
                quantity: number;
                unit_cost: number;
                received: number;
            }[];
            currency: string;
            /** @description Sum of quantity x unit_cost. */
            total: number;
            receipts: string[];
            alert_id: string | null;
            history: Record<string, never>[];
            created_by: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description Purchase orders in one status, newest first. */
        PurchaseOrderPage: {
            items: components["schemas"]["PurchaseOrder"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description An optional reason. */
        ReasonBody: {
            reason?: string | null;
        };
        /** @description The supplier to order from. */
        FromAlertRequest: {
            supplier_id?: string | null;
        };
        /** @description What arrived of one SKU. */
        ReceiptLineRequest: {
            sku: string;
            quantity: number;
        };
        /** @description A receipt of goods. */
        ReceiptRequest: {
            /** @description Chosen by the client: the same id is the same receipt. */
            receipt_id: string;
            lines: components["schemas"]["ReceiptLineRequest"][];
        };
        /** @description A receipt and the order after it. */
        ReceiptResult: {
            receipt_id: string;
            po_id: string;
            lines: {
                sku: string;
                quantity: number;
            }[];
            actor: string;
            /** Format: date-time */
            at: string;
            replayed: boolean;
            purchase_order: components["schemas"]["PurchaseOrder"];
        };
        /** @description Open alerts' suggestions, most important first. */
        ReplenishmentSuggestions: {
            items: {
                alert_id: string;
                sku: string;
                /** @enum {string|null} */
                abc_class: "A" | "B" | "C" | null;
                available: number;
                suggestion: Record<string, never>;
                /** @description Units sold in the latest `classify_abc` window per unit on hand; `null` when unsold or unclassified. */
                turnover: number | null;
            }[];
        };
        /** @description How many stock shards the SKU uses (1 merges them back). */
        StockShardsRequest: {
            count: number;
        };
        /** @description A SKU's stock over its shards (ADR 0025), read consistently. */
        StockShards: {
            sku: string;
            /** @description The shards checkouts take from; 1 when not sharded. */
            stock_shards: number;
            /** @description Summed over the SKU item and every shard item. */
            on_hand: number;
            reserved: number;
            available: number;
            /** @description Each shard's available, shard 0 (the SKU item) first; empty when not sharded. */
            shards: {
                shard: number;
                available: number;
            }[];
        };
        /** @description A SKU's safety policy. */
        SafetyPolicyRequest: {
            /** @enum {string} */
            mode: "fixed" | "days_of_sales";
            /** @default 3 */
            days?: number;
            /** @default 0 */
            floor?: number;
            supplier_id?: string | null;
        };
        /** @description A SKU's safety policy and the last recompute's figures. */
        SkuPlan: {
            sku: string;
            /** @description The policy. */
            safety_policy: {
                /** @enum {string} */
                mode: "fixed" | "days_of_sales";
                days: number;
                floor: number;
                supplier_id: string | null;
            };
            average_daily_sales: number | null;
            lead_time_days: number | null;
            safety_stock: number | null;
            /** @description Lead-time demand + safety stock: stock alerts are raised at or below it. */
            reorder_point: number | null;
            /** Format: date */
            computed_on: string | null;
        };
        /** @description One method's forecast and error. */
        ForecastMethod: {
            /** @enum {string} */
            method: "moving_average" | "exponential_smoothing";
            next_week: number;
            mae: number | null;
            mape: number | null;
        };
        /** @description A SKU's demand forecast. */
        Forecast: {
            sku: string;
            weeks: {
                /** Format: date */
                from: string;
                units: number;
            }[];
            /** @enum {string} */
            method: "moving_average" | "exponential_smoothing";
            next_week: number;
            daily: number;
            /** @description The chosen method's error. */
            error: {
                mae: number | null;
                mape: number | null;
                weeks: number;
            };
            methods: components["schemas"]["ForecastMethod"][];
        };
        /** @description Chosen SKUs or an ABC class, one of them. */
        CountSheetRequest: {
            skus?: string[] | null;
            /** @enum {string|null} */
            abc_class?: "A" | "B" | "C" | null;
        };
        /** @description A counted quantity. */
        CountedLine: {
            sku: string;
            counted: number;
        };
        /** @description The counted quantities. */
        CountResultsRequest: {
            lines: components["schemas"]["CountedLine"][];
        };
        /** @description Variance of counted lines. */
        CountVariance: {
            expected_units: number;
            absolute_units: number;
            net_units: number;
            /** @description absolute_units / expected_units x 100 (100 when none were expected but some found). */
            pct: number;
            /** @description pct at most 1. */
            within_target: boolean;
        };
        /** @description A cycle count sheet. */
        CountSheet: {
            id: string;
            /** @enum {string} */
            status: "open" | "counting" | "submitted";
            abc_class: string | null;
            /** Format: date */
            business_date: string | null;
            lines: {
                sku: string;
                expected: number | null;
                counted: number | null;
                variance: number | null;
                variance_pct: number | null;
                adjusted: number;
                error: string | null;
            }[];
            variance: components["schemas"]["CountVariance"];
            created_by: string;
            /** Format: date-time */
            created_at: string;
            submitted_by: string | null;
            /** Format: date-time */
            submitted_at: string | null;
        };
        /** @description Count sheets, newest first. */
        CountSheetPage: {
            items: components["schemas"]["CountSheet"][];
            /** @description Pass unchanged as `cursor` for the next page; `null` on the last page. */
            next_cursor: string | null;
        };
        /** @description Count variance against the target. */
        CountReport: {
            target_pct: number;
            sheets: number;
            overall: components["schemas"]["CountVariance"];
            by_class: {
                [key: string]: components["schemas"]["CountVariance"];
            };
        };
        /** @description The sold-out SKU. */
        NotifyMeRequest: {
            sku: string;
        };
        /** @description A back-in-stock request. */
        NotifyMeSubscription: {
            id: string;
            product_id: string;
            sku: string;
            /** Format: date-time */
            created_at: string;
        };
    };
    responses: {
        /** @description An error, as RFC 9457 problem details. Match on `code`. */
        Problem: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The storefront's pseudonymous visitor id (as in `POST /events`), kept on the cart once set; A/B price variants are assigned by it. */
        VisitorId: string;
        /** @description An experiment id (`exp_...`). */
        ExperimentId: string;
        /** @description A supplier id (`sup_...`). */
        SupplierId: string;
        /** @description A purchase order id (`po_...`). */
        PoId: string;
        /** @description A count sheet id (`cnt_...`). */
        SheetId: string;
        /** @description A customer id (`cus_...`). */
        CustomerId: string;
        /** @description A review id (`rev_...`). */
        ReviewId: string;
        /**
         * @description A ticket id (`tkt_...`).
         * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
         */
        TicketId: string;
        /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
        Limit: number;
        /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
        Cursor: string;
        /** @description The product's `ETag` (`W/"<version>"`; the strong form `"<version>"` is accepted too), several comma-separated, or `*` (any version of the existing product). The edit applies only while the product is at one of them, checked atomically with the write; otherwise 412 `precondition_failed`. A value that is not such a tag matches nothing. */
        IfMatch: string;
        /** @description 1 to 255 ASCII characters (trimmed), one per intended operation. Missing, blank, too long or not ASCII: 400 `idempotency_key_required`. Same key and body: the first success replayed with `Idempotent-Replayed: true` (kept 24 h); another body: 422 `idempotency_key_reused`; the first still running: 409 `idempotency_key_in_use`. Failures are not stored. */
        IdempotencyKey: string;
        /** @description The guest cart's token (`ct_...`, from `POST /carts`). Needed for a guest cart; plays no part for a customer's cart. A missing or wrong token is 404. */
        CartToken: string;
        /** @description `t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed with `COMMERCE_STRIPE_WEBHOOK_SECRET`; several `v1` accepted; `t` within 300 s of the server's clock. Otherwise 400 `invalid_signature`. */
        StripeSignature: string;
        /** @description Unix time in seconds (ASCII digits), within 300 s of the server's clock. */
        LogisticsTimestamp: string;
        /** @description Lower-case hex HMAC-SHA256 of `<timestamp>.<raw body>`, keyed with `COMMERCE_LOGISTICS_WEBHOOK_SECRET`. */
        LogisticsSignature: string;
        /** @description A media id (`media_...`). */
        MediaId: string;
        /** @description A content slot's name (lower-case letters, digits, `-` and `_`). */
        Slot: string;
        /**
         * @description A product id (`prod_...`).
         * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
         */
        ProductId: string;
        /**
         * @description A cart id (`cart_...`).
         * @example cart_01M80P0D869Y9FFF6NQM26Z14P
         */
        CartId: string;
        /**
         * @description A SKU code.
         * @example RUN-1-42
         */
        Sku: string;
        /** @description A coupon grant job id (`grant_...`). */
        GrantId: string;
        /**
         * @description A coupon code, matched case-insensitively.
         * @example WELCOME10
         */
        CouponCode: string;
        /**
         * @description An order id (`ord_...`).
         * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
         */
        OrderId: string;
        /**
         * @description An after-sale request id (`as_...`).
         * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
         */
        AfterSaleId: string;
        /** @description A promotion id (`promo_...`). */
        PromotionId: string;
        /** @description A stock alert id (`alert_...`). */
        AlertId: string;
        /** @description A campaign id (`cmp_...`). */
        CampaignId: string;
        /** @description An exception id (`exc_<order ULID>_<kind>`). */
        ExceptionId: string;
        /** @description An address of the customer's book (`addr_...`). */
        AddressId: string;
        /** @description A staff API key id (`key_...`). */
        KeyId: string;
        /**
         * @description A business date, `YYYY-MM-DD` (read with Python's `date.fromisoformat`, which also takes other ISO 8601 date forms such as `20261122`), in the years 1970 to 9999. Not a date: 400 `validation_error`, field `date`, code `invalid_date`.
         * @example 2026-11-22
         */
        Day: string;
        /** @description The job. An unknown name is 404 `not_found`. */
        JobName: "publish_scheduled_listings" | "refresh_sales_ranks" | "release_unpaid_orders" | "retry_refunds" | "requeue_fulfillment" | "relay_outbox" | "auto_complete_orders" | "scan_slas" | "classify_abc" | "renew_memberships" | "settle" | "after_sale_deadlines" | "scan_ticket_slas" | "score_rfm" | "birthday_coupons" | "loyalty_coupons" | "compute_dsr" | "recompute_safety_stock" | "schedule_cycle_counts" | "aggregate_kpis" | "flag_product_health" | "rebalance_stock_shards" | "close_unpaid_balances";
    };
    requestBodies: never;
    headers: {
        /** @description The caller's `X-Request-Id` (first 64 characters) if sent, else a new 32-hex-digit id. */
        "X-Request-Id": string;
        /** @description `true` on a replayed response (same `Idempotency-Key`, same body). */
        "Idempotent-Replayed": "true";
        /** @description The new resource. */
        Location: string;
        /** @description The product's version as a weak entity tag, `W/"<version>"`: it changes with every edit of the product (PATCH, list, delist, a scheduled listing), not with stock or sales. Send it back in `If-Match`. */
        ETag: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every dependency is up. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description A dependency is down. The body is `application/json` (not a problem document) and names it. */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description Seconds before probing again (`5`). */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getOpenApiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description `public, max-age=300`. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        openapi: "3.1.0";
                    };
                };
            };
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getOpenApiYaml: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description `public, max-age=300`. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": {
                        /** @constant */
                        openapi: "3.1.0";
                    };
                };
            };
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reference page. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description `public, max-age=300`. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getDocsAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A file of the reference page; only `redoc.standalone.js` exists. */
                asset: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description `public, max-age=300`. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
            /** @description `not_found`: no such asset. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description The new customer, signed in. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description `validation_error` (see the field rules; `password` `invalid_length` outside 8..128), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `email_taken`: an account with this (normalised) e-mail exists. */
            409: components["responses"]["Problem"];
            /** @description `rate_limited`: `COMMERCE_SIGNUPS_PER_IP` (50) valid registrations from this source address in the window (`COMMERCE_LOGIN_WINDOW_MINUTES`, 15); nothing is stored. `Retry-After`: seconds until one more is allowed. */
            429: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description `validation_error`: the body's shape; `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `invalid_credentials`: unknown e-mail or wrong password. */
            401: components["responses"]["Problem"];
            /** @description `rate_limited`: `COMMERCE_LOGIN_FAILURES_PER_EMAIL` (5) failed sign-ins for this e-mail, or `COMMERCE_LOGIN_FAILURES_PER_IP` (50) from this source address, in the window (`COMMERCE_LOGIN_WINDOW_MINUTES`, 15). The password is not checked (the right one is refused too), and the answer is the same whether the e-mail has an account. `Retry-After`: seconds until one more attempt is allowed. */
            429: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` (also once the account is erased) or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: the token's customer no longer exists. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    eraseMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Erased; empty body. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` (also once the account is erased) or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProfileRequest"];
            };
        };
        responses: {
            /** @description The profile as changed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description `validation_error` (`phone` not E.164 or a Chinese mobile number: `invalid_format`; `birthday` outside 1900-01-01 to today: `invalid_range`; `name` blank; an unknown field: `unknown_field`), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` (also once the account is erased) or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: the token's customer no longer exists. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    exportMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonalDataExport"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` (also once the account is erased) or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: the token's customer no longer exists. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listMyAddresses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The address book. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddressBook"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    addMyAddress: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SavedAddressRequest"];
            };
        };
        responses: {
            /** @description The address. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedAddress"];
                };
            };
            /** @description `validation_error` (bounds as on a cart's shipping address), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: the token's customer no longer exists. */
            404: components["responses"]["Problem"];
            /** @description `address_book_full`: the book holds 20 addresses already; `concurrent_update`: it kept changing meanwhile. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    deleteMyAddress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An address of the customer's book (`addr_...`). */
                address_id: components["parameters"]["AddressId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; empty body. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such address in this customer's book (another customer's address too). */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the book kept changing meanwhile. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    updateMyAddress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An address of the customer's book (`addr_...`). */
                address_id: components["parameters"]["AddressId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SavedAddressPatch"];
            };
        };
        responses: {
            /** @description The address as changed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedAddress"];
                };
            };
            /** @description `validation_error`, `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such address in this customer's book (another customer's address too). */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the book kept changing meanwhile. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getLiveContentSlot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A content slot's name (lower-case letters, digits, `-` and `_`). */
                slot: components["parameters"]["Slot"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The live items. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description `public, max-age=N`. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContentSlot"];
                };
            };
            /** @description `not_found`: a name outside the slot pattern. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tree. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryTree"];
                };
            };
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listProducts: {
        parameters: {
            query?: {
                /** @description `newest` (creation order, newest first), `price_asc` / `price_desc` (cheapest SKU's price), `sales` (descending), `relevance` (with `q`: tokens matched, then title matches, then sales; without a keyword, `newest`). Default: `relevance` with `q`, else `newest`. With `q` and a sort other than `relevance`, only products matching every token are listed. */
                sort?: "relevance" | "newest" | "price_asc" | "price_desc" | "sales";
                /** @description Only products in this category or any of its descendants. An unknown id gives an empty list. */
                category_id?: string;
                /** @description Keyword: cut to 100 characters; its first 5 search tokens are looked up in the index of titles, attribute values, category names and SKU codes (not descriptions). A `q` without tokens (punctuation only, a single Latin letter) browses as if absent. */
                q?: string;
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of product summaries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductPage"];
                };
            };
            /** @description `validation_error` (`sort` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getProduct: {
        parameters: {
            query?: {
                /** @description The storefront's pseudonymous visitor id (as in `POST /events`); assigns the A/B variant. */
                visitor_id?: string;
            };
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description `validation_error`: `visitor_id` is not 8 to 64 letters, digits, `_` or `-`. */
            400: components["responses"]["Problem"];
            /** @description `invalid_token` / `token_expired`: an `Authorization` header was sent and is not a valid customer token. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such product, or it is not visible. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createCart: {
        parameters: {
            query?: never;
            header?: {
                /** @description The storefront's pseudonymous visitor id (as in `POST /events`), kept on the cart once set; A/B price variants are assigned by it. */
                "X-Visitor-Id"?: components["parameters"]["VisitorId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The customer's existing active cart, priced. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description A new cart, priced (with `token` for a guest cart). */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `validation_error` / `read_only_field`: a body with fields. */
            400: components["responses"]["Problem"];
            /** @description `invalid_token` / `token_expired`: an `Authorization` header that is not a valid customer token. */
            401: components["responses"]["Problem"];
            /** @description `active_cart_exists`: a lost race for the customer's cart whose winner could not be read back (not expected). */
            409: components["responses"]["Problem"];
            /** @description `rate_limited` (guest carts only): `COMMERCE_SIGNUPS_PER_IP` (50) guest carts from this source address in the window (`COMMERCE_LOGIN_WINDOW_MINUTES`, 15). `Retry-After`: seconds until one more is allowed. */
            429: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getCart: {
        parameters: {
            query?: never;
            header?: {
                /** @description The guest cart's token (`ct_...`, from `POST /carts`). Needed for a guest cart; plays no part for a customer's cart. A missing or wrong token is 404. */
                "X-Cart-Token"?: components["parameters"]["CartToken"];
            };
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The priced cart. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `invalid_token` / `token_expired`: an `Authorization` header was sent and is not a valid customer token (even when the `X-Cart-Token` is good). */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such cart, not the caller's, no or wrong `X-Cart-Token`, expired (guest carts: 7 days after the last change), merged or checked out. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    addCartItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description The guest cart's token (`ct_...`, from `POST /carts`). Needed for a guest cart; plays no part for a customer's cart. A missing or wrong token is 404. */
                "X-Cart-Token"?: components["parameters"]["CartToken"];
                /** @description The storefront's pseudonymous visitor id (as in `POST /events`), kept on the cart once set; A/B price variants are assigned by it. */
                "X-Visitor-Id"?: components["parameters"]["VisitorId"];
            };
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CartItemRequest"];
            };
        };
        responses: {
            /** @description The priced cart. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `validation_error` (`quantity` `out_of_range`, also when the summed line would exceed 99; `sku` `too_many_lines` for a 41st SKU) or `read_only_field` (a price in the body). */
            400: components["responses"]["Problem"];
            /** @description `invalid_token` / `token_expired`: an `Authorization` header was sent and is not a valid customer token (even when the `X-Cart-Token` is good). */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such cart, not the caller's, no or wrong `X-Cart-Token`, expired (guest carts: 7 days after the last change), merged or checked out. Also: no SKU with this code. */
            404: components["responses"]["Problem"];
            /** @description `not_available` (the product is not visible; `skus`), `out_of_stock` (more than `available`; `skus`, `available`) or `concurrent_update`: the cart kept changing under this request (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    removeCartItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description The guest cart's token (`ct_...`, from `POST /carts`). Needed for a guest cart; plays no part for a customer's cart. A missing or wrong token is 404. */
                "X-Cart-Token"?: components["parameters"]["CartToken"];
            };
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The priced cart. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `invalid_token` / `token_expired`: an `Authorization` header was sent and is not a valid customer token (even when the `X-Cart-Token` is good). */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such cart, not the caller's, no or wrong `X-Cart-Token`, expired (guest carts: 7 days after the last change), merged or checked out. Also: the SKU is not in the cart. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the cart kept changing under this request (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    setCartItemQuantity: {
        parameters: {
            query?: never;
            header?: {
                /** @description The guest cart's token (`ct_...`, from `POST /carts`). Needed for a guest cart; plays no part for a customer's cart. A missing or wrong token is 404. */
                "X-Cart-Token"?: components["parameters"]["CartToken"];
            };
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuantityRequest"];
            };
        };
        responses: {
            /** @description The priced cart. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `validation_error` / `read_only_field`: shape; a price in the body. */
            400: components["responses"]["Problem"];
            /** @description `invalid_token` / `token_expired`: an `Authorization` header was sent and is not a valid customer token (even when the `X-Cart-Token` is good). */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such cart, not the caller's, no or wrong `X-Cart-Token`, expired (guest carts: 7 days after the last change), merged or checked out. Also: the SKU is not in the cart. */
            404: components["responses"]["Problem"];
            /** @description `not_available` (`skus`), `out_of_stock` (`skus`, `available`) or `concurrent_update`: the cart kept changing under this request (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    applyCoupon: {
        parameters: {
            query?: never;
            header?: {
                /** @description The guest cart's token (`ct_...`, from `POST /carts`). Needed for a guest cart; plays no part for a customer's cart. A missing or wrong token is 404. */
                "X-Cart-Token"?: components["parameters"]["CartToken"];
            };
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CouponCodeRequest"];
            };
        };
        responses: {
            /** @description The priced cart, with `coupon.applied: true`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `validation_error`: `code` missing or not matching the pattern. */
            400: components["responses"]["Problem"];
            /** @description `invalid_token` / `token_expired`: an `Authorization` header was sent and is not a valid customer token (even when the `X-Cart-Token` is good). */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such cart, not the caller's, no or wrong `X-Cart-Token`, expired (guest carts: 7 days after the last change), merged or checked out. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the cart kept changing under this request (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description `coupon_invalid`: the coupon cannot be used on this cart now; `reason`. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    removeCoupon: {
        parameters: {
            query?: never;
            header?: {
                /** @description The guest cart's token (`ct_...`, from `POST /carts`). Needed for a guest cart; plays no part for a customer's cart. A missing or wrong token is 404. */
                "X-Cart-Token"?: components["parameters"]["CartToken"];
            };
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The priced cart, with `coupon: null`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `invalid_token` / `token_expired`: an `Authorization` header was sent and is not a valid customer token (even when the `X-Cart-Token` is good). */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such cart, not the caller's, no or wrong `X-Cart-Token`, expired (guest carts: 7 days after the last change), merged or checked out. Also: `code` is not the cart's coupon. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the cart kept changing under this request (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    setShippingAddress: {
        parameters: {
            query?: never;
            header?: {
                /** @description The guest cart's token (`ct_...`, from `POST /carts`). Needed for a guest cart; plays no part for a customer's cart. A missing or wrong token is 404. */
                "X-Cart-Token"?: components["parameters"]["CartToken"];
            };
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddressInput"];
            };
        };
        responses: {
            /** @description The priced cart, with `shipping_details.estimated: false`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `validation_error`: shape; a blank `name`, `province`, `city` or `line1` (`invalid_value`). */
            400: components["responses"]["Problem"];
            /** @description `invalid_token` / `token_expired`: an `Authorization` header was sent and is not a valid customer token (even when the `X-Cart-Token` is good). */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such cart, not the caller's, no or wrong `X-Cart-Token`, expired (guest carts: 7 days after the last change), merged or checked out. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the cart kept changing under this request (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    mergeCart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A cart id (`cart_...`).
                 * @example cart_01M80P0D869Y9FFF6NQM26Z14P
                 */
                cart_id: components["parameters"]["CartId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeRequest"];
            };
        };
        responses: {
            /** @description The customer's priced cart. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description `validation_error`: shape; `guest_cart_id` `same_cart`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: `{cart_id}` is not the caller's active cart; the guest cart does not exist, the token is wrong, it expired, was merged already, or belongs to a customer. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the cart kept changing under this request (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    checkout: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1 to 255 ASCII characters (trimmed), one per intended operation. Missing, blank, too long or not ASCII: 400 `idempotency_key_required`. Same key and body: the first success replayed with `Idempotent-Replayed: true` (kept 24 h); another body: 422 `idempotency_key_reused`; the first still running: 409 `idempotency_key_in_use`. Failures are not stored. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckoutRequest"];
            };
        };
        responses: {
            /** @description The order placed (or found again), and its payment. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutResult"];
                };
            };
            /** @description `validation_error` / `read_only_field` / `malformed_json` (the body); `idempotency_key_required`; `cart_empty` (`errors[0].field` `cart_id`); `shipping_address_required` (`errors[0].field` `shipping_address`); `cart_too_large` (more than 100 writes in one transaction). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: not the caller's cart (including a guest cart), unknown, merged. */
            404: components["responses"]["Problem"];
            /** @description `not_available` (`skus`), `out_of_stock` (`skus`; nothing reserved), `flash_sale_unavailable`, `cart_checked_out` (the cart kept changing during 4 attempts), `concurrent_update`, `promotion_exhausted` (a promotion's budget or first_n units ran out between pricing and placing in each of 4 attempts; each attempt prices the cart again without what ran out), `idempotency_key_in_use`. */
            409: components["responses"]["Problem"];
            /** @description `coupon_invalid` (`reason`; a presale line takes no coupon: `not_applicable`), `wallet_coupon_unavailable` (`wallet_coupon_id` names no usable coupon of the wallet), `presale_mixed_cart` (a presale SKU with anything else in the cart: one presale line per order) or `idempotency_key_reused`. */
            422: components["responses"]["Problem"];
            /** @description `payment_provider_unavailable`: Stripe unreachable after the order was placed (the order stays placed; retry with the same key; `Retry-After: 2`), or `service_unavailable` (nothing placed; `Retry-After`). */
            503: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of order summaries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSummaryPage"];
                };
            };
            /** @description `validation_error` (`limit` `out_of_range` / `invalid_type`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such order, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    payOrderBalance: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1 to 255 ASCII characters (trimmed), one per intended operation. Missing, blank, too long or not ASCII: 400 `idempotency_key_required`. Same key and body: the first success replayed with `Idempotent-Replayed: true` (kept 24 h); another body: 422 `idempotency_key_reused`; the first still running: 409 `idempotency_key_in_use`. Failures are not stored. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The order and the balance's payment. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutResult"];
                };
            };
            /** @description `validation_error` / `malformed_json` (the body); `idempotency_key_required`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such order, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description `balance_not_due` (not a presale order awaiting its balance: `current_status`), `balance_window_not_open`, `balance_window_closed`, `concurrent_update`, `idempotency_key_in_use`. */
            409: components["responses"]["Problem"];
            /** @description `idempotency_key_reused`. */
            422: components["responses"]["Problem"];
            /** @description `payment_provider_unavailable`: Stripe unreachable (nothing recorded; retry with the same key). */
            503: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The order, `cancelled`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description `read_only_field` / `validation_error`: a body with fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `payment_in_progress` (pending, and Stripe already took or is taking the payment), `invalid_transition` (with `current_status`: `fulfilling` and later, `completed`, `cancelled`) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description `payment_provider_unavailable`: pending, and Stripe could not be reached to cancel the intent. */
            503: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    confirmReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The order, `completed`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description `read_only_field` / `validation_error`: a body with fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition`: not `shipped` or `delivered`; `current_status`. Also `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plans. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanList"];
                };
            };
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createPlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanRequest"];
            };
        };
        responses: {
            /** @description The plan. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plan"];
                };
            };
            /** @description `validation_error` (`period` `invalid_choice`, `benefits.percent_off` `out_of_range`, `price.currency` `currency_mismatch`, `price.amount` below 100 `out_of_range`, ...), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `membership:manage`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getMembership: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The membership. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Membership"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: the customer never bought one. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    purchaseMembership: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1 to 255 ASCII characters (trimmed), one per intended operation. Missing, blank, too long or not ASCII: 400 `idempotency_key_required`. Same key and body: the first success replayed with `Idempotent-Replayed: true` (kept 24 h); another body: 422 `idempotency_key_reused`; the first still running: 409 `idempotency_key_in_use`. Failures are not stored. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembershipPurchaseRequest"];
            };
        };
        responses: {
            /** @description The pending membership and its payment. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MembershipPurchase"];
                };
            };
            /** @description `validation_error` / `read_only_field` / `malformed_json` (the body; `payment_method_id` `invalid_format`, ...) or `idempotency_key_required`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `payment_failed`: Stripe would not attach the payment method (`detail` is Stripe's message). */
            402: components["responses"]["Problem"];
            /** @description `not_found`: no such plan. */
            404: components["responses"]["Problem"];
            /** @description `membership_active` (a member now), `membership_pending` (the pending intent could not be cancelled: Stripe reports it `succeeded` or `processing`), `concurrent_update`, `idempotency_key_in_use`. */
            409: components["responses"]["Problem"];
            /** @description `idempotency_key_reused`. */
            422: components["responses"]["Problem"];
            /** @description `payment_provider_unavailable`: nothing stored; retry with the same key (`Retry-After: 2`). */
            503: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    enableAutoRenew: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The membership. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Membership"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no membership. */
            404: components["responses"]["Problem"];
            /** @description `membership_expired` (a change to an expired membership) or `concurrent_update` (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    disableAutoRenew: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The membership. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Membership"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no membership. */
            404: components["responses"]["Problem"];
            /** @description `membership_expired` (a change to an expired membership) or `concurrent_update` (3 attempts). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    stripeWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description `t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` keyed with `COMMERCE_STRIPE_WEBHOOK_SECRET`; several `v1` accepted; `t` within 300 s of the server's clock. Otherwise 400 `invalid_signature`. */
                "Stripe-Signature": components["parameters"]["StripeSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StripeEvent"];
            };
        };
        responses: {
            /** @description The event was handled, ignored (also a signed event of a shape the API cannot read, nothing of it applied) or seen before. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StripeWebhookAck"];
                };
            };
            /** @description `invalid_signature` (missing or malformed header, wrong signature, timestamp more than 300 s off; nothing recorded) or `validation_error` (`(body)` `invalid_event`: not a JSON object with string `id` and `type`). */
            400: components["responses"]["Problem"];
            /** @description `concurrent_update`: the order or membership kept changing. */
            409: components["responses"]["Problem"];
            /** @description `payment_provider_unavailable` (a membership double payment could not be refunded) or `service_unavailable`. */
            503: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    logisticsWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Unix time in seconds (ASCII digits), within 300 s of the server's clock. */
                "X-Logistics-Timestamp": components["parameters"]["LogisticsTimestamp"];
                /** @description Lower-case hex HMAC-SHA256 of `<timestamp>.<raw body>`, keyed with `COMMERCE_LOGISTICS_WEBHOOK_SECRET`. */
                "X-Logistics-Signature": components["parameters"]["LogisticsSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrackingUpdate"];
            };
        };
        responses: {
            /** @description The update was applied (or was a duplicate). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogisticsWebhookAck"];
                };
            };
            /** @description `invalid_signature` (nothing recorded), or `validation_error` / `malformed_json` (the body, after a valid signature), `invalid_date` (a time outside 1970-9999 UTC). */
            400: components["responses"]["Problem"];
            /** @description `unknown_tracking`: no shipment has this `carrier` and `tracking_number` (yet); nothing recorded. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the order kept changing during 4 attempts. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getSearchSynonyms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The synonym set. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Synonyms"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `search:synonyms`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    putSearchSynonyms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Synonyms"];
            };
        };
        responses: {
            /** @description The synonym set as stored. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Synonyms"];
                };
            };
            /** @description `validation_error` (more than 500 groups, a group of fewer than 2 or more than 10 terms, a term blank or over 50 characters), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `search:synonyms`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createCategory: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CategoryRequest"];
            };
        };
        responses: {
            /** @description The category. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Category"];
                };
            };
            /** @description `validation_error` (shape; `parent_id` `not_found` or `too_deep`), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:write`. */
            403: components["responses"]["Problem"];
            /** @description `slug_taken`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listAdminProducts: {
        parameters: {
            query?: {
                /** @description A product's handle (as sent at creation). One that no product has, or that is not a valid handle, finds nothing. */
                handle?: string;
                /** @description Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "listed" | "draft" | "delisted";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of products. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProductPage"];
                };
            };
            /** @description `validation_error` (`status` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductCreateRequest"];
            };
        };
        responses: {
            /** @description The staff product view. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProduct"];
                };
            };
            /** @description `validation_error` (shape; `category_id` `not_found`; `skus.N.code` `duplicate`; `currency_mismatch`; `above_price`; `before_list_at`; `requires_listed`), `read_only_field`, `malformed_json`, `invalid_date` (a time outside 1970-9999 UTC). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:write`. */
            403: components["responses"]["Problem"];
            /** @description `sku_code_taken`: some codes are used by another product; `skus` names them. `handle_taken`: another product has this `handle` (named in `handle`). Nothing is written. */
            409: components["responses"]["Problem"];
            /** @description `listing_incomplete` (created `listed` but incomplete: `errors` name the missing parts) or `margin_too_low` (`skus` name each price under `min_margin_percent`). An `override_margin` from a non-admin key is 403 `forbidden`. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getAdminProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProduct"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description The product's `ETag` (`W/"<version>"`; the strong form `"<version>"` is accepted too), several comma-separated, or `*` (any version of the existing product). The edit applies only while the product is at one of them, checked atomically with the write; otherwise 412 `precondition_failed`. A value that is not such a tag matches nothing. */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProductPatchRequest"];
            };
        };
        responses: {
            /** @description The staff product view. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProduct"];
                };
            };
            /** @description `read_only_field` (`status`, `version`, `sales`, ...; `skus.N.stock` for an existing SKU) or `validation_error` (shape; `category_id` `not_found`; `skus.N.code` `duplicate`; `skus` `too_many`; new SKU `price` / `weight_grams` `required`; `currency_mismatch`; `above_price`; `before_list_at`). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `sku_code_taken` (a new SKU's code is used elsewhere) or `concurrent_update` (without `If-Match` or with `If-Match: *`: another edit landed between this one's read and write). */
            409: components["responses"]["Problem"];
            /** @description `precondition_failed`: `If-Match` names no version the product is at (it was edited since, or the header holds no product entity tag). Nothing was written; read the product again and retry with its `ETag`. */
            412: components["responses"]["Problem"];
            /** @description `margin_too_low`: a SKU priced anew leaves less than `min_margin_percent` (`skus` name them); an admin may pass `override_margin`. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ScheduleRequest"];
            };
        };
        responses: {
            /** @description The staff product view. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProduct"];
                };
            };
            /** @description `validation_error`: `at` is not a time with a zone; `invalid_date` (a time outside 1970-9999 UTC). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (already listed and visible, and no `at`) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description `listing_incomplete`: `errors` name what is missing (description, main image, SKU prices, category). */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    delistProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DelistRequest"];
            };
        };
        responses: {
            /** @description The staff product view. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminProduct"];
                };
            };
            /** @description `validation_error`: `reason` `required` (or not one of the reasons), `note` `required` for `other`; `at` is not a time with a zone; `delist_at` `before_list_at`; `invalid_date` (a time outside 1970-9999 UTC). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (the product is not `listed`) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getProductHistory: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of history entries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductHistoryPage"];
                };
            };
            /** @description `validation_error` (bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such product. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    startMediaUpload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MediaUploadRequest"];
            };
        };
        responses: {
            /** @description The pending media and where to upload it. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description The new media's address. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaUpload"];
                };
            };
            /** @description `validation_error` (shape). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:write`. */
            403: components["responses"]["Problem"];
            /** @description `media_spec`: the kind, content type or size is off the specification (`errors` list each). */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getMedia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A media id (`media_...`). */
                media_id: components["parameters"]["MediaId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The media. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Media"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    completeMediaUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A media id (`media_...`). */
                media_id: components["parameters"]["MediaId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The media, ready. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Media"];
                };
            };
            /** @description `validation_error` (a body with fields). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition`: nothing was uploaded yet. */
            409: components["responses"]["Problem"];
            /** @description `media_spec`: `errors` list what failed; the media is `rejected`. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getContentSlot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A content slot's name (lower-case letters, digits, `-` and `_`). */
                slot: components["parameters"]["Slot"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The slot. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContentSlot"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: the slot was never set (or a name outside the slot pattern). */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    putContentSlot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A content slot's name (lower-case letters, digits, `-` and `_`). */
                slot: components["parameters"]["Slot"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SlotRequest"];
            };
        };
        responses: {
            /** @description The slot as stored, all its items. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContentSlot"];
                };
            };
            /** @description `validation_error`: `items.N.image` `one_of` (exactly one of `image` and `media_id`), `items.N.ends_at` `before_starts_at`, `items.N.media_id` `not_ready`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: a name outside the slot pattern. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: another replacement came first; retry. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getInventory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stock level. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InventoryLevel"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `inventory:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no SKU with this code. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    adjustInventory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdjustmentRequest"];
            };
        };
        responses: {
            /** @description The stock after the change, with the ledger entry. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InventoryAdjustment"];
                };
            };
            /** @description `validation_error` (shape; `delta` `zero`; `reason` `invalid_choice`), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `inventory:adjust`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no SKU with this code. */
            404: components["responses"]["Problem"];
            /** @description `insufficient_stock` (a removal larger than `available`; adds `sku` and `available`) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getLedger: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of ledger entries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerPage"];
                };
            };
            /** @description `validation_error` (`limit` `out_of_range` / `invalid_type`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `inventory:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no SKU with this code. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listPromotions: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of promotions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromotionPage"];
                };
            };
            /** @description `validation_error` (`limit` `out_of_range` / `invalid_type`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createPromotion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromotionCreateRequest"];
            };
        };
        responses: {
            /** @description The promotion. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Promotion"];
                };
            };
            /** @description `validation_error` (shape; `name` `required`; `before_starts_at`; a type's field `required` / `not_applicable`; `out_of_range`; `not_increasing`; `sku` `not_found`; `price` `not_a_discount`; `currency_mismatch`), `read_only_field`, `malformed_json`, `invalid_date` (a time outside 1970-9999 UTC). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:write`. */
            403: components["responses"]["Problem"];
            /** @description `margin_too_low`: the promotion takes a SKU of its scope under the minimum margin (`skus` name them); an admin may pass `override_margin` (from any other key: 403 `forbidden`). */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getPromotion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A promotion id (`promo_...`). */
                promotion_id: components["parameters"]["PromotionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The promotion. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Promotion"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    updatePromotion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A promotion id (`promo_...`). */
                promotion_id: components["parameters"]["PromotionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PromotionPatchRequest"];
            };
        };
        responses: {
            /** @description The promotion. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Promotion"];
                };
            };
            /** @description `validation_error` (as for create; `sku` `unknown_field`; `type` `immutable`), `read_only_field`, `malformed_json`, `invalid_date` (a time outside 1970-9999 UTC). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition`: the promotion has ended. */
            409: components["responses"]["Problem"];
            /** @description `margin_too_low`: a changed price, percent, SKU or scope takes a SKU under the minimum margin. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    endPromotion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A promotion id (`promo_...`). */
                promotion_id: components["parameters"]["PromotionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The promotion, `state: ended`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Promotion"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition`: it has ended already. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getPromotionReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A promotion id (`promo_...`). */
                promotion_id: components["parameters"]["PromotionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PromotionReport"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listCoupons: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of coupons. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouponPage"];
                };
            };
            /** @description `validation_error` (`limit` `out_of_range` / `invalid_type`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CouponCreateRequest"];
            };
        };
        responses: {
            /** @description The coupon. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Coupon"];
                };
            };
            /** @description `validation_error` (shape; `amount_off` `one_of` / `out_of_range`; `percent_off`, `usage_limit`, `per_customer_limit` `out_of_range`; `max_discount` `not_applicable`; `ends_at` `before_starts_at`; `currency_mismatch`; `claim_limit` `required` / `not_applicable` / `out_of_range`), `read_only_field`, `malformed_json`, `invalid_date` (a time outside 1970-9999 UTC). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:write`. */
            403: components["responses"]["Problem"];
            /** @description `coupon_code_taken`: a coupon with this code (in any case) exists. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The coupon. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Coupon"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    updateCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CouponPatchRequest"];
            };
        };
        responses: {
            /** @description The coupon. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Coupon"];
                };
            };
            /** @description `validation_error` (shape; `budget` `out_of_range` / `currency_mismatch`; `owner` `required`), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getCouponReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouponReport"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    grantCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CouponGrantRequest"];
            };
        };
        responses: {
            /** @description The grant job, `running` (or `done` when nobody was targeted). */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouponGrantJob"];
                };
            };
            /** @description `validation_error` (`customer_ids` `required` when neither `customer_ids` nor `segment` is given; more than 500 ids; an unknown `segment`; `segment` `too_many_customers`), `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such coupon (a compensation's coupon cannot be granted). */
            404: components["responses"]["Problem"];
            /** @description `coupon_expired`: the coupon has ended. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getCouponGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
                /** @description A coupon grant job id (`grant_...`). */
                grant_id: components["parameters"]["GrantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The grant job. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouponGrantJob"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such grant of this coupon. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listShippingTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The templates. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShippingTemplateList"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createShippingTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShippingTemplateRequest"];
            };
        };
        responses: {
            /** @description The template. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShippingTemplate"];
                };
            };
            /** @description `validation_error` (shape; blank `name` `invalid_value`; `regions.N.provinces` `duplicate`; `currency_mismatch`), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `promotions:write`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listAdminOrders: {
        parameters: {
            query?: {
                /** @description Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "pending_payment" | "deposit_pending" | "balance_due" | "paid" | "under_review" | "fulfilling" | "shipped" | "delivered" | "completed" | "cancelled";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of order summaries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSummaryPage"];
                };
            };
            /** @description `validation_error` (`status` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `orders:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getAdminOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `orders:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    approveOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description `validation_error` / `read_only_field`: a body with fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `orders:review`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not `under_review`) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    rejectOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReasonRequest"];
            };
        };
        responses: {
            /** @description The order, `cancelled`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description `validation_error`: `reason` over 500 characters, other fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `orders:review`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not `under_review`) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listOrderRefunds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The refunds. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Refund"][];
                    };
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `orders:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such order. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    refundOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1 to 255 ASCII characters (trimmed), one per intended operation. Missing, blank, too long or not ASCII: 400 `idempotency_key_required`. Same key and body: the first success replayed with `Idempotent-Replayed: true` (kept 24 h); another body: 422 `idempotency_key_reused`; the first still running: 409 `idempotency_key_in_use`. Failures are not stored. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefundRequest"];
            };
        };
        responses: {
            /** @description The refund as recorded. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Refund"];
                };
            };
            /** @description `validation_error` (`reason` missing or over 500 characters, `amount` not a positive integer, `lines`), `idempotency_key_required`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `refunds:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such order. */
            404: components["responses"]["Problem"];
            /** @description `idempotency_key_in_use` (the same key is being answered) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description `refund_exceeds_paid` (above paid minus refunded minus in flight), `unknown_order_line`, `quantity_exceeds_returnable` (more units than bought and not refunded yet), `order_not_paid`, `nothing_to_refund`, `idempotency_key_reused` (the same key with another body). Nothing is written. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    shipOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShipmentRequest"];
            };
        };
        responses: {
            /** @description The order. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description `validation_error` (`carrier` / `tracking_number` format, `lines`; `exceeds_remaining` on `lines.<sku>`), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `fulfillment:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such order. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (the order is not `fulfilling`; no `current_status`), `tracking_number_taken`, `reservation_mismatch` (nothing written; `detail` names the SKUs) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listFulfillments: {
        parameters: {
            query?: {
                /** @description `awaiting_shipment` includes partly shipped orders. Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "awaiting_shipment" | "shipped" | "delivered";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of fulfillment records. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FulfillmentPage"];
                };
            };
            /** @description `validation_error` (`status` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `fulfillment:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listStockAlerts: {
        parameters: {
            query?: {
                /** @description Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "open" | "acknowledged" | "resolved";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of alerts. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockAlertPage"];
                };
            };
            /** @description `validation_error` (`status` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `alerts:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    acknowledgeStockAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A stock alert id (`alert_...`). */
                alert_id: components["parameters"]["AlertId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The alert. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockAlert"];
                };
            };
            /** @description `validation_error` / `read_only_field`: a body with fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `alerts:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such alert. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not `open`) or `concurrent_update` (its status changed meanwhile). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    resolveStockAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A stock alert id (`alert_...`). */
                alert_id: components["parameters"]["AlertId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReasonRequest"];
            };
        };
        responses: {
            /** @description The alert. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockAlert"];
                };
            };
            /** @description `validation_error`: `reason` over 500 characters, other fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `alerts:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such alert. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (resolved already) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listMyNotifications: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the inbox. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxPage"];
                };
            };
            /** @description `validation_error` (bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preferences. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferences"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    putNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["NotificationPreferencesRequest"];
            };
        };
        responses: {
            /** @description The preferences as saved. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferences"];
                };
            };
            /** @description `validation_error` (`locale` not `zh-CN`/`en`, `phone` not E.164, unknown fields) or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listNotificationSends: {
        parameters: {
            query: {
                /** @description The customer (`cus_...`). Missing is 400 `validation_error` (`required`). */
                customer_id: string;
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of send records. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationSendPage"];
                };
            };
            /** @description `validation_error` (no `customer_id`, bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `notifications:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listCampaigns: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of campaigns. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignPage"];
                };
            };
            /** @description `validation_error` (bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `campaigns:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CampaignRequest"];
            };
        };
        responses: {
            /** @description The campaign, a draft. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description `validation_error` (missing or too long fields, unknown `channel` or `segment`) or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `campaigns:write`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A campaign id (`cmp_...`). */
                campaign_id: components["parameters"]["CampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The campaign. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `campaigns:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such campaign. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    sendCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A campaign id (`cmp_...`). */
                campaign_id: components["parameters"]["CampaignId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignResult"];
                };
            };
            /** @description Over the inline maximum; the campaign, `sending`, its batches queued. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `campaigns:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such campaign. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition`: the campaign was sent (or is being sent) already. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listExceptions: {
        parameters: {
            query?: {
                /** @description Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "open" | "resolved";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of exceptions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderExceptionPage"];
                };
            };
            /** @description `validation_error` (`status` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `exceptions:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    resolveException: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An exception id (`exc_<order ULID>_<kind>`). */
                exception_id: components["parameters"]["ExceptionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReasonRequest"];
            };
        };
        responses: {
            /** @description The exception. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderException"];
                };
            };
            /** @description `validation_error`: `reason` over 500 characters, other fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `exceptions:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such exception. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition`: resolved already. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listSettlements: {
        parameters: {
            query?: {
                /** @description The first business day, `YYYY-MM-DD`; default `to` - 30 days (years 1970 to 9999). */
                from?: string;
                /** @description The last business day, `YYYY-MM-DD`; default today's date in UTC (years 1970 to 9999). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statements. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettlementList"];
                };
            };
            /** @description `validation_error`: `from` or `to` not a date (`invalid_date`); `from` after `to` or more than 366 days before it (`invalid_range`, on `from`). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `settlements:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getSettlement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A business date, `YYYY-MM-DD` (read with Python's `date.fromisoformat`, which also takes other ISO 8601 date forms such as `20261122`), in the years 1970 to 9999. Not a date: 400 `validation_error`, field `date`, code `invalid_date`.
                 * @example 2026-11-22
                 */
                day: components["parameters"]["Day"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statement. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettlementStatementDetail"];
                };
            };
            /** @description `validation_error`: `{day}` is not a date (`invalid_date`, field `date`). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `settlements:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no statement for that day. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    exportSettlementCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A business date, `YYYY-MM-DD` (read with Python's `date.fromisoformat`, which also takes other ISO 8601 date forms such as `20261122`), in the years 1970 to 9999. Not a date: 400 `validation_error`, field `date`, code `invalid_date`.
                 * @example 2026-11-22
                 */
                day: components["parameters"]["Day"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statement as CSV. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description `attachment; filename="settlement-<day>.csv"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example business_date,order_id,kind,order_status,gross,discounts,shipping,refunds,fees,net,currency,fee_source,mismatch
                     *     2026-11-22,ord_01M80R4JMJ80F6CP69ZKE2PP9F,order,completed,500.00,0.00,0.00,50.00,3.00,447.00,CNY,estimated,
                     *     2026-11-22,TOTAL,,,500.00,0.00,0.00,50.00,3.00,447.00,CNY,,
                     */
                    "text/csv": string;
                };
            };
            /** @description `validation_error`: `{day}` is not a date (`invalid_date`, field `date`). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `settlements:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no statement for that day. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `staff:manage`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyRequest"];
            };
        };
        responses: {
            /** @description The key, with its secret. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description `validation_error` (shape; `roles` `unknown_role`; blank `name`), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `staff:manage`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A staff API key id (`key_...`). */
                key_id: components["parameters"]["KeyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked; empty body. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `staff:manage`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such key. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    runJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job. An unknown name is 404 `not_found`. */
                name: components["parameters"]["JobName"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["JobRunRequest"];
            };
        };
        responses: {
            /** @description The run and its summary. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobRun"];
                };
            };
            /** @description `validation_error`: `as_of` not a time with a zone (`invalid_datetime`), or in the future outside the local stage (`as_of_in_future`); `read_only_field`, `malformed_json`, `invalid_date` (a time outside 1970-9999 UTC). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `jobs:run`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: unknown job name; `detail` lists the known ones. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listOrderAfterSales: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of requests. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSalePage"];
                };
            };
            /** @description bad `limit` or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such order, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    requestAfterSale: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1 to 255 ASCII characters (trimmed), one per intended operation. Missing, blank, too long or not ASCII: 400 `idempotency_key_required`. Same key and body: the first success replayed with `Idempotent-Replayed: true` (kept 24 h); another body: 422 `idempotency_key_reused`; the first still running: 409 `idempotency_key_in_use`. Failures are not stored. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AfterSaleRequest"];
            };
        };
        responses: {
            /** @description The request (`requested`; a refund_only before shipment `refunded`, or `approved` while its refund is pending). */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `idempotency_key_required`, `validation_error` (bounds: at most 50 lines, quantities 1 to 999, `description` 2000 characters, 9 `https` images of at most 2048 characters; `duplicate_line`; an exchange line without `exchange_sku` or with `invalid_exchange_sku`: not a SKU of the same product at the same price) or `read_only_field`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such order, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description `idempotency_key_in_use`, `concurrent_update` or `out_of_stock`. */
            409: components["responses"]["Problem"];
            /** @description `order_not_eligible` (unpaid, cancelled, refunded or disputed order; a type its status does not allow), `unknown_order_line`, `quantity_exceeds_returnable`, `after_sale_open` (a line has an open request), `after_sale_window_closed` (`no_reason` past the return window), `not_returnable` (`no_reason` for a product not returnable without a reason), `idempotency_key_reused`; a refund the refund service refuses leaves the request waiting instead. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getAfterSale: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such request (or another customer's). */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    cancelAfterSale: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The request, `cancelled`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `read_only_field` / `validation_error`: a body with fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such request (or another customer's). */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`: the request's status does not allow it) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    shipAfterSaleBack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParcelRequest"];
            };
        };
        responses: {
            /** @description The request, `return_in_transit`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `validation_error`: carrier or tracking number malformed. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such request (or another customer's). */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`: the request's status does not allow it) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listAdminAfterSales: {
        parameters: {
            query?: {
                /** @description Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "requested" | "approved" | "return_in_transit" | "received" | "inspected" | "refunded" | "exchanged" | "closed" | "rejected" | "cancelled";
                /** @description Only requests of this type. */
                type?: "refund_only" | "return_refund" | "exchange";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of requests. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSalePage"];
                };
            };
            /** @description `validation_error` (`status` or `type` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `after_sales:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getAdminAfterSale: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `after_sales:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    approveAfterSale: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ApproveAfterSaleRequest"];
            };
        };
        responses: {
            /** @description The request, `approved` (or `refunded`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `validation_error`: a malformed `return_address`, other fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `after_sales:decide`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`: the request's status does not allow it) or `concurrent_update`. `out_of_stock` for an exchange. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    rejectAfterSale: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectAfterSaleRequest"];
            };
        };
        responses: {
            /** @description The request, `rejected`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `validation_error`: `reason` missing or over 500 characters. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `after_sales:decide`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`: the request's status does not allow it) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    receiveAfterSale: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The request, `received`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `read_only_field` / `validation_error`: a body with fields. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `after_sales:handle`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`: the request's status does not allow it) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    inspectAfterSale: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InspectRequest"];
            };
        };
        responses: {
            /** @description The request: `refunded`, `inspected` (an exchange, or a refund pending) or `rejected`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `validation_error`: `result` not `pass` or `fail`, `note` over 1000 characters. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `after_sales:handle`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`: the request's status does not allow it) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    shipAfterSaleExchange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An after-sale request id (`as_...`).
                 * @example as_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                after_sale_id: components["parameters"]["AfterSaleId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParcelRequest"];
            };
        };
        responses: {
            /** @description The request, `exchanged`. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AfterSale"];
                };
            };
            /** @description `validation_error`: carrier or tracking number malformed. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `after_sales:handle`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`: the request's status does not allow it) or `concurrent_update`. `reservation_mismatch` when the reserved stock does not cover it. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listMyTickets: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tickets. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description bad `limit` or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    openTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketRequest"];
            };
        };
        responses: {
            /** @description The ticket, `open`, with its first message. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description `validation_error` (bounds: `subject` 1 to 200 characters, `body` 1 to 4000, neither blank (`invalid_value`); `order_id` not one of the customer's orders: `not_found` on `order_id`), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getMyTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such ticket, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    writeTicketMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketMessageRequest"];
            };
        };
        responses: {
            /** @description The ticket with the new message. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description `validation_error` (`body` 1 to 4000 characters, not blank), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such ticket, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (a closed ticket), `ticket_message_limit` or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    closeTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The ticket, `closed`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description `validation_error` (any field sent), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such ticket, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`) or `concurrent_update` (the ticket changed meanwhile: read it and retry). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    rateTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RatingRequest"];
            };
        };
        responses: {
            /** @description The ticket with its rating. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticket"];
                };
            };
            /** @description `validation_error` (`score` 1 to 5, `comment` at most 1000 characters), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such ticket, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not resolved or closed yet), `ticket_already_rated` or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listMyCoupons: {
        parameters: {
            query?: {
                /** @description Only entries of this status (computed now). Another value: 400 `validation_error` (`invalid_choice`). */
                status?: "usable" | "used" | "expired";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the wallet. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouponGrantPage"];
                };
            };
            /** @description bad `limit` or `status`, or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    claimCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A coupon code, matched case-insensitively.
                 * @example WELCOME10
                 */
                code: components["parameters"]["CouponCode"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The wallet entry. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletCoupon"];
                };
            };
            /** @description `validation_error` (a body other than `{}`) or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such coupon. */
            404: components["responses"]["Problem"];
            /** @description `coupon_already_claimed` (the wallet holds it: claimed or granted), `claims_exhausted` (`claim_limit` reached), `coupon_expired` (the coupon has ended). */
            409: components["responses"]["Problem"];
            /** @description `coupon_not_claimable`: the coupon exists but is not claimable. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listTickets: {
        parameters: {
            query?: {
                /** @description Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "open" | "answered" | "resolved" | "closed";
                /** @description Only tickets of this category. */
                category?: "question" | "complaint" | "logistics" | "after_sales" | "other";
                /** @description `true`: only tickets that missed their first-response deadline; `false`: only the others. */
                breached?: "true" | "false";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tickets (staff view, without messages). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminTicketPage"];
                };
            };
            /** @description `validation_error` (`status`, `category` or `breached` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `tickets:handle`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket (staff view). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminTicket"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `tickets:handle`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    replyToTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffTicketMessageRequest"];
            };
        };
        responses: {
            /** @description The ticket with the new message. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminTicket"];
                };
            };
            /** @description `validation_error` (`body` 1 to 4000 characters, not blank), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `tickets:handle`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (a public reply on a closed ticket), `ticket_message_limit` or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    assignTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignTicketRequest"];
            };
        };
        responses: {
            /** @description The ticket. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminTicket"];
                };
            };
            /** @description `validation_error` (`assignee` 1 to 100 characters, not blank), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `tickets:handle`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`) or `concurrent_update` (the ticket changed meanwhile: read it and retry). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    resolveTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveTicketRequest"];
            };
        };
        responses: {
            /** @description The ticket, `resolved`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminTicket"];
                };
            };
            /** @description `validation_error` (`resolution` 1 to 2000 characters, not blank), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `tickets:handle`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (with `current_status`) or `concurrent_update` (the ticket changed meanwhile: read it and retry). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    compensateTicket: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1 to 255 ASCII characters (trimmed), one per intended operation. Missing, blank, too long or not ASCII: 400 `idempotency_key_required`. Same key and body: the first success replayed with `Idempotent-Replayed: true` (kept 24 h); another body: 422 `idempotency_key_reused`; the first still running: 409 `idempotency_key_in_use`. Failures are not stored. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description A ticket id (`tkt_...`).
                 * @example tkt_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                ticket_id: components["parameters"]["TicketId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompensateTicketRequest"];
            };
        };
        responses: {
            /** @description The ticket and the coupon granted. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Compensation"];
                };
            };
            /** @description `idempotency_key_required`, `validation_error` (`amount` 1 to 1000000000, `reason` 1 to 500 characters, not blank), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `tickets:handle`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `ticket_already_compensated`, `idempotency_key_in_use` or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description `idempotency_key_reused`. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    reviewOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewRequest"];
            };
        };
        responses: {
            /** @description The review, `published` or `held`. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            /** @description `validation_error` (ratings 1 to 5; `text` at most 500 characters; at most 9 https `images`; an `items[].sku` the order did not buy: `unknown_sku`; a SKU twice: `duplicate_sku`), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such order, or another customer's. */
            404: components["responses"]["Problem"];
            /** @description `review_exists`: the order has its review; `order_not_delivered`: the order is not delivered or completed yet. */
            409: components["responses"]["Problem"];
            /** @description `review_window_closed`: delivered more than 30 days ago. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    followUpReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An order id (`ord_...`).
                 * @example ord_01M80R4JMJ80F6CP69ZKE2PP9F
                 */
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FollowUpRequest"];
            };
        };
        responses: {
            /** @description The review with its follow-up. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            /** @description `validation_error` (`text` 1 to 500 characters, not blank; at most 9 https `images`), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `Authorization`), `invalid_token` or `token_expired`; carries `WWW-Authenticate: Bearer`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: the order has no review, or it is another customer's. */
            404: components["responses"]["Problem"];
            /** @description `follow_up_exists`: the review has its follow-up; `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description `follow_up_window_closed`: delivered more than 90 days ago. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listProductReviews: {
        parameters: {
            query?: {
                /** @description 1 to 5; another value is 400 `validation_error` (`invalid_choice`). */
                rating?: "1" | "2" | "3" | "4" | "5";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of review lines. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductReviewPage"];
                };
            };
            /** @description `validation_error` (`rating` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getStoreRating: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The store rating. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreRating"];
                };
            };
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listReviews: {
        parameters: {
            query?: {
                /** @description Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "held" | "published" | "hidden";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of reviews (staff view). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminReviewPage"];
                };
            };
            /** @description `validation_error` (`status` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `reviews:moderate`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review id (`rev_...`). */
                review_id: components["parameters"]["ReviewId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The review (staff view). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminReview"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `reviews:moderate`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    publishReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review id (`rev_...`). */
                review_id: components["parameters"]["ReviewId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The review (staff view). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminReview"];
                };
            };
            /** @description `validation_error` (a body with any field), `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `reviews:moderate`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (published already); `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    hideReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review id (`rev_...`). */
                review_id: components["parameters"]["ReviewId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HideReviewRequest"];
            };
        };
        responses: {
            /** @description The review (staff view). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminReview"];
                };
            };
            /** @description `validation_error` (`reason` 1 to 500 characters, not blank), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `reviews:moderate`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (hidden already); `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    replyToReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A review id (`rev_...`). */
                review_id: components["parameters"]["ReviewId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplyReviewRequest"];
            };
        };
        responses: {
            /** @description The review (staff view). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminReview"];
                };
            };
            /** @description `validation_error` (`body` 1 to 1000 characters, not blank), `read_only_field` or `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `reviews:moderate`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: the review changed meanwhile. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listCustomers: {
        parameters: {
            query?: {
                /** @description A prefix of the e-mail, phone or name. */
                q?: string;
                /** @description An RFM segment; anything else is 400 `validation_error` (`unknown_segment`). */
                segment?: "champions" | "loyal" | "potential" | "new" | "at_risk" | "cant_lose" | "hibernating" | "lost";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of customers. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerSummaryPage"];
                };
            };
            /** @description `validation_error` (neither `q` nor `segment`, an unknown segment, bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `customers:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A customer id (`cus_...`). */
                customer_id: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffCustomer"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `customers:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listCustomerOrders: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description A customer id (`cus_...`). */
                customer_id: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSummaryPage"];
                };
            };
            /** @description `validation_error` (bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `customers:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such customer. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listSegments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Segment counts. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentCounts"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `customers:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    collectEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         {
                 *           "type": "page_view",
                 *           "visitor_id": "v_4f1c2a9e7b",
                 *           "session_id": "s_91ab77c0d2",
                 *           "at": "2026-12-06T04:00:00Z",
                 *           "page": "/"
                 *         },
                 *         {
                 *           "type": "product_view",
                 *           "visitor_id": "v_4f1c2a9e7b",
                 *           "session_id": "s_91ab77c0d2",
                 *           "at": "2026-12-06T04:00:09Z",
                 *           "product_id": "prod_01M80KZXZG360DHDEP4RCRQ0TX"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["EventBatchRequest"];
            };
        };
        responses: {
            /** @description Recorded. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventsAccepted"];
                };
            };
            /** @description `validation_error`: the batch's shape (no events or more than 50, an unknown `type`, an id not 8 to 64 of `A-Z a-z 0-9 _ -`, `product_view` or `add_to_cart` without `product_id`, an unknown field), or `clock_skew` on `events.<i>.at` (more than 5 minutes ahead or 24 hours behind); `malformed_json`. Nothing is recorded. */
            400: components["responses"]["Problem"];
            /** @description `rate_limited`: 600 batches from this source address in the last minute; nothing is recorded. `Retry-After`: seconds until one more is allowed. */
            429: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    kpiReport: {
        parameters: {
            query?: {
                /** @description First store day, `YYYY-MM-DD`; default 29 days before `to`. After `to`, or more than 731 days before it: 400 `validation_error` (`invalid_range`). */
                from?: string;
                /** @description Last store day (inclusive), `YYYY-MM-DD`; default today. Not a date: 400 `invalid_date`. */
                to?: string;
                /** @description One row per day, ISO week or calendar month. Anything else: 400 `invalid_choice`. */
                granularity?: "day" | "week" | "month";
                /** @description JSON rows, CSV or an SVG line chart. Anything else: 400 `invalid_choice`. */
                format?: "json" | "csv" | "svg";
                /** @description The series of the SVG chart (checked with every format). Anything else: 400 `invalid_choice`. */
                metric?: "uv" | "pv" | "sessions" | "orders" | "paying_customers" | "new_customers" | "returning_customers" | "gmv" | "aov" | "refunds" | "gross_margin" | "marketing_spend" | "bounce_rate" | "conversion_rate" | "refund_rate" | "gross_margin_rate" | "repurchase_rate" | "member_sales_share" | "roi";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report, as asked by `format`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description With `format=csv`: `attachment; filename="kpis-<granularity>-<from>-<to>.csv"`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KpiReport"];
                    "text/csv": string;
                    "image/svg+xml": string;
                };
            };
            /** @description `validation_error`: `invalid_date`, `invalid_range` (`from` after `to`, more than 731 days) or `invalid_choice` (`granularity`, `format`, `metric`). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `reports:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    productHealthReport: {
        parameters: {
            query?: {
                /** @description The flag. Anything else: 400 `invalid_choice`. */
                flag?: "low_conversion" | "slow_moving" | "low_margin";
                /** @description An ISO week, `2026-W49`; default the latest run's. Not a week (W53 of a year without one): 400 `invalid_week`. */
                week?: string;
                /** @description JSON or CSV. Anything else: 400 `invalid_choice`. */
                format?: "json" | "csv";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of flagged products. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description With `format=csv`: `attachment; filename="products-<flag>-<week>.csv"`. */
                    "Content-Disposition"?: string;
                    /** @description With `format=csv`, when there is a next page: its cursor. */
                    "X-Next-Cursor"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductHealthPage"];
                    "text/csv": string;
                };
            };
            /** @description `validation_error`: `invalid_choice` (`flag`, `format`), `invalid_week`, the page parameters; `invalid_cursor` (also a cursor of another week, after a newer run). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `product_health:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    addMarketingSpend: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "date": "2026-12-05",
                 *       "channel": "search_ads",
                 *       "amount": {
                 *         "amount": 150000,
                 *         "currency": "CNY"
                 *       },
                 *       "campaign": "winter-sale"
                 *     }
                 */
                "application/json": components["schemas"]["MarketingSpendRequest"];
            };
        };
        responses: {
            /** @description The entry. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketingSpend"];
                };
            };
            /** @description `validation_error`: the body's shape, `currency_mismatch` (not the store's currency), `invalid_range` (`date` after today); `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `marketing_spend:write`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    ticketReport: {
        parameters: {
            query?: {
                /** @description First day (store timezone), `YYYY-MM-DD`; default 27 days before `to`. After `to`, or more than 366 days before it: 400 `validation_error` (`invalid_range`). */
                from?: string;
                /** @description Last day (store timezone, inclusive), `YYYY-MM-DD`; default today. Not a date: 400 `invalid_date`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketReport"];
                };
            };
            /** @description `validation_error`: `invalid_date`, or `invalid_range` (`from` after `to`, more than 366 days). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `tickets:handle`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    ticketReportCsv: {
        parameters: {
            query?: {
                /** @description First day (store timezone), `YYYY-MM-DD`; default 27 days before `to`. After `to`, or more than 366 days before it: 400 `validation_error` (`invalid_range`). */
                from?: string;
                /** @description Last day (store timezone, inclusive), `YYYY-MM-DD`; default today. Not a date: 400 `invalid_date`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report as CSV. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description `attachment; filename="tickets-<from>-<to>.csv"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example week,category,count,median_first_response_minutes,breach_rate,average_rating
                     *     2026-W49,complaint,2,42.5,0.5,4.0
                     */
                    "text/csv": string;
                };
            };
            /** @description `validation_error`: `invalid_date`, or `invalid_range` (`from` after `to`, more than 366 days). */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `tickets:handle`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listSuppliers: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of suppliers. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierPage"];
                };
            };
            /** @description `validation_error` (bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createSupplier: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupplierRequest"];
            };
        };
        responses: {
            /** @description The supplier. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Supplier"];
                };
            };
            /** @description `validation_error` (shape, bounds), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:write`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getSupplier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A supplier id (`sup_...`). */
                supplier_id: components["parameters"]["SupplierId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The supplier. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Supplier"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such supplier. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listPurchaseOrders: {
        parameters: {
            query?: {
                /** @description Another value is 400 `validation_error` (`invalid_choice`). */
                status?: "draft" | "ordered" | "partially_received" | "received" | "closed" | "cancelled";
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of purchase orders. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrderPage"];
                };
            };
            /** @description `validation_error` (`status` `invalid_choice`; bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createPurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseOrderRequest"];
            };
        };
        responses: {
            /** @description The draft. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            /** @description `validation_error` (shape; a line's `sku` `unknown_sku` or `duplicate`), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such supplier. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getPurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The purchase order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such purchase order. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    orderPurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReasonBody"];
            };
        };
        responses: {
            /** @description The purchase order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            /** @description `validation_error` (shape, bounds), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such purchase order. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not from its status) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    cancelPurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReasonBody"];
            };
        };
        responses: {
            /** @description The purchase order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            /** @description `validation_error` (shape, bounds), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such purchase order. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not from its status) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    closePurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReasonBody"];
            };
        };
        responses: {
            /** @description The purchase order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            /** @description `validation_error` (shape, bounds), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such purchase order. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not from its status) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    receivePurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A purchase order id (`po_...`). */
                po_id: components["parameters"]["PoId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiptRequest"];
            };
        };
        responses: {
            /** @description The receipt recorded before (`replayed`), with the order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptResult"];
                };
            };
            /** @description The receipt, recorded now, with the order. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptResult"];
                };
            };
            /** @description `validation_error` (shape, bounds), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:receive`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such purchase order or SKU. */
            404: components["responses"]["Problem"];
            /** @description `over_receipt` (a SKU not on the order, or more than is outstanding; adds `sku`), `invalid_transition` (not `ordered` or `partially_received`) or `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description `receipt_id_reused`: the receipt id was recorded with other lines or for another order. */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    draftFromStockAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A stock alert id (`alert_...`). */
                alert_id: components["parameters"]["AlertId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["FromAlertRequest"];
            };
        };
        responses: {
            /** @description The draft made before. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            /** @description The draft, made now. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            /** @description `validation_error` (`supplier_id` `required`: no supplier named and none planned), `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such alert or supplier. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listReplenishmentSuggestions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suggestions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplenishmentSuggestions"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getSafetyPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plan. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkuPlan"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `inventory:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no SKU with this code. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    setSafetyPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SafetyPolicyRequest"];
            };
        };
        responses: {
            /** @description The plan. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkuPlan"];
                };
            };
            /** @description `validation_error` (`mode` `invalid_choice`, `supplier_id` `unknown_supplier`, bounds), `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `purchasing:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no SKU with this code. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    setStockShards: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StockShardsRequest"];
            };
        };
        responses: {
            /** @description The SKU's stock, summed over its shards, and each shard's available. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockShards"];
                };
            };
            /** @description `validation_error` (`count` out of 1..32), `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `catalog:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no SKU with this code. */
            404: components["responses"]["Problem"];
            /** @description `concurrent_update`: checkouts kept changing the levels through every attempt; try again. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getForecast: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A SKU code.
                 * @example RUN-1-42
                 */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The forecast. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Forecast"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `inventory:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no SKU with this code. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listCountSheets: {
        parameters: {
            query?: {
                /** @description Page size: ASCII digits, 1 to 100. Not a whole number: `invalid_type`; outside 1..100: `out_of_range` (400 `validation_error`). */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Tamper-evident and bound to its listing and filters: a forged, edited or foreign cursor is 400 `invalid_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sheets. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountSheetPage"];
                };
            };
            /** @description `validation_error` (bad `limit`) or `invalid_cursor`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `counts:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createCountSheet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CountSheetRequest"];
            };
        };
        responses: {
            /** @description The sheet. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountSheet"];
                };
            };
            /** @description `validation_error` (neither or both of `skus` and `abc_class`; a SKU `unknown_sku`), `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `counts:write`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getCountReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountReport"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `counts:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getCountSheet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A count sheet id (`cnt_...`). */
                sheet_id: components["parameters"]["SheetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sheet. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountSheet"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `counts:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such sheet. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    submitCountSheet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A count sheet id (`cnt_...`). */
                sheet_id: components["parameters"]["SheetId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CountResultsRequest"];
            };
        };
        responses: {
            /** @description The submitted sheet with its variance. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountSheet"];
                };
            };
            /** @description `validation_error` (a SKU `not_on_sheet`; bounds), `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `counts:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such sheet. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition`: submitted already. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    notifyMe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A product id (`prod_...`).
                 * @example prod_01M80KZXZG360DHDEP4RCRQ0TX
                 */
                product_id: components["parameters"]["ProductId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotifyMeRequest"];
            };
        };
        responses: {
            /** @description Subscribed before. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotifyMeSubscription"];
                };
            };
            /** @description Subscribed now. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotifyMeSubscription"];
                };
            };
            /** @description `validation_error` (shape, bounds), `read_only_field`, `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized`, `invalid_token` or `token_expired`. */
            401: components["responses"]["Problem"];
            /** @description `not_found`: no such SKU on this product. */
            404: components["responses"]["Problem"];
            /** @description `not_sold_out`: the SKU is available (adds `available`). */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    listExperiments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiments. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentList"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `experiments:read`. */
            403: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    createExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExperimentRequest"];
            };
        };
        responses: {
            /** @description The experiment. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description `validation_error`: the bodys shape, `invalid_length`, `duplicate_key`, `control_required`, `invalid_variant`, `out_of_range`, `currency_mismatch`; `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `experiments:write`, or `override_margin` from a key that is not an admin's. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such product. */
            404: components["responses"]["Problem"];
            /** @description `margin_too_low`: a price variant takes a SKU of the product under the minimum margin (`skus` name them); an admin may pass `override_margin` (from any other key: 403 `forbidden`). */
            422: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An experiment id (`exp_...`). */
                experiment_id: components["parameters"]["ExperimentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The experiment. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `experiments:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such experiment. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    startExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An experiment id (`exp_...`). */
                experiment_id: components["parameters"]["ExperimentId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The experiment. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description `validation_error`: a body other than `{}`; `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `experiments:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such experiment. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not a draft), `experiment_already_running` (the product runs another), `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    stopExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An experiment id (`exp_...`). */
                experiment_id: components["parameters"]["ExperimentId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description The experiment. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            /** @description `validation_error`: a body other than `{}`; `malformed_json`. */
            400: components["responses"]["Problem"];
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `experiments:write`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such experiment. */
            404: components["responses"]["Problem"];
            /** @description `invalid_transition` (not running), `concurrent_update`. */
            409: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
    getExperimentResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An experiment id (`exp_...`). */
                experiment_id: components["parameters"]["ExperimentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The results. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentResults"];
                };
            };
            /** @description `unauthorized` (no `X-Api-Key`) or `invalid_api_key` (unknown or revoked key). */
            401: components["responses"]["Problem"];
            /** @description `forbidden`: the key's roles do not allow `experiments:read`. */
            403: components["responses"]["Problem"];
            /** @description `not_found`: no such experiment. */
            404: components["responses"]["Problem"];
            /** @description Errors every route can return: 405 `method_not_allowed`, 413 `payload_too_large`, 415 `unsupported_media_type`, 500 `internal_error`, 503 `service_unavailable` (see the API description). */
            default: components["responses"]["Problem"];
        };
    };
}
