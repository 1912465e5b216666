/** Renders a contract check report as readable text, JSON, or JUnit XML for CI systems. */
import type { CheckReport } from "./checks.js";

export type Reporter = "text" | "json" | "junit";
export const REPORTERS: readonly Reporter[] = ["text", "json", "junit"];

function describeRequest(request: { method: string; path: string; body?: unknown }): string {
  return `${request.method} ${request.path}${request.body !== undefined ? ` ${JSON.stringify(request.body)}` : ""}`;
}

export function renderText(report: CheckReport): string {
  const lines = [`Contract check of ${report.target} (${report.writes ? "with writes" : "read-only"})`, ""];
  for (const r of report.results) {
    const mark = r.skipped ? "-" : r.violations.length ? "✖" : "✔";
    const status = r.skipped ? `skipped: ${r.skipped}` : `→ ${r.status ?? "no answer"}`;
    lines.push(`${mark} ${r.operationId}: ${r.name}`);
    lines.push(`    ${describeRequest(r.request)} ${status}${r.skipped ? "" : ` (${r.ms} ms)`}`);
    for (const v of r.violations) lines.push(`    ${v.path || "(body)"}: ${v.message}`);
  }
  const failed = report.results.filter((r) => r.violations.length > 0).length;
  const ran = report.results.filter((r) => !r.skipped).length;
  lines.push("", `${ran} checks, ${failed} failed, ${report.violations} violation${report.violations === 1 ? "" : "s"}`);
  return lines.join("\n");
}

const xml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export function renderJunit(report: CheckReport): string {
  const failures = report.results.filter((r) => r.violations.length > 0).length;
  const skipped = report.results.filter((r) => r.skipped).length;
  const time = (report.results.reduce((t, r) => t + r.ms, 0) / 1000).toFixed(3);
  const cases = report.results.map((r) => {
    const head = `    <testcase classname="${xml(r.operationId)}" name="${xml(`${r.name}: ${describeRequest(r.request)}`)}" time="${(r.ms / 1000).toFixed(3)}"`;
    if (r.skipped) return `${head}>\n      <skipped message="${xml(r.skipped)}"/>\n    </testcase>`;
    if (!r.violations.length) return `${head}/>`;
    const text = r.violations.map((v) => `${v.path || "(body)"}: ${v.message}`).join("\n");
    return `${head}>\n      <failure message="${xml(`${r.violations.length} violation(s), status ${r.status ?? "none"}`)}">${xml(text)}</failure>\n    </testcase>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="contract" tests="${report.results.length}" failures="${failures}" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="${xml(`contract check of ${report.target}`)}" tests="${report.results.length}" failures="${failures}" skipped="${skipped}" time="${time}">`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
  ].join("\n");
}

export function render(report: CheckReport, reporter: Reporter): string {
  if (reporter === "json") return JSON.stringify(report, null, 2);
  if (reporter === "junit") return renderJunit(report);
  return renderText(report);
}
