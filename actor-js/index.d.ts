// Type declarations for @actorflow/js (both the web and the node entry points).

/**
 * Any JSON-shaped value: what a state key holds. Integers beyond
 * ±(2^53 - 1) arrive as `bigint` (exactly), and a `bigint` within the i64
 * or u64 range is stored as that integer.
 */
export type Json = null | boolean | number | bigint | string | Json[] | { [key: string]: Json };

/**
 * Packet data: JSON-shaped values, plus `Uint8Array` (bytes) and `Error`
 * (an error carried as data). Integers beyond ±(2^53 - 1) arrive as
 * `bigint` (and may be sent as `bigint` within the i64 range).
 */
export type Data = null | boolean | number | bigint | string | Uint8Array | Error | Data[] | { [key: string]: Data };

/**
 * Loads the WebAssembly module. Call once, before using any class; later
 * calls return the same Promise. In Node it resolves at once.
 * @param moduleOrPath (web only) where the `.wasm` file is; by default next to the package's `pkg/web/actor_wasm.js`.
 */
export function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export default init;

/** Unsubscribes; calling it twice is harmless. */
export type Unsubscriber = () => void;

/**
 * A process's state, shared with Rust: the same instance, never a copy.
 * A write on either side is visible to the other as soon as it returns.
 */
