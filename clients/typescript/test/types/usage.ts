// Type-checked by `npm run build` (tsc -p test/types), never run: what a
// TypeScript caller writes compiles without casts or non-null assertions, and
// wrong paths, bodies and fields do not.
import { CommerceError, createCommerceClient, type Schemas } from "../../src/index";

export async function buy(baseUrl: string, sku: string): Promise<string> {
  const shop = createCommerceClient({ baseUrl });
  const { data: page } = await shop.GET("/products", { params: { query: { q: "tea", limit: 10 } } });
  const first: Schemas["ProductSummary"] | undefined = page.items[0];
  const { data: session } = await shop.POST("/auth/login", { body: { email: "a@example.com", password: "correct horse" } });
  shop.setAccessToken(session.access_token);
  const { data: cart } = await shop.POST("/carts", { body: {} });
  const { data: priced } = await shop.POST("/carts/{cart_id}/items", {
    params: { path: { cart_id: cart.id } },
    body: { sku, quantity: 1 },
  });
  const total: number = priced.total.amount;
  try {
    const { data: placed } = await shop.POST("/checkout", {
      body: {
        cart_id: cart.id,
        shipping_address: { name: "Mei", phone: "13800000000", province: "Zhejiang", city: "Hangzhou", line1: "1 Rd" },
      },
    });
    const secret: string | undefined = placed.payment?.client_secret;
    return `${first?.id} ${total} ${placed.order.id} ${secret}`;
  } catch (error) {
    if (error instanceof CommerceError && error.code === "out_of_stock") return error.errors.map((e) => e.field).join();
    throw error;
  }
}

export async function mistakes(baseUrl: string): Promise<void> {
  const shop = createCommerceClient({ baseUrl });
  // @ts-expect-error: no such route
  await shop.GET("/productz");
  // @ts-expect-error: the path parameter is required
  await shop.GET("/products/{product_id}");
  // @ts-expect-error: quantity is a number
  await shop.POST("/carts/{cart_id}/items", { params: { path: { cart_id: "c" } }, body: { sku: "A", quantity: "1" } });
  const { data: product } = await shop.GET("/products/{product_id}", { params: { path: { product_id: "p" } } });
  // @ts-expect-error: no such field
  product.price_tag;
}
