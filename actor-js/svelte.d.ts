// Type declarations for @actorflow/js/svelte. The types themselves,
// `LiveField` and `LiveState`, are in index.d.ts with the rest of the package.
import type { Json, LiveField, LiveMemoryStateHandle, LiveState } from './index.js';

export type { LiveField, LiveState };

/**
 * `key` of the state behind `handle` as a reactive `{ current }` box, tracked
 * by Svelte 5 through `createSubscriber`: the subscription on the handle
 * starts with the first read inside an effect and stops after the last such
 * effect is destroyed.
 * @throws TypeError when `handle` is not a `LiveMemoryStateHandle` or `key` not a string.
 */
export function liveField<T extends Json | undefined = Json | undefined>(
  handle: LiveMemoryStateHandle,
  key: string,
): LiveField<T>;

/**
 * The state behind `handle` as an object whose properties are its keys,
 * tracked per key as `liveField` is. One subscription per key read, however
 * many effects read it.
 * @throws TypeError when `handle` is not a `LiveMemoryStateHandle`.
 */
export function liveState<T extends { [key: string]: Json | undefined } = { [key: string]: Json | undefined }>(
  handle: LiveMemoryStateHandle,
): LiveState<T>;

