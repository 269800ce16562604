import type { FlagDocument } from '../../src/engine/index.ts';

/** A value that would end the bootstrap script element if it were written unescaped. */
export const HOSTILE_TEXT = '</script><script>alert("edgeflag")</script><!--';

/** Flags the proxy tests publish: a sticky rollout, a tenant target, edge-attribute rules, awkward keys. */
export const edgeFlags: FlagDocument = {
  flags: {
    'checkout-rollout': {
      client: true,
      defaultVariant: 'off',
      rules: [{ name: 'half of visitors', rollout: { variants: { on: 50, off: 50 } } }],
    },
    'tenant-beta': {
      defaultVariant: 'off',
      targets: { on: { tenants: ['acme'] } },
    },
    'germany-only': {
      defaultVariant: 'off',
      rules: [{ name: 'Germany', when: [{ attribute: 'country', op: 'in', values: ['DE'] }], variant: 'on' }],
    },
    'office-network': {
      defaultVariant: 'off',
      rules: [{ name: 'office', when: [{ attribute: 'ip', op: 'in_cidr', values: ['203.0.113.0/24', '2001:db8::/32'] }], variant: 'on' }],
    },
    'Pricing.Tier': {
      variants: { '2': 'two', basic: 'basic' },
      defaultVariant: '2',
    },
    banner: {
      client: true,
      variants: { hostile: HOSTILE_TEXT, plain: 'Welcome' },
      defaultVariant: 'hostile',
    },
  },
};