export class LiveMemoryStateHandle {
  /** A new, empty state belonging to no process. */
  constructor();
  /**
   * The value at `key` (a hot field reads as its number), or `undefined`.
   * Returns a fresh JS value each time. Each handle caches what it read and
   * checks the state's map version (in wasm memory) first, so a key that did
   * not change is read with no call into wasm.
   */
  get(key: string): Json | undefined;
  /**
   * Sets `key`; notifies its subscribers when the value changed. A plain
   * object or array crosses as `JSON.stringify` text, which Rust parses only
   * when it reads it. Throws for non-JSON values (a function, a symbol, a cycle).
   */
  set(key: string, value: Json): void;
  has(key: string): boolean;
  /** Removes `key`; returns whether it was set. Subscribers get `undefined`. */
  delete(key: string): boolean;
  /** The keys, in insertion order. */
  keys(): string[];
  /** A snapshot of every key and value (used by `JSON.stringify`). */
  toJSON(): { [key: string]: Json };
  /** The value at `key` as JSON text, serialized on every call (the serialising path). */
  getJson(key: string): string | undefined;
  /** Parses `text` and sets `key`. Throws on malformed JSON, with line and column. */
  setJson(key: string, text: string): void;
  /**
   * Low level, under `get`: `null` when `key` was not written since map
   * version `known` (`-1`: none), else its JSON text (a string), or the
   * value built directly when it holds integers beyond 2^53, a hot field's
   * number, or `undefined`.
   */
  readText(key: string, known: number): string | Json | undefined;
  /**
   * Low level, under `set`: sets `key` to the JSON value of `text`, kept as
   * text. Returns the map version at which `key` holds exactly this text,
   * `-1` when it does not (equal value written differently, hot field), `-2`
   * when serde_json refuses the text (nothing changed).
   */
  writeText(key: string, text: string): number;
  /** The value at `key` built directly, property by property (no JSON text). */
  readValue(key: string): Json | undefined;
  /**
   * Sets `key`, converting value by value (the path of `set` for scalars and
   * for what `JSON.stringify` would change). Returns the map version of this
   * write when it was the only map write during the call, else `-1`. Throws
   * for non-JSON values.
   */
  writeValue(key: string, value: unknown): number;
  /** Byte offset in wasm memory of the map version (a little-endian u64 every map write raises). */
  mapVersionLocation(): number;
  /** Low level: a number for `key`, valid for this handle's `...At` methods (the key is copied into wasm once). */
  keyId(key: string): number;
  /** `readText` of the key numbered `id` (see `keyId`). */
  readTextAt(id: number, known: number): string | Json | undefined;
  /** `writeText` of the key numbered `id` (see `keyId`). */
  writeTextAt(id: number, text: string): number;
  /** `writeValue` of the key numbered `id` (see `keyId`). */
  writeValueAt(id: number, value: unknown): number;
  /** Low level: byte offset of this handle's scratch area, made at least `bytes` long (for `TextEncoder.encodeInto`). */
  textScratch(bytes: number): number;
  /** `writeTextAt` with the first `len` bytes of the scratch area (UTF-8) as the text; `-2` if they are not UTF-8. */
  writeScratchAt(id: number, len: number): number;
  /**
   * Calls `callback(value)` after every change of `key`, from JS or Rust:
   * once per change, after the write, outside any lock. `value` is
   * `undefined` after a delete.
   */
  subscribe(key: string, callback: (value: Json | undefined) => void): Unsubscriber;
  /** `key` as a writable Svelte store. */
  store(key: string): StateStore;
  /** Whether `other` is a handle to the same state instance. */
  sameAs(other: LiveMemoryStateHandle): boolean;
  /** How many strong handles (Rust and JS) to this state exist. */
  readonly handleCount: number;
  /**
   * How many `subscribe` callbacks (JS or Rust, stores included) are
   * registered on this state now, for all keys together: a leak check.
   */
  readonly subscriberCount: number;
  /**
   * Declares the hot numeric fields: one `SharedSlotBuffer<f64>` slot each,
   * in this order, all 0. The same list again is a no-op; a different one throws.
   */
  declareHot(names: string[]): void;
  /** The declared hot fields, in slot order. */
  hotFields(): string[];
  isHot(name: string): boolean;
  /** A hot field (read from its slot, no call into wasm), else a JSON number, else `undefined`. */
  getNumber(name: string): number | undefined;
  /** Writes a hot field; returns whether it changed (bitwise). Throws for a non-hot name. */
  setNumber(name: string, value: number): boolean;
  /** The slot index of a hot field, or `undefined`. */
  hotIndex(name: string): number | undefined;
  getNumberAt(index: number): number;
  setNumberAt(index: number, value: number): boolean;
  /** Low level, under `setNumber`: writes slot `index`; returns 1 if it changed, 0 if not, 2 if there is no such slot. */
  hotSet(index: number, value: number): number;
  /** Low level, under `SlotView.commit`: reports raw writes to `count` slots from `first` as one batch; returns how many changed. */
  commitHot(first: number, count: number): number;
  /** After writing through the raw view, tells the reactive graph that `name` changed (unconditionally; prefer `SlotView.commit`). */
  notifyChanged(name: string): void;
  /** `[byteOffset, length]` of the hot-field slots in wasm memory (used by `SlotView`). */
  slotsLocation(): Uint32Array;
  /** A zero-copy view of hot field `name`, or of every hot field. */
  slots(name?: string): SlotView;
  /** Calls `callback()` once per batch of hot-field changes; returns the remover. One per state. */
  onHotChange(callback: () => void): Unsubscriber;
  /** The hot fields changed since the last call, clearing their dirty flags. */
  takeHotChanges(): string[];
  /** Frees the JS wrapper now instead of at garbage collection. */
  free(): void;
}

/**
 * A zero-copy `Float64Array` view of hot fields inside wasm memory. Read
 * through `array` (or `get`): it is re-created whenever wasm memory has
 * grown. A store through `array` is read by everyone at once but reaches
 * the reactive graph (deriveds, effects, repeaters, subscribers) only at
 * `commit()`, as one batch.
 */
export class SlotView {
  private constructor();
  /** The hot field of each element. */
  readonly names: string[];
  readonly length: number;
  readonly array: Float64Array;
  /** Element `i` (default 0) or the element of field `name`. */
  get(i?: number | string): number;
  /** Re-creates the typed array if wasm memory has grown. */
  refresh(): void;
  /**
   * Reports the stores made through the view since the graph last saw these
   * slots, as one batch: each derived, effect and repeater runs once,
   * subscribers once per changed field. Returns how many fields changed.
   */
  commit(): number;
}

