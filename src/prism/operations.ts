/** Prism's operations for the bundled contract, as `npm run generate` prepared them: read only where Prism is loaded. */
import { prismOperationsText } from "../../generated/prism-operations.js";

export function loadPrismOperations(): unknown[] {
  return JSON.parse(prismOperationsText) as unknown[];
}
