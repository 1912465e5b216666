/**
 * The throughput ceiling for the benchmarks: a bare node:http server answering each route of the
 * mix with the same canned bytes the mock sends (the contract's first example), no validation.
 * Usage: node --import tsx scripts/lib/ceiling-server.ts <port>
 */
import { createServer } from "node:http";
import { loadContract } from "../../src/contract/spec.js";

const contract = loadContract();
const canned = new Map<string, Buffer>();
for (const op of contract.operations) {
  const [example] = Object.values(op.responses.find((r) => r.status === "200")?.examples ?? {});
  canned.set(`${op.method.toUpperCase()} ${op.path.includes("{") ? "item" : "collection"}`, Buffer.from(JSON.stringify(example)));
}
const notFound = Buffer.from(JSON.stringify({ success: false, error: "No route" }));

const server = createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const kind = path === "/v1/organization/api-keys" ? "collection" : /^\/v1\/organization\/api-keys\/[^/]+$/.test(path) ? "item" : "";
  const body = canned.get(`${req.method} ${kind}`);
  req.resume();
  res.writeHead(body ? 200 : 404, { "content-type": "application/json; charset=utf-8", "content-length": (body ?? notFound).length });
  res.end(body ?? notFound);
});
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
