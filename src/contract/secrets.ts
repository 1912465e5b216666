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

/** The most pointers `findFullKeyValues` returns: a hostile answer can hold a key in every field. */
export const MAX_FOUND = 100;

/**
 * The JSON pointers of the strings in `value` that hold a full key value, e.g.
 * `["/data/apiKey/secret"]`, in document order, at most `limit`. The walk keeps its own stack, so
 * an answer nested thousands of levels deep cannot overflow the call stack.
 */
export function findFullKeyValues(value: unknown, pointer = "", limit = MAX_FOUND): string[] {
  if (typeof value === "string") return FULL_KEY_PATTERN.test(value) && limit > 0 ? [pointer] : [];
  if (value === null || typeof value !== "object") return [];
  // One frame per container, not per value; a pointer is only built for what is found.
  interface Frame {
    keys: readonly string[] | undefined; // undefined: an array
    items: readonly unknown[];
    index: number;
    parent: Frame | undefined;
  }
  const frameOf = (node: object, parent: Frame | undefined): Frame =>
    Array.isArray(node) ? { keys: undefined, items: node, index: 0, parent } : { keys: Object.keys(node), items: Object.values(node), index: 0, parent };
  const pointerOf = (frame: Frame): string => {
    const parts: string[] = [];
    for (let f: Frame | undefined = frame; f; f = f.parent) parts.push(segment(f.keys ? (f.keys[f.index - 1] ?? "") : f.index - 1));
    return `${pointer}/${parts.reverse().join("/")}`;
  };
  const found: string[] = [];
  const stack: Frame[] = [frameOf(value, undefined)];
  while (stack.length > 0 && found.length < limit) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.index >= frame.items.length) {
      stack.pop();
      continue;
    }
    const item = frame.items[frame.index++];
    if (typeof item === "string") {
      if (FULL_KEY_PATTERN.test(item)) found.push(pointerOf(frame));
    } else if (item !== null && typeof item === "object") {
      stack.push(frameOf(item, frame));
    }
  }
  return found;
}
