/**
 * Escaping at the places output is written, for text an upstream controls (field names, messages,
 * headers): a terminal must never receive a control sequence from it, and an XML report must hold
 * only what XML 1.0 allows.
 */

const hex = (code: number): string => (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);

/**
 * C0 controls but tab and newline, DEL, C1 controls (0x9b is a CSI on its own), and the bidi
 * overrides and isolates that reorder what a terminal shows: written as visible escapes (`\x1b`).
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => hex(c.charCodeAt(0)));
}

/** Characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) and lone surrogates. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data or an attribute value: markup escaped, and what XML 1.0 forbids written as a visible escape. */
export function xmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, (c) => hex(c.charCodeAt(0)))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** JSON text whose C1 controls and bidi controls are escaped too (JSON.stringify escapes only C0). */
export function jsonTerminalSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
