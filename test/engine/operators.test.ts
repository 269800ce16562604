import { describe, expect, it } from 'vitest';
import { holds } from './condition-harness.ts';

describe('equality operators', () => {
  it('in holds when the attribute equals any listed value, and only then', () => {
    expect(holds({ attribute: 'tenant', op: 'in', values: ['acme', 'globex'] }, { tenant: 'globex' })).toBe(true);
    expect(holds({ attribute: 'tenant', op: 'in', values: ['acme', 'globex'] }, { tenant: 'initech' })).toBe(false);
  });
  it('compares JSON values, where a listed number also matches numeric text but text never matches a number', () => {
    expect(holds({ attribute: 'seats', op: 'eq', value: 5 }, { seats: 5 })).toBe(true);
    expect(holds({ attribute: 'seats', op: 'eq', value: 5 }, { seats: '5' })).toBe(true);
    expect(holds({ attribute: 'seats', op: 'eq', value: 5 }, { seats: '5.0' })).toBe(true);
    expect(holds({ attribute: 'seats', op: 'eq', value: 5 }, { seats: '6' })).toBe(false);
    expect(holds({ attribute: 'seats', op: 'in', values: [1, 2] }, { seats: '2' })).toBe(true);
    expect(holds({ attribute: 'seats', op: 'neq', value: 5 }, { seats: '5' })).toBe(false);
    expect(holds({ attribute: 'code', op: 'eq', value: '5' }, { code: 5 })).toBe(false);
    expect(holds({ attribute: 'beta', op: 'eq', value: true }, { beta: true })).toBe(true);
    expect(holds({ attribute: 'beta', op: 'eq', value: true }, { beta: 'true' })).toBe(false);
  });
  it('not_in and neq are the exact complement of in and eq', () => {
    expect(holds({ attribute: 'tenant', op: 'not_in', values: ['acme'] }, { tenant: 'acme' })).toBe(false);
    expect(holds({ attribute: 'tenant', op: 'not_in', values: ['acme'] }, { tenant: 'globex' })).toBe(true);
    expect(holds({ attribute: 'plan', op: 'neq', value: 'free' }, { plan: 'free' })).toBe(false);
    expect(holds({ attribute: 'plan', op: 'neq', value: 'free' }, { plan: 'pro' })).toBe(true);
  });
  it('ignoreCase folds strings on both sides', () => {
    expect(holds({ attribute: 'country', op: 'in', values: ['DE'], ignoreCase: true }, { country: 'de' })).toBe(true);
    expect(holds({ attribute: 'country', op: 'in', values: ['DE'] }, { country: 'de' })).toBe(false);
  });
});

describe('string operators', () => {
  it.each([
    ['starts_with', 'beta-', 'beta-user', 'alpha-beta-'],
    ['ends_with', '@example.com', 'ann@example.com', 'ann@example.com.evil'],
    ['contains', 'admin', 'sysadmin-1', 'adm-in'],
  ] as const)('%s %j holds for %j and not for %j', (op, value, yes, no) => {
    expect(holds({ attribute: 'id', op, value }, { id: yes })).toBe(true);
    expect(holds({ attribute: 'id', op, value }, { id: no })).toBe(false);
  });
  it('string operators never match non-strings', () => {
    expect(holds({ attribute: 'id', op: 'starts_with', value: '1' }, { id: 12 })).toBe(false);
  });
  it('ignoreCase applies to the string operators', () => {
    expect(holds({ attribute: 'email', op: 'ends_with', value: '@EXAMPLE.com', ignoreCase: true }, { email: 'a@example.COM' })).toBe(true);
    expect(holds({ attribute: 'email', op: 'ends_with', value: '@EXAMPLE.com' }, { email: 'a@example.COM' })).toBe(false);
  });
  it('matches tests a regular expression, unanchored unless the pattern anchors it', () => {
    expect(holds({ attribute: 'ua', op: 'matches', value: 'Chrome/1[0-9]{2}' }, { ua: 'Mozilla Chrome/126.0' })).toBe(true);
    expect(holds({ attribute: 'ua', op: 'matches', value: '^Chrome' }, { ua: 'Mozilla Chrome/126.0' })).toBe(false);
    expect(holds({ attribute: 'ua', op: 'matches', value: '^chrome', ignoreCase: true }, { ua: 'Chrome' })).toBe(true);
  });
  it('with several values a string condition holds when any value matches', () => {
    expect(holds({ attribute: 'email', op: 'ends_with', values: ['@a.com', '@b.com'] }, { email: 'x@b.com' })).toBe(true);
  });
});

