/**
 * The shape of an Unleash client-specification file (Unleash/client-specification, `specifications/`):
 * the state a client receives from `/api/client/features`, and the tests run against it.
 */

export interface UnleashConstraint {
  contextName: string;
  operator: string;
  value?: string;
  values?: string[];
  inverted?: boolean;
  caseInsensitive?: boolean;
}
export interface UnleashVariant {
  name: string;
  weight: number;
  stickiness?: string;
  payload?: { type: string; value: string };
}
export interface UnleashStrategy {
  name: string;
  parameters?: Record<string, string>;
  constraints?: UnleashConstraint[];
  segments?: number[];
  variants?: UnleashVariant[];
}
export interface UnleashFeature {
  name: string;
  enabled: boolean;
  strategies: UnleashStrategy[];
  variants?: UnleashVariant[];
  dependencies?: { feature: string; enabled?: boolean; variants?: string[] }[];
}
export interface UnleashContext {
  userId?: string;
  sessionId?: string;
  remoteAddress?: string;
  environment?: string;
  appName?: string;
  currentTime?: string;
  properties?: Record<string, unknown>;
}
export interface UnleashSegment {
  id: number;
  constraints: UnleashConstraint[];
}
export interface UnleashState {
  features: UnleashFeature[];
  segments?: UnleashSegment[];
}
export interface UnleashVariantAnswer {
  name: string;
  payload?: { type: string; value: string };
  enabled: boolean;
  feature_enabled: boolean;
}
export interface UnleashTest<Expected> {
  description: string;
  context: UnleashContext;
  toggleName: string;
  expectedResult: Expected;
}
export interface UnleashSpec {
  state: UnleashState;
  tests?: UnleashTest<boolean>[];
  variantTests?: UnleashTest<UnleashVariantAnswer>[];
}
