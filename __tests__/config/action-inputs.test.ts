// The action's inputs schema (src/action/inputs.ts): the inputs it reads are exactly those action.yml declares, with
// the same defaults, and bad values are refused with the input's name.
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { INPUT_DEFAULTS, INPUT_NAMES, InputError, readInputs } from '../../src/action/inputs.js';

const actionYml = load(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { description?: string }>;
};

describe('action inputs', () => {
  it('are the inputs action.yml declares, in its order, with the defaults its descriptions state', () => {
    expect(INPUT_NAMES).toEqual(Object.keys(actionYml.inputs));
    const stated = Object.entries(INPUT_DEFAULTS).flatMap(([name, value]) => {
      const m = /Default: (\S+)$/.exec(actionYml.inputs[name]?.description ?? '');
      return m ? [[m[1], value]] : [];
    });
    expect(stated.length).toBeGreaterThanOrEqual(5);
    for (const [documented, value] of stated) expect(documented).toBe(value);
  });

  it('reads defaults, trims values (not key material) and names fields as the code does', () => {
    const given: Record<string, string> = { 'hub-url': ' http://127.0.0.1:1 ', 'cdn-origins': 'https://a.example, https://b.example\nhttps://c.example', comment: 'No', 'signing-key': ' KEY\n' };
    const inputs = readInputs((name) => given[name] ?? '');
    expect(inputs).toMatchObject({
      mode: 'review',
      allowlist: 'approved-models.yaml',
      policy: '.github/model-gate.yml',
      hubUrl: 'http://127.0.0.1:1',
      cdnOrigins: ['https://a.example', 'https://b.example', 'https://c.example'],
      comment: false,
      reportDir: 'model-gate-report',
      sign: 'auto',
      signingKey: ' KEY\n',
      identityProvider: 'https://token.actions.githubusercontent.com',
      failOn: '',
      publicKey: ''
    });
  });

  it.each([
    [{ mode: 'deploy' }, "input 'mode' is 'deploy'; expected one of: review, verify, release-gate, audit"],
    [{ comment: 'maybe' }, "input 'comment' is 'maybe'; expected true or false"],
    [{ sign: 'gpg' }, "input 'sign' is 'gpg'; expected one of: auto, keyless, key, none"],
    [{ mode: 'x', sign: 'y' }, "input 'mode' is 'x'; expected one of: review, verify"],
    [{ 'max-retry-wait': '3601' }, "input 'max-retry-wait' is '3601'; expected whole seconds from 0 to 3600"],
    [{ 'max-retry-wait': '1.5' }, "input 'max-retry-wait' is '1.5'; expected whole seconds from 0 to 3600"],
    [{ 'review-deadline': '0' }, "input 'review-deadline' is '0'; expected whole minutes from 1 to 1440"],
    [{ 'review-deadline': '6h' }, "input 'review-deadline' is '6h'; expected whole minutes from 1 to 1440"]
  ])('refuses %j', (given, message) => {
    const get = (name: string): string => (given as Record<string, string>)[name] ?? '';
    expect(() => readInputs(get)).toThrow(InputError);
    expect(() => readInputs(get)).toThrow(message);
  });

  it('max-retry-wait: 60 s by default (as action.yml states), whole seconds when given', () => {
    expect(readInputs(() => '').maxRetryWait).toBe(60);
    expect(readInputs((n) => (n === 'max-retry-wait' ? ' 5 ' : '')).maxRetryWait).toBe(5);
  });

  it('review-deadline: 300 minutes by default (inside the 6-hour job limit, as action.yml states)', () => {
    expect(readInputs(() => '').reviewDeadline).toBe(300);
    expect(readInputs((n) => (n === 'review-deadline' ? '45' : '')).reviewDeadline).toBe(45);
  });
});