describe('number operators', () => {
  it.each([
    ['lt', 10, 9.999, 10],
    ['lte', 10, 10, 10.001],
    ['gt', 10, 10.001, 10],
    ['gte', 10, 10, 9.999],
  ] as const)('%s %d holds at %d and not at %d', (op, value, yes, no) => {
    expect(holds({ attribute: 'seats', op, value }, { seats: yes })).toBe(true);
    expect(holds({ attribute: 'seats', op, value }, { seats: no })).toBe(false);
  });
  it('accepts numeric strings from the context, and nothing else', () => {
    expect(holds({ attribute: 'seats', op: 'gt', value: 10 }, { seats: '11' })).toBe(true);
    expect(holds({ attribute: 'seats', op: 'gt', value: 10 }, { seats: '1e3' })).toBe(true);
    expect(holds({ attribute: 'seats', op: 'gt', value: 10 }, { seats: '11 seats' })).toBe(false);
    expect(holds({ attribute: 'seats', op: 'gt', value: 10 }, { seats: '' })).toBe(false);
    expect(holds({ attribute: 'seats', op: 'gt', value: 10 }, { seats: true })).toBe(false);
  });
});

describe('semver operators', () => {
  it.each([
    ['semver_eq', '2.3.0', '2.3.0', '2.3.1'],
    ['semver_lt', '2.3.0', '2.2.99', '2.3.0'],
    ['semver_lte', '2.3.0', '2.3.0', '2.3.1'],
    ['semver_gt', '2.3.0', '2.3.1', '2.3.0'],
    ['semver_gte', '2.3.0', '2.3.0', '2.2.99'],
  ] as const)('%s %s holds at %s and not at %s', (op, value, yes, no) => {
    expect(holds({ attribute: 'app.version', op, value }, { app: { version: yes } })).toBe(true);
    expect(holds({ attribute: 'app.version', op, value }, { app: { version: no } })).toBe(false);
  });
  it('orders numerically, not as text: 2.10.0 is after 2.9.0', () => {
    expect(holds({ attribute: 'v', op: 'semver_gt', value: '2.9.0' }, { v: '2.10.0' })).toBe(true);
  });
  it('orders prereleases before their release, by SemVer precedence', () => {
    expect(holds({ attribute: 'v', op: 'semver_lt', value: '2.3.0' }, { v: '2.3.0-beta.2' })).toBe(true);
    expect(holds({ attribute: 'v', op: 'semver_gt', value: '2.3.0-beta.2' }, { v: '2.3.0-beta.11' })).toBe(true);
    expect(holds({ attribute: 'v', op: 'semver_gt', value: '2.3.0-beta' }, { v: '2.3.0-alpha' })).toBe(false);
    expect(holds({ attribute: 'v', op: 'semver_eq', value: '2.3.0' }, { v: '2.3.0+build.5' })).toBe(true);
  });
  it('never matches a value that is not strict SemVer', () => {
    for (const v of ['2.3', '02.3.0', '2.3.0.1', 'latest', '', '2.3.0-']) {
      expect(holds({ attribute: 'v', op: 'semver_gte', value: '0.0.0' }, { v })).toBe(false);
    }
    expect(holds({ attribute: 'v', op: 'semver_gte', value: '0.0.0' }, { v: 'v1.0.0' })).toBe(true);
  });
});

