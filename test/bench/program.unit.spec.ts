import { benchProgram } from '../../bench/program';

/** The bench's command line: a mistyped scenario or option stops it before anything starts. */
const parse = (...args: string[]) => {
  const program = benchProgram(['gateway', 'sql', 'events'])
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  program.parse(args, { from: 'user' });
  return program.opts<{ smoke: boolean; only: string[] }>();
};

it('reads the scenarios to run and smoke size', () => {
  expect(parse('--only', 'gateway,events', '--smoke')).toEqual({ smoke: true, only: ['gateway', 'events'] });
  expect(parse()).toEqual({ smoke: false, only: [] });
});

it('refuses an unknown scenario, naming the known ones', () => {
  expect(() => parse('--only', 'gateway,nope')).toThrow(/no scenario nope; the scenarios are gateway, sql, events/);
});

it('refuses an unknown option and answers --help without running anything', () => {
  expect(() => parse('--frob')).toThrow(/unknown option '--frob'/);
  expect(() => parse('--help')).toThrow(expect.objectContaining({ code: 'commander.helpDisplayed' }));
});
