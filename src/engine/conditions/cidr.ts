import type { Address, Network } from '../ip-address.ts';
import { networkContains, parseAddress, parseNetwork } from '../ip-address.ts';
import type { OperatorSpec, ParsedOperator } from './operator.ts';
import { conditionValues, parsedOperator } from './operator.ts';

const inCidr: ParsedOperator<Address> = {
  kind: 'parsed',
  parseKind: 'ip',
  parse: parseAddress,
  compile(condition) {
    const networks = conditionValues(condition)
      .map((value) => (typeof value === 'string' ? parseNetwork(value) : null))
      .filter((network): network is Network => network !== null);
    return (address) => {
      for (const network of networks) if (networkContains(network, address)) return true;
      return false;
    };
  },
};

export const cidrOperators = {
  in_cidr: { implementation: parsedOperator(inCidr), invert: false },
} satisfies Record<string, OperatorSpec>;