describe('date operators', () => {
  const at = '2026-03-01T00:00:00Z';
  it('before and after compare instants, exclusive at the boundary', () => {
    expect(holds({ attribute: 'signup', op: 'before', value: at }, { signup: '2026-02-28T23:59:59.999Z' })).toBe(true);
    expect(holds({ attribute: 'signup', op: 'before', value: at }, { signup: at })).toBe(false);
    expect(holds({ attribute: 'signup', op: 'after', value: at }, { signup: '2026-03-01T00:00:00.001Z' })).toBe(true);
    expect(holds({ attribute: 'signup', op: 'after', value: at }, { signup: at })).toBe(false);
  });
  it('honours time zone offsets and accepts epoch milliseconds', () => {
    expect(holds({ attribute: 'signup', op: 'after', value: at }, { signup: '2026-03-01T00:30:00+01:00' })).toBe(false);
    expect(holds({ attribute: 'signup', op: 'after', value: at }, { signup: Date.parse(at) + 1 })).toBe(true);
  });
  it('never matches text that is not an RFC 3339 date-time', () => {
    expect(holds({ attribute: 'signup', op: 'before', value: at }, { signup: '1' })).toBe(false);
    expect(holds({ attribute: 'signup', op: 'before', value: at }, { signup: 'March 7, 2020' })).toBe(false);
  });
});

describe('in_cidr', () => {
  it('matches IPv4 addresses inside the network and not outside', () => {
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '10.1.0.0/16' }, { ip: '10.1.255.255' })).toBe(true);
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '10.1.0.0/16' }, { ip: '10.2.0.0' })).toBe(false);
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '0.0.0.0/0' }, { ip: '203.0.113.9' })).toBe(true);
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '203.0.113.9' }, { ip: '203.0.113.9' })).toBe(true);
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '203.0.113.9/32' }, { ip: '203.0.113.8' })).toBe(false);
  });
  it('matches IPv6 addresses, compressed or not', () => {
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '2001:db8::/32' }, { ip: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '2001:db8::/32' }, { ip: '2001:db9::1' })).toBe(false);
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '2001:db8:abcd:12::/63' }, { ip: '2001:db8:abcd:13::ffff' })).toBe(true);
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '2001:db8:abcd:12::/64' }, { ip: '2001:db8:abcd:13::ffff' })).toBe(false);
  });
  it('matches IPv4-mapped IPv6 addresses against IPv4 networks', () => {
    expect(holds({ attribute: 'ip', op: 'in_cidr', value: '192.168.0.0/16' }, { ip: '::ffff:192.168.4.2' })).toBe(true);
  });
  it('never matches text that is not an address', () => {
    for (const ip of ['10.1.2', '10.1.2.256', 'localhost', '2001:db8::1::2', '']) {
      expect(holds({ attribute: 'ip', op: 'in_cidr', value: '0.0.0.0/0' }, { ip })).toBe(false);
    }
  });
});

describe('presence operators', () => {
  it('exists means present and not null', () => {
    expect(holds({ attribute: 'email', op: 'exists' }, { email: '' })).toBe(true);
    expect(holds({ attribute: 'email', op: 'exists' }, { email: null })).toBe(false);
    expect(holds({ attribute: 'email', op: 'exists' }, {})).toBe(false);
    expect(holds({ attribute: 'groups', op: 'exists' }, { groups: [] })).toBe(true);
  });
  it('not_exists is its complement', () => {
    expect(holds({ attribute: 'email', op: 'not_exists' }, {})).toBe(true);
    expect(holds({ attribute: 'email', op: 'not_exists' }, { email: 'a@b.c' })).toBe(false);
  });
});

