import type { FlagDocument } from '../../src/engine/index.ts';

/** The flags most worker tests publish: one of each value type, reason and audience. */
export const sampleFlags: FlagDocument = {
  segments: {
    internal: { description: 'Our own tenants', tenants: ['acme-internal'] },
  },
  flags: {
    'new-checkout': {
      description: 'New checkout flow',
      client: true,
      variants: { on: true, off: false },
      defaultVariant: 'off',
      targets: { on: { users: ['u-1'] } },
      rules: [{ name: 'internal first', when: [{ in_segment: 'internal' }], variant: 'on' }],
      metadata: { owner: 'payments-team' },
    },
    'banner-text': {
      client: true,
      variants: { short: 'Hi', long: 'Hello there' },
      defaultVariant: 'long',
    },
    theme: {
      client: true,
      variants: { dark: { background: '#000', accent: 'teal' }, light: { background: '#fff', accent: 'navy' } },
      defaultVariant: 'light',
    },
    'gradual-rollout': {
      client: true,
      defaultVariant: 'off',
      rules: [{ name: 'half', rollout: { variants: { on: 50, off: 50 } } }],
    },
    'holiday-sale': {
      client: true,
      defaultVariant: 'on',
      offVariant: 'off',
      schedule: { from: '2026-12-01T00:00:00Z' },
    },
    'max-items': {
      description: 'Server only: how many items a cart holds',
      variants: { few: 10, many: 50.5 },
      defaultVariant: 'few',
      rules: [{ name: 'pro plan', when: [{ attribute: 'plan', op: 'eq', value: 'pro' }], variant: 'many' }],
    },
    'legacy-export': {
      enabled: false,
      defaultVariant: 'on',
      offVariant: 'off',
    },
  },
};

/** Client flags of `sampleFlags`, in file order. */
export const sampleClientFlags = ['new-checkout', 'banner-text', 'theme', 'gradual-rollout', 'holiday-sale'];

/** Every flag of `sampleFlags`, in file order. */
export const sampleAllFlags = [...sampleClientFlags, 'max-items', 'legacy-export'];
