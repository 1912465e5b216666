/** Renders a contract check report as readable text, JSON, or JUnit XML for CI systems. */
import { jsonTerminalSafe, terminalSafe, xmlText as xml } from "../escape.js";
import { CHECKS } from "./checks.js";
import type { CheckReport, Failure } from "./run.js";

export type Reporter = "text" | "json" | "junit";
export const REPORTERS: readonly Reporter[] = ["text", "json", "junit"];

function describeFailure(f: Failure): string[] {
  const what = f.rule ? `${f.kind} case (${f.rule})` : `${f.kind} case`;
  return [
    `${f.severity === "warning" ? "!" : "✖"} ${f.check}: ${f.operationId}, ${what}${f.count > 1 ? `, ${f.count} exchanges` : ""}`,
    ...f.messages.map((m) => `    ${m}`),
    `    ${f.request.method} ${f.request.path}${f.request.body !== undefined ? ` ${f.request.body}` : ""}${f.request.withKey ? "" : " (no key)"} → ${f.status ?? "no answer"}${f.shrunk ? " (shrunk)" : ""}`,
    `    reproduce: ${f.curl.replace(/\n/g, "\n               ")}`,
  ];
}

/** The coverage table as text: operation × statuses seen × each check's passes / failures. */
export function coverageTable(report: CheckReport): string {
  const checks = report.checks.filter((c) => report.coverage.some((row) => row.checks[c]));
  const header = ["operation", "statuses seen", ...checks];
  const rows = report.coverage.map((row) => [
    row.operationId,
    Object.entries(row.statuses).map(([s, n]) => `${s}×${n}`).join(" ") || "-",
    ...checks.map((c) => {
      const cell = row.checks[c];
      return !cell ? "-" : cell.failed ? `${cell.failed} ✖ / ${cell.passed + cell.failed}` : `✔ ${cell.passed}`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function summary(report: CheckReport): string {
  const verdict = report.passed ? "passed" : "FAILED";
  return `${verdict}: ${report.exchanges} exchanges, ${report.failures.length} failure${report.failures.length === 1 ? "" : "s"}, ${report.warnings.length} warning${report.warnings.length === 1 ? "" : "s"}${report.strict ? " (--strict: warnings fail)" : ""}`;
}

export function renderText(report: CheckReport): string {
  const lines = [
    `Contract check of ${report.target} (${report.writes ? "with writes" : "read-only"}; --fuzz ${report.fuzz} --seed ${report.seed})`,
    `Checks: ${report.checks.join(", ")}`,
    "",
  ];
  for (const f of report.failures) lines.push(...describeFailure(f), "");
  for (const f of report.warnings) lines.push(...describeFailure(f), "");
  for (const s of report.sequences) lines.push(`Sequence from ${s.producer}: ${s.steps.join(", ")}${s.failures.length ? ` (${s.failures.length} failed)` : ""}`);
  if (report.leftovers) {
    lines.push(
      !report.leftovers.verified
        ? `Leftovers could not be verified: ${report.leftovers.unverifiedBecause ?? "a list could not be read"}`
        : report.leftovers.leftCount
          ? `Leftovers: ${report.leftovers.leftCount} key(s) the run made are still there (${report.leftovers.before} listed before, ${report.leftovers.after} after)`
          : `No leftovers: ${report.leftovers.before} keys listed before the run, ${report.leftovers.after} after`,
    );
  }
  for (const s of report.skipped) lines.push(`Skipped: ${s}`);
  lines.push("", coverageTable(report), "", summary(report));
  lines.push("Reproductions read the key from $CONFIDENT_API_KEY.");
  // What the server sent (field names, messages) reaches a terminal: no control sequence of its own.
  return terminalSafe(lines.join("\n"));
}

/** One test case per operation and check; a failing one carries every failure's messages and `curl`. */
export function renderJunit(report: CheckReport): string {
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  const failing = [...report.failures, ...(report.strict ? report.warnings : [])];
  for (const row of report.coverage) {
    for (const check of report.checks) {
      const found = failing.filter((f) => f.operationId === row.operationId && f.check === check);
      const cell = row.checks[check];
      const head = `    <testcase classname="${xml(row.operationId)}" name="${xml(check)}"`;
      if (found.length) {
        failures++;
        const text = found.flatMap(describeFailure).join("\n");
        cases.push(`${head}>\n      <failure message="${xml(`${found.length} failure(s): ${found[0]?.messages[0] ?? ""}`)}">${xml(text)}</failure>\n    </testcase>`);
      } else if (!cell) {
        skipped++;
        cases.push(`${head}>\n      <skipped message="no exchange of this operation ran this check"/>\n    </testcase>`);
      } else cases.push(`${head}/>`);
    }
  }
  const out = xml(renderText(report));
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="contract" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${xml(`contract check of ${report.target}`)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`,
    `    <properties>`,
    `      <property name="seed" value="${report.seed}"/>`,
    `      <property name="fuzz" value="${report.fuzz}"/>`,
    `      <property name="writes" value="${report.writes}"/>`,
    `    </properties>`,
    ...cases,
    `    <system-out>${out}</system-out>`,
    `  </testsuite>`,
    `</testsuites>`,
  ].join("\n");
}

export function render(report: CheckReport, reporter: Reporter): string {
  if (reporter === "json") return jsonTerminalSafe(JSON.stringify(report, null, 2));
  if (reporter === "junit") return renderJunit(report);
  return renderText(report);
}

/** `contract --list-checks`: each check's name and what it holds the server to. */
export function listChecks(): string {
  const width = Math.max(...CHECKS.map((c) => c.name.length));
  return CHECKS.map((c) => `${c.name.padEnd(width)}  ${c.scope.padEnd(8)}  ${c.description}${c.schemathesis ? ` (Schemathesis: ${c.schemathesis})` : ""}`).join("\n");
}
