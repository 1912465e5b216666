/**
 * The scenario coverage reporter for Jest:
 *
 * ```js
 * // jest.config.js
 * reporters: ["default", ["confident-org-api-keys/coverage/jest", { require: ["401", "404"] }]],
 * ```
 *
 * The same matrix as the vitest reporter's; a required cell never served fails the run (Jest's
 * `getLastError`).
 */
import { CoverageRun, type ScenarioCoverageOptions } from "./run.js";

export default class JestScenarioCoverageReporter {
  private readonly run: CoverageRun;
  private error: Error | undefined;

  constructor(_globalConfig: unknown, options: ScenarioCoverageOptions = {}) {
    this.run = new CoverageRun(options);
  }

  onRunStart(): void {
    this.run.restart();
    this.error = undefined;
  }

  onRunComplete(): void {
    const { error } = this.run.finish((text) => process.stdout.write(`\n${text}`));
    if (error) process.stderr.write(`\n${error.message}\n`);
    this.error = error;
  }

  getLastError(): Error | undefined {
    return this.error;
  }
}
