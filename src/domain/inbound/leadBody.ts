import { z } from "zod";
import { csvRowToLeadText } from "../lead/csv.js";

/** The lead facts an admin can point at a body key, and the label each becomes in the lead's text. */
export const MAPPABLE_FIELDS = {
  email: "Email",
  name: "Name",
  title: "Title",
  company: "Company",
  size: "Employees",
  country: "Country",
  message: "Message",
} as const;
export type MappableField = keyof typeof MAPPABLE_FIELDS;

/** Which body key holds which fact; keys are matched without regard to case. */
export type FieldMap = Partial<Record<MappableField, string>>;

export const fieldMapSchema = z
  .partialRecord(
    z.enum(Object.keys(MAPPABLE_FIELDS) as [MappableField, ...MappableField[]]),
    z.string().trim().min(1).max(200),
  )
  .refine((map) => Object.keys(map).length > 0, "names no field");

export type LeadBody = { ok: true; text: string; sourceKey?: string } | { ok: false; reason: string };

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as one line's worth of text: lists of plain values joined, HubSpot's `{ value }` wrappers opened. */
function valueText(value: unknown): string | undefined {
  if (isScalar(value)) return String(value);
  if (Array.isArray(value) && value.every(isScalar)) return value.map(String).join(", ");
  if (isObject(value) && "value" in value && isScalar(value.value)) return String(value.value);
  return undefined;
}

/** Flattens an object into `key → text`; a nested object's keys are prefixed with its own ("company name"). */
function flatten(source: Record<string, unknown>, into: Map<string, string>, prefix = "", depth = 0): void {
  for (const [key, value] of Object.entries(source)) {
    const name = `${prefix}${key}`.replace(/[_.]+/g, " ").trim();
    const text = valueText(value);
    if (text !== undefined) {
      if (text.trim() !== "") into.set(name, text);
    } else if (isObject(value) && depth < 3) flatten(value, into, `${name} `, depth + 1);
  }
}

/** Typeform's answer, whatever its type. */
function typeformAnswer(answer: Record<string, unknown>): string | undefined {
  const type = typeof answer.type === "string" ? answer.type : "";
  const value = answer[type];
  if (type === "choice" && isObject(value)) return valueText(value.label ?? value.other);
  if (type === "choices" && isObject(value)) return valueText(value.labels);
  return valueText(value);
}

/** A Typeform `form_response`: each answer under its question's title, hidden fields as they are. */
function typeformFields(response: Record<string, unknown>): Map<string, string> {
  const titles = new Map<string, string>();
  const definition = isObject(response.definition) ? response.definition : {};
  for (const field of Array.isArray(definition.fields) ? definition.fields : [])
    if (isObject(field) && typeof field.id === "string" && typeof field.title === "string")
      titles.set(field.id, field.title);
  const fields = new Map<string, string>();
  for (const answer of Array.isArray(response.answers) ? response.answers : []) {
    if (!isObject(answer) || !isObject(answer.field)) continue;
    const { id, ref } = answer.field;
    const title =
      (typeof id === "string" ? titles.get(id) : undefined) ?? (typeof ref === "string" ? ref : undefined);
    const text = typeformAnswer(answer);
    if (title !== undefined && text !== undefined && text.trim() !== "") fields.set(title, text);
  }
  if (isObject(response.hidden)) flatten(response.hidden, fields);
  return fields;
}

/** The fields a decoded body holds, and the source's own id for the lead when it has one. */
function bodyFields(body: Record<string, unknown>): { fields: Map<string, string>; sourceKey?: string } {
  if (isObject(body.form_response)) {
    const token = body.form_response.token;
    return {
      fields: typeformFields(body.form_response),
      ...(typeof token === "string" ? { sourceKey: `typeform:${token}` } : {}),
    };
  }
  const fields = new Map<string, string>();
  // HubSpot's workflow webhooks send the contact's properties (each `{ value }` in the older format).
  flatten(isObject(body.properties) ? body.properties : body, fields);
  const eventId = body.eventId;
  return { fields, ...(isScalar(eventId) ? { sourceKey: `hubspot:${eventId}` } : {}) };
}

/** The mapped keys under the labels the parser knows, first; the rest as they came, so keyword rules still see
 * every answer; the message last. */
function ordered(fields: Map<string, string>, map: FieldMap): Record<string, string> {
  const byLowerKey = new Map([...fields.keys()].map((k) => [k.toLowerCase(), k] as const));
  const used = new Set<string>();
  const row: Record<string, string> = {};
  let message: [string, string] | undefined;
  for (const [fact, sourceKey] of Object.entries(map) as [MappableField, string][]) {
    const key = byLowerKey.get(sourceKey.replace(/[_.]+/g, " ").trim().toLowerCase());
    const value = key === undefined ? undefined : fields.get(key);
    if (key === undefined || value === undefined) continue;
    used.add(key);
    if (fact === "message") message = [MAPPABLE_FIELDS.message, value];
    else row[MAPPABLE_FIELDS[fact]] = value;
  }
  for (const [key, value] of fields) if (!used.has(key) && !(key in row)) row[key] = value;
  if (message) row[message[0]] = message[1];
  return row;
}

/** Decodes a posted lead (JSON or form-encoded) into the `Key: value` text the parser reads, as a CSV row is;
 * a body that is neither, or holds no field, gets a one-line reason for the sender. */
export function readLeadBody(contentType: string | undefined, raw: string, map: FieldMap = {}): LeadBody {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  let body: Record<string, unknown>;
  if (type === "application/x-www-form-urlencoded") {
    body = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      const before = body[key];
      body[key] = typeof before === "string" ? `${before}, ${value}` : value;
    }
  } else if (type === "application/json" || type.endsWith("+json") || type === "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { ok: false, reason: "the body is not valid JSON" };
    }
    if (Array.isArray(parsed) && parsed.length === 1) parsed = parsed[0];
    if (Array.isArray(parsed)) return { ok: false, reason: "send one lead per request (the body is a list)" };
    if (!isObject(parsed)) return { ok: false, reason: "the body must be a JSON object of lead fields" };
    body = parsed;
  } else {
    return { ok: false, reason: `send JSON or form-encoded fields (got ${type.slice(0, 60)})` };
  }
  const { fields, sourceKey } = bodyFields(body);
  const text = csvRowToLeadText(ordered(fields, map));
  if (text.trim() === "") return { ok: false, reason: "the body holds no lead fields" };
  return { ok: true, text, ...(sourceKey ? { sourceKey } : {}) };
}
