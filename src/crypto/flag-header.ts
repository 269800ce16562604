/**
 * The `x-edgeflag` request header: an RFC 9651 structured-field Dictionary of flag keys to variant
 * names, such as `new-checkout=on, theme=dark, *max*items="10"`. The edge writes it and signs its
 * exact bytes; the origin's verifier reads it back, which is why it lives beside the signature.
 *
 * Dictionary keys are sf-keys (RFC 9651 §3.1.2: `( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" /
 * "." / "*" )`), flag keys are `[A-Za-z0-9][A-Za-z0-9._-]*`. `*` is legal in an sf-key and never in a
 * flag key, so it escapes what an sf-key cannot hold, one-to-one:
 * - an uppercase letter becomes `*` and the letter in lowercase (`newUI` -> `new*u*i`);
 * - a leading digit gets a `*` before it (`2fa` -> `*2fa`).
 * Variant names are sf-tokens when they start with a letter, else sf-strings (`"10"`).
 */

import { KEY_PATTERN } from '../schema/key-pattern.ts';

/** The request header that carries the evaluated flags. */
export const FLAG_HEADER = 'x-edgeflag';

const UPPER_A = 65;
const UPPER_Z = 90;
const LOWER_A = 97;
const LOWER_Z = 122;

function isUpper(code: number): boolean {
  return code >= UPPER_A && code <= UPPER_Z;
}

function isLower(code: number): boolean {
  return code >= LOWER_A && code <= LOWER_Z;
}

/**
 * A flag key as an sf-key.
 *
 * @example encodeFlagKey('newCheckout') // 'new*checkout'
 */
export function encodeFlagKey(flagKey: string): string {
  let encoded = isLower(flagKey.charCodeAt(0)) || isUpper(flagKey.charCodeAt(0)) ? '' : '*';
  for (const character of flagKey) {
    const code = character.charCodeAt(0);
    encoded += isUpper(code) ? `*${character.toLowerCase()}` : character;
  }
  return encoded;
}

/**
 * The flag key an sf-key stands for, or undefined when it is not one `encodeFlagKey` writes.
 *
 * @example decodeFlagKey('*2fa-*login') // '2fa-Login'
 */
export function decodeFlagKey(sfKey: string): string | undefined {
  let decoded = '';
  for (let i = 0; i < sfKey.length; i++) {
    const character = sfKey[i]!;
    if (character !== '*') {
      decoded += character;
      continue;
    }
    const next = sfKey[++i];
    if (next === undefined) return undefined;
    const code = next.charCodeAt(0);
    if (isLower(code)) decoded += next.toUpperCase();
    else if (i === 1 && code >= 48 && code <= 57) decoded += next;
    else return undefined;
  }
  return KEY_PATTERN.test(decoded) ? decoded : undefined;
}

// RFC 9651 §3.3.4: sf-token = ( ALPHA / "*" ) *( tchar / ":" / "/" ).
const SF_TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;

/**
 * A variant name as an sf-token where it is one, else as an sf-string (RFC 9651 §4.1.6).
 *
 * @example encodeVariant('on') // 'on';  encodeVariant('10') // '"10"'
 */
export function encodeVariant(variant: string): string {
  if (SF_TOKEN.test(variant)) return variant;
  return `"${variant.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * One dictionary member, `key=variant`, as the header carries it.
 *
 * @example flagMember('darkMode', 'on') // 'dark*mode=on'
 */
export function flagMember(flagKey: string, variant: string): string {
  return `${encodeFlagKey(flagKey)}=${encodeVariant(variant)}`;
}

/** RFC 9651 §3.2: members are joined with a comma and one space when serialised. */
export const MEMBER_SEPARATOR = ', ';
