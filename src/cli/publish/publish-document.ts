import type { EvaluationContext, FlagDocument } from '../../engine/index.ts';
import { validateDocument } from '../../schema/index.ts';
import type { SnapshotPointer } from '../../store/envelope.ts';
import type { ExitCode } from '../command.ts';
import type { FlagImpact } from '../impact/impact-preview.ts';
import { impactPreview, printImpact } from '../impact/impact-preview.ts';
import { describeKv } from '../kv-target.ts';
import { buildEnvelope, contentChecksum } from './build-envelope.ts';
import { describeChanges, formatChange } from './describe-changes.ts';
import { PublishedStateError, readEnvelope, readPointer, writeSnapshot } from './published-snapshot.ts';
import type { WranglerTarget } from '../wrangler.ts';
import { WranglerError } from '../wrangler.ts';

/** Where publishing prints: results on `out`, problems on `err`. */
export interface PublishOutput {
  out(line: string): void;
  err(line: string): void;
}

export interface PublishOptions {
  readonly target: WranglerTarget;
  /** Print what would change and write nothing. */
  readonly dryRun: boolean;
  readonly message: string;
  /** The publish time written into the envelope; default now. */
  readonly now?: Date;
  /** The pointer as just read (`null`: nothing published), to save a wrangler run re-reading it. */
  readonly pointer?: SnapshotPointer | null;
  /** With `dryRun`: contexts to preview the change on (`--sample FILE.jsonl`). */
  readonly sample?: readonly EvaluationContext[];
}

/** What a publish did: its exit code, the version now current, and a dry run's impact preview. */
export interface PublishOutcome {
  readonly code: ExitCode;
  /** The version the pointer names after the publish (unchanged content: the live one); none on failure or a dry run. */
  readonly version?: number;
  /** Set when a dry run was given a sample and something is published to compare with. */
  readonly impact?: readonly FlagImpact[];
}

/**
 * Publishes a validated flag document to KV through wrangler: compares it with the version the
 * pointer names (equal content is a no-op), writes the next version, reads it back, then moves the
 * pointer. Its code is 1, with the reason on `err`, when wrangler fails or KV holds something unusable.
 *
 * @example await publishDocument(document, { target: { local: true }, dryRun: false, message: 'beta to 25%' }, io)
 */
export async function publishDocument(document: FlagDocument, options: PublishOptions, output: PublishOutput): Promise<PublishOutcome> {
  try {
    return await publishValid(document, options, output);
  } catch (error) {
    if (error instanceof WranglerError || error instanceof PublishedStateError) {
      output.err(`edgeflag publish: ${error.message}`);
      output.err('Nothing was published: the pointer snapshot:current was not moved.');
      return { code: 1 };
    }
    throw error;
  }
}

async function publishValid(document: FlagDocument, options: PublishOptions, output: PublishOutput): Promise<PublishOutcome> {
  const where = describeKv(options.target);
  const pointer = options.pointer === undefined ? await readPointer(options.target) : (options.pointer ?? undefined);
  const checksum = await contentChecksum(document);
  if (pointer?.checksum === checksum) {
    output.out(`Unchanged: ${where} already serves this content as version ${pointer.version}; nothing published.`);
    return { code: 0, ...(options.dryRun ? {} : { version: pointer.version }) };
  }
  const version = (pointer?.version ?? 0) + 1;
  if (options.dryRun) {
    const current = pointer === undefined ? undefined : await readEnvelope(pointer.version, options.target);
    const published = current === undefined ? undefined : validateDocument({ segments: current.segments, flags: current.flags });
    const changes = describeChanges(published?.ok === true ? published.document : undefined, document);
    const now = pointer === undefined ? 'nothing published yet' : `now version ${pointer.version}`;
    output.out(`Dry run: would publish version ${version} to ${where} (${now}):`);
    if (pointer !== undefined && published?.ok !== true) {
      const why = current === undefined ? 'is missing from KV' : 'does not validate';
      output.out(`  (version ${pointer.version} ${why}, so every flag counts as added)`);
    }
    for (const change of changes) output.out(`  ${formatChange(change)}`);
    if (changes.length === 0) output.out('  no flag or segment changes');
    let impact: FlagImpact[] | undefined;
    if (options.sample !== undefined && published?.ok === true) {
      impact = impactPreview(published.document, document, options.sample, (options.now ?? new Date()).getTime());
      printImpact(impact, options.sample.length, output);
    } else if (options.sample !== undefined) {
      output.out('No impact preview: nothing valid is published to compare the sample with.');
    }
    output.out('Nothing was written.');
    return { code: 0, ...(impact === undefined ? {} : { impact }) };
  }
  const envelope = await buildEnvelope(document, { version, message: options.message, publishedAt: options.now ?? new Date() });
  await writeSnapshot(envelope, options.target);
  output.out(`Published version ${version} (${checksum.slice(0, 19)}…) to ${where}.`);
  if (!options.target.local) {
    // Workers KV is eventually consistent: other locations see a write within about 60 s.
    output.out('Workers KV can take up to about 60 s to reach every location; each Worker then picks it up within its cache TTL.');
  }
  return { code: 0, version };
}