describe('a condition on a missing attribute', () => {
  it('is false for positive operators and true for not_exists, not_in and neq', () => {
    expect(holds({ attribute: 'plan', op: 'in', values: ['pro'] }, {})).toBe(false);
    expect(holds({ attribute: 'plan', op: 'eq', value: 'pro' }, {})).toBe(false);
    expect(holds({ attribute: 'seats', op: 'lt', value: 10 }, {})).toBe(false);
    expect(holds({ attribute: 'v', op: 'semver_lt', value: '1.0.0' }, {})).toBe(false);
    expect(holds({ attribute: 'plan', op: 'not_in', values: ['pro'] }, {})).toBe(true);
    expect(holds({ attribute: 'plan', op: 'neq', value: 'pro' }, {})).toBe(true);
  });
  it('treats null like missing', () => {
    expect(holds({ attribute: 'plan', op: 'neq', value: 'pro' }, { plan: null })).toBe(true);
  });
  it('is inverted by negate too', () => {
    expect(holds({ attribute: 'plan', op: 'in', values: ['pro'], negate: true }, {})).toBe(true);
    expect(holds({ attribute: 'plan', op: 'not_in', values: ['pro'], negate: true }, {})).toBe(false);
  });
  it('does not see inherited properties such as constructor or toString', () => {
    expect(holds({ attribute: 'constructor', op: 'exists' }, {})).toBe(false);
    expect(holds({ attribute: 'toString', op: 'exists' }, {})).toBe(false);
    expect(holds({ attribute: 'a.constructor', op: 'exists' }, { a: {} })).toBe(false);
  });
});

describe('negate', () => {
  it('inverts a condition on a present attribute', () => {
    expect(holds({ attribute: 'tenant', op: 'in', values: ['acme'], negate: true }, { tenant: 'acme' })).toBe(false);
    expect(holds({ attribute: 'tenant', op: 'in', values: ['acme'], negate: true }, { tenant: 'globex' })).toBe(true);
  });
});

describe('attributes', () => {
  it('reach into nested objects with dots', () => {
    expect(holds({ attribute: 'org.plan.tier', op: 'eq', value: 'gold' }, { org: { plan: { tier: 'gold' } } })).toBe(true);
    expect(holds({ attribute: 'org.plan.tier', op: 'eq', value: 'gold' }, { org: { plan: 'gold' } })).toBe(false);
  });
  it('a list attribute matches when any element does', () => {
    expect(holds({ attribute: 'groups', op: 'in', values: ['beta'] }, { groups: ['staff', 'beta'] })).toBe(true);
    expect(holds({ attribute: 'groups', op: 'not_in', values: ['beta'] }, { groups: ['staff', 'beta'] })).toBe(false);
    expect(holds({ attribute: 'versions', op: 'semver_gte', value: '2.0.0' }, { versions: ['1.0.0', '2.1.0'] })).toBe(true);
    expect(holds({ attribute: 'groups', op: 'in', values: ['beta'] }, { groups: [] })).toBe(false);
  });
});

describe('segment conditions', () => {
  const segments = {
    internal: { tenants: ['acme-internal'], users: ['u-42'], when: [{ attribute: 'email', op: 'ends_with' as const, value: '@example.com' }] },
    empty: {},
  };
  it('in_segment holds for a listed tenant, a listed user, or when all its conditions hold', () => {
    expect(holds({ in_segment: 'internal' }, { tenant: 'acme-internal' }, segments)).toBe(true);
    expect(holds({ in_segment: 'internal' }, { targetingKey: 'u-42' }, segments)).toBe(true);
    expect(holds({ in_segment: 'internal' }, { email: 'ann@example.com' }, segments)).toBe(true);
    expect(holds({ in_segment: 'internal' }, { tenant: 'globex', targetingKey: 'u-1', email: 'x@globex.com' }, segments)).toBe(false);
  });
  it('not_in_segment is its complement', () => {
    expect(holds({ not_in_segment: 'internal' }, { tenant: 'acme-internal' }, segments)).toBe(false);
    expect(holds({ not_in_segment: 'internal' }, { tenant: 'globex' }, segments)).toBe(true);
  });
  it('a segment with no lists and no conditions matches nobody', () => {
    expect(holds({ in_segment: 'empty' }, { tenant: 'acme' }, segments)).toBe(false);
  });
});
