/**
 * A copy of the contract in which every object schema that does not say otherwise forbids
 * additional properties. The contract itself leaves answers open (the API may add fields at any
 * time); the mock serves and generates from this closed copy, so that it never emits a field the
 * contract does not name, and tests check its answers against it.
 */
import traverse from "json-schema-traverse";
import { Contract, type OpenApiDocument } from "./contract.js";

export function closedDocument(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  const schemas = copy.components?.["schemas"] ?? {};
  for (const schema of Object.values(schemas)) {
    traverse(schema as traverse.SchemaObject, (node) => {
      if (node["properties"] !== undefined && node["additionalProperties"] === undefined) node["additionalProperties"] = false;
    });
  }
  return copy;
}

const closedContracts = new WeakMap<Contract, Contract>();
/** The contract, closed, with its own validators (the bundled contract's compiled ahead): built once per contract. */
export function closedContractOf(contract: Contract): Contract {
  let closed = closedContracts.get(contract);
  if (!closed) closedContracts.set(contract, (closed = new Contract(closedDocument(contract.document), contract.validators.closed)));
  return closed;
}
