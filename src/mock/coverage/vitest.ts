/**
 * The scenario coverage reporter for vitest:
 *
 * ```ts
 * // vitest.config.ts
 * import { ScenarioCoverageReporter } from "confident-org-api-keys/coverage";
 * export default defineConfig({ test: { reporters: ["default", new ScenarioCoverageReporter({ require: ["401", "404"] })] } });
 * ```
 *
 * It prints the matrix at the end of the run, writes it, and fails the run (exit code 1, as
 * vitest's own coverage thresholds do) when a required cell was never served.
 */
import { CoverageRun, type ScenarioCoverageOptions } from "./run.js";

export class ScenarioCoverageReporter {
  private readonly run: CoverageRun;

  constructor(options: ScenarioCoverageOptions = {}) {
    this.run = new CoverageRun(options);
  }

  onTestRunStart(): void {
    this.run.restart();
  }

  onTestRunEnd(): void {
    const { error } = this.run.finish((text) => process.stdout.write(`\n${text}`));
    if (error) {
      process.stderr.write(`\n${error.message}\n`);
      process.exitCode = 1;
    }
  }
}

export default ScenarioCoverageReporter;
