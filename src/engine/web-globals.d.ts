// The engine compiles without DOM, Workers or Node types so that no platform API slips in.
// TextEncoder is the one Web API it uses: every runtime edgeflag targets has it.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