/** One state key as a writable store that satisfies the Svelte store contract. */
export class StateStore {
  readonly key: string;
  /** Calls `run` at once with the current value, then after every change; returns the unsubscriber. */
  subscribe(run: (value: Json | undefined) => void): Unsubscriber;
  set(value: Json): void;
  update(updater: (value: Json | undefined) => Json): void;
  /** The current value (not part of the store contract). */
  get(): Json | undefined;
  free(): void;
}

/** One packet of an activation. */
export interface PacketInfo {
  port: string;
  /** The index of an array port, else `undefined`. */
  index?: number;
  type: 'data' | 'openBracket' | 'closeBracket';
  data: Data;
}

/** What a JS actor's `run` receives. */
export class ActorRunContext {
  /** Data received in this activation, by inport name (normally one port). */
  readonly input: { [port: string]: Data };
  /** Every packet of this activation, brackets included. */
  readonly packets: PacketInfo[];
  /** The process's state handle: the same object in every run. */
  readonly state: LiveMemoryStateHandle;
  /** The process's metadata from the graph, or `null`. */
  readonly config: { [key: string]: Json } | null;
  readonly process: string;
  /** The inport that started this activation. */
  readonly trigger: string | undefined;
  /** Queues one packet per named outport, delivered in order when `run` returns or resolves. */
  send(messages: { [port: string]: Data }): void;
  /**
   * Queues one packet of any type, in order with `send`: `type` is `'data'` (the default),
   * `'openBracket'` or `'closeBracket'` (NoFlo bracket IPs, data optional); `index` sends to
   * that index of an array outport only.
   */
  sendPacket(packet: { port: string; type?: 'data' | 'openBracket' | 'closeBracket'; data?: Data; index?: number }): void;
  /** Fails the process with `error`'s message when `run` returns. */
  error(error: unknown): void;
  /** Forwards every change of hot field `field` to outport `port` (a repeater), for the process's life. */
  repeat(field: string, port: string): void;
}

/** The shape of a JS actor. */
export interface Actor {
  inports?: string[];
  outports?: string[];
  /** Called once per packet; a returned Promise is awaited before the next packet. */
  run(context: ActorRunContext): void | Promise<void>;
  /** Called once after every inport has closed (outports still deliver). */
  finish?(context: ActorRunContext): void | Promise<void>;
  /** Assigned once, before the first run. */
  state?: LiveMemoryStateHandle | null;
}

/** A checked JS actor object. */
export class ExternActor {
  /** Throws when `object` is not a valid actor. */
  constructor(object: Actor);
  readonly inports: string[];
  readonly outports: string[];
  readonly object: Actor;
  free(): void;
}

/** Components by name: the standard ones, the `rust/*` ones, and JS ones. */
export class Registry {
  constructor();
  /** Registers a JS component; `factory(config)` makes one actor per process. */
  register(name: string, factory: (config: { [key: string]: Json } | null) => Actor, description?: string): void;
  /**
   * Registers a graph (`.fbp` text) as component `name`: a subgraph whose
   * exported ports are the component's ports; its processes run as
   * `process/inner`. Registered even if it does not validate yet; see `problems`.
   * Throws when the text does not parse.
   */
  registerFbp(name: string, text: string, file?: string): void;
  /** As `registerFbp`, from NoFlo graph JSON text. */
  registerJson(name: string, text: string, file?: string): void;
  /** As `registerFbp`, from a NoFlo graph JSON object. */
  registerGraph(name: string, graph: GraphJson): void;
  /** Whether component `name` is a graph. */
  isGraph(name: string): boolean;
  /** What is wrong with graph component `name` now, one message each; empty when it validates. */
  problems(name: string): string[];
  has(name: string): boolean;
  names(): string[];
  free(): void;
}

