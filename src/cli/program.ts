/**
 * The command line as commander parses it, built from the option tables (options.ts): flags,
 * defaults and help in one place, `--help` on every command, and an unknown flag answered with the
 * closest real one.
 */
import { Command, CommanderError, Option } from "commander";
import type { CommandSpec } from "./options.js";

/** What a command's action gets: each flag's value as given (strings, switches as booleans, repeatable flags as lists). */
export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

export interface ProgramOutput {
  out(text: string): void;
  err(text: string): void;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function optionOf(spec: CommandSpec["options"][number]): Option {
  const option = new Option(spec.value ? `--${spec.name} ${spec.value}` : `--${spec.name}`, spec.help);
  if (spec.multiple) option.argParser(collect);
  if (spec.default !== undefined) option.default(spec.default, spec.default);
  return option;
}

/**
 * The program: one subcommand per spec, each running `run(spec, options)` and keeping the exit
 * code it gives. Commander's own errors (an unknown flag, a missing value) are exit code 2.
 */
export function buildProgram(name: string, commands: readonly CommandSpec[], run: (command: CommandSpec, options: ParsedOptions) => Promise<number>, output: ProgramOutput): { program: Command; exitCode: () => number } {
  let code = 0;
  const program = new Command(name)
    .exitOverride()
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .showSuggestionAfterError()
    .showHelpAfterError(`(run ${name} <command> --help for its options)`)
    .helpCommand("help [command]", "the help of a command");
  for (const spec of commands) {
    const command = program
      .command(spec.name)
      .description(spec.summary)
      .exitOverride()
      .configureOutput({ writeOut: output.out, writeErr: output.err })
      .showSuggestionAfterError()
      .showHelpAfterError(`(run ${name} ${spec.name} --help for its options)`);
    for (const option of spec.options) command.addOption(optionOf(option));
    if (spec.notes) command.addHelpText("after", `\n${spec.notes}`);
    command.action(async (options: ParsedOptions) => {
      code = await run(spec, options);
    });
  }
  return { program, exitCode: () => code };
}

/** Whether commander stopped for help (exit 0) rather than a mistake (exit 2). */
export function isHelp(error: unknown): boolean {
  return error instanceof CommanderError && (error.code === "commander.helpDisplayed" || error.code === "commander.help" || error.code === "commander.version");
}

export { CommanderError };
