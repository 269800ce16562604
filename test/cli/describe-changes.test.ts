import { describe, expect, it } from 'vitest';
import type { Flag, FlagDocument } from '../../src/engine/index.ts';
import { describeChanges, formatChange } from '../../src/cli/publish/describe-changes.ts';

const beta: Flag = {
  client: true,
  rules: [
    { name: 'internal first', when: [{ in_segment: 'internal' }], variant: 'on' },
    { name: 'beta users', when: [{ attribute: 'plan', op: 'in', values: ['beta'] }], rollout: { variants: { on: 10, off: 90 } } },
  ],
};
const published: FlagDocument = {
  segments: { internal: { tenants: ['acme-internal'] } },
  flags: {
    beta,
    banner: { variants: { plain: 'Welcome', festive: 'Happy holidays' }, defaultVariant: 'plain' },
    legacy: { enabled: true },
  },
};

function changesTo(next: FlagDocument, before: FlagDocument = published): string[] {
  return describeChanges(before, next).map(formatChange);
}

function withFlag(key: string, flag: Flag | undefined): FlagDocument {
  const flags = { ...published.flags };
  if (flag === undefined) delete flags[key];
  else flags[key] = flag;
  return { ...published, flags };
}

describe('describeChanges: what a publish would change, in words', () => {
  it('finds nothing when only the order of keys differs', () => {
    const reordered: FlagDocument = {
      flags: { legacy: { enabled: true }, banner: { defaultVariant: 'plain', variants: { festive: 'Happy holidays', plain: 'Welcome' } }, beta },
      segments: { internal: { tenants: ['acme-internal'] } },
    };
    expect(changesTo(reordered)).toEqual([]);
  });

  it('lists every flag and segment as added when nothing is published yet', () => {
    expect(describeChanges(undefined, published).map(formatChange)).toEqual([
      '+ segment "internal" added',
      '+ flag "banner" added',
      '+ flag "beta" added',
      '+ flag "legacy" added',
    ]);
  });

  it('names added and removed flags', () => {
    const next = withFlag('legacy', undefined);
    next.flags['dark-mode'] = { client: true };
    expect(changesTo(next)).toEqual(['+ flag "dark-mode" added', '- flag "legacy" removed']);
  });

  it('says enabled -> disabled, and that leaving out enabled: true changes nothing', () => {
    expect(changesTo(withFlag('legacy', { enabled: false }))).toEqual(['~ flag "legacy": enabled -> disabled']);
    expect(changesTo(withFlag('legacy', {}))).toEqual(['~ flag "legacy": written differently, same effect (a default written out or left out)']);
  });

  it('shows a rollout weight change as old% -> new% under the rule name', () => {
    const rules = [beta.rules![0]!, { ...beta.rules![1]!, rollout: { variants: { on: 25, off: 75 } } }];
    expect(changesTo(withFlag('beta', { ...beta, rules }))).toEqual(['~ flag "beta": rule "beta users": rollout on 10% -> 25%, off 90% -> 75%']);
  });

  it('names a rule whose conditions changed, an added and a removed rule, and a reordering', () => {
    const [internal, beta10] = beta.rules!;
    const changedConditions = [{ ...internal!, when: [{ in_segment: 'staff' }] }, beta10!];
    expect(changesTo(withFlag('beta', { ...beta, rules: changedConditions }))).toEqual(['~ flag "beta": rule "internal first": conditions changed']);
    const replaced = [internal!, { name: 'everyone', variant: 'on' }];
    expect(changesTo(withFlag('beta', { ...beta, rules: replaced }))).toEqual(['~ flag "beta": rule "everyone" added; rule "beta users" removed']);
    expect(changesTo(withFlag('beta', { ...beta, rules: [beta10!, internal!] }))).toEqual(['~ flag "beta": rules reordered']);
  });

  it('describes changed variants and a changed default variant, which also moves an implicit off variant', () => {
    const banner: Flag = { variants: { plain: 'Welcome back', sale: '20% off' }, defaultVariant: 'sale' };
    expect(changesTo(withFlag('banner', banner))).toEqual([
      '~ flag "banner": variants added: sale; variants removed: festive; variant plain "Welcome" -> "Welcome back"; default variant plain -> sale; off variant plain -> sale',
    ]);
  });

  it('says when a flag becomes public or stops being public', () => {
    expect(changesTo(withFlag('beta', { ...beta, client: false }))).toEqual(['~ flag "beta": no longer public (needs a server key)']);
    expect(changesTo(withFlag('legacy', { enabled: true, client: true }))).toEqual(['~ flag "legacy": now public (served to browsers without a key)']);
  });

  it('lists tenants added to and removed from a segment', () => {
    const next: FlagDocument = { ...published, segments: { internal: { tenants: ['qa'] } } };
    expect(changesTo(next)).toEqual(['~ segment "internal": tenants added: qa; tenants removed: acme-internal']);
  });

  it('tells unnamed rules apart by their position', () => {
    const before: FlagDocument = { flags: { f: { rules: [{ variant: 'on' }, { variant: 'off' }] } } };
    const after: FlagDocument = { flags: { f: { rules: [{ variant: 'on' }, { variant: 'on' }] } } };
    expect(changesTo(after, before)).toEqual(['~ flag "f": rule 2: serves off -> on']);
  });
});