/** NoFlo graph JSON. */
export interface GraphJson {
  caseSensitive?: boolean;
  properties?: { [key: string]: Json };
  processes: { [name: string]: { component: string; metadata?: { [key: string]: Json } } };
  connections?: Array<{
    src?: { process: string; port: string; index?: number };
    data?: Json;
    tgt: { process: string; port: string; index?: number };
    metadata?: { [key: string]: Json };
  }>;
  inports?: { [name: string]: { process: string; port: string } };
  outports?: { [name: string]: { process: string; port: string } };
}

/** The outcome of a run. */
export interface RunReport {
  reason: 'completed' | 'quiescent' | 'stopped';
  connections: Array<{ label: string; packets: number }>;
}

/** A network built from a graph. */
export class Network {
  /** `file` names the source in error messages (`file:line:column: ...`). */
  static fromJson(text: string, registry: Registry, file?: string): Network;
  /** Port names, exported ones included, are lowercased (as NoFlo does). */
  static fromFbp(text: string, registry: Registry, file?: string): Network;
  static fromGraph(graph: GraphJson, registry: Registry): Network;
  /** The state of process `name` (the instance the process holds). */
  state(name: string): LiveMemoryStateHandle;
  /** A reader of an exported outport; call before `start()`. */
  outport(name: string): Outport;
  openInports(): string[];
  start(): void;
  /** Sends into an exported inport; resolves once queued. */
  send(port: string, value: Data): Promise<void>;
  closeInport(port: string): boolean;
  /** Closes every exported inport so the network can finish. */
  close(): void;
  stop(): void;
  /** Resolves with the report, or rejects with an Error naming each failed process. */
  wait(): Promise<RunReport>;
  liveProcesses(): string[];
  free(): void;
}

/** The packets of an exported outport. */
export class Outport implements AsyncIterableIterator<Data> {
  readonly name: string;
  /** The next data value, or `undefined` at the end. */
  recv(): Promise<Data | undefined>;
  recvPacket(): Promise<{ type: PacketInfo['type']; data: Data } | undefined>;
  next(): Promise<IteratorResult<Data, undefined>>;
  tryRecv(): Data | undefined;
  onPacket(callback: (value: Data) => void): void;
  [Symbol.asyncIterator](): AsyncIterableIterator<Data>;
  free(): void;
}

// ---------------------------------------------------------------------------
// Svelte 5 runes: the types of `@actorflow/js/svelte` (declared in
// `svelte.d.ts`, which imports these). That entry point imports
// `svelte/reactivity`; the main entry points do not.

/**
 * One state key as a reactive box, from `liveField(handle, key)` of
 * `@actorflow/js/svelte` (like Svelte's `fromStore`). Reading `current`
 * inside an effect, a `$derived` or a template tracks the key: it re-runs
 * on every write, from JS, from Rust actors and from other components.
 * Assigning `current` writes through to the shared state.
 *
 * `T` is what you know the key holds; nothing checks it at run time.
 */
export interface LiveField<T extends Json | undefined = Json | undefined> {
  /** The state key. */
  readonly key: string;
  /**
   * The key's value (`undefined` when not set; a hot field reads through
   * the zero-copy view). Assigning writes the key: a hot field takes a
   * number only (`TypeError` otherwise), other keys JSON-shaped values
   * (an `Error` otherwise); the state is unchanged when it throws.
   */
  current: T;
}

/**
 * The whole state as an object, from `liveState(handle)` of
 * `@actorflow/js/svelte`: each property is a state key (JSON value or hot
 * field), tracked as `LiveField.current` is, and assigning writes through.
 * `delete live.key` deletes the key. A missing key reads as `undefined`.
 * Give `T` the keys you use, for example `liveState<{ count: number }>(h)`.
 */
export type LiveState<T extends { [key: string]: Json | undefined } = { [key: string]: Json | undefined }> = T;
