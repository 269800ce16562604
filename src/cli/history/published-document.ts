import type { FlagDocument } from '../../engine/index.ts';
import type { SnapshotPointer } from '../../store/envelope.ts';
import { validateDocument } from '../../schema/index.ts';
import { UserError } from '../errors.ts';
import { readEnvelope, readPointer } from '../publish/published-snapshot.ts';
import type { WranglerTarget } from '../wrangler.ts';

/** A published version's document, validated as the Worker would validate it. */
export interface PublishedDocument {
  readonly version: number;
  readonly message: string;
  readonly document: FlagDocument;
}

/**
 * The validated document of `version` (default: the one `snapshot:current` names), or `undefined`
 * when nothing is published. A version that is gone (pruned) or invalid is a user error naming it.
 *
 * @example const published = await readPublishedDocument({ local: true }); // { version: 3, document, … }
 */
export async function readPublishedDocument(
  target: WranglerTarget,
  version?: number,
): Promise<(PublishedDocument & { readonly pointer: SnapshotPointer | undefined }) | undefined> {
  // A version asked for by number is read alongside the pointer: wrangler runs take seconds each.
  const [pointer, early] = await Promise.all([
    readPointer(target),
    version === undefined ? undefined : readEnvelope(version, target),
  ]);
  const wanted = version ?? pointer?.version;
  if (wanted === undefined) return undefined;
  const envelope = version === undefined ? await readEnvelope(wanted, target) : early;
  if (envelope === undefined) {
    throw new UserError(`version ${wanted} is not in KV (never published, or pruned beyond --keep): see edgeflag history`);
  }
  const validated = validateDocument({ segments: envelope.segments, flags: envelope.flags });
  if (!validated.ok) {
    throw new UserError(`version ${wanted} in KV does not validate with this edgeflag (${validated.issues[0]?.message ?? 'invalid'}); publish the files again`);
  }
  return { version: wanted, message: envelope.message, document: validated.document, pointer };
}
