// parse-prefer-header ships no types: it takes a Prefer header (RFC 7240) and returns each
// preference under its camel-cased name, with its value, or true for one without a value.
declare module "parse-prefer-header" {
  export default function parsePreferHeader(prefer: string | string[] | undefined): Record<string, string | true>;
}
