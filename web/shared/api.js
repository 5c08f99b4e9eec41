// The one place the pages get their API client from: the TypeScript client's
// browser bundle (clients/typescript, built to dist/commerce.js by `make client`
// and served by the local server as ../commerce.js under each page):
//   createCommerceClient({baseUrl, accessToken?, apiKey?, cartToken?})
//   client.GET|POST|PUT|PATCH|DELETE(path, {params: {path, query}, body, headers})
//     -> {data, response}; a non-2xx answer is thrown as a CommerceError
//   (its problem+json body in `.problem`, `.status`, `.code`).
export { createCommerceClient, CommerceError } from "../commerce.js";

import { CommerceError } from "../commerce.js";

/** The data of a client call; an error answer (thrown, or returned as `error`) is thrown. */
export async function must(call) {
  const result = await call;
  if (result.error !== undefined && result.error !== null) {
    const error = new Error(describe(result.error));
    error.problem = result.error;
    error.status = result.response && result.response.status;
    throw error;
  }
  return result.data;
}

/** The data of a client call, or null when the API answered with an error (any other failure is thrown). */
export async function attempt(call) {
  try {
    return await must(call);
  } catch (error) {
    if (error instanceof CommerceError || error.problem) return null;
    throw error;
  }
}

/** A query without its empty values (an empty `category_id` is a category, not "any"). */
export function clean(query) {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""));
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
