/**
 * The redaction rule, by value: a full key value must never appear in an answer that the
 * contract does not document as revealing one (every answer but create's), whatever the field
 * that carries it is called. Answers are open to new fields, so closed schemas cannot be the guard.
 */

/**
 * A full key value inside any string: `confident_` and at least 16 letters, digits or `_`.
 * The same shape as `NewApiKey.value`'s pattern in the contract, without its anchors (a test
 * holds the two together).
 */
export const FULL_KEY_PATTERN = /confident_[A-Za-z0-9_]{16,}/;

/** An escaped JSON pointer segment. */
const segment = (key: string | number): string => String(key).replace(/~/g, "~0").replace(/\//g, "~1");

/** The JSON pointers of every string in `value` that holds a full key value, e.g. `["/data/apiKey/secret"]`. */
export function findFullKeyValues(value: unknown, pointer = ""): string[] {
  if (typeof value === "string") return FULL_KEY_PATTERN.test(value) ? [pointer] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => findFullKeyValues(item, `${pointer}/${index}`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => findFullKeyValues(item, `${pointer}/${segment(key)}`));
  }
  return [];
}
