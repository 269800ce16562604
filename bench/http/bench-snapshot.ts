import type { Miniflare } from 'miniflare';
import { buildEnvelope } from '../../src/cli/publish/build-envelope.ts';
import { validateDocument } from '../../src/schema/index.ts';
import type { SnapshotEnvelope } from '../../src/store/envelope.ts';
import { POINTER_KEY, versionKey } from '../../src/store/keys.ts';
import type { Workload, WorkloadOptions } from '../engine/workload.ts';
import { createWorkload } from '../engine/workload.ts';

/**
 * The seeded workload and its W2 flags as version 1 of a published snapshot. The document is
 * validated first, as `edgeflag publish` would: the Worker refuses a snapshot that does not validate,
 * and would then be fast for the wrong reason.
 *
 * @example const { workload, envelope } = await benchSnapshot({ contexts: 256, flags: 200 }, 'bench:http');
 */
export async function benchSnapshot(options: WorkloadOptions, message: string): Promise<{ workload: Workload; envelope: SnapshotEnvelope }> {
  const workload = createWorkload(options);
  const checked = validateDocument(workload.w2);
  if (!checked.ok) throw new Error(`the bench workload is not a valid flag document: ${JSON.stringify(checked.issues[0])}`);
  const envelope = await buildEnvelope(workload.w2, { version: 1, message, publishedAt: new Date() });
  return { workload, envelope };
}

/** Writes the snapshot into the EDGEFLAG_KV of Worker `workerName` as a publish leaves it: the version, then the pointer. */
export async function seedSnapshot(miniflare: Miniflare, workerName: string, envelope: SnapshotEnvelope): Promise<void> {
  const kv = await miniflare.getKVNamespace('EDGEFLAG_KV', workerName);
  await kv.put(versionKey(envelope.version), JSON.stringify(envelope));
  await kv.put(POINTER_KEY, JSON.stringify({ version: envelope.version, checksum: envelope.checksum }));
}
