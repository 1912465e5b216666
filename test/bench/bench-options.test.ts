// `npm run bench`'s options: each number is checked before anything is measured, and a part that
// does not exist is named, instead of a run that prints NaN or measures nothing.
import { describe, expect, it } from "vitest";
import { BenchUsageError, PART_NAMES, parseBenchOptions } from "../../scripts/lib/bench-options.js";

describe("parseBenchOptions", () => {
  it("takes the defaults: every part, 10 s runs, 2 rounds, 7 cold starts, 3 suite runs, 5 frontend rounds, no JSON", () => {
    expect(parseBenchOptions([])).toEqual({ json: undefined, duration: 10, rounds: 2, cold: 7, suite: 3, frontend: 5, parts: [...PART_NAMES] });
  });

  it("reads every option, --json without a file as reports/bench.json, and parts in the bench's order", () => {
    expect(parseBenchOptions(["--json", "--duration", "3", "--rounds", "1", "--cold", "9", "--suite", "0", "--frontend", "2", "--only", "frontend, suite, cold"])).toEqual({
      json: "reports/bench.json",
      duration: 3,
      rounds: 1,
      cold: 9,
      suite: 0,
      frontend: 2,
      parts: ["cold", "suite", "frontend"],
    });
    expect(parseBenchOptions(["--json", "out.json"]).json).toBe("out.json");
  });

  it.each([
    [["--duration", "fast"], /--duration must be a whole number of at least 1, got "fast"/],
    [["--duration", "0"], /--duration must be a whole number of at least 1/],
    [["--rounds", "-1"], /--rounds/],
    [["--cold", "1.5"], /--cold must be a whole number/],
    [["--suite", "1e3"], /--suite must be a whole number of at least 0/],
    [["--frontend", "0"], /--frontend must be a whole number of at least 1/],
    [["--only", "cold,speed"], /--only takes cold, throughput, doors, browser, client, suite, frontend; got "cold,speed"/],
    [["--only", ""], /--only takes/],
    [["--fast"], /Unknown option '--fast'/],
  ])("refuses %j", (args, message) => {
    expect(() => parseBenchOptions(args)).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(args)).toThrow(message);
  });

});
