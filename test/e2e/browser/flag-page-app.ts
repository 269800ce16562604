// Bundled by esbuild into the page the Chromium test opens: the README's browser snippet, reading
// one client flag from the Worker (another origin) and publishing the result for the test to read.
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { OpenFeature } from '@openfeature/web-sdk';

/** What the page exposes on `globalThis.edgeflagResult` once the provider is ready. */
export interface PageResult {
  readonly value: string;
  readonly reason: string | undefined;
  readonly errorCode: string | undefined;
}

declare const location: { readonly search: string };

const worker = new URLSearchParams(location.search).get('worker');
if (worker === null) throw new Error('open the page with ?worker=<Worker base URL>');

await OpenFeature.setProviderAndWait(
  new OFREPWebProvider({ baseUrl: worker, pollInterval: 500, cacheMode: 'disabled' }),
  { targetingKey: 'u-festive' },
);
const details = OpenFeature.getClient().getStringDetails('banner-text', 'fallback');
const result: PageResult = { value: details.value, reason: details.reason, errorCode: details.errorCode };
(globalThis as { edgeflagResult?: PageResult }).edgeflagResult = result;
