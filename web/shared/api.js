// The one place the pages get their API client from. The pages are written
// against the TypeScript client's interface (clients/typescript):
//   createCommerceClient({baseUrl, accessToken?, apiKey?, cartToken?})
//   client.GET|POST|PUT|PATCH|DELETE(path, {params: {path, query}, body, headers})
//     -> {data, error, response}
//   CommerceError: a problem+json answer as an Error.
export { createCommerceClient, CommerceError } from "./fallback-client.js";

import { CommerceError } from "./fallback-client.js";

/** The data of a client result; an error answer (or a thrown one) as a CommerceError-like Error. */
export async function must(call) {
  const result = await call;
  if (result.error !== undefined && result.error !== null) {
    const problem = result.error;
    const error = new Error(describe(problem));
    error.problem = problem;
    error.status = result.response && result.response.status;
    throw error;
  }
  return result.data;
}

/** A human line for a problem+json body (its detail and field errors), or for any error. */
export function describe(problem) {
  if (problem instanceof CommerceError || problem instanceof Error) {
    return problem.problem ? describe(problem.problem) : problem.message;
  }
  if (problem && typeof problem === "object") {
    const fields = (problem.errors || []).map((e) => `${e.field}: ${e.message || e.code}`);
    const head = `${problem.detail || problem.title || "Request failed"}${problem.code ? ` (${problem.code})` : ""}`;
    return fields.length ? `${head} — ${fields.join("; ")}` : head;
  }
  return String(problem);
}

export function money(value) {
  if (!value) return "–";
  return `${(value.amount / 100).toFixed(2)} ${value.currency}`;
}

export function when(text) {
  return text ? new Date(text).toLocaleString() : "–";
}

/** A tiny element builder: el("p", {class: "x"}, "text", child, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Form fields as an object of trimmed strings (empty ones left out). */
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    const text = String(value).trim();
    if (text) values[name] = text;
  }
  return values;
}
