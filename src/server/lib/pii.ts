import { maskIdNumber, maskPhone } from '../../shared/mask.ts';
import type { Keyring } from './crypto.ts';

/** An encrypted personal-data field: ciphertext, blind index for exact lookup, and the default mask. */
export interface SealedField {
  enc: string;
  bidx: string;
  mask: string;
}

/** Seals a normalised ID number. */
export function sealIdNumber(keys: Keyring, id: string): SealedField {
  return { enc: keys.encrypt(id), bidx: keys.blindIndex('id', id), mask: maskIdNumber(id) };
}

/** Seals a normalised mobile number. */
export function sealPhone(keys: Keyring, phone: string): SealedField {
  return { enc: keys.encrypt(phone), bidx: keys.blindIndex('phone', phone), mask: maskPhone(phone) };
}

/** The blind index of an ID number for lookups. */
export function idNumberIndex(keys: Keyring, id: string): string {
  return keys.blindIndex('id', id);
}

/** The blind index of a phone for lookups. */
export function phoneIndex(keys: Keyring, phone: string): string {
  return keys.blindIndex('phone', phone);
}
