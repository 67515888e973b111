import { Command, InvalidArgumentError } from 'commander';

/** The command line: `--help`, and unknown options or scenario ids refused before anything starts. */
export function benchProgram(ids: readonly string[]): Command {
  return new Command('npm run bench --')
    .description('Runs the performance scenarios and writes bench/results/<timestamp>.json and .md')
    .option('--smoke', 'every scenario at smoke size: checks that it runs, measures nothing', false)
    .option(
      '--only <ids>',
      `run only these scenarios, separated by commas: ${ids.join(', ')}`,
      (value: string) => {
        const only = value.split(',').filter(Boolean);
        const unknown = only.filter((id) => !ids.includes(id));
        if (unknown.length) throw new InvalidArgumentError(`no scenario ${unknown.join(', ')}; the scenarios are ${ids.join(', ')}`);
        return only;
      },
      [] as string[],
    );
}
